import PlannerCore

/// The budget page for scripts. Every amount is an integer in won; keys are stable.
///
/// Lines carry `amount` (unit price × factors, exact) and `budgeted` (rounded once to whole 천원,
/// still in won); item, category and plan totals are sums of `budgeted`. Comparison and settlement
/// figures are the published 천원 figures in won.
public enum BudgetJSON {
    public static func render(_ page: BudgetPage) -> String { value(page).serialized() }

    public static func value(_ page: BudgetPage) -> JSONValue {
        let plan = page.plan, info = plan.program
        var object: [(String, JSONValue)] = [
            ("program", .string(info.name)),
            ("year", .int(Int64(info.year))),
            ("division", .optional(info.division)),
            ("bureau", .optional(info.bureau)),
            ("period", info.period.map { .object([("start", .string($0.start.description)), ("end", .string($0.end.description))]) } ?? .null),
            ("policy", .object([("rounding", .string(plan.policies.amounts.rawValue)), ("percent", .string(plan.policies.percent.rawValue))])),
            ("total", .int(page.budget.total.value)),
            ("categories", .array(page.budget.categories.map(category))),
            ("comparison", comparison(page.comparison)),
            ("settlement", .array(plan.settlement.map(settlement))),
            ("schedule", .array(plan.schedule.map(schedule))),
            ("events", .array(plan.events.map(event))),
            ("findings", .array(page.findings.map(finding))),
        ]
        if let funding = plan.funding {
            object.insert(("funding", .object([
                ("national", .optional(funding.national?.value)), ("city", .optional(funding.city?.value)),
                ("district", .optional(funding.district?.value)), ("other", .optional(funding.other?.value)),
                ("subsidyRate", .optional(funding.subsidyRate.map(Int64.init))),
            ])), at: 7)
        }
        return .object(object)
    }

    static func category(_ category: PricedCategory) -> JSONValue {
        .object([
            ("code", .optional(category.category.code)),
            ("name", .string(category.category.name)),
            ("total", .int(category.total.value)),
            ("items", .array(category.items.map(item))),
        ])
    }

    static func item(_ item: PricedItem) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("name", .string(item.item.name)), ("total", .int(item.total.value))]
        if let own = item.exactOwnAmount { pairs.append(("amount", .int(own.value))) }
        pairs.append(("lines", .array(item.lines.map(line))))
        return .object(pairs)
    }

    static func line(_ line: PricedLine) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(line.line.name)),
            ("unitPrice", .int(line.line.unitPrice.value)),
            ("factors", .array(line.line.factors.map { factor in
                var pairs: [(String, JSONValue)] = [("count", .int(factor.count)), ("unit", .string(factor.unit))]
                if let rate = factor.rate { pairs.append(("rate", .string(rate))) }
                return .object(pairs)
            })),
            ("formula", .string(line.line.formula)),
            ("amount", .int(line.exact.value)),
            ("budgeted", .int(line.budgeted.value)),
            ("payee", .string(payee(line.line.payee))),
        ]
        if let origin = line.line.origin {
            pairs.append(("kind", .string(origin.kind.rawValue)))
            pairs.append(("event", .string(origin.id)))
        }
        if !line.details.isEmpty { pairs.append(("details", .array(line.details.map(Self.line)))) }
        return .object(pairs)
    }

    /// `vendor` for procurement, or the payable role (`lecturer`, `allowance`, …) for honoraria.
    static func payee(_ payee: Payee) -> String { payee.role?.rawValue ?? "vendor" }

    static func event(_ event: PlannedEvent) -> JSONValue {
        .object([
            ("id", .string(event.origin.id)),
            ("name", .string(event.origin.name)),
            ("kind", .string(event.origin.kind.rawValue)),
            ("sessions", .array(event.sessions.map { session in
                .object([
                    ("id", .string(session.id)),
                    ("number", .int(Int64(session.number))),
                    ("title", .optional(session.title)),
                    ("date", .optional(session.date?.description)),
                    ("headcount", .optional(session.headcount.map(Int64.init))),
                    ("payableRoles", .array(session.payableRoles.map { .string($0.rawValue) })),
                    ("fees", .object(session.payableRoles.compactMap { role in session.fees[role].map { (role.rawValue, .int($0.value)) } })),
                ])
            })),
        ])
    }

    static func comparison(_ comparison: Comparison) -> JSONValue {
        .object([
            ("previousYear", .optional(comparison.previousYear.map(Int64.init))),
            ("currentYear", .int(Int64(comparison.currentYear))),
            ("percentPolicy", .string(comparison.percentRule.rawValue)),
            ("rows", .array(comparison.rows.map { row in
                var pairs: [(String, JSONValue)] = [
                    ("name", .string(row.name)),
                    ("previous", .optional(row.previous?.value)),
                    ("current", .int(row.current.value)),
                    ("change", .optional(row.change?.value)),
                    ("percent", .optional(row.percent)),
                ]
                if !comparison.earlierYears.isEmpty {
                    pairs.append(("earlier", .array(zip(comparison.earlierYears, row.earlier).map { year, amount in
                        .object([("year", .int(Int64(year))), ("amount", .optional(amount?.value))])
                    })))
                }
                return .object(pairs)
            })),
        ])
    }

    public static func settlement(_ entry: SettlementEntry) -> JSONValue {
        .object([
            ("year", .int(Int64(entry.year))),
            ("finalBudget", .int(entry.finalBudget.value)),
            ("carriedIn", .int(entry.carriedIn.value)),
            ("adjustment", .int(entry.adjustment.value)),
            ("available", .optional(entry.available?.value)),
            ("spent", .int(entry.spent.value)),
            ("carriedOut", .int(entry.carriedOut.value)),
            ("unspent", .optional(entry.unspent?.value)),
            ("executionRateBasisPoints", .optional(entry.executionRateBasisPoints)),
        ])
    }

    static func schedule(_ row: ScheduleRow) -> JSONValue {
        .object([("step", .string(row.step)), ("period", .string(row.period)), ("amount", .optional(row.amount?.value)), ("detail", .optional(row.detail))])
    }

    static func finding(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)),
            ("location", .optional(diagnostic.location?.description)),
            ("path", .string(diagnostic.path)),
            ("message", .string(diagnostic.message)),
            ("hint", .optional(diagnostic.hint)),
        ])
    }
}
