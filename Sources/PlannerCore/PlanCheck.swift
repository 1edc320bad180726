/// Every arithmetic and consistency finding about a plan, and the page built from it.
///
/// Errors make the plan unusable (a declared amount that disagrees with its formula, a settlement
/// whose identities don't hold); warnings are things a person should look at but that a faithful
/// page reproduces as published (a previous year whose categories don't add up to its total).
public struct BudgetPage: Sendable {
    public let plan: Plan
    public let budget: PricedBudget
    public let comparison: Comparison
    /// Everything `planner check` would report about the plan, in file order.
    public let findings: [Diagnostic]

    /// Prices the plan and checks it. Returns no page when an amount overflows; otherwise the page
    /// and every finding, errors included, so that callers decide whether to render.
    public static func build(_ plan: Plan) -> (page: BudgetPage?, findings: [Diagnostic]) {
        let (priced, pricingErrors) = BudgetPricing.price(plan.categories, rounding: plan.policies.amounts)
        guard let priced else { return (nil, pricingErrors.sortedBySource()) }
        var findings: [Diagnostic] = []
        findings += PlanCheck.declaredAmounts(priced, plan: plan)
        findings += PlanCheck.history(plan)
        findings += PlanCheck.schedule(plan, total: priced.total)
        findings += PlanCheck.funding(plan, total: priced.total)
        findings += PlanCheck.splitPurchases(priced, plan: plan)
        findings += SettlementCheck.check(plan.settlement)
        findings = findings.sortedBySource()
        let comparison = Comparison.build(history: plan.history, current: priced, year: plan.program.year, percent: plan.policies.percent)
        return (BudgetPage(plan: plan, budget: priced, comparison: comparison, findings: findings), findings)
    }
}

/// The individual checks. Each returns its findings; none stops at the first.
public enum PlanCheck {
    /// `13,500천원`, or the won amount when it is not a whole number of thousands.
    static func shown(_ amount: Won) -> String { SettlementCheck.thousands(amount) }

    /// |a − b| in 천원 (or 원), without overflow whatever the two amounts are.
    static func difference(_ a: Won, _ b: Won) -> String {
        let size = a.value >= b.value ? UInt64(bitPattern: a.value &- b.value) : UInt64(bitPattern: b.value &- a.value)
        return size % UInt64(Won.thousand) == 0
            ? MoneyFormat.grouped(magnitude: size / UInt64(Won.thousand)) + "천원"
            : MoneyFormat.grouped(magnitude: size) + "원"
    }

    /// Declared amounts (as printed in a source document) against the computed ones.
    public static func declaredAmounts(_ budget: PricedBudget, plan: Plan) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for category in budget.categories {
            for item in category.items {
                for line in item.lines {
                    guard let declared = line.line.declared, declared != line.exact, declared != line.budgeted else { continue }
                    findings.append(.error(at: line.line.declaredSource ?? line.line.source, path: line.line.path + ".declared",
                        "declared \(shown(declared)) but \(line.line.formula) = \(shown(line.budgeted))",
                        hint: "fix the formula or the declared amount; they differ by \(difference(declared, line.budgeted))"))
                }
                if let declared = item.item.declared, declared != item.total, declared != item.exactOwnAmount {
                    let what = item.item.ownAmount == nil ? "its lines add up to" : "its amount is"
                    findings.append(.error(at: item.item.declaredSource ?? item.item.source, path: item.item.path + ".declared",
                        "declared \(shown(declared)) but \(what) \(shown(item.total))",
                        hint: "they differ by \(difference(declared, item.total))"))
                }
            }
            if let declared = category.category.declared, declared != category.total {
                findings.append(.error(at: category.category.declaredSource ?? category.category.source, path: category.category.path + ".declared",
                    "declared \(shown(declared)) but the items of \(category.category.name) add up to \(shown(category.total))",
                    hint: "they differ by \(difference(declared, category.total))"))
            }
        }
        if let declared = plan.declaredTotal, declared.value != budget.total {
            findings.append(.error(at: declared.location, path: "total",
                "declared \(shown(declared.value)) but the categories add up to \(shown(budget.total))",
                hint: "they differ by \(difference(declared.value, budget.total))"))
        }
        return findings
    }

    /// Published earlier years: totals that don't match their categories, years after the plan's.
    public static func history(_ plan: Plan) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var years: Set<Int> = []
        for (index, budget) in plan.history.enumerated() {
            if !years.insert(budget.year).inserted {
                findings.append(.error(at: budget.source, path: "history[\(index)]", "the budget of \(budget.year) is given twice in history"))
            }
            if budget.year >= plan.program.year {
                findings.append(.error(at: budget.source, path: "history[\(index)]", "history holds \(budget.year), which is not before the plan's year \(plan.program.year)"))
            }
            let currentNames = plan.categories.map(\.name)
            for figure in budget.categories where !currentNames.contains(figure.category) {
                guard let close = Suggestion.closest(to: figure.category, among: currentNames) else { continue }
                findings.append(.warning(at: figure.source, path: "history[\(index)].categories",
                    "the \(budget.year) category \(Redaction.quoted(figure.category)) matches no category of \(plan.program.year), so it is compared as dropped",
                    hint: "did you mean \"\(close)\"?"))
            }
            guard let total = budget.total, !budget.categories.isEmpty,
                  let sum = budget.categories.map(\.amount).checkedSum(), sum != total else { continue }
            findings.append(.warning(at: budget.totalSource ?? budget.source, path: "history[\(index)].total",
                "the published \(budget.year) total (\(shown(total))) differs from its categories' sum (\(shown(sum))) by \(difference(total, sum))",
                hint: "the page is reproduced as published; the comparison's 계 row uses \(shown(total))"))
        }
        return findings
    }

    /// The schedule's amounts should add up to the budget when the schedule gives amounts at all.
    public static func schedule(_ plan: Plan, total: Won) -> [Diagnostic] {
        let amounts = plan.schedule.compactMap(\.amount)
        guard !amounts.isEmpty, let sum = amounts.checkedSum(), sum != total else { return [] }
        return [.warning(at: plan.schedule.first?.source, path: "schedule",
            "the schedule's amounts add up to \(shown(sum)) but the budget is \(shown(total))",
            hint: "they differ by \(difference(sum, total))")]
    }

    /// An event's vendor lines without a package that would each be a contract of one quotation while
    /// together they are over the one-quotation limit: one purchase split to stay under it (분할계약).
    ///
    /// Only lines of purchase classes count (`Plan.purchaseClasses`), each by its 추정가격 (amount −
    /// ⌊amount / 11⌋) against `Plan.contractThresholds.singleQuotationLimit`. One warning per event, at the
    /// event's line.
    public static func splitPurchases(_ budget: PricedBudget, plan: Plan) -> [Diagnostic] {
        let limit = plan.contractThresholds.singleQuotationLimit
        var order: [EventOrigin] = []
        var small: [EventOrigin: [PaidLine]] = [:]
        for paid in budget.paidLines where paid.priced.line.payee == .vendor && paid.package == nil {
            guard let origin = paid.origin, plan.purchaseClasses.includes(paid.category.category.code),
                  VAT.estimatedPrice(paid.priced.budgeted) <= limit else { continue }
            if small[origin] == nil { order.append(origin) }
            small[origin, default: []].append(paid)
        }
        return order.compactMap { origin in
            let lines = small[origin] ?? []
            guard lines.count >= 2, let sum = lines.map({ VAT.estimatedPrice($0.priced.budgeted) }).checkedSum(), sum > limit else { return nil }
            let event = plan.events.first { $0.origin.id == origin.id }
            return .warning(at: event?.source ?? lines.first?.source, path: event?.path ?? lines.first?.path ?? "",
                "expected the vendor lines of \(origin.name) in one contract, found \(lines.count) lines without a package, "
                    + "each within the one-quotation limit of \(MoneyFormat.won(limit)) (추정가격) but \(MoneyFormat.won(sum)) together",
                hint: "add package: to the event to buy them in one contract; splitting one purchase to stay under a quotation limit "
                    + "(분할계약) is not allowed (지방계약법 시행령 제77조, 지방자치단체 입찰 및 계약 집행기준)")
        }
    }

    /// The funding sources must add up to the program's total.
    public static func funding(_ plan: Plan, total: Won) -> [Diagnostic] {
        guard let funding = plan.funding else { return [] }
        if let rate = funding.subsidyRate, !(0...100).contains(rate) {
            return [.error(at: funding.source, path: "funding.subsidyRate", "expected a subsidy rate from 0 to 100 percent, got \(rate)")]
        }
        guard let sum = funding.sum, sum != total else { return [] }
        return [.error(at: funding.source, path: "funding",
            "the funding sources add up to \(shown(sum)) but the budget is \(shown(total))",
            hint: "they differ by \(difference(sum, total))")]
    }
}
