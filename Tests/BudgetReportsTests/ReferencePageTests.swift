import BudgetReports
import Foundation
import PlannerCore
import Testing

/// Checks the planner's pages against the reference documents themselves (not against our own
/// golden files): every formula, amount, comparison row and settlement row printed on the page must
/// come out of the plan. Needs `../shared/reference/` (or `PLANNER_SHARED`); a user's clone has none,
/// and these tests then say they were skipped.
@Suite("Reference documents", .enabled(if: Fixtures.referenceAvailable,
                                       "the reference documents are not here: ../shared/reference is not beside this clone (set PLANNER_SHARED to point at it)"))
struct ReferencePageTests {
    struct Case: Sendable, CustomStringConvertible {
        let plan: String
        let reference: String
        /// Where the calculation basis starts and ends on the page.
        let basisStart: String, basisEnd: String
        var description: String { plan }
    }

    static let cases = [
        Case(plan: "social-city-2017", reference: "000_ca13da2687c4299f.txt", basisStart: "□ 예산 요구내역 및 산출근거", basisEnd: "3 사업설명"),
        Case(plan: "sns-communication-2021", reference: "001_38ba539b69dbdf40.txt", basisStart: "□ 산출근거", basisEnd: "3 사업설명"),
    ]

    static func section(_ text: String, from start: String, to end: String) throws -> String {
        let from = try #require(text.range(of: start), "the reference has no \(start)")
        let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex), "the reference has no \(end) after \(start)")
        return String(text[from.upperBound..<to.lowerBound])
    }

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: text).map { String(text[$0]) }
        }
    }

    static func sortedCounts(_ list: [String]) -> [String: Int] { list.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

    @Test("every formula of the calculation basis is reproduced, and nothing else", arguments: cases)
    func formulas(_ c: Case) throws {
        let basis = try Self.section(try Fixtures.reference(c.reference), from: c.basisStart, to: c.basisEnd)
        // `150,000원*15인*6회`, `10,400,000원`: a won amount with its factors.
        let printed = try Self.matches(#"([0-9][0-9,]*원(?:\*[^\s=*|]+)*)"#, in: basis)
        let page = try Fixtures.page(c.plan)
        var ours = page.budget.categories.flatMap(\.items).flatMap(\.lines).map(\.line.formula)
        // Items are printed with their amount in won on the 2017 page (`○ … 20,000,000원 = 20,000천원`).
        let itemWon = page.budget.categories.flatMap(\.items).map { MoneyFormat.won($0.exactOwnAmount ?? $0.total) }
        let printedCounts = Self.sortedCounts(printed)
        for formula in itemWon where printedCounts[formula, default: 0] > ours.filter({ $0 == formula }).count {
            ours.append(formula)
        }
        #expect(Self.sortedCounts(ours) == printedCounts)
    }

    @Test("every 천원 amount of the calculation basis is reproduced", arguments: cases)
    func amounts(_ c: Case) throws {
        let basis = try Self.section(try Fixtures.reference(c.reference), from: c.basisStart, to: c.basisEnd)
        let printed = try Self.matches(#"=\s*([0-9][0-9,]*)천원"#, in: basis)
        let page = try Fixtures.page(c.plan)
        let notation = BudgetNotation(rounding: page.plan.policies.amounts)
        let items = page.budget.categories.flatMap(\.items)
        let ours = items.map { notation.thousands($0.total) } + items.flatMap(\.lines).map { notation.thousands($0.budgeted) }
        #expect(Self.sortedCounts(ours) == Self.sortedCounts(printed))
    }

    @Test("the summary table (예산 총괄) is reproduced row by row", arguments: cases)
    func comparison(_ c: Case) throws {
        let table = try Self.section(try Fixtures.reference(c.reference), from: "예산 총괄", to: "산출근거")
        let page = try Fixtures.page(c.plan)
        let notation = BudgetNotation(rounding: page.plan.policies.amounts)
        var checked = 0
        for line in table.split(separator: "\n") {
            let cells = line.replacingOccurrences(of: "(x-)", with: "").split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = cells.first?.replacingOccurrences(of: " ", with: ""),
                  let row = page.comparison.rows.first(where: { $0.name.replacingOccurrences(of: " ", with: "") == name }) else { continue }
            let figures = cells.dropFirst().filter { !$0.isEmpty }
            let ours = [row.previous.map(notation.thousands), notation.thousands(row.current),
                        row.change.map(notation.signedThousands), row.percent.map(MoneyFormat.signed)].compactMap { $0 }
            #expect(Array(figures) == ours, "row \(name)")
            checked += 1
        }
        #expect(checked == page.comparison.rows.count, "every row of ours appears on the page")
    }

    @Test("the settlement table is reproduced row by row")
    func settlement() throws {
        let page001 = try Fixtures.reference("001_38ba539b69dbdf40.txt")
        let text = String(page001[try #require(page001.range(of: "결산 현황")).upperBound...])
        let page = try Fixtures.page("sns-communication-2021")
        let notation = BudgetNotation(rounding: page.plan.policies.amounts)
        let rows = text.split(separator: "\n").filter { $0.range(of: #"^20[0-9]{2}\t"#, options: .regularExpression) != nil }
        #expect(rows.count == 3)
        for row in rows {
            let cells = row.replacingOccurrences(of: "(x-)", with: "").split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            let entry = try #require(page.plan.settlement.first { String($0.year) == cells[0] })
            let ours = [entry.finalBudget, entry.carriedIn, entry.adjustment, try #require(entry.available), entry.spent,
                        entry.carriedOut, try #require(entry.unspent)].map(notation.signedThousands)
            #expect(Array(cells.dropFirst()) == ours, "settlement \(cells[0])")
        }
    }

    @Test("the program's total (총사업비) is the page's", arguments: cases)
    func total(_ c: Case) throws {
        let text = try Fixtures.reference(c.reference)
        let page = try Fixtures.page(c.plan)
        let total = BudgetNotation(rounding: page.plan.policies.amounts).thousandsWithUnit(page.budget.total)
        #expect(text.contains(total))
        #expect(page.plan.declaredTotal?.value == page.budget.total)
    }
}
