import BudgetReports
import PlannerCore
import Testing

/// The numbered sections of a budget page (1 기본 현황 … 최근 3년 결산 현황) count on without a gap
/// when a plan has nothing for a section: the section is left out and the next takes its number.
@Suite("Budget page section numbers")
struct SectionNumberTests {
    static func sections(_ page: BudgetPage) -> [String] {
        BudgetPageLayout.blocks(page).compactMap { block in
            if case .heading(1, let text) = block { return text }
            return nil
        }
    }

    static func page(_ plan: Plan) throws -> BudgetPage {
        try #require(BudgetPage.build(plan).page)
    }

    static let budget = [BudgetCategory(name: "사무관리비", items: [BudgetItem(name: "자문회의", ownAmount: Won(1_000_000))])]

    @Test("a plan with a description but no effects: the settlement is section 4")
    func noEffects() throws {
        let plan = Plan(program: ProgramInfo(name: "x", year: 2026, purpose: [OutlineEntry("정책 자문")]), categories: Self.budget)
        #expect(Self.sections(try Self.page(plan)) == ["1 기본 현황", "2 예산 설명", "3 사업설명", "4 최근 3년 결산 현황"])
    }

    @Test("a plan with effects but no description: 사업효과 is section 3")
    func noDescription() throws {
        let plan = Plan(program: ProgramInfo(name: "x", year: 2026), categories: Self.budget,
                        results: [YearResults(year: 2025, entries: ["자문회의 6회"])])
        #expect(Self.sections(try Self.page(plan)) == ["1 기본 현황", "2 예산 설명", "3 사업효과", "4 최근 3년 결산 현황"])
    }

    @Test("a plan with neither: the settlement is section 3")
    func neither() throws {
        let plan = Plan(program: ProgramInfo(name: "x", year: 2026), categories: Self.budget)
        #expect(Self.sections(try Self.page(plan)) == ["1 기본 현황", "2 예산 설명", "3 최근 3년 결산 현황"])
    }

    @Test("every plan in Events/ numbers its sections 1, 2, 3 … without a gap",
          arguments: ["social-city-2017", "sns-communication-2021", "advisory-committee-2026", "staff-sns-education-2026",
                      "influencer-fam-tour-2026", "seoul-social-conference-2026"])
    func examplePlans(_ name: String) throws {
        let sections = Self.sections(try Fixtures.page(name))
        #expect(sections.map { $0.prefix { $0 != " " } } == (1...sections.count).map { Substring(String($0)) })
        #expect(sections.first == "1 기본 현황" && sections.last?.hasSuffix(" 최근 3년 결산 현황") == true)
    }

    @Test("the reference plans keep the page's five sections, as printed on the reference pages")
    func referencePlans() throws {
        for name in ["social-city-2017", "sns-communication-2021"] {
            #expect(Self.sections(try Fixtures.page(name)) == ["1 기본 현황", "2 예산 설명", "3 사업설명", "4 사업효과", "5 최근 3년 결산 현황"])
        }
    }
}
