import Testing
@testable import PlannerCore

@Suite("Notation.amount")
struct NotationAmountTests {
    static func expected(_ text: String) -> String {
        "expected an amount in won like 150,000원 or 13,500천원, got \"\(text)\""
    }

    @Test(arguments: [
        ("150,000원", Int64(150_000)),
        ("13,500천원", 13_500_000),
        ("5만원", 50_000),
        ("1억원", 100_000_000),
        ("2,700천원", 2_700_000),
        ("150000원", 150_000),
        ("0원", 0),
        (" 150,000원 ", 150_000),
        ("150,000 원", 150_000),
        ("\t13,500 천원\n", 13_500_000),
        ("9,223,372,036,854,775,807원", .max),
    ])
    func readsAmountsWithTheirUnit(_ text: String, _ won: Int64) {
        #expect(Notation.amount(text) == .success(Won(won)))
    }

    @Test(arguments: [
        ("△300천원", Int64(-300_000)),
        ("-5,000원", -5_000),
        ("−5,000원", -5_000),
        ("△ 300천원", -300_000),
        ("300천원", 300_000),
    ])
    func readsDecreasesWhenAllowed(_ text: String, _ won: Int64) {
        #expect(Notation.amount(text, allowNegative: true) == .success(Won(won)))
    }

    @Test func readsMillionsOfWon() {
        #expect(Notation.amount("3백만원") == .success(Won(3_000_000)))
    }

    @Test func numberWithoutUnitAsksForTheUnit() {
        #expect(Notation.amount("150000") == .failure(NotationProblem(
            "expected an amount in won like 150,000원 or 13,500천원, got \"150000\"",
            hint: "write the unit (원 or 천원) so the amount can't be misread")))
        #expect(Notation.amount("13,500") == .failure(NotationProblem(
            Self.expected("13,500"), hint: "write the unit (원 or 천원) so the amount can't be misread")))
    }

    /// Text that is not an amount at all gets the plain expectation, with no hint to offer.
    @Test(arguments: ["오십만원", "오십만", "1,50,000원", "1,5000원", ",150원", "150,000,원", "1.5천원", "", "원", "150,000달러", "12 34원"])
    func refusesWhatIsNotAnAmount(_ text: String) {
        #expect(Notation.amount(text) == .failure(NotationProblem(Self.expected(text))))
    }

    @Test func badGroupingIsRefusedWithTheExactMessage() {
        #expect(Notation.amount("1,50,000원") == .failure(NotationProblem(
            "expected an amount in won like 150,000원 or 13,500천원, got \"1,50,000원\"")))
        #expect(Notation.amount("오십만원") == .failure(NotationProblem(
            "expected an amount in won like 150,000원 or 13,500천원, got \"오십만원\"")))
    }

    @Test(arguments: ["-5,000원", "△300천원", "−5,000원"])
    func negativeAmountsNeedPermission(_ text: String) {
        #expect(Notation.amount(text) == .failure(NotationProblem(Self.expected(text), hint: "amounts can't be negative here")))
    }

    @Test(arguments: ["9,999,999,999,999,999천원", "99999999999999999999원", "100,000,000,000억원"])
    func overflowingAmountsAreRefused(_ text: String) {
        #expect(Notation.amount(text) == .failure(NotationProblem(
            "expected an amount the planner can hold (up to 9,223,372,036,854,775,807원), got \"\(text)\"",
            hint: "amounts over about 9.2 quintillion won overflow")))
    }

    @Test func overflowIsReportedForAllowedNegativesToo() {
        #expect(Notation.amount("△9,999,999,999,999,999천원", allowNegative: true) == .failure(NotationProblem(
            "expected an amount the planner can hold (up to 9,223,372,036,854,775,807원), got \"△9,999,999,999,999,999천원\"",
            hint: "amounts over about 9.2 quintillion won overflow")))
    }
}

@Suite("Notation.factor")
struct NotationFactorTests {
    static func expected(_ text: String) -> String {
        "expected a count with its unit like 15인, 6회 or 주1회, got \"\(text)\""
    }

    @Test(arguments: [
        ("15인", Factor(count: 15, unit: "인")),
        ("6회", Factor(count: 6, unit: "회")),
        ("4분기", Factor(count: 4, unit: "분기")),
        ("1식", Factor(count: 1, unit: "식")),
        ("주1회", Factor(count: 1, unit: "회", rate: "주")),
        ("52주", Factor(count: 52, unit: "주")),
        ("1,000건", Factor(count: 1_000, unit: "건")),
        (" 12월 ", Factor(count: 12, unit: "월")),
        ("0회", Factor(count: 0, unit: "회")),
        ("월2회", Factor(count: 2, unit: "회", rate: "월")),
    ])
    func readsCountsWithUnits(_ text: String, _ factor: Factor) {
        #expect(Notation.factor(text) == .success(factor))
    }

    @Test(arguments: [
        (Factor(count: 15, unit: "인"), "15인"),
        (Factor(count: 1, unit: "회", rate: "주"), "주1회"),
        (Factor(count: 1_000, unit: "건"), "1,000건"),
        (Factor(count: 4, unit: "분기"), "4분기"),
    ])
    func writesFactorsBack(_ factor: Factor, _ notation: String) {
        #expect(factor.notation == notation)
        #expect(Notation.factor(notation) == .success(factor))
    }

    @Test(arguments: ["-3회", "△3회", "−3회"])
    func negativeCounts(_ text: String) {
        #expect(Notation.factor(text) == .failure(NotationProblem(Self.expected(text), hint: "counts can't be negative")))
    }

    @Test func exactMessagesAndHints() {
        #expect(Notation.factor("-3회") == .failure(NotationProblem(
            "expected a count with its unit like 15인, 6회 or 주1회, got \"-3회\"", hint: "counts can't be negative")))
        #expect(Notation.factor("열다섯인") == .failure(NotationProblem(
            "expected a count with its unit like 15인, 6회 or 주1회, got \"열다섯인\"", hint: "write the count in digits")))
        #expect(Notation.factor("3.5시간") == .failure(NotationProblem(
            "expected a count with its unit like 15인, 6회 or 주1회, got \"3.5시간\"",
            hint: "counts are whole numbers; split the line or change its unit")))
        #expect(Notation.factor("12") == .failure(NotationProblem(
            "expected a count with its unit like 15인, 6회 or 주1회, got \"12\"", hint: "add the unit word, e.g. 12회")))
        #expect(Notation.factor(" 1,000 ") == .failure(NotationProblem(
            Self.expected(" 1,000 "), hint: "add the unit word, e.g. 1,000회")))
        #expect(Notation.factor("") == .failure(NotationProblem(Self.expected(""), hint: "write the count in digits")))
    }

    /// A run of seven or more digits is quoted with its digits hidden, like any number that could be
    /// personal (`Redaction.masking`); digits grouped by commas are shown.
    @Test(arguments: [("99999999999999999999회", "********************회"), ("9,223,372,036,854,775,808명", "9,223,372,036,854,775,808명")])
    func overflowingCounts(_ text: String, _ quoted: String) {
        #expect(Notation.factor(text) == .failure(NotationProblem("expected a count the planner can hold, got \"\(quoted)\"")))
    }

    @Test func largestCountIsRead() {
        #expect(Notation.factor("9,223,372,036,854,775,807명") == .success(Factor(count: .max, unit: "명")))
    }

    /// Malformed factors get the plain expectation without a hint.
    @Test(arguments: ["1,00회", "15인*6회", "(15)인", "15인!", "1,0000회"])
    func refusesMalformedFactors(_ text: String) {
        #expect(Notation.factor(text) == .failure(NotationProblem(Self.expected(text))))
    }
}
