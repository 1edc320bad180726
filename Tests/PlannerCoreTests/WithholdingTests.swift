import Testing
@testable import PlannerCore

private func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    guard let date = CalendarDate(year: year, month: month, day: day) else { fatalError("bad test date \(year)-\(month)-\(day)") }
    return date
}

private func withheld(_ gross: Int64, _ type: IncomeType, treatyExempt: Bool = false, on date: CalendarDate) -> Withholding {
    TaxTable.standard.withholding(gross: Won(gross), incomeType: type, treatyExempt: treatyExempt, on: date)
}

private func taxes(_ incomeTax: Int64, _ localTax: Int64) -> Withholding {
    Withholding(incomeTax: Won(incomeTax), localTax: Won(localTax))
}

@Suite("Withholding: 기타소득")
struct OtherIncomeWithholdingTests {
    /// From 2019 on, 60% is deemed expenses: 8.8% of the gross above the 125,000원 threshold.
    @Test(arguments: [
        (Int64(150_000), Int64(12_000), Int64(1_200), Int64(13_200)),  // 기타소득금액 60,000
        (500_000, 40_000, 4_000, 44_000),  // 200,000
        (1_000_000, 80_000, 8_000, 88_000),  // 400,000
        (125_000, 0, 0, 0),  // 50,000: 과세최저한, nothing withheld
        (125_010, 10_000, 1_000, 11_000),  // 50,004 → 10,000.8 → 10,000: the cliff
    ])
    func sixtyPercentFrom2019(_ gross: Int64, _ incomeTax: Int64, _ localTax: Int64, _ total: Int64) {
        let tax = withheld(gross, .other, on: day(2021, 3, 15))
        #expect(tax == taxes(incomeTax, localTax))
        #expect(tax.total == Won(total))
    }

    /// Until 2018-03-31, 80% was deemed expenses (4.4%), so up to 250,000원 was untaxed.
    @Test(arguments: [
        (Int64(250_000), Int64(0), Int64(0)),  // 기타소득금액 50,000
        (250_010, 10_000, 1_000),  // 50,002
        (300_000, 12_000, 1_200),  // 60,000
    ])
    func eightyPercentInFebruary2018(_ gross: Int64, _ incomeTax: Int64, _ localTax: Int64) {
        #expect(withheld(gross, .other, on: day(2018, 2, 20)) == taxes(incomeTax, localTax))
    }

    /// From 2018-04-01 to 2018-12-31, 70% (6.6%): the threshold is 166,666원 and a fraction of a won.
    @Test(arguments: [
        (Int64(150_000), Int64(0), Int64(0)),  // 45,000
        (166_666, 0, 0),  // 49,999.8
        (166_667, 10_000, 1_000),  // 50,000.1 is more than 50,000: taxed on 50,000
        (500_000, 30_000, 3_000),  // 150,000
    ])
    func seventyPercentInJune2018(_ gross: Int64, _ incomeTax: Int64, _ localTax: Int64) {
        #expect(withheld(gross, .other, on: day(2018, 6, 12)) == taxes(incomeTax, localTax))
    }

    /// The expense ratio changes on the first day of the new rule, not a day later.
    @Test(arguments: [
        (day(2018, 3, 31), Int64(13_200)),  // 80%: 60,000 → 12,000 + 1,200
        (day(2018, 4, 1), 19_800),  // 70%: 90,000 → 18,000 + 1,800
        (day(2018, 12, 31), 19_800),
        (day(2019, 1, 1), 26_400),  // 60%: 120,000 → 24,000 + 2,400
    ] as [(CalendarDate, Int64)])
    func ratioChangesOnItsDate(_ date: CalendarDate, _ total: Int64) {
        #expect(withheld(300_000, .other, on: date).total == Won(total))
    }

    @Test func treatyExemptionDoesNotApplyToOtherIncome() {
        #expect(withheld(150_000, .other, treatyExempt: true, on: day(2021, 3, 15)) == taxes(12_000, 1_200))
    }
}

@Suite("Withholding: 사업소득, 비거주자, 비과세")
struct OtherTypesWithholdingTests {
    @Test(arguments: [
        (Int64(1_000_000), Int64(30_000), Int64(3_000)),  // 3.3%
        (30_000, 0, 0),  // 900: 소액부징수
        (33_333, 0, 0),  // 999.99 → 990: still under 1,000
        (33_340, 1_000, 100),  // 1,000.2 → 1,000: withheld
    ])
    func businessBefore2024July(_ gross: Int64, _ incomeTax: Int64, _ localTax: Int64) {
        #expect(withheld(gross, .business, on: day(2021, 3, 15)) == taxes(incomeTax, localTax))
    }

    /// Since 2024-07-01, 소액부징수 no longer applies to 인적용역 사업소득 (소득세법 §86 1호).
    @Test func smallBusinessTaxIsWithheldFromJuly2024() {
        #expect(withheld(30_000, .business, on: day(2024, 6, 30)) == .none)
        #expect(withheld(30_000, .business, on: day(2024, 7, 1)) == taxes(900, 90))
        #expect(withheld(300, .business, on: day(2025, 1, 1)) == taxes(0, 0), "9원 truncates to 0원")
    }

    @Test func nonresidentWithoutTreatyExemption() {
        let tax = withheld(1_000_000, .nonresident, on: day(2026, 5, 20))
        #expect(tax == taxes(200_000, 20_000))
        #expect(tax.total == Won(220_000))  // 22%, no deemed expenses
    }

    @Test func nonresidentWithTreatyExemption() {
        #expect(withheld(1_000_000, .nonresident, treatyExempt: true, on: day(2026, 5, 20)) == .none)
    }

    @Test func exempt() {
        #expect(withheld(1_000_000, .exempt, on: day(2026, 5, 20)) == .none)
    }

    @Test(arguments: [IncomeType.other, .business, .nonresident, .exempt])
    func nothingFromNothing(_ type: IncomeType) {
        #expect(withheld(0, type, on: day(2026, 5, 20)) == .none)
        #expect(withheld(-1_000_000, type, on: day(2026, 5, 20)) == .none)
    }
}

@Suite("Withholding: 10원 truncation")
struct WithholdingTruncationTests {
    @Test(arguments: [
        // gross, type, income tax, local tax
        (Int64(123_456), IncomeType.business, Int64(3_700), Int64(370)),  // 3,703.68 → 3,700; 370
        (150_050, .other, 12_000, 1_200),  // 60,020 → 12,004 → 12,000
        (333_330, .other, 26_660, 2_660),  // 133,332 → 26,666.4 → 26,660; 2,666 → 2,660
        (154_250, .other, 12_340, 1_230),  // 61,700 → 12,340; local 1,234 → 1,230
        (12_345, .nonresident, 2_460, 240),  // 2,469 → 2,460; local 246 → 240
    ])
    func incomeTaxThenLocalTaxFromTheTruncatedIncomeTax(_ gross: Int64, _ type: IncomeType, _ incomeTax: Int64, _ localTax: Int64) {
        #expect(withheld(gross, type, on: day(2021, 3, 15)) == taxes(incomeTax, localTax))
    }

    @Test func largestAmountDoesNotOverflow() {
        // 9,223,372,036,854,775,807 × 20% = 1,844,674,407,370,955,161.4
        #expect(withheld(.max, .nonresident, on: day(2021, 3, 15))
                == taxes(1_844_674_407_370_955_160, 184_467_440_737_095_510))
    }
}

@Suite("TaxTable")
struct TaxTableTests {
    @Test func ruleInForceOnADate() {
        let ratio = TaxTable.standard.otherIncomeExpenseRatio
        #expect(ratio.value(on: day(2017, 6, 1)) == .percent(80))
        #expect(ratio.value(on: day(2018, 4, 1)) == .percent(70))
        #expect(ratio.value(on: day(2026, 1, 1)) == .percent(60))
        #expect(ratio.value(on: day(2010, 1, 1)) == .percent(80), "before the table starts, its first rule")
        #expect(ratio.rule(on: day(2019, 1, 1)).source.hasPrefix("소득세법 시행령 §87"))
    }

    @Test func rulesAreKeptInDateOrder() {
        let rules = TaxTable.Rules(TaxTable.Rule(from: day(2020, 1, 1), Won(2), source: "later"),
                                   TaxTable.Rule(from: day(2015, 1, 1), Won(1), source: "earlier"))
        #expect(rules.all.map(\.source) == ["earlier", "later"])
        #expect(rules.value(on: day(2019, 12, 31)) == Won(1))
        #expect(rules.value(on: day(2020, 1, 1)) == Won(2))
    }

    @Test func everyRuleNamesItsSource() {
        let entries = TaxTable.standard.entries
        #expect(entries.map(\.rule) == [
            "기타소득 필요경비율", "기타소득 필요경비율", "기타소득 필요경비율",
            "기타소득 과세최저한 (기타소득금액, 건별)", "기타소득 원천징수세율", "사업소득 원천징수세율",
            "비거주자 원천징수세율", "지방소득세 (소득세의)", "소액부징수", "소액부징수", "끝수 계산 단위",
        ])
        #expect(entries.map(\.value) == ["80%", "70%", "60%", "50,000원", "20%", "3%", "20%", "10%",
                                         "1,000원 미만 (기타소득, 사업소득, 비거주자)", "1,000원 미만 (기타소득, 비거주자)", "10원"])
        #expect(entries.map(\.from.description) == ["2014-01-01", "2018-04-01", "2019-01-01", "2014-01-01", "2014-01-01", "2014-01-01",
                                                    "2014-01-01", "2014-01-01", "2014-01-01", "2024-07-01", "2014-01-01"])
        let statutes = ["소득세법 시행령 §87", "소득세법 §84", "소득세법 §129①6", "소득세법 §129①3", "소득세법 §156①", "지방세법 §103-13",
                        "소득세법 §86", "국고금 관리법 §47"]
        for statute in statutes {
            #expect(entries.contains { $0.source.contains(statute) }, "no rule cites \(statute)")
        }
    }

    @Test(arguments: [(Int64(2_000), "20%"), (880, "8.8%"), (330, "3.3%"), (25, "0.25%"), (5, "0.05%"), (0, "0%"), (10_000, "100%")])
    func rateDescription(_ basisPoints: Int64, _ text: String) {
        #expect(TaxTable.Rate(basisPoints: basisPoints).description == text)
    }

    @Test func shareIsComparedExactly() {
        let forty = TaxTable.Rate.percent(40)
        #expect(!forty.share(of: Won(125_000), exceeds: Won(50_000)))
        #expect(forty.share(of: Won(125_001), exceeds: Won(50_000)), "50,000.4 is more than 50,000")
        #expect(forty.truncatedShare(of: Won(125_001)) == Won(50_000))
    }
}
