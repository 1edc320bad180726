import Testing
@testable import PlannerCore

@Suite("CostLine")
struct CostLineTests {
    @Test func unitPriceTimesFactors() {
        // 2017: 자문회의 참석수당 150,000원*15인*6회 = 13,500천원.
        let line = CostLine(name: "자문회의 참석수당", unitPrice: Won(150_000),
                            factors: [Factor(count: 15, unit: "인"), Factor(count: 6, unit: "회")])
        #expect(line.exactAmount == Won(13_500_000))
        #expect(line.formula == "150,000원*15인*6회")
        #expect(line.isLumpSum == false)
    }

    @Test func rateFactorsMultiplyByTheirCount() {
        // 2021: 카카오 1boon 콘텐츠 제작 240,000원*주1회*52주 = 12,480천원.
        let line = CostLine(name: "카카오 1boon 콘텐츠 제작", unitPrice: Won(240_000),
                            factors: [Factor(count: 1, unit: "회", rate: "주"), Factor(count: 52, unit: "주")])
        #expect(line.exactAmount == Won(12_480_000))
        #expect(line.formula == "240,000원*주1회*52주")
    }

    @Test func lumpSum() {
        let line = CostLine.lumpSum("교재제작 등 운영비", Won(10_400_000), declared: kw(10_400), source: at(9, 5), path: "categories[0].items[0].lines[2]")
        #expect(line.exactAmount == Won(10_400_000))
        #expect(line.formula == "10,400,000원")
        #expect(line.isLumpSum)
        #expect(line.factors.isEmpty)
        #expect(line.declared == kw(10_400))
        #expect(line.source == at(9, 5))
        #expect(line.path == "categories[0].items[0].lines[2]")
    }

    @Test func groupedCountsInTheFormula() {
        let line = CostLine(name: "블로그 운영 및 관리", unitPrice: Won(180_000), factors: [Factor(count: 1_000, unit: "건")])
        #expect(line.formula == "180,000원*1,000건")
        #expect(line.exactAmount == Won(180_000_000))
    }

    @Test func zeroCountGivesZero() {
        let line = CostLine(name: "x", unitPrice: Won(150_000), factors: [Factor(count: 0, unit: "회")])
        #expect(line.exactAmount == .zero)
    }

    @Test func overflowIsNil() {
        let line = CostLine(name: "typo", unitPrice: Won(5_000_000_000_000_000_000),
                            factors: [Factor(count: 2, unit: "회")])
        #expect(line.exactAmount == nil)
        let later = CostLine(name: "typo", unitPrice: Won(1_000_000_000_000),
                             factors: [Factor(count: 1_000_000, unit: "명"), Factor(count: 10_000, unit: "회"), Factor(count: 0, unit: "일")])
        #expect(later.exactAmount == nil, "an overflow part-way stays an overflow even when a later factor is 0")
    }
}

/// A line of unit price (in won) × factors.
private func line(_ name: String, _ price: Int64, _ factors: Factor..., path: String = "") -> CostLine {
    CostLine(name: name, unitPrice: Won(price), factors: factors, path: path)
}

@Suite("BudgetPricing.price")
struct BudgetPricingTests {
    /// The 2017 page's calculation basis, line by line.
    static let categories2017: [BudgetCategory] = [
        BudgetCategory(name: "사무관리비", items: [
            BudgetItem(name: "직원 소셜미디어 전문가 교육", lines: [
                line("강사료", 500_000, Factor(count: 12, unit: "회")),
                line("원고료", 300_000, Factor(count: 12, unit: "회")),
                .lumpSum("교재제작 등 운영비", Won(10_400_000)),
            ]),
            BudgetItem(name: "소셜미디어 활성화를 위한 민간 네트워크 구축", lines: [
                line("자문회의 참석수당", 150_000, Factor(count: 15, unit: "인"), Factor(count: 6, unit: "회")),
                line("자문회의 운영경비", 10_000, Factor(count: 15, unit: "명"), Factor(count: 6, unit: "회")),
            ]),
            BudgetItem(name: "SNS 오피니언리더들과의 소통기반 강화", lines: [
                .lumpSum("서울 미디어 메이트 운영", Won(48_000_000)),
                .lumpSum("소셜미디어프레스센터 운영", Won(4_000_000)),
                line("1인미디어 팸투어", 150_000, Factor(count: 10, unit: "명"), Factor(count: 12, unit: "회")),
                .lumpSum("1인미디어 데이", Won(10_000_000)),
            ]),
            BudgetItem(name: "소셜을 통한 시민참여 기회 확대", lines: [
                line("시민주도 클린소셜 캠페인 자문료, 간담회비용", 5_000_000, Factor(count: 4, unit: "회")),
            ]),
        ]),
        BudgetCategory(name: "행사운영비", items: [
            BudgetItem(name: "국제(내)컨퍼런스 개최", lines: [
                line("연사초청경비 등", 40_000_000, Factor(count: 1, unit: "식")),
                line("행사장 및 부대행사장 조성비", 28_000_000, Factor(count: 1, unit: "식")),
                line("통번역, 수송, 오만찬 등", 12_000_000, Factor(count: 1, unit: "식")),
                line("홍보비", 10_000_000, Factor(count: 1, unit: "식")),
                line("인쇄물 제작비", 10_000_000, Factor(count: 1, unit: "식")),
            ]),
        ]),
    ]

    @Test func reproducesThe2017Totals() throws {
        let (priced, diagnostics) = BudgetPricing.price(Self.categories2017, rounding: .halfUp)
        #expect(diagnostics.isEmpty)
        let budget = try #require(priced)
        #expect(budget.total == kw(234_400))
        #expect(budget.rounding == .halfUp)
        #expect(budget.categories.map(\.total) == [kw(134_400), kw(100_000)])
        #expect(budget.categories[0].items.map(\.total) == [kw(20_000), kw(14_400), kw(80_000), kw(20_000)])
        #expect(budget.categories[0].items[1].lines.map(\.exact) == [kw(13_500), kw(900)])
        #expect(budget.categories[1].items[0].total == kw(100_000))
    }

    @Test func itemTotalsAddBudgetedNotExactAmounts() throws {
        // Given three lines of 1,500원: exactly 4,500원, but each is budgeted as 2천원 (half-up).
        let item = BudgetItem(name: "다과", lines: [
            line("a", 1_500, Factor(count: 1, unit: "회")),
            line("b", 1_500, Factor(count: 1, unit: "회")),
            .lumpSum("c", Won(1_500)),
        ])
        // When priced by each rule,
        let (halfUp, _) = BudgetPricing.price([BudgetCategory(name: "사무관리비", items: [item])], rounding: .halfUp)
        let (truncated, _) = BudgetPricing.price([BudgetCategory(name: "사무관리비", items: [item])], rounding: .truncate)
        // Then every level is a plain sum of the rounded lines.
        let up = try #require(halfUp)
        #expect(up.categories[0].items[0].lines.map(\.exact) == [Won(1_500), Won(1_500), Won(1_500)])
        #expect(up.categories[0].items[0].lines.map(\.budgeted) == [Won(2_000), Won(2_000), Won(2_000)])
        #expect(up.categories[0].items[0].total == Won(6_000))
        #expect(up.total == Won(6_000))
        let down = try #require(truncated)
        #expect(down.categories[0].items[0].lines.map(\.budgeted) == [Won(1_000), Won(1_000), Won(1_000)])
        #expect(down.total == Won(3_000))
        #expect(down.rounding == .truncate)
    }

    @Test func itemWithItsOwnAmount() throws {
        // 2021: ○ 소셜미디어를 통한 시민과의 소통 활성화 2,700,000원 = 2,700천원.
        let categories = [
            BudgetCategory(name: "시책추진업무추진비", items: [
                BudgetItem(name: "소셜미디어를 통한 시민과의 소통 활성화", ownAmount: Won(2_700_000)),
                BudgetItem(name: "끝전", ownAmount: Won(2_500)),
            ]),
        ]
        let budget = try #require(BudgetPricing.price(categories, rounding: .halfUp).0)
        #expect(budget.categories[0].items[0].total == kw(2_700))
        #expect(budget.categories[0].items[0].exactOwnAmount == Won(2_700_000))
        #expect(budget.categories[0].items[0].lines.isEmpty)
        #expect(budget.categories[0].items[1].total == kw(3))
        #expect(budget.categories[0].items[1].exactOwnAmount == Won(2_500))
        #expect(budget.total == kw(2_703))
    }

    @Test func emptyPlanCostsNothing() throws {
        let budget = try #require(BudgetPricing.price([], rounding: .halfUp).0)
        #expect(budget.total == .zero)
        #expect(budget.categories.isEmpty)
    }

    @Test func overflowingLineIsAnErrorAtTheLine() {
        let bad = CostLine(name: "강사료", unitPrice: Won(5_000_000_000_000_000_000), factors: [Factor(count: 2, unit: "회")],
                           source: at(14, 9), path: "categories[0].items[0].lines[1]")
        let categories = [
            BudgetCategory(name: "사무관리비", items: [
                BudgetItem(name: "교육", lines: [line("원고료", 300_000, Factor(count: 12, unit: "회")), bad]),
            ]),
        ]
        let (priced, diagnostics) = BudgetPricing.price(categories, rounding: .halfUp)
        #expect(priced == nil)
        #expect(diagnostics == [
            .error(at: at(14, 9), path: "categories[0].items[0].lines[1]",
                   "5,000,000,000,000,000,000원*2회 is more than the planner can hold (9,223,372,036,854,775,807원)",
                   hint: "check the unit price and counts for a typo"),
        ])
    }

    @Test func everyOverflowingLineIsReported() {
        let categories = [
            BudgetCategory(name: "사무관리비", items: [
                BudgetItem(name: "a", lines: [line("x", .max, Factor(count: 2, unit: "회"), path: "categories[0].items[0].lines[0]")]),
                BudgetItem(name: "b", lines: [line("y", .max, Factor(count: 3, unit: "명"), path: "categories[0].items[1].lines[0]")]),
            ]),
        ]
        let (priced, diagnostics) = BudgetPricing.price(categories, rounding: .truncate)
        #expect(priced == nil)
        #expect(diagnostics.map(\.path) == ["categories[0].items[0].lines[0]", "categories[0].items[1].lines[0]"])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func overflowingSumsAreErrorsAtEachLevel() {
        let big = Won(5_000_000_000_000_000_000)
        // Lines of one item.
        let item = BudgetItem(name: "행사", lines: [.lumpSum("a", big), .lumpSum("b", big)], source: at(20, 3), path: "categories[0].items[0]")
        let (p1, d1) = BudgetPricing.price([BudgetCategory(name: "행사운영비", items: [item])], rounding: .halfUp)
        #expect(p1 == nil)
        #expect(d1 == [.error(at: at(20, 3), path: "categories[0].items[0]", "the lines of \"행사\" add up to more than the planner can hold",
                              hint: "check the lines' unit prices and counts for a typo")])

        // Items of one category.
        let category = BudgetCategory(name: "행사운영비", items: [BudgetItem(name: "a", ownAmount: big), BudgetItem(name: "b", ownAmount: big)],
                                      source: at(18, 1), path: "categories[0]")
        let (p2, d2) = BudgetPricing.price([category], rounding: .halfUp)
        #expect(p2 == nil)
        #expect(d2 == [.error(at: at(18, 1), path: "categories[0]", "the items of \"행사운영비\" add up to more than the planner can hold",
                              hint: "check the items' amounts for a typo")])

        // Categories of the plan.
        let first = BudgetCategory(name: "사무관리비", items: [BudgetItem(name: "a", ownAmount: big)], source: at(5, 1))
        let second = BudgetCategory(name: "행사운영비", items: [BudgetItem(name: "b", ownAmount: big)], source: at(30, 1))
        let (p3, d3) = BudgetPricing.price([first, second], rounding: .halfUp)
        #expect(p3 == nil)
        #expect(d3 == [.error(at: at(5, 1), path: "categories", "the categories add up to more than the planner can hold")])
    }

    @Test
    func largestLumpSumIsADiagnosticNotATrap() {
        let (priced, diagnostics) = BudgetPricing.price(
            [BudgetCategory(name: "사무관리비", items: [BudgetItem(name: "a", lines: [.lumpSum("x", Won(.max))])])], rounding: .halfUp)
        #expect(priced == nil)
        #expect(diagnostics.count == 1)
    }
}
