import Testing
@testable import PlannerCore

@Suite("PlanCheck")
struct PlanCheckTests {
    static func price(_ plan: Plan) throws -> PricedBudget {
        try #require(BudgetPricing.price(plan.categories, rounding: plan.policies.amounts).0)
    }

    @Test func declaredAmountsThatDisagree() throws {
        // Given a 2017 plan whose printed amounts are wrong at every level,
        let plan = Plan(
            program: ProgramInfo(name: "소셜특별시 프로젝트 추진", year: 2017),
            categories: [
                BudgetCategory(name: "사무관리비", items: [
                    BudgetItem(name: "소셜미디어 활성화를 위한 민간 네트워크 구축", lines: [
                        CostLine(name: "자문회의 참석수당", unitPrice: Won(150_000),
                                 factors: [Factor(count: 15, unit: "인"), Factor(count: 6, unit: "회")],
                                 declared: kw(13_000), source: at(12, 9), declaredSource: at(12, 30), path: "categories[0].items[0].lines[0]"),
                        CostLine(name: "자문회의 운영경비", unitPrice: Won(10_000),
                                 factors: [Factor(count: 15, unit: "명"), Factor(count: 6, unit: "회")],
                                 declared: kw(900), path: "categories[0].items[0].lines[1]"),
                    ], declared: kw(15_000), source: at(10, 7), declaredSource: at(10, 40), path: "categories[0].items[0]"),
                    BudgetItem(name: "나머지", ownAmount: kw(120_000), declared: kw(120_000), path: "categories[0].items[1]"),
                ], declared: kw(134_000), source: at(8, 3), declaredSource: at(8, 14), path: "categories[0]"),
                BudgetCategory(name: "행사운영비", items: [
                    BudgetItem(name: "국제(내)컨퍼런스 개최", ownAmount: kw(100_000), declared: kw(100_500), source: at(20, 7), path: "categories[1].items[0]"),
                ], declared: kw(100_000), path: "categories[1]"),
            ],
            declaredTotal: Located(kw(234_000), at: at(3, 8)))
        // When checked,
        let findings = PlanCheck.declaredAmounts(try Self.price(plan), plan: plan)
        // Then each level says what was declared, what it computes to and by how much they differ.
        #expect(findings == [
            .error(at: at(12, 30), path: "categories[0].items[0].lines[0].declared",
                   "declared 13,000천원 but 150,000원*15인*6회 = 13,500천원",
                   hint: "fix the formula or the declared amount; they differ by 500천원"),
            .error(at: at(10, 40), path: "categories[0].items[0].declared",
                   "declared 15,000천원 but its lines add up to 14,400천원", hint: "they differ by 600천원"),
            .error(at: at(8, 14), path: "categories[0].declared",
                   "declared 134,000천원 but the items of 사무관리비 add up to 134,400천원", hint: "they differ by 400천원"),
            .error(at: at(20, 7), path: "categories[1].items[0].declared",
                   "declared 100,500천원 but its amount is 100,000천원", hint: "they differ by 500천원"),
            .error(at: at(3, 8), path: "total",
                   "declared 234,000천원 but the categories add up to 234,400천원", hint: "they differ by 400천원"),
        ])
    }

    @Test func declaredLineMayBeExactOrRounded() throws {
        func plan(declared: Won) -> Plan {
            Plan(program: ProgramInfo(name: "x", year: 2021), categories: [
                BudgetCategory(name: "사무관리비", items: [
                    BudgetItem(name: "다과", lines: [.lumpSum("다과", Won(1_500), declared: declared, source: at(7, 5), path: "categories[0].items[0].lines[0]")]),
                ]),
            ])
        }
        let exact = plan(declared: Won(1_500))
        #expect(PlanCheck.declaredAmounts(try Self.price(exact), plan: exact).isEmpty)
        let rounded = plan(declared: kw(2))
        #expect(PlanCheck.declaredAmounts(try Self.price(rounded), plan: rounded).isEmpty)
        let wrong = plan(declared: kw(1))
        #expect(PlanCheck.declaredAmounts(try Self.price(wrong), plan: wrong) == [
            .error(at: at(7, 5), path: "categories[0].items[0].lines[0].declared",
                   "declared 1천원 but 1,500원 = 2천원", hint: "fix the formula or the declared amount; they differ by 1천원"),
        ])
        let inWon = plan(declared: Won(1_499))
        #expect(PlanCheck.declaredAmounts(try Self.price(inWon), plan: inWon).map(\.message) == ["declared 1,499원 but 1,500원 = 2천원"])
        #expect(PlanCheck.declaredAmounts(try Self.price(inWon), plan: inWon).map(\.hint) == ["fix the formula or the declared amount; they differ by 501원"])
    }

    @Test func ownAmountItemMayDeclareItsExactWon() throws {
        let plan = Plan(program: ProgramInfo(name: "x", year: 2021), categories: [
            BudgetCategory(name: "시책추진업무추진비", items: [BudgetItem(name: "간담회", ownAmount: Won(2_700_400), declared: Won(2_700_400))]),
        ])
        let budget = try Self.price(plan)
        #expect(budget.total == kw(2_700))
        #expect(PlanCheck.declaredAmounts(budget, plan: plan).isEmpty)
    }

    @Test func historyTotalThatDoesNotAddUpIsAWarning() {
        let plan = Plan(program: ProgramInfo(name: "소셜특별시 프로젝트 추진", year: 2017), categories: [], history: [
            PublishedBudget(year: 2015, source: at(38, 5)),
            PublishedBudget(year: 2016, total: kw(416_500), totalSource: at(40, 12), categories: [
                .init(category: "사무관리비", amount: kw(194_000)),
                .init(category: "행사운영비", amount: kw(150_000)),
            ], source: at(39, 5)),
        ])
        #expect(PlanCheck.history(plan) == [
            .warning(at: at(40, 12), path: "history[1].total",
                     "the published 2016 total (416,500천원) differs from its categories' sum (344,000천원) by 72,500천원",
                     hint: "the page is reproduced as published; the comparison's 계 row uses 416,500천원"),
        ])
    }

    @Test func historyTotalSmallerThanItsCategories() {
        let plan = Plan(program: ProgramInfo(name: "x", year: 2021), categories: [], history: [
            PublishedBudget(year: 2020, total: kw(500), categories: [.init(category: "사무관리비", amount: kw(531))], source: at(3, 3)),
        ])
        #expect(PlanCheck.history(plan).map(\.message) == [
            "the published 2020 total (500천원) differs from its categories' sum (531천원) by 31천원",
        ])
        #expect(PlanCheck.history(plan).map(\.location) == [at(3, 3)], "falls back to the year's location")
    }

    @Test func historyThatAddsUpIsQuiet() {
        let plan = Plan(program: ProgramInfo(name: "x", year: 2021), categories: [], history: [
            PublishedBudget(year: 2020, total: kw(534_200), categories: [
                .init(category: "사무관리비", amount: kw(531_200)), .init(category: "시책추진업무추진비", amount: kw(3_000)),
            ]),
            PublishedBudget(year: 2019, total: kw(100)),
        ])
        #expect(PlanCheck.history(plan).isEmpty)
    }

    @Test func historyYearsMustBeUniqueAndEarlier() {
        let plan = Plan(program: ProgramInfo(name: "x", year: 2017), categories: [], history: [
            PublishedBudget(year: 2016, source: at(40, 5)),
            PublishedBudget(year: 2016, source: at(50, 5)),
            PublishedBudget(year: 2017, source: at(55, 5)),
        ])
        #expect(PlanCheck.history(plan) == [
            .error(at: at(50, 5), path: "history[1]", "the budget of 2016 is given twice in history"),
            .error(at: at(55, 5), path: "history[2]", "history holds 2017, which is not before the plan's year 2017"),
        ])
    }

    /// The 2021 추진일정: 기본계획 수립 (no amount), 사업시행 및 예산집행 424,960, 업무추진 간담회 2,700.
    @Test func scheduleAddsUpToTheBudget() {
        func plan(_ meeting: Int64) -> Plan {
            Plan(program: ProgramInfo(name: "x", year: 2021), categories: [], schedule: [
                ScheduleRow(step: "기본계획 수립", period: "2021.01~2021.02", source: at(90, 5)),
                ScheduleRow(step: "사업시행 및 예산집행", period: "2021.01~2021.12", amount: kw(424_960)),
                ScheduleRow(step: "업무추진 간담회", period: "2021.01~2021.12", amount: kw(meeting)),
            ])
        }
        #expect(PlanCheck.schedule(plan(2_700), total: kw(427_660)).isEmpty)
        #expect(PlanCheck.schedule(plan(2_600), total: kw(427_660)) == [
            .warning(at: at(90, 5), path: "schedule",
                     "the schedule's amounts add up to 427,560천원 but the budget is 427,660천원", hint: "they differ by 100천원"),
        ])
        let withoutAmounts = Plan(program: ProgramInfo(name: "x", year: 2021), categories: [],
                                  schedule: [ScheduleRow(step: "기본계획 수립", period: "2021.01~2021.02")])
        #expect(PlanCheck.schedule(withoutAmounts, total: kw(427_660)).isEmpty)
    }

    @Test func fundingAddsUpToTheBudget() {
        func plan(_ funding: Funding?) -> Plan {
            Plan(program: ProgramInfo(name: "x", year: 2017), categories: [], funding: funding)
        }
        #expect(PlanCheck.funding(plan(nil), total: kw(234_400)).isEmpty)
        #expect(PlanCheck.funding(plan(Funding(city: kw(234_400), subsidyRate: 0)), total: kw(234_400)).isEmpty)
        #expect(PlanCheck.funding(plan(Funding(national: kw(100_000), city: kw(134_400))), total: kw(234_400)).isEmpty)
        #expect(PlanCheck.funding(plan(Funding(city: kw(200_000), source: at(15, 3))), total: kw(234_400)) == [
            .error(at: at(15, 3), path: "funding",
                   "the funding sources add up to 200,000천원 but the budget is 234,400천원", hint: "they differ by 34,400천원"),
        ])
        #expect(PlanCheck.funding(plan(Funding(city: kw(234_400), subsidyRate: 120, source: at(15, 3))), total: kw(234_400)) == [
            .error(at: at(15, 3), path: "funding.subsidyRate", "expected a subsidy rate from 0 to 100 percent, got 120"),
        ])
        #expect(PlanCheck.funding(plan(Funding(city: kw(234_400), subsidyRate: -1)), total: kw(234_400)).map(\.message) == [
            "expected a subsidy rate from 0 to 100 percent, got -1",
        ])
    }

    @Test func fundingSum() {
        #expect(Funding().sum == .zero)
        #expect(Funding(national: kw(1), city: kw(2), district: kw(3), other: kw(4)).sum == kw(10))
        #expect(Funding(national: Won(.max), city: Won(1)).sum == nil)
    }
}

@Suite("BudgetPage.build")
struct BudgetPageTests {
    static func plan2017(declaredTotal: Won) -> Plan {
        Plan(
            program: ProgramInfo(name: "소셜특별시 프로젝트 추진", year: 2017),
            policies: RoundingPolicies(amounts: .halfUp, percent: .truncate),
            categories: [
                BudgetCategory(name: "사무관리비", items: [
                    BudgetItem(name: "자문회의", lines: [
                        CostLine(name: "자문회의 참석수당", unitPrice: Won(150_000),
                                 factors: [Factor(count: 15, unit: "인"), Factor(count: 6, unit: "회")],
                                 declared: kw(13_000), source: at(50, 9), path: "categories[0].items[0].lines[0]"),
                    ]),
                    BudgetItem(name: "나머지", ownAmount: kw(120_900)),
                ]),
                BudgetCategory(name: "행사운영비", items: [BudgetItem(name: "국제(내)컨퍼런스 개최", ownAmount: kw(100_000))]),
            ],
            declaredTotal: Located(declaredTotal, at: at(3, 8)),
            funding: Funding(city: kw(234_400)),
            history: [
                PublishedBudget(year: 2015),
                PublishedBudget(year: 2016, total: kw(416_500), totalSource: at(40, 12), categories: [
                    .init(category: "사무관리비", amount: kw(194_000)), .init(category: "행사운영비", amount: kw(150_000)),
                ]),
            ],
            settlement: [SettlementEntry(year: 2015, finalBudget: kw(10), spent: kw(11), source: at(95, 5), path: "settlement[0]")],
            file: "Events/social.yaml")
    }

    @Test func buildsThePageAndReportsEverythingInFileOrder() throws {
        let (page, findings) = BudgetPage.build(Self.plan2017(declaredTotal: kw(234_000)))
        let built = try #require(page)
        #expect(built.budget.total == kw(234_400))
        #expect(built.comparison.rows.map(\.percent) == [-43, -30, -33])
        #expect(built.findings == findings)
        #expect(findings.map(\.location) == [at(3, 8), at(40, 12), at(50, 9), at(95, 5)])
        #expect(findings.map(\.severity) == [.error, .warning, .error, .error])
        #expect(findings.map(\.path) == ["total", "history[1].total", "categories[0].items[0].lines[0].declared", "settlement[0]"])
    }

    @Test func overflowGivesNoPage() {
        var plan = Self.plan2017(declaredTotal: kw(234_400))
        plan.categories[1].items = [BudgetItem(name: "x", lines: [
            CostLine(name: "x", unitPrice: Won(.max), factors: [Factor(count: 2, unit: "식")], source: at(70, 9), path: "categories[1].items[0].lines[0]"),
        ])]
        let (page, findings) = BudgetPage.build(plan)
        #expect(page == nil)
        #expect(findings.map(\.path) == ["categories[1].items[0].lines[0]"], "only pricing errors: nothing else can be checked")
    }
}
