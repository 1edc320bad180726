/// A non-negative decimal number as written in a plan (`1,352.5`, `2,500.50`, `5,000`), held exactly:
/// `units` counts steps of 10^−`scale`, so `1,352.5` is 13,525 units at scale 1.
///
/// Used for exchange rates and foreign amounts, which carry fractions that won amounts never do.
/// Nothing passes through floating point.
public struct DecimalFigure: Sendable, Hashable, CustomStringConvertible {
    /// The number × 10^scale.
    public let units: Int64
    /// Digits after the decimal point, 0…`maximumScale`.
    public let scale: Int

    /// At most four digits after the point: enough for every exchange rate and currency seen in budgets.
    public static let maximumScale = 4

    public init?(units: Int64, scale: Int) {
        guard units >= 0, (0...Self.maximumScale).contains(scale) else { return nil }
        self.units = units
        self.scale = scale
    }

    /// Reads `1,352.5`, `1352.5`, `5,000`: ASCII digits, optionally grouped by three with commas, then
    /// optionally a point and 1…4 digits. Nil for anything else (signs, spaces, `1.352,5`).
    public static func parse<S: StringProtocol>(_ text: S) -> DecimalFigure? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCIIDigit || $0 == "," }) else { return nil }
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || (1...maximumScale).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        guard let units = Int64(String(whole.filter { $0 != "," }) + String(fraction)) else { return nil }
        return DecimalFigure(units: units, scale: fraction.count)
    }

    /// 10^scale.
    var denominator: Int64 {
        var power: Int64 = 1
        for _ in 0..<scale { power *= 10 }
        return power
    }

    /// As written, with thousands commas: `1,352.5`, `5,000`, `2,500.50`.
    public var description: String {
        let denominator = self.denominator
        let whole = MoneyFormat.grouped(units / denominator)
        guard scale > 0 else { return whole }
        let fraction = String(units % denominator)
        return whole + "." + String(repeating: "0", count: scale - fraction.count) + fraction
    }
}

/// An amount in a foreign currency: an ISO 4217 code (`USD`, `EUR`, `JPY`) and a decimal figure.
public struct ForeignAmount: Sendable, Hashable, CustomStringConvertible {
    /// The three-letter code, upper case.
    public let currency: String
    public let figure: DecimalFigure

    public init(currency: String, figure: DecimalFigure) {
        self.currency = currency
        self.figure = figure
    }

    /// `USD 5,000`, `EUR 2,500.50`.
    public var description: String { "\(currency) \(figure)" }
}

/// How many won one unit of a foreign currency is worth in a plan: `USD: 1,350원`, `JPY: 9.2원`.
public struct ExchangeRate: Sendable, Hashable, CustomStringConvertible {
    /// The three-letter code, upper case.
    public let currency: String
    /// Won per one unit of the currency (not per 100: `JPY: 9.2원`, not `920원`).
    public let wonPerUnit: DecimalFigure

    public init(currency: String, wonPerUnit: DecimalFigure) {
        self.currency = currency
        self.wonPerUnit = wonPerUnit
    }

    /// `1,352.5원`.
    public var description: String { "\(wonPerUnit)원" }
}

/// An amount a plan may write in won or in a foreign currency (a speaker's fee).
public enum CurrencyAmount: Sendable, Hashable {
    case won(Won)
    case foreign(ForeignAmount)
}

/// Reading foreign amounts and exchange rates, and turning foreign amounts into won.
///
/// **Conversion rule (named, applied once):** a foreign amount becomes won as amount × rate, computed
/// exactly, then rounded **half-up to the whole won** (원 미만 사사오입) — once per converted amount, before
/// that won amount is multiplied by any counts. `USD 3,333.33 × 1,352.5원 = 4,508,328.825원 → 4,508,329원`.
/// The budget line's own rounding to 천원 happens later, in core pricing, as for every line.
public enum Currency {
    /// The rounding of one conversion to whole won.
    public static let conversionRule: RoundingRule = .halfUp

    /// Whether `text` is a currency code: three ASCII letters (any case; codes are compared upper-cased).
    public static func isCode<S: StringProtocol>(_ text: S) -> Bool {
        text.count == 3 && text.allSatisfy { $0.isASCII && $0.isLetter }
    }

    /// `amount × rate`, rounded half-up to the whole won; nil when the currencies differ or the result
    /// does not fit in 64 bits.
    public static func convert(_ amount: ForeignAmount, at rate: ExchangeRate) -> Won? {
        guard amount.currency == rate.currency else { return nil }
        let (product, overflow) = amount.figure.units.multipliedReportingOverflow(by: rate.wonPerUnit.units)
        let (denominator, tooFine) = amount.figure.denominator.multipliedReportingOverflow(by: rate.wonPerUnit.denominator)
        guard !overflow, !tooFine, let won = conversionRule.divide(product, by: denominator) else { return nil }
        return Won(won)
    }

    /// Reads an amount in won (`3,000,000원`, `300만원`) or in a foreign currency with its code before
    /// or after the figure (`USD 5,000`, `2,500.50 EUR`, `JPY 300,000`).
    public static func amount(_ text: String) -> Result<CurrencyAmount, NotationProblem> {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix("원") {
            return Notation.amount(trimmed).map(CurrencyAmount.won)
        }
        let expected = "expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got \(Redaction.quoted(text))"
        let words = trimmed.split(whereSeparator: \.isWhitespace)
        let codeHint = "write the currency as its three-letter code (USD, EUR, JPY) before or after the figure: USD 5,000"
        guard words.count == 2 else {
            if words.count == 1, let only = words.first, DecimalFigure.parse(only) != nil {
                return .failure(NotationProblem(expected, hint: "write the unit: 원 for won, or a currency code like USD 5,000"))
            }
            return .failure(NotationProblem(expected, hint: codeHint))
        }
        let (code, figureText) = isCode(words[0]) && !isCode(words[1]) ? (words[0], words[1]) : (words[1], words[0])
        guard isCode(code) else { return .failure(NotationProblem(expected, hint: codeHint)) }
        guard let figure = DecimalFigure.parse(figureText) else {
            return .failure(NotationProblem(expected, hint: "write the figure in digits with thousands commas and at most \(DecimalFigure.maximumScale) digits after a decimal point: USD 2,500.50"))
        }
        return .success(.foreign(ForeignAmount(currency: code.uppercased(), figure: figure)))
    }

    /// Reads an exchange rate written as won per one unit of `currency`: `1,350원`, `1,352.5원`.
    public static func exchangeRate(_ text: String, currency: String) -> Result<ExchangeRate, NotationProblem> {
        let code = currency.uppercased()
        let expected = "expected won per 1 \(code) like 1,350원 or 1,352.5원, got \(Redaction.quoted(text))"
        let trimmed = text.trimmingWhitespace()
        guard isCode(currency) else {
            return .failure(NotationProblem("expected a three-letter currency code like USD, got \(Redaction.quoted(currency))",
                                            hint: "exchange rates are written as CODE: won per unit, e.g. USD: 1,350원"))
        }
        guard trimmed.hasSuffix("원") else {
            if DecimalFigure.parse(trimmed) != nil {
                return .failure(NotationProblem(expected, hint: "write the unit 원"))
            }
            return .failure(NotationProblem(expected))
        }
        guard let figure = DecimalFigure.parse(trimmed.dropLast().trimmingWhitespace()), figure.units > 0 else {
            return .failure(NotationProblem(expected))
        }
        return .success(ExchangeRate(currency: code, wonPerUnit: figure))
    }
}
