import Foundation
import PlanFiles
import PlannerCore
import Testing

/// The plan keys procurement reads: `authorityCode:`, `procurement.purchaseClasses:`, and `rates:`
/// written into the plan (as `planner roll` does) instead of named by path.
@Suite("Plan keys for procurement and rates")
struct ProcurementKeysTests {
    static let base = """
        program: 시험 사업
        year: 2026
        categories:
          - code: 201-01
            name: 사무관리비
            items:
              - name: 자문위원회 운영
                lines:
                  - kind: advisory
                    name: 자문위원회
                    members: 2
                    meetings: 2
                    operatingCost: standard
        """

    @Test("authorityCode is the authority's seven-digit 기관코드")
    func authorityCode() throws {
        let (plan, findings) = PlanReader.read("authorityCode: \"6110000\"\n" + Self.base.replacingOccurrences(of: "operatingCost: standard", with: "allowance: 150,000원"),
                                               file: "plan.yaml")
        #expect(findings.isEmpty, "\(findings.map(\.headline))")
        #expect(try #require(plan).program.authorityCode == "6110000")
    }

    @Test("an authorityCode that is not seven digits is an error at its value", arguments: ["611000", "6110000a", "서울특별시"])
    func badAuthorityCode(code: String) throws {
        let (_, findings) = PlanReader.read("authorityCode: \(code)\n" + Self.base, file: "plan.yaml")
        let error = try #require(findings.first { $0.path == "authorityCode" })
        #expect(error.headline == "error: plan.yaml:1:16: authorityCode: expected the authority's 기관코드 (행정표준코드) as seven digits like 6110000, got \"\(code)\"")
        #expect(error.hint == "leave it out when the authority has none; requests for quotation then name the buyer only")
    }

    @Test("procurement.purchaseClasses replaces the standard list; a code that is not one is an error")
    func purchaseClasses() throws {
        let (plan, findings) = PlanReader.read(Self.base + "\nprocurement:\n  purchaseClasses: [201, 206-01]\n", file: "plan.yaml", rates: { _ in (Self.table, []) })
        #expect(!findings.hasErrors, "\(findings.map(\.headline))")
        #expect(try #require(plan).purchaseClasses == PurchaseClasses(codes: ["201", "206-01"]))
        let (_, bad) = PlanReader.read(Self.base + "\nprocurement:\n  purchaseClasses: [201, 사무관리비]\n", file: "plan.yaml", rates: { _ in (Self.table, []) })
        #expect(bad.map(\.headline) == ["error: plan.yaml:15:26: procurement.purchaseClasses[1]: expected a budget class code like 201 or 203-02, got \"사무관리비\""])
    }

    static let table = RateTable(entries: [
        .init(key: "committee.operating", amount: Won(10_000), from: CalendarDate(year: 2016, month: 1, day: 1)!, basis: "기준"),
        .init(key: "committee.allowance", amount: Won(150_000), from: CalendarDate(year: 2016, month: 1, day: 1)!),
    ], file: "rates.yaml")

    @Test("rates: written in the plan prices its events without any rate table beside it, and the rates it used are noted")
    func inlineRates() throws {
        let text = Self.base + """

            rates:
              effective:
                - from: 2024-01-01
                  basis: 시험 기준
                  rates:
                    committee.allowance: 200,000원
                    committee.operating: 15,000원
            """
        // A plan with its own rates never looks for a rate table: this finder would be an error.
        let (read, findings) = PlanReader.read(text, file: "plan.yaml", rates: { _ in (nil, [.error(at: nil, "looked for a rate table")]) })
        #expect(findings.isEmpty, "\(findings.map(\.headline))")
        let plan = try #require(read)
        let lines = try #require(BudgetPage.build(plan).page).budget.categories[0].items[0].lines
        #expect(lines.map(\.line.formula) == ["200,000원*2인*2회", "15,000원*2명*2회"])
        #expect(plan.rates?.keys == ["committee.allowance", "committee.operating"])
        #expect(plan.rates?.table.file == "the rates: of plan.yaml")
    }

    @Test("a rate the plan's own rates: lack is an error naming them")
    func inlineRatesMissing() throws {
        let text = Self.base + "\nrates:\n  effective:\n    - from: 2024-01-01\n      rates:\n        committee.operating: 15,000원\n"
        let (_, findings) = PlanReader.read(text, file: "plan.yaml")
        #expect(findings.map(\.headline) == ["error: plan.yaml:9:13: categories[0].items[0].lines[0].allowance: the committee allowance (참석수당) has no rate: the rates: of plan.yaml has no committee.allowance"])
    }
}
