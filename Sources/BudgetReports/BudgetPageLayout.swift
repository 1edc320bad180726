import PlannerCore

/// Lays a budget page out as blocks, in the order and notation of Korean public budget pages:
/// 기본 현황, 예산 총괄, 산출근거, 사업설명, 추진일정, 사업효과, 결산 현황. Sections the plan has
/// nothing for are left out, except the budget itself, and the numbered sections count on without a
/// gap (a plan without 사업효과 numbers its 결산 현황 4, not 5).
public enum BudgetPageLayout {
    public static func blocks(_ page: BudgetPage) -> [PageBlock] {
        let plan = page.plan
        let info = plan.program
        let notation = BudgetNotation(rounding: plan.policies.amounts)
        var blocks: [PageBlock] = [.heading(level: 0, "\(info.name) (\(info.year)년 예산)")]
        var sections = 0
        func section(_ title: String) -> PageBlock {
            sections += 1
            return .heading(level: 1, "\(sections) \(title)")
        }

        // 1 기본 현황
        blocks.append(section("기본 현황"))
        blocks.append(.heading(level: 2, "□ 사업개요"))
        var overview: [[String]] = []
        if let account = info.account { overview.append(["회계", account]) }
        let period = info.period.map { "\($0.start.dotted) ~ \($0.end.dotted)" }
        let term = [info.recurrence, period].compactMap { $0 }.joined(separator: ", ")
        if !term.isEmpty { overview.append(["사업기간", term]) }
        if let division = info.division { overview.append(["사업위치", division]) }
        overview.append(["총사업비", notation.thousandsWithUnit(page.budget.total) + fundingNote(plan.funding, notation)])
        for (index, text) in info.overview.enumerated() { overview.append([index == 0 ? "사업내용" : "", "○ " + text]) }
        if let type = info.executionType { overview.append(["사업형태", type]) }
        if let executor = info.executor { overview.append(["사업시행주체", executor]) }
        if !info.nature.isEmpty { overview.append(["사업 성격", info.nature.joined(separator: ", ")]) }
        blocks.append(.table(PageTable(headers: ["구 분", "내 용"], alignments: [.left, .left], rows: overview)))

        if !info.officers.isEmpty {
            blocks.append(.heading(level: 2, "□ 사업 담당자"))
            let rows = info.officers.map { row in
                [row.bureau ?? info.bureau ?? "", row.division ?? info.division ?? "",
                 contact(row.director), contact(row.teamLead), contact(row.officer)]
            }
            blocks.append(.table(PageTable(headers: ["실·국", "부서명", "과 장", "팀장", "주무관"],
                                           alignments: Array(repeating: .left, count: 5), rows: rows)))
        }

        // 2 예산 설명
        blocks.append(section("예산 설명"))
        blocks.append(.heading(level: 2, "□ 예산 총괄"))
        blocks.append(.table(comparisonTable(page.comparison, notation)))
        blocks.append(.heading(level: 2, "□ 산출근거"))
        blocks.append(.table(calculationTable(page.budget, notation)))

        // 3 사업설명
        var description: [PageBlock] = []
        func part(_ title: String, _ entries: [OutlineEntry]) {
            guard !entries.isEmpty else { return }
            description.append(.heading(level: 2, "□ " + title))
            description.append(.bullets(entries))
        }
        part("사업목적", info.purpose)
        part("사업근거", info.legalBasis)
        part("사업내용", info.content)
        part("추진경위", info.progress)
        part("중점추진사항", info.priorities)
        part("집행절차", info.procedure)
        if !plan.schedule.isEmpty {
            description.append(.heading(level: 2, "□ \(info.year)년도 추진일정"))
            description.append(.table(scheduleTable(plan.schedule, total: page.budget.total, notation)))
        }
        if !description.isEmpty {
            blocks.append(section("사업설명"))
            blocks += description
        }

        // 4 사업효과 (3 when there is no 사업설명)
        var effects: [PageBlock] = []
        if !plan.results.isEmpty {
            effects.append(.heading(level: 2, "□ 최근 3년 추진실적"))
            for year in plan.results {
                let entries = year.entries.map { "  ○ " + $0 }
                effects.append(.paragraph((["\(year.year)년도" + (year.entries.isEmpty ? " : -" : "")] + entries).joined(separator: "\n")))
            }
        }
        if !info.effects.isEmpty {
            effects.append(.heading(level: 2, "□ 향후 기대효과"))
            effects.append(.bullets(info.effects))
        }
        if !effects.isEmpty {
            blocks.append(section("사업효과"))
            blocks += effects
        }

        // 5 결산 (or the next number after the sections the plan has)
        blocks.append(section("최근 3년 결산 현황"))
        if plan.settlement.isEmpty {
            blocks.append(.paragraph("결산 자료 없음"))
        } else {
            blocks.append(.table(settlementTable(plan.settlement, notation)))
        }
        return blocks
    }

    static func contact(_ contact: Contact?) -> String {
        guard let contact else { return "" }
        return [contact.name, contact.phone].compactMap { $0 }.joined(separator: " ")
    }

    static func fundingNote(_ funding: Funding?, _ notation: BudgetNotation) -> String {
        guard let funding else { return "" }
        var parts: [String] = []
        if let v = funding.national { parts.append("국비 " + notation.thousandsWithUnit(v)) }
        if let v = funding.city { parts.append("시비 " + notation.thousandsWithUnit(v)) }
        if let v = funding.district { parts.append("구비 " + notation.thousandsWithUnit(v)) }
        if let v = funding.other { parts.append("기타 " + notation.thousandsWithUnit(v)) }
        if let rate = funding.subsidyRate { parts.append("보조율 \(rate)%") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    /// 구 분 | [earlier years] | (A) | (B) | 증감 (B-A) | (B-A)*100/A, in 천원.
    static func comparisonTable(_ comparison: Comparison, _ notation: BudgetNotation) -> PageTable {
        var headers = ["구 분"] + comparison.earlierYears.map { "\($0)년 예산액" }
        if let previous = comparison.previousYear { headers.append("\(previous)년 예산액(A)") }
        headers += ["\(comparison.currentYear)년 예산액(B)", "증감(B-A)", "(B-A)*100/A"]
        let rows = comparison.rows.map { row -> [String] in
            var cells = [row.name] + row.earlier.map { $0.map(notation.thousands) ?? "" }
            if comparison.previousYear != nil { cells.append(row.previous.map(notation.thousands) ?? "") }
            cells.append(notation.thousands(row.current))
            cells.append(row.change.map(notation.signedThousands) ?? "")
            cells.append(row.percent.map(MoneyFormat.signed) ?? "")
            return cells
        }
        return PageTable(unitNote: "(단위 : 천원, %)", headers: headers,
                         alignments: [.left] + Array(repeating: .right, count: headers.count - 1), rows: rows)
    }

    /// 과목구분 | 세부 산출내역, one row per category, item and line, in the notation of the pages.
    static func calculationTable(_ budget: PricedBudget, _ notation: BudgetNotation) -> PageTable {
        var rows: [[String]] = []
        for category in budget.categories {
            let heading = [category.category.code, category.category.name].compactMap { $0 }.joined(separator: " ")
            rows.append([heading, "계 = " + notation.thousandsWithUnit(category.total)])
            for item in category.items {
                rows.append(["", notation.item(item)])
                for line in item.lines {
                    rows.append(["", notation.line(line)])
                    for detail in line.details { rows.append(["", notation.detail(detail)]) }
                }
            }
        }
        rows.append(["합 계", notation.thousandsWithUnit(budget.total)])
        return PageTable(unitNote: nil, headers: ["과목구분", "세부 산출내역"], alignments: [.left, .left], rows: rows)
    }

    static func scheduleTable(_ schedule: [ScheduleRow], total: Won, _ notation: BudgetNotation) -> PageTable {
        var rows = [["계", "", notation.thousands(total), ""]]
        rows += schedule.map { [$0.step, $0.period, $0.amount.map(notation.thousands) ?? "", $0.detail ?? ""] }
        return PageTable(unitNote: "(단위 : 천원)", headers: ["사업추진절차", "추진기간", "예산집행금액", "추진세부내용"],
                         alignments: [.left, .left, .right, .left], rows: rows)
    }

    static func settlementTable(_ entries: [SettlementEntry], _ notation: BudgetNotation) -> PageTable {
        let rows = entries.map { entry -> [String] in
            let figures = [entry.finalBudget, entry.carriedIn, entry.adjustment, entry.available ?? .zero, entry.spent, entry.carriedOut, entry.unspent ?? .zero]
            return [String(entry.year)] + figures.map(notation.signedThousands)
        }
        return PageTable(unitNote: "(단위 : 천원)", headers: ["연도", "최종예산", "전년이월", "예산변경", "예산현액", "집행액", "차년이월", "집행잔액"],
                         alignments: [.left] + Array(repeating: .right, count: 7), rows: rows)
    }
}

/// The notation of amounts and lines on a page, with the plan's rounding rule for 천원.
public struct BudgetNotation: Sendable {
    public let rounding: RoundingRule

    public init(rounding: RoundingRule) { self.rounding = rounding }

    /// `13,500` — an amount in 천원 without the unit, for tables headed `(단위 : 천원)`.
    public func thousands(_ amount: Won) -> String { MoneyFormat.grouped(rounding.thousands(of: amount)) }

    /// `△182,100` for a decrease.
    public func signedThousands(_ amount: Won) -> String { MoneyFormat.signed(rounding.thousands(of: amount)) }

    /// `13,500천원`.
    public func thousandsWithUnit(_ amount: Won) -> String { thousands(amount) + "천원" }

    /// `- 자문회의 참석수당 150,000원*15인*6회 = 13,500천원`.
    public func line(_ line: PricedLine) -> String {
        "  - \(line.line.name) \(line.line.formula) = \(thousandsWithUnit(line.budgeted))"
    }

    /// `    · 해외연사 사례비 4,050,000원*4인 = 16,200천원`, under its roll-up line.
    public func detail(_ line: PricedLine) -> String {
        "    · \(line.line.name) \(line.line.formula) = \(thousandsWithUnit(line.budgeted))"
    }

    /// `○ 시 대표 SNS 운영 = 280,000천원`, or `○ … 2,700,000원 = 2,700천원` for an item that is one amount.
    public func item(_ item: PricedItem) -> String {
        let own = item.exactOwnAmount.map { " " + MoneyFormat.won($0) } ?? ""
        return "○ \(item.item.name)\(own) = \(thousandsWithUnit(item.total))"
    }
}
