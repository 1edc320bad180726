import Testing
@testable import PlannerCore

@Suite("Comparison.build")
struct ComparisonTests {
    /// A priced budget with one lump-sum item per category, amounts in 천원.
    static func budget(_ categories: [(String, Int64)], rounding: RoundingRule = .halfUp) throws -> PricedBudget {
        let model = categories.map { name, amount in
            BudgetCategory(name: name, items: [BudgetItem(name: name, lines: [.lumpSum(name, kw(amount))])])
        }
        return try #require(BudgetPricing.price(model, rounding: rounding).0)
    }

    @Test func reproducesThe2017Page() throws {
        // Given the 2017 page: an empty 2015 column and a 2016 column whose total is not its categories' sum,
        let history = [
            PublishedBudget(year: 2015),
            PublishedBudget(year: 2016, total: kw(416_500), categories: [
                .init(category: "사무관리비", amount: kw(194_000)),
                .init(category: "행사운영비", amount: kw(150_000)),
            ]),
        ]
        let current = try Self.budget([("사무관리비", 134_400), ("행사운영비", 100_000)])
        // When the table is built with truncated percentages,
        let table = Comparison.build(history: history, current: current, year: 2017, percent: .truncate)
        // Then it matches the page: 계 △182,100 △43, 사무관리비 △59,600 △30, 행사운영비 △50,000 △33.
        #expect(table.earlierYears == [2015])
        #expect(table.previousYear == 2016)
        #expect(table.currentYear == 2017)
        #expect(table.percentRule == .truncate)
        #expect(table.rows == [
            .init(name: "계", code: nil, earlier: [nil], previous: kw(416_500), current: kw(234_400), change: kw(-182_100), percent: -43),
            .init(name: "사무관리비", code: nil, earlier: [nil], previous: kw(194_000), current: kw(134_400), change: kw(-59_600), percent: -30),
            .init(name: "행사운영비", code: nil, earlier: [nil], previous: kw(150_000), current: kw(100_000), change: kw(-50_000), percent: -33),
        ])
    }

    @Test func the2017PageWouldSayAbout44WithHalfUp() throws {
        let history = [PublishedBudget(year: 2016, total: kw(416_500), categories: [.init(category: "사무관리비", amount: kw(194_000))])]
        let table = Comparison.build(history: history, current: try Self.budget([("사무관리비", 234_400)]), year: 2017, percent: .halfUp)
        #expect(table.rows[0].percent == -44)
        #expect(table.rows[1].percent == 21)  // (234,400 − 194,000) × 100 / 194,000 = 20.82
        #expect(table.rows[1].change == kw(40_400))
    }

    @Test func reproducesThe2021Page() throws {
        let history = [
            PublishedBudget(year: 2020, total: kw(534_200), categories: [
                .init(category: "사무관리비", amount: kw(531_200)),
                .init(category: "시책추진업무추진비", amount: kw(3_000)),
            ]),
        ]
        let current = try Self.budget([("사무관리비", 424_960), ("시책추진업무추진비", 2_700)])
        let table = Comparison.build(history: history, current: current, year: 2021, percent: .halfUp)
        #expect(table.earlierYears == [])
        #expect(table.previousYear == 2020)
        #expect(table.rows == [
            .init(name: "계", code: nil, earlier: [], previous: kw(534_200), current: kw(427_660), change: kw(-106_540), percent: -20),
            .init(name: "사무관리비", code: nil, earlier: [], previous: kw(531_200), current: kw(424_960), change: kw(-106_240), percent: -20),
            .init(name: "시책추진업무추진비", code: nil, earlier: [], previous: kw(3_000), current: kw(2_700), change: kw(-300), percent: -10),
        ])
        let truncated = Comparison.build(history: history, current: current, year: 2021, percent: .truncate)
        #expect(truncated.rows[0].percent == -19, "−19.94 only becomes △20 by rounding")
    }

    @Test func carriesCategoryCodes() throws {
        let model = [BudgetCategory(code: "201-01", name: "사무관리비", items: [BudgetItem(name: "a", ownAmount: kw(10))])]
        let current = try #require(BudgetPricing.price(model, rounding: .halfUp).0)
        let table = Comparison.build(history: [], current: current, year: 2021, percent: .halfUp)
        #expect(table.rows.map(\.code) == [nil, "201-01"])
    }

    @Test func newCategoryHadZeroLastYearAndNoPercent() throws {
        let history = [PublishedBudget(year: 2020, total: kw(531_200), categories: [.init(category: "사무관리비", amount: kw(531_200))])]
        let current = try Self.budget([("사무관리비", 424_960), ("시책추진업무추진비", 2_700)])
        let table = Comparison.build(history: history, current: current, year: 2021, percent: .halfUp)
        #expect(table.rows[2] == .init(name: "시책추진업무추진비", code: nil, earlier: [], previous: .zero, current: kw(2_700), change: kw(2_700), percent: nil))
    }

    @Test func droppedCategoryStaysAtZero() throws {
        let history = [
            PublishedBudget(year: 2020, total: kw(531_300), categories: [
                .init(category: "사무관리비", amount: kw(531_200)),
                .init(category: "국외여비", amount: kw(100)),
            ]),
        ]
        let current = try Self.budget([("사무관리비", 424_960)])
        let table = Comparison.build(history: history, current: current, year: 2021, percent: .halfUp)
        #expect(table.rows.map(\.name) == ["계", "사무관리비", "국외여비"])
        #expect(table.rows[2] == .init(name: "국외여비", code: nil, earlier: [], previous: kw(100), current: .zero, change: kw(-100), percent: -100))
    }

    @Test func withoutHistoryThereIsNoColumnA() throws {
        let table = Comparison.build(history: [], current: try Self.budget([("사무관리비", 134_400)]), year: 2017, percent: .truncate)
        #expect(table.previousYear == nil)
        #expect(table.earlierYears == [])
        #expect(table.rows == [
            .init(name: "계", code: nil, earlier: [], previous: nil, current: kw(134_400), change: nil, percent: nil),
            .init(name: "사무관리비", code: nil, earlier: [], previous: nil, current: kw(134_400), change: nil, percent: nil),
        ])
    }

    @Test func onlyEmptyHistoryMeansNoColumnAButEarlierColumns() throws {
        let table = Comparison.build(history: [PublishedBudget(year: 2016)], current: try Self.budget([("사무관리비", 1)]), year: 2017, percent: .halfUp)
        #expect(table.previousYear == nil)
        #expect(table.earlierYears == [2016])
        #expect(table.rows[1].previous == nil, "no zero is invented when there is no previous year at all")
        #expect(table.rows[1].earlier == [nil])
    }

    @Test func earlierYearsKeepTheirPublishedFigures() throws {
        let history = [
            PublishedBudget(year: 2016, total: kw(400), categories: [.init(category: "사무관리비", amount: kw(400))]),
            PublishedBudget(year: 2015, total: kw(300), categories: [.init(category: "사무관리비", amount: kw(300))]),
            PublishedBudget(year: 2017, total: kw(500), categories: [.init(category: "사무관리비", amount: kw(500))]),
        ]
        let table = Comparison.build(history: history, current: try Self.budget([("사무관리비", 600), ("행사운영비", 50)]), year: 2017, percent: .halfUp)
        #expect(table.earlierYears == [2015], "sorted, and the plan's own year is not history")
        #expect(table.previousYear == 2016)
        #expect(table.rows.map(\.earlier) == [[kw(300)], [kw(300)], [nil]])
        #expect(table.rows.map(\.previous) == [kw(400), kw(400), .zero])
        #expect(table.rows[0].percent == 63)  // 250 × 100 / 400 = 62.5, half-up
    }

    @Test func totalChangeIsNilWhenThePreviousPageHasNoTotal() throws {
        let history = [PublishedBudget(year: 2020, categories: [.init(category: "사무관리비", amount: kw(100))])]
        let table = Comparison.build(history: history, current: try Self.budget([("사무관리비", 150)]), year: 2021, percent: .halfUp)
        #expect(table.previousYear == 2020)
        #expect(table.rows[0].previous == nil)
        #expect(table.rows[0].change == nil)
        #expect(table.rows[1].percent == 50)
    }

    @Test func earlierYearsAreBeforeColumnA() throws {
        // Given a 2016 column left empty after a 2015 column with figures,
        let history = [
            PublishedBudget(year: 2015, total: kw(300), categories: [.init(category: "사무관리비", amount: kw(300))]),
            PublishedBudget(year: 2016),
        ]
        let table = Comparison.build(history: history, current: try Self.budget([("사무관리비", 600)]), year: 2017, percent: .halfUp)
        #expect(table.previousYear == 2015)
        #expect(table.earlierYears.allSatisfy { $0 < 2015 })
    }
}
