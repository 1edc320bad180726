import Foundation
import Testing

/// Golden tests of the messages about values inside a well-formed plan: unknown keys, counts,
/// amounts, overflow, declared amounts, and several problems at once.
@Suite("Values in a plan")
struct PlanValueErrorTests {
    // MARK: - Unknown keys

    @Test("an unknown key suggests the key it resembles: factor → factors")
    func misspelledFactors() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150,000원
                            factor: [15인, 6회]
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:13: categories[0].items[0].lines[0].factor: unknown key "factor"
                 10 |             factor: [15인, 6회]
                    |             ^
                  hint: did you mean "factors"?

                """, errors: 1)
        }
    }

    @Test("an unknown key that resembles nothing lists the known keys")
    func unknownKeyWithoutSuggestion() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 운영경비
                            amount: 1,000,000원
                            memo: 다과
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:13: categories[0].items[0].lines[0].memo: unknown key "memo"
                 10 |             memo: 다과
                    |             ^
                  hint: known keys here: name, paidTo, package, declared, amount, unitPrice, factors

                """, errors: 1)
        }
    }

    /// The did-you-mean for `unitprice:`; that it is the only error is checked by the test below.
    @Test("unitprice is reported as an unknown key with a did-you-mean for unitPrice")
    func misspelledUnitPriceIsReported() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitprice: 150,000원
                            factors: [15인, 6회]
                """)
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr.contains("""
                planner: error: plan.yaml:9:13: categories[0].items[0].lines[0].unitprice: unknown key "unitprice"
                 9 |             unitprice: 150,000원
                   |             ^
                  hint: did you mean "unitPrice"?

                """))
            #expect(budget.stdout == "")
            #expect(budget.status == Exit.dataError)
        }
    }

    @Test("a misspelled key is one error, not also a missing key")
    func misspelledUnitPriceOnly() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitprice: 150,000원
                            factors: [15인, 6회]
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:9:13: categories[0].items[0].lines[0].unitprice: unknown key "unitprice"
                 9 |             unitprice: 150,000원
                   |             ^
                  hint: did you mean "unitPrice"?

                """, errors: 1)
        }
    }

    // MARK: - Counts

    struct CountCase: Sendable, CustomTestStringConvertible {
        /// What follows `factors:` on line 10 of the fixture.
        let factors: String
        let stderr: String
        var testDescription: String { "factors: \(factors)" }
    }

    @Test("a count that isn't a whole count with its unit", arguments: [
        CountCase(factors: "[-3회]", stderr: """
            planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got "-3회"
             10 |             factors: [-3회]
                |                       ^
              hint: counts can't be negative

            """),
        CountCase(factors: "[△3회]", stderr: """
            planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got "△3회"
             10 |             factors: [△3회]
                |                       ^
              hint: counts can't be negative

            """),
        CountCase(factors: "[열다섯인]", stderr: """
            planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got "열다섯인"
             10 |             factors: [열다섯인]
                |                       ^
              hint: write the count in digits

            """),
        CountCase(factors: "[12]", stderr: """
            planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got "12"
             10 |             factors: [12]
                |                       ^
              hint: add the unit word, e.g. 12회

            """),
        CountCase(factors: "[15인, 6]", stderr: """
            planner: error: plan.yaml:10:28: categories[0].items[0].lines[0].factors[1]: expected a count with its unit like 15인, 6회 or 주1회, got "6"
             10 |             factors: [15인, 6]
                |                             ^
              hint: add the unit word, e.g. 6회

            """),
        CountCase(factors: "[1.5회]", stderr: """
            planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got "1.5회"
             10 |             factors: [1.5회]
                |                       ^
              hint: counts are whole numbers; split the line or change its unit

            """),
        CountCase(factors: "[99999999999999999999회]", stderr: """
            planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count the planner can hold, got "********************회"
             10 |             factors: [********************회]
                |                       ^

            """),
        CountCase(factors: "15인", stderr: """
            planner: error: plan.yaml:10:22: categories[0].items[0].lines[0].factors: expected a list (lines starting with "- "), got "15인"
             10 |             factors: 15인
                |                      ^

            """),
        CountCase(factors: "[{인원: 15}]", stderr: """
            planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got a mapping (key: value lines)
             10 |             factors: [{인원: 15}]
                |                       ^

            """),
    ])
    func badCount(_ count: CountCase) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150,000원
                            factors: \(count.factors)
                """)
            try sandbox.expectRejected(stderr: count.stderr, errors: 1)
        }
    }

    @Test("a count without its unit in a block list is told to add the unit word")
    func countWithoutUnitInBlockList() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150,000원
                            factors:
                              - 12
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:11:17: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got "12"
                 11 |               - 12
                    |                 ^
                  hint: add the unit word, e.g. 12회

                """, errors: 1)
        }
    }

    @Test("1,000회 and 150,000원 inside [ ] and { } are read whole, as written")
    func thousandsSeparatorsInFlowStyle() throws {
        // YAML splits flow entries at commas; the planner joins the pieces back when they touch.
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - {name: 참석수당, unitPrice: 150,000원, factors: [1,000회]}
                          - {name: 운영비, amount: 1,250,000원}
                """)
            let budget = try sandbox.run("budget", "plan.yaml", "--format", "csv")
            #expect(budget.stderr == "")
            #expect(budget.stdout.contains(",참석수당,150000,\"150,000원*1,000회\",150000000,150000,,vendor\r\n"))
            #expect(budget.stdout.contains(",운영비,1250000,\"1,250,000원\",1250000,1250,,vendor\r\n"))
            #expect(budget.status == Exit.ok)
        }
    }

    @Test("1, 000회 with a space after the comma is two entries, and the message says why")
    func spacedThousandsSeparatorInFlowList() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150,000원
                            factors: [1, 000회]
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].factors[0]: expected a count with its unit like 15인, 6회 or 주1회, got "1"
                 10 |             factors: [1, 000회]
                    |                       ^
                  hint: if you meant a number with a thousands comma, quote it ("1,000회"): inside [ ] and { } a comma separates entries

                """, errors: 1)
        }
    }

    // MARK: - Amounts

    struct AmountCase: Sendable, CustomTestStringConvertible {
        /// What follows `unitPrice:` on line 9 of the fixture.
        let unitPrice: String
        let stderr: String
        var testDescription: String { "unitPrice: \(unitPrice)" }
    }

    @Test("an amount that isn't money in won", arguments: [
        AmountCase(unitPrice: "150000", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "150000"
             9 |             unitPrice: 150000
               |                        ^
              hint: write the unit (원 or 천원) so the amount can't be misread

            """),
        AmountCase(unitPrice: "150,000", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "150,000"
             9 |             unitPrice: 150,000
               |                        ^
              hint: write the unit (원 or 천원) so the amount can't be misread

            """),
        AmountCase(unitPrice: "오십만원", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "오십만원"
             9 |             unitPrice: 오십만원
               |                        ^

            """),
        AmountCase(unitPrice: "-150,000원", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "-150,000원"
             9 |             unitPrice: -150,000원
               |                        ^
              hint: amounts can't be negative here

            """),
        AmountCase(unitPrice: "1,50,000원", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "1,50,000원"
             9 |             unitPrice: 1,50,000원
               |                        ^

            """),
        AmountCase(unitPrice: "[150,000원]", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got a list
             9 |             unitPrice: [150,000원]
               |                        ^

            """),
        AmountCase(unitPrice: "99,999,999,999,999,999,999원", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount the planner can hold (up to 9,223,372,036,854,775,807원), got "99,999,999,999,999,999,999원"
             9 |             unitPrice: 99,999,999,999,999,999,999원
               |                        ^
              hint: amounts over about 9.2 quintillion won overflow

            """),
        AmountCase(unitPrice: "9,999,999,999,999,999천원", stderr: """
            planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount the planner can hold (up to 9,223,372,036,854,775,807원), got "9,999,999,999,999,999천원"
             9 |             unitPrice: 9,999,999,999,999,999천원
               |                        ^
              hint: amounts over about 9.2 quintillion won overflow

            """),
    ])
    func badAmount(_ amount: AmountCase) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: \(amount.unitPrice)
                            factors: [15인, 6회]
                """)
            try sandbox.expectRejected(stderr: amount.stderr, errors: 1)
        }
    }

    @Test("150, 000원 inside { } with a space is one error, not also an unknown key \"000원\"")
    func spacedThousandsSeparatorInFlowMappingIsOneError() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - {name: 참석수당, unitPrice: 150, 000원, factors: [15인]}
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:37: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "150"
                 8 |           - {name: 참석수당, unitPrice: 150, 000원, factors: [15인]}
                   |                                         ^
                  hint: if you meant a number with a thousands comma, quote it ("150,000원"): inside [ ] and { } a comma separates entries

                """, errors: 1)
        }
    }

    // MARK: - Overflow

    @Test("a line whose amount overflows names its formula and the limit")
    func lineOverflow() throws {
        // 9,000,000,000,000,000원 × 1,000 still fits (9.0e18 < 9.22e18); × 10,000 does not.
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 9,000,000,000,000,000원
                            factors:
                              - 10,000회
                """)
            try sandbox.expectFindings(stderr: """
                planner: error: plan.yaml:8:13: categories[0].items[0].lines[0]: 9,000,000,000,000,000원*10,000회 is more than the planner can hold (9,223,372,036,854,775,807원)
                 8 |           - name: 참석수당
                   |             ^
                  hint: check the unit price and counts for a typo

                """, errors: 1)
        }
    }

    @Test("lines that overflow only when added up")
    func itemOverflow() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 하나
                            amount: 5,000,000,000,000,000,000원
                          - name: 둘
                            amount: 5,000,000,000,000,000,000원
                """)
            try sandbox.expectFindings(stderr: """
                planner: error: plan.yaml:6:9: categories[0].items[0]: the lines of "자문회의" add up to more than the planner can hold
                 6 |       - name: 자문회의
                   |         ^
                  hint: check the lines' unit prices and counts for a typo

                """, errors: 1)
        }
    }

    @Test("items that overflow only when added up")
    func categoryOverflow() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 가
                        amount: 5,000,000,000,000,000,000원
                      - name: 나
                        amount: 5,000,000,000,000,000,000원
                """)
            try sandbox.expectFindings(stderr: """
                planner: error: plan.yaml:4:5: categories[0]: the items of "사무관리비" add up to more than the planner can hold
                 4 |   - name: 사무관리비
                   |     ^
                  hint: check the items' amounts for a typo

                """, errors: 1)
        }
    }

    // MARK: - Declared amounts

    @Test("a declared amount that disagrees with its formula: budget exits 65, check exits 1")
    func declaredDisagrees() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2017
                categories:
                  - name: 사무관리비
                    items:
                      - name: 민간 네트워크 구축
                        lines:
                          - name: 자문회의 참석수당
                            unitPrice: 150,000원
                            factors: [15인, 6회]
                            declared: 13,000천원
                """)
            try sandbox.expectFindings(stderr: """
                planner: error: plan.yaml:11:23: categories[0].items[0].lines[0].declared: declared 13,000천원 but 150,000원*15인*6회 = 13,500천원
                 11 |             declared: 13,000천원
                    |                       ^
                  hint: fix the formula or the declared amount; they differ by 500천원

                """, errors: 1)
        }
    }

    // MARK: - Several problems

    @Test("every problem of a file is reported, in file order")
    func allReadingProblems() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 이천이십일
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150000
                            factors: [15인, -6회]
                          - name: 운영경비
                            amount: 1,000,000원
                            memo: 다과
                  - name: 행사운영비
                    items: []
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:2:7: year: expected the budget year like 2017, got "이천이십일"
                 2 | year: 이천이십일
                   |       ^
                planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "150000"
                 9 |             unitPrice: 150000
                   |                        ^
                  hint: write the unit (원 or 천원) so the amount can't be misread
                planner: error: plan.yaml:10:28: categories[0].items[0].lines[0].factors[1]: expected a count with its unit like 15인, 6회 or 주1회, got "-6회"
                 10 |             factors: [15인, -6회]
                    |                             ^
                  hint: counts can't be negative
                planner: error: plan.yaml:13:13: categories[0].items[0].lines[1].memo: unknown key "memo"
                 13 |             memo: 다과
                    |             ^
                  hint: known keys here: name, paidTo, package, declared, amount, unitPrice, factors
                planner: error: plan.yaml:15:12: categories[1].items: expected at least one item, got an empty list
                 15 |     items: []
                    |            ^

                """, errors: 5)
        }
    }

    @Test("every declared amount that disagrees is reported, in file order (the total first)")
    func allDeclaredProblems() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                total: 20,000천원
                categories:
                  - name: 사무관리비
                    declared: 14,000천원
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150,000원
                            factors: [15인, 6회]
                            declared: 13,000천원
                """)
            try sandbox.expectFindings(stderr: """
                planner: error: plan.yaml:3:8: total: declared 20,000천원 but the categories add up to 13,500천원
                 3 | total: 20,000천원
                   |        ^
                  hint: they differ by 6,500천원
                planner: error: plan.yaml:6:15: categories[0].declared: declared 14,000천원 but the items of 사무관리비 add up to 13,500천원
                 6 |     declared: 14,000천원
                   |               ^
                  hint: they differ by 500천원
                planner: error: plan.yaml:13:23: categories[0].items[0].lines[0].declared: declared 13,000천원 but 150,000원*15인*6회 = 13,500천원
                 13 |             declared: 13,000천원
                    |                       ^
                  hint: fix the formula or the declared amount; they differ by 500천원

                """, errors: 3)
        }
    }

    // MARK: - Settlement

    @Test("a settlement that ends below the lowest amount is an error, not a crash")
    func settlementAtTheLowestAmount() throws {
        // 0원 − 9,223,372,036,854,775,807원 − 1원 is exactly Int64.min: it fits, but its magnitude doesn't.
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 1,000,000원
                settlement:
                  - year: 2019
                    finalBudget: 0원
                    adjustment: -9,223,372,036,854,775,807원
                    spent: 1원
                """)
            try sandbox.expectFindings(stderr: """
                planner: error: plan.yaml:9:5: settlement[0]: the settlement of 2019 spends and carries over 9,223,372,036,854,775,808원 more than was available
                 9 |   - year: 2019
                   |     ^

                """, errors: 1)
        }
    }

    @Test("an item amount that overflows when rounded to 천원 is an error at that amount")
    func itemAmountRoundingOverflowIsReported() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 9,223,372,036,854,775,807원
                """)
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stderr.hasPrefix("planner: error: plan.yaml:"))
            #expect(check.stdout == "plan.yaml: 1 error, 0 warnings\n")
            #expect(check.status == Exit.findings)
        }
    }

    @Test("an item amount that overflows when rounded names the amount, not lines")
    func itemAmountRoundingOverflowMessage() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 9,223,372,036,854,775,807원
                """)
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stderr.hasPrefix("planner: error: plan.yaml:7:17: categories[0].items[0].amount: "))
            #expect(!check.stderr.contains("lines"))
            #expect(check.status == Exit.findings)
        }
    }
}
