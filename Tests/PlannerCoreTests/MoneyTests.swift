import Testing
@testable import PlannerCore

@Suite("Won checked arithmetic")
struct WonArithmeticTests {
    @Test func addsSubtractsAndMultipliesExactly() {
        #expect(Won(150_000).adding(Won(900)) == Won(150_900))
        #expect(Won(416_500_000).subtracting(Won(234_400_000)) == Won(182_100_000))
        #expect(Won(234_400_000).subtracting(Won(416_500_000)) == Won(-182_100_000))
        #expect(Won(150_000).multiplied(by: 15)?.multiplied(by: 6) == Won(13_500_000))
        #expect(Won(150_000).multiplied(by: 0) == .zero)
    }

    @Test func overflowIsNilNotATrap() {
        #expect(Won(.max).adding(Won(1)) == nil)
        #expect(Won(.min).adding(Won(-1)) == nil)
        #expect(Won(.min).subtracting(Won(1)) == nil)
        #expect(Won(0).subtracting(Won(.min)) == nil)
        #expect(Won(.max / 2 + 1).multiplied(by: 2) == nil)
        #expect(Won(.min).multiplied(by: -1) == nil)
    }

    @Test func arithmeticAtTheEdgeStillSucceeds() {
        #expect(Won(.max - 1).adding(Won(1)) == Won(.max))
        #expect(Won(-1).subtracting(Won(.max)) == Won(.min))
        #expect(Won(.max / 2).multiplied(by: 2) == Won(.max - 1))
    }

    @Test func checkedSumAddsEverythingOrNothing() {
        // The 2017 사무관리비 items: 20,000 + 14,400 + 80,000 + 20,000 = 134,400천원.
        #expect([kw(20_000), kw(14_400), kw(80_000), kw(20_000)].checkedSum() == kw(134_400))
        #expect([Won]().checkedSum() == .zero)
        #expect([Won(.max), Won(1)].checkedSum() == nil)
        #expect([Won(.max), Won(1), Won(-1)].checkedSum() == nil, "overflow part-way is reported even if a later term would bring it back")
        #expect([Won(.max), Won(-1), Won(1)].checkedSum() == Won(.max))
    }

    @Test func ordersAndDescribesAmounts() {
        #expect(Won(999) < Won(1_000))
        #expect(Won(-1) < .zero)
        #expect(Won(1_234_567).description == "1,234,567")
        #expect(Won.thousand == 1_000)
    }
}

@Suite("MoneyFormat")
struct MoneyFormatTests {
    @Test(arguments: [
        (Int64(0), "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (12_345, "12,345"), (100_000, "100,000"),
        (1_234_567, "1,234,567"), (-1, "-1"), (-999, "-999"), (-1_000, "-1,000"), (-1_234_567, "-1,234,567"),
        (.max, "9,223,372,036,854,775,807"), (.min, "-9,223,372,036,854,775,808"),
    ])
    func grouped(_ value: Int64, _ expected: String) {
        #expect(MoneyFormat.grouped(value) == expected)
    }

    @Test(arguments: [
        (Int64(-182_100), "△182,100"), (-59_600, "△59,600"), (-43, "△43"), (-1, "△1"),
        (0, "0"), (5, "5"), (182_100, "182,100"), (.max, "9,223,372,036,854,775,807"),
    ])
    func signedWritesDecreasesWithTriangleAndIncreasesBare(_ value: Int64, _ expected: String) {
        #expect(MoneyFormat.signed(value) == expected)
    }

    @Test
    func signedHandlesTheMostNegativeAmount() {
        #expect(MoneyFormat.signed(.min) == "△9,223,372,036,854,775,808")
    }

    @Test func wonCarriesTheUnit() {
        #expect(MoneyFormat.won(Won(150_000)) == "150,000원")
        #expect(MoneyFormat.won(.zero) == "0원")
        #expect(MoneyFormat.won(Won(10_400_000)) == "10,400,000원")
        #expect(MoneyFormat.won(Won(-5_000)) == "-5,000원")
    }

    @Test func thousandsFigureOnlyGroups() {
        #expect(MoneyFormat.thousandsFigure(13_500) == "13,500")
        #expect(MoneyFormat.thousandsFigure(234_400) == "234,400")
    }
}

@Suite("RoundingRule")
struct RoundingRuleTests {
    /// (numerator, denominator, half-up, truncate); the first rows are the reference pages' percentages.
    @Test(arguments: [
        // 2017: (234,400 − 416,500) × 100 / 416,500 = −43.72 → △43 truncated (△44 half-up).
        (Int64(-18_210_000), Int64(416_500), Int64(-44), Int64(-43)),
        // 2021: (427,660 − 534,200) × 100 / 534,200 = −19.94 → △20 half-up.
        (-10_654_000, 534_200, -20, -19),
        // 2017 사무관리비 −30.72, 행사운영비 −33.33.
        (-5_960_000, 194_000, -31, -30),
        (-5_000_000, 150_000, -33, -33),
        // Exact halves go away from zero under half-up.
        (5, 2, 3, 2),
        (-5, 2, -3, -2),
        (5, -2, -3, -2),
        (-5, -2, 3, 2),
        (1, 2, 1, 0),
        (-1, 2, -1, 0),
        (29, 10, 3, 2),
        (-29, 10, -3, -2),
        (24, 10, 2, 2),
        (-24, 10, -2, -2),
        (2, 3, 1, 0),
        (1, 3, 0, 0),
        (0, 7, 0, 0),
        (-43, 1, -43, -43),
        (.max, 2, 4_611_686_018_427_387_904, 4_611_686_018_427_387_903),
        (.min, 2, -4_611_686_018_427_387_904, -4_611_686_018_427_387_904),
        (.min, .max, -1, -1),
    ])
    func divide(_ numerator: Int64, _ denominator: Int64, _ halfUp: Int64, _ truncated: Int64) {
        #expect(RoundingRule.halfUp.divide(numerator, by: denominator) == halfUp)
        #expect(RoundingRule.truncate.divide(numerator, by: denominator) == truncated)
    }

    @Test(arguments: RoundingRule.allCases)
    func divisionByZeroIsNil(_ rule: RoundingRule) {
        #expect(rule.divide(1, by: 0) == nil)
        #expect(rule.divide(0, by: 0) == nil)
        #expect(rule.divide(-5, by: 0) == nil)
    }

    @Test func mostNegativeNumeratorOverOne() {
        #expect(RoundingRule.truncate.divide(.min, by: 1) == .min)
    }

    /// (won, half-up 천원, truncate 천원).
    @Test(arguments: [
        // 3,128,300 × 3 × 12 is shown as 112,619천원 in county books.
        (Int64(112_618_800), Int64(112_619), Int64(112_618)),
        // 2,863,100 × 31 × 12.
        (1_065_073_200, 1_065_073, 1_065_073),
        (1_500, 2, 1),
        (1_499, 1, 1),
        (499, 0, 0),
        (500, 1, 0),
        (0, 0, 0),
        (13_500_000, 13_500, 13_500),
        (-1_500, -2, -1),
        (-499, 0, 0),
    ])
    func thousands(_ won: Int64, _ halfUp: Int64, _ truncated: Int64) {
        #expect(RoundingRule.halfUp.thousands(of: Won(won)) == halfUp)
        #expect(RoundingRule.truncate.thousands(of: Won(won)) == truncated)
        #expect(RoundingRule.halfUp.roundedToThousands(Won(won)) == Won(halfUp * 1_000))
        #expect(RoundingRule.truncate.roundedToThousands(Won(won)) == Won(truncated * 1_000))
    }

    @Test
    func roundingTheLargestAmountDoesNotTrap() {
        _ = RoundingRule.halfUp.roundedToThousands(Won(.max))
    }

    @Test func rawValuesAreThePlanFileSpelling() {
        #expect(RoundingRule(rawValue: "half-up") == .halfUp)
        #expect(RoundingRule(rawValue: "truncate") == .truncate)
        #expect(RoundingRule(rawValue: "halfUp") == nil)
        #expect(RoundingRule.allCases == [.halfUp, .truncate])
    }

    @Test func policiesDefaultToHalfUp() {
        let defaults = RoundingPolicies()
        #expect(defaults.amounts == .halfUp)
        #expect(defaults.percent == .halfUp)
        #expect(RoundingPolicies(percent: .truncate) == RoundingPolicies(amounts: .halfUp, percent: .truncate))
    }
}

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("abc", 3), ("계", 2), ("사무관리비", 10), ("SNS 광고", 8), ("150,000원*15인*6회", 18),
        ("△182,100", 8), ("구 분", 5), ("ㅎ", 2), ("漢字", 4), ("ＡＢ", 4), ("e\u{0301}", 1), ("a\u{200B}b", 2),
    ])
    func width(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func decomposedHangulIsTwoColumnsPerSyllable() {
        // "한" as conjoining jamo (NFD, as macOS file names store it): ᄒ + ᅡ + ᆫ.
        let decomposed = "\u{1112}\u{1161}\u{11AB}"
        #expect(decomposed == "한")
        #expect(DisplayWidth.of(decomposed) == 2)
    }

    @Test func padsByColumnsNotCharacters() {
        #expect(DisplayWidth.padRight("계", to: 6) == "계    ")
        #expect(DisplayWidth.padLeft("△182,100", to: 10) == "  △182,100")
        #expect(DisplayWidth.padRight("사무관리비", to: 4) == "사무관리비", "never truncated")
        #expect(DisplayWidth.padLeft("사무관리비", to: 11) == " 사무관리비")
    }
}
