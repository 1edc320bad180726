import Testing
@testable import PlannerCore

@Suite("SettlementEntry")
struct SettlementEntryTests {
    /// The 2021 page's 결산 table, in 천원: year, 최종예산, 집행액, 집행잔액, 집행률 in basis points.
    @Test(arguments: [
        (2017, Int64(488_469), Int64(468_465), Int64(20_004), Int64(9_590)),  // 95.9048%
        (2018, 494_400, 482_136, 12_264, 9_752),  // 97.5194%
        (2019, 524_600, 516_812, 7_788, 9_852),  // 98.5154%, rounded up
    ])
    func reproducesThe2021PageTable(_ year: Int, _ finalBudget: Int64, _ spent: Int64, _ unspent: Int64, _ rate: Int64) {
        let entry = SettlementEntry(year: year, finalBudget: kw(finalBudget), spent: kw(spent),
                                    declaredAvailable: Located(kw(finalBudget)), declaredUnspent: Located(kw(unspent)))
        #expect(entry.available == kw(finalBudget))
        #expect(entry.unspent == kw(unspent))
        #expect(entry.executionRateBasisPoints == rate)
        #expect(SettlementCheck.check([entry]).isEmpty)
    }

    @Test func carriedAmountsAndAdjustments() {
        // 예산현액 = 100 + 20 + (−5) = 115; 집행잔액 = 115 − 90 − 10 = 15 (천원).
        let entry = SettlementEntry(year: 2019, finalBudget: kw(100), carriedIn: kw(20), adjustment: kw(-5), spent: kw(90), carriedOut: kw(10))
        #expect(entry.available == kw(115))
        #expect(entry.unspent == kw(15))
        #expect(entry.executionRateBasisPoints == 7_826)  // 90 / 115 = 78.26%
    }

    @Test func executionRateNeedsSomethingAvailable() {
        #expect(SettlementEntry(year: 2019, finalBudget: .zero, spent: .zero).executionRateBasisPoints == nil)
        #expect(SettlementEntry(year: 2019, finalBudget: kw(10), adjustment: kw(-20), spent: .zero).executionRateBasisPoints == nil)
        #expect(SettlementEntry(year: 2019, finalBudget: kw(10), spent: kw(10)).executionRateBasisPoints == 10_000)
        #expect(SettlementEntry(year: 2019, finalBudget: Won(.max), spent: Won(.max)).executionRateBasisPoints == nil, "spent × 10,000 overflows")
    }

    @Test func overflowIsNil() {
        let entry = SettlementEntry(year: 2019, finalBudget: Won(.max), carriedIn: Won(1), spent: .zero)
        #expect(entry.available == nil)
        #expect(entry.unspent == nil)
    }
}

@Suite("SettlementCheck")
struct SettlementCheckTests {
    @Test func wrongDeclaredUnspent() {
        let entry = SettlementEntry(year: 2017, finalBudget: kw(488_469), spent: kw(468_465),
                                    declaredUnspent: Located(kw(20_000), at: at(61, 14)), source: at(58, 5), path: "settlement[0]")
        #expect(SettlementCheck.check([entry]) == [
            .error(at: at(61, 14), path: "settlement[0].unspent",
                   "집행잔액 20,000천원 should be 예산현액 − 집행액 − 차년이월 = 20,004천원",
                   hint: "집행잔액 = 예산현액 − 집행액 − 차년이월"),
        ])
    }

    @Test func wrongDeclaredAvailable() {
        let entry = SettlementEntry(year: 2018, finalBudget: kw(494_400), carriedIn: kw(1_000), spent: kw(482_136),
                                    declaredAvailable: Located(kw(494_400), at: at(65, 16)), path: "settlement[1]")
        #expect(SettlementCheck.check([entry]) == [
            .error(at: at(65, 16), path: "settlement[1].available",
                   "예산현액 494,400천원 should be 최종예산 + 전년이월 + 예산변경 = 495,400천원",
                   hint: "예산현액 = 최종예산 + 전년이월 + 예산변경"),
        ])
    }

    @Test func amountsThatAreNotWholeThousandsShowTheirWon() {
        let entry = SettlementEntry(year: 2019, finalBudget: Won(524_600_500), spent: kw(516_812),
                                    declaredUnspent: Located(kw(7_788)), path: "settlement[2]")
        #expect(SettlementCheck.check([entry]).map(\.message) == [
            "집행잔액 7,788천원 should be 예산현액 − 집행액 − 차년이월 = 7,788,500원",
        ])
    }

    @Test func negativeAdjustmentIsFine() {
        // 500,000 − 11,531 = 488,469 available; 488,469 − 468,465 = 20,004 unspent.
        let entry = SettlementEntry(year: 2017, finalBudget: kw(500_000), adjustment: kw(-11_531), spent: kw(468_465),
                                    declaredAvailable: Located(kw(488_469)), declaredUnspent: Located(kw(20_004)))
        #expect(entry.available == kw(488_469))
        #expect(SettlementCheck.check([entry]).isEmpty)
    }

    @Test func negativeAdjustmentShownWithTriangle() {
        let entry = SettlementEntry(year: 2017, finalBudget: kw(100), adjustment: kw(-300), spent: .zero,
                                    declaredAvailable: Located(kw(100)), path: "settlement[0]")
        let findings = SettlementCheck.check([entry])
        #expect(findings.map(\.message) == [
            "예산현액 100천원 should be 최종예산 + 전년이월 + 예산변경 = △200천원",
            "the settlement of 2017 spends and carries over 200천원 more than was available",
        ])
    }

    @Test func spendingMoreThanAvailable() {
        let entry = SettlementEntry(year: 2019, finalBudget: kw(524_600), spent: kw(516_812), carriedOut: kw(8_788),
                                    source: at(70, 5), path: "settlement[2]")
        #expect(SettlementCheck.check([entry]) == [
            .error(at: at(70, 5), path: "settlement[2]", "the settlement of 2019 spends and carries over 1,000천원 more than was available"),
        ])
    }

    @Test func duplicateYearPointsAtTheFirst() {
        let first = SettlementEntry(year: 2018, finalBudget: kw(494_400), spent: kw(482_136), source: at(30, 5), path: "settlement[0]")
        let second = SettlementEntry(year: 2018, finalBudget: kw(494_400), spent: kw(482_136), source: at(40, 5), path: "settlement[1]")
        let third = SettlementEntry(year: 2018, finalBudget: kw(494_400), spent: kw(482_136), path: "settlement[2]")
        #expect(SettlementCheck.check([first, second]) == [
            .error(at: at(40, 5), path: "settlement[1]", "the settlement of 2018 is given twice",
                   hint: "the first one is at Events/social.yaml:30:5"),
        ])
        let withoutSource = SettlementCheck.check([third, first])
        #expect(withoutSource == [.error(at: at(30, 5), path: "settlement[0]", "the settlement of 2018 is given twice")])
    }

    @Test func overflowIsAnError() {
        let entry = SettlementEntry(year: 2020, finalBudget: Won(.max), carriedIn: Won(1), spent: .zero, source: at(80, 5), path: "settlement[3]")
        #expect(SettlementCheck.check([entry]) == [
            .error(at: at(80, 5), path: "settlement[3]", "the settlement of 2020 does not fit in the planner's amounts"),
        ])
    }

    @Test func everyProblemIsReported() {
        let entries = [
            SettlementEntry(year: 2017, finalBudget: kw(488_469), spent: kw(468_465), declaredUnspent: Located(kw(20_000))),
            SettlementEntry(year: 2018, finalBudget: kw(494_400), spent: kw(482_136), declaredAvailable: Located(kw(1))),
            SettlementEntry(year: 2019, finalBudget: kw(1), spent: kw(2)),
        ]
        #expect(SettlementCheck.check(entries).map(\.path) == [".unspent", ".available", ""])
    }

    @Test
    func mostNegativeUnspentIsReportedNotATrap() {
        let entry = SettlementEntry(year: 2019, finalBudget: .zero, spent: Won(.max), carriedOut: Won(1))
        #expect(SettlementCheck.check([entry]).count == 1)
    }
}
