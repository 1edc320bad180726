/// The taxes withheld at source from one honorarium payment (원천징수), in won.
public struct Withholding: Sendable, Equatable {
    /// 소득세, already truncated to the table's unit (10원) and after 소액부징수.
    public var incomeTax: Won
    /// 개인지방소득세 (특별징수), computed from the truncated income tax and truncated the same way.
    public var localTax: Won

    public init(incomeTax: Won, localTax: Won) {
        self.incomeTax = incomeTax
        self.localTax = localTax
    }

    /// Nothing withheld.
    public static let none = Withholding(incomeTax: .zero, localTax: .zero)

    /// Income tax plus local tax: what the payee does not receive. Saturates at the largest amount
    /// rather than trapping, which only a hand-built value could reach.
    public var total: Won { incomeTax.adding(localTax) ?? Won(.max) }
}

/// The withholding rules for honoraria, each dated and with its legal source, so that a payment is
/// taxed by the law in force on its date.
///
/// `TaxTable.standard` holds the Korean rules from 2014-01-01 (when the local income tax took its
/// present form, 지방세법 §103-13) onwards. A rule list answers a date before its first entry with that
/// first entry: the planner does not model older law.
///
/// ```swift
/// let tax = TaxTable.standard.withholding(gross: Won(150_000), incomeType: .other, treatyExempt: false,
///                                         on: CalendarDate(year: 2017, month: 5, day: 10)!)
/// // tax.incomeTax == 12,000원, tax.localTax == 1,200원, tax.total == 13,200원
/// ```
public struct TaxTable: Sendable, Equatable {
    /// A tax rate or a ratio in basis points (1/10,000): 20% is 2,000. Between 0% and 100%.
    public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let basisPoints: Int64

        /// - Precondition: `basisPoints` is in 0...10,000. Rates are written in code, never read from users.
        public init(basisPoints: Int64) {
            precondition((0...Rate.whole).contains(basisPoints), "a tax rate is between 0% and 100%")
            self.basisPoints = basisPoints
        }

        public static func percent(_ percent: Int64) -> Rate { Rate(basisPoints: percent * 100) }

        /// 100% in basis points.
        public static let whole: Int64 = 10_000

        public static func < (a: Rate, b: Rate) -> Bool { a.basisPoints < b.basisPoints }

        /// `20%`, `3.3%`, `8.8%`, `0.25%`.
        public var description: String {
            let whole = basisPoints / 100, fraction = basisPoints % 100
            guard fraction != 0 else { return "\(whole)%" }
            let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
            return "\(whole).\(digits)%"
        }

        /// This rate of `amount`, truncated toward zero to whole won. Exact for any amount: the product
        /// is split so that it never leaves 64 bits (the result is never larger than the amount).
        public func truncatedShare(of amount: Won) -> Won {
            let (quotient, remainder) = amount.value.quotientAndRemainder(dividingBy: Rate.whole)
            return Won(quotient * basisPoints + remainder * basisPoints / Rate.whole)
        }

        /// Whether this rate of `amount` is more than `limit` (compared exactly, before any truncation).
        public func share(of amount: Won, exceeds limit: Won) -> Bool {
            let whole = truncatedShare(of: amount)
            if whole != limit { return whole > limit }
            return amount.value % Rate.whole * basisPoints % Rate.whole > 0
        }
    }

    /// One rule: a value in force from a date, and the law it comes from.
    public struct Rule<Value: Sendable & Equatable>: Sendable, Equatable {
        /// The first day (of payment) the value applies to.
        public var from: CalendarDate
        public var value: Value
        /// The statute and what it says, in a sentence.
        public var source: String

        public init(from: CalendarDate, _ value: Value, source: String) {
            self.from = from
            self.value = value
            self.source = source
        }
    }

    /// The successive values of one rule, oldest first; never empty.
    public struct Rules<Value: Sendable & Equatable>: Sendable, Equatable {
        public let all: [Rule<Value>]

        /// The rules in any order; they are kept sorted by date.
        public init(_ first: Rule<Value>, _ later: Rule<Value>...) {
            all = ([first] + later).sorted { $0.from < $1.from }
        }

        /// The rule in force on `date`: the latest one starting on or before it, or the first rule
        /// for a date before all of them.
        public func rule(on date: CalendarDate) -> Rule<Value> {
            all.last(where: { $0.from <= date }) ?? all[0]
        }

        public func value(on date: CalendarDate) -> Value { rule(on: date).value }
    }

    /// 소액부징수: an income tax below `limit` is not withheld, for the income types listed.
    public struct SmallAmountRule: Sendable, Equatable {
        public var limit: Won
        public var appliesTo: Set<IncomeType>

        public init(limit: Won, appliesTo: Set<IncomeType>) {
            self.limit = limit
            self.appliesTo = appliesTo
        }
    }

    /// 기타소득 필요경비 의제: the share of a lecture, manuscript or allowance payment deemed expenses.
    public var otherIncomeExpenseRatio: Rules<Rate>
    /// 과세최저한: no tax when 기타소득금액 of one payment is at most this.
    public var otherIncomeMinimum: Rules<Won>
    /// 기타소득 원천징수세율, applied to 기타소득금액.
    public var otherIncomeRate: Rules<Rate>
    /// 사업소득 원천징수세율, applied to the gross.
    public var businessRate: Rules<Rate>
    /// 비거주자 국내원천 인적용역소득 원천징수세율, applied to the gross.
    public var nonresidentRate: Rules<Rate>
    /// 개인지방소득세 특별징수, applied to the income tax withheld.
    public var localRate: Rules<Rate>
    /// 소액부징수.
    public var smallAmount: Rules<SmallAmountRule>
    /// 끝수 계산: each tax is truncated to a multiple of this (10원).
    public var truncationUnit: Rules<Won>

    public init(otherIncomeExpenseRatio: Rules<Rate>, otherIncomeMinimum: Rules<Won>, otherIncomeRate: Rules<Rate>,
                businessRate: Rules<Rate>, nonresidentRate: Rules<Rate>, localRate: Rules<Rate>,
                smallAmount: Rules<SmallAmountRule>, truncationUnit: Rules<Won>) {
        self.otherIncomeExpenseRatio = otherIncomeExpenseRatio
        self.otherIncomeMinimum = otherIncomeMinimum
        self.otherIncomeRate = otherIncomeRate
        self.businessRate = businessRate
        self.nonresidentRate = nonresidentRate
        self.localRate = localRate
        self.smallAmount = smallAmount
        self.truncationUnit = truncationUnit
    }

    /// The first day the standard table covers.
    public static let start = CalendarDate(year: 2014, month: 1, day: 1)!

    /// The Korean withholding rules for honoraria paid by a public body.
    public static let standard = TaxTable(
        otherIncomeExpenseRatio: Rules(
            Rule(from: start, .percent(80),
                 source: "소득세법 시행령 §87 1호: 강연료·원고료·자문료 등 기타소득은 받은 금액의 80%를 필요경비로 본다 (2018.3.31. 지급분까지)"),
            Rule(from: CalendarDate(year: 2018, month: 4, day: 1)!, .percent(70),
                 source: "소득세법 시행령 §87 1호 (2018.2.13. 개정): 2018.4.1.부터 12.31.까지 지급분은 70%"),
            Rule(from: CalendarDate(year: 2019, month: 1, day: 1)!, .percent(60),
                 source: "소득세법 시행령 §87 1호 (2018.2.13. 개정): 2019.1.1. 이후 지급분은 60%")),
        otherIncomeMinimum: Rules(
            Rule(from: start, Won(50_000),
                 source: "소득세법 §84 (기타소득의 과세최저한): 기타소득금액이 건별로 5만원 이하이면 과세하지 않는다")),
        otherIncomeRate: Rules(
            Rule(from: start, .percent(20),
                 source: "소득세법 §129①6: 기타소득의 원천징수세율은 20%")),
        businessRate: Rules(
            Rule(from: start, .percent(3),
                 source: "소득세법 §129①3: 원천징수대상 사업소득(인적용역)은 지급액의 3%")),
        nonresidentRate: Rules(
            Rule(from: start, .percent(20),
                 source: "소득세법 §156①: 비거주자의 국내원천 인적용역소득은 지급액의 20% (필요경비 공제 없음); 조세조약으로 면제될 수 있다")),
        localRate: Rules(
            Rule(from: start, .percent(10),
                 source: "지방세법 §103-13① (거주자), §103-18 (비거주자): 원천징수하는 소득세의 10%를 개인지방소득세로 특별징수")),
        smallAmount: Rules(
            Rule(from: start, SmallAmountRule(limit: Won(1_000), appliesTo: [.other, .business, .nonresident]),
                 source: "소득세법 §86 1호 (소액 부징수): 원천징수세액이 1천원 미만이면 징수하지 않는다"),
            Rule(from: CalendarDate(year: 2024, month: 7, day: 1)!, SmallAmountRule(limit: Won(1_000), appliesTo: [.other, .nonresident]),
                 source: "소득세법 §86 1호 (2023.12.31. 개정): 2024.7.1. 이후 지급하는 인적용역 사업소득은 1천원 미만도 징수한다")),
        truncationUnit: Rules(
            Rule(from: start, Won(10),
                 source: "국고금 관리법 §47①·③: 10원 미만의 끝수는 계산하지 않는다 (지방자치단체 준용)"))
    )

    /// What one honorarium payment has withheld, by the rules in force on `date` (the payment's date).
    ///
    /// - 기타소득 (`other`): 기타소득금액 = gross × (1 − expense ratio); nothing when that is at most
    ///   50,000원 (compared exactly, so at 60% a gross of 125,000원 is untaxed and 125,010원 fully taxed);
    ///   otherwise income tax = 20% of 기타소득금액 (truncated to whole won first, as a tax base is).
    /// - 사업소득 (`business`): 3% of the gross. 비거주자 (`nonresident`): 20% of the gross, nothing when
    ///   `treatyExempt`. `exempt`: nothing. `treatyExempt` matters only for `nonresident`.
    /// - The income tax is truncated to 10원; under 1,000원 it is not withheld (소액부징수, except
    ///   business income paid from 2024-07-01). Local tax is 10% of the withheld income tax, truncated to 10원.
    /// - A gross of zero or less has nothing withheld.
    public func withholding(gross: Won, incomeType: IncomeType, treatyExempt: Bool, on date: CalendarDate) -> Withholding {
        guard gross > .zero else { return .none }
        let computed: Won
        switch incomeType {
        case .exempt:
            return .none
        case .nonresident:
            if treatyExempt { return .none }
            computed = nonresidentRate.value(on: date).truncatedShare(of: gross)
        case .business:
            computed = businessRate.value(on: date).truncatedShare(of: gross)
        case .other:
            let incomeShare = Rate(basisPoints: Rate.whole - otherIncomeExpenseRatio.value(on: date).basisPoints)
            guard incomeShare.share(of: gross, exceeds: otherIncomeMinimum.value(on: date)) else { return .none }
            let otherIncome = incomeShare.truncatedShare(of: gross)
            computed = otherIncomeRate.value(on: date).truncatedShare(of: otherIncome)
        }
        let unit = truncationUnit.value(on: date)
        let incomeTax = Self.truncate(computed, to: unit)
        let small = smallAmount.value(on: date)
        if small.appliesTo.contains(incomeType) && incomeTax < small.limit { return .none }
        let localTax = Self.truncate(localRate.value(on: date).truncatedShare(of: incomeTax), to: unit)
        return Withholding(incomeTax: incomeTax, localTax: localTax)
    }

    /// `amount` truncated down to a multiple of `unit` (12,345 → 12,340 for 10원); unchanged for a unit of 1 or less.
    static func truncate(_ amount: Won, to unit: Won) -> Won {
        guard unit.value > 1 else { return amount }
        return Won(amount.value - amount.value % unit.value)
    }

    /// One rule of the table as a person reads it.
    public struct Entry: Sendable, Equatable {
        /// What the rule is about, in Korean: `기타소득 필요경비율`.
        public var rule: String
        public var from: CalendarDate
        /// The value as written: `60%`, `50,000원`, `1,000원 미만 (기타소득, 비거주자)`.
        public var value: String
        public var source: String
    }

    /// Every rule of the table, grouped by rule and oldest first within a rule: for a README, a
    /// `--help` text or an audit of which law a payment was taxed by.
    public var entries: [Entry] {
        func lines<Value>(_ name: String, _ rules: Rules<Value>, _ show: (Value) -> String) -> [Entry] {
            rules.all.map { Entry(rule: name, from: $0.from, value: show($0.value), source: $0.source) }
        }
        let won = { (amount: Won) in MoneyFormat.won(amount) }
        let rate = { (rate: Rate) in rate.description }
        return lines("기타소득 필요경비율", otherIncomeExpenseRatio, rate)
            + lines("기타소득 과세최저한 (기타소득금액, 건별)", otherIncomeMinimum, won)
            + lines("기타소득 원천징수세율", otherIncomeRate, rate)
            + lines("사업소득 원천징수세율", businessRate, rate)
            + lines("비거주자 원천징수세율", nonresidentRate, rate)
            + lines("지방소득세 (소득세의)", localRate, rate)
            + lines("소액부징수", smallAmount) { rule in
                let types = IncomeType.allCases.filter { rule.appliesTo.contains($0) }.map(\.korean).joined(separator: ", ")
                return "\(MoneyFormat.won(rule.limit)) 미만 (\(types))"
            }
            + lines("끝수 계산 단위", truncationUnit, won)
    }
}
