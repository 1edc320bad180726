/// Why a piece of budget notation could not be read. `message` completes "expected …, got …";
/// `hint` says what to write instead.
public struct NotationProblem: Error, Equatable, Sendable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Readers of the notation used on budget pages: amounts (`150,000원`, `13,500천원`) and factors
/// (`15인`, `6회`, `주1회`). Pure functions over strings; the plan-file reader adds locations.
public enum Notation {
    /// The unit words an amount may carry, and what each is worth in won.
    /// Longest suffix first, so that `백만원` is not read as `백` + `만원`.
    static let moneyUnits: [(suffix: String, multiplier: Int64)] = [
        ("백만원", 1_000_000), ("천원", 1_000), ("만원", 10_000), ("억원", 100_000_000), ("원", 1),
    ]

    /// Reads an amount such as `150,000원`, `13,500천원` or `5만원` into won.
    ///
    /// The unit is required, so `13500` can't be misread as won when 천원 was meant. Separators must
    /// group by three (`1,50,000원` is refused). A decrease may be written `△300천원` or `-300천원` only
    /// when `allowNegative` is set (settlement adjustments); budget amounts are never negative.
    public static func amount(_ text: String, allowNegative: Bool = false) -> Result<Won, NotationProblem> {
        let example = "expected an amount in won like 150,000원 or 13,500천원, got \(Redaction.quoted(text))"
        var body = Substring(text.trimmingWhitespace())
        var negative = false
        if let first = body.first, first == "△" || first == "-" || first == "−" {
            negative = true
            body = body.dropFirst()
        }
        guard let unit = moneyUnits.first(where: { body.hasSuffix($0.suffix) }) else {
            if !body.isEmpty, body.allSatisfy({ $0.isASCIIDigit || $0 == "," }) {
                return .failure(NotationProblem(example, hint: "write the unit (원 or 천원) so the amount can't be misread"))
            }
            return .failure(NotationProblem(example))
        }
        let digits = body.dropLast(unit.suffix.count).trimmingWhitespace()
        guard let count = wholeNumber(Substring(digits)) else {
            return .failure(NotationProblem(example))
        }
        if negative && !allowNegative {
            return .failure(NotationProblem(example, hint: "amounts can't be negative here"))
        }
        guard case let .value(magnitude) = count, case let (won, false) = magnitude.multipliedReportingOverflow(by: unit.multiplier) else {
            return .failure(NotationProblem("expected an amount the planner can hold (up to 9,223,372,036,854,775,807원), got \(Redaction.quoted(text))",
                                            hint: "amounts over about 9.2 quintillion won overflow"))
        }
        return .success(Won(negative ? -won : won))
    }

    /// Reads a factor: a whole count with its unit word (`15인`, `6회`, `1식`), optionally behind a rate
    /// word (`주1회`: once a week).
    public static func factor(_ text: String) -> Result<Factor, NotationProblem> {
        let trimmed = text.trimmingWhitespace()
        let expected = "expected a count with its unit like 15인, 6회 or 주1회, got \(Redaction.quoted(text))"
        guard let firstDigit = trimmed.firstIndex(where: { $0.isASCIIDigit }) else {
            return .failure(NotationProblem(expected, hint: "write the count in digits"))
        }
        let prefix = trimmed[..<firstDigit]
        if prefix.hasSuffix("-") || prefix.hasSuffix("−") || prefix.hasSuffix("△") {
            return .failure(NotationProblem(expected, hint: "counts can't be negative"))
        }
        guard prefix.allSatisfy({ $0.isLetter }) else { return .failure(NotationProblem(expected)) }
        let afterPrefix = trimmed[firstDigit...]
        let unitStart = afterPrefix.firstIndex(where: { !$0.isASCIIDigit && $0 != "," }) ?? afterPrefix.endIndex
        let unit = afterPrefix[unitStart...]
        if unit.hasPrefix(".") {
            return .failure(NotationProblem(expected, hint: "counts are whole numbers; split the line or change its unit"))
        }
        guard !unit.isEmpty else {
            return .failure(NotationProblem(expected, hint: "add the unit word, e.g. \(Redaction.excerpt(String(afterPrefix), width: Redaction.quoteWidth))회"))
        }
        guard unit.allSatisfy({ $0.isLetter }) else { return .failure(NotationProblem(expected)) }
        guard let count = wholeNumber(afterPrefix[..<unitStart]) else { return .failure(NotationProblem(expected)) }
        guard case let .value(value) = count else {
            return .failure(NotationProblem("expected a count the planner can hold, got \(Redaction.quoted(text))"))
        }
        return .success(Factor(count: value, unit: String(unit), rate: prefix.isEmpty ? nil : String(prefix)))
    }

    private enum WholeNumber { case value(Int64), tooLarge }

    /// A run of ASCII digits, optionally grouped by three with commas; nil when it is not one.
    private static func wholeNumber(_ text: Substring) -> WholeNumber? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCIIDigit || $0 == "," }) else { return nil }
        if text.contains(",") {
            let groups = text.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        return Int64(text.filter { $0 != "," }).map(WholeNumber.value) ?? .tooLarge
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, line breaks, ideographic
    /// spaces: `Character.isWhitespace`). Readers call it on every field of every row, so it finds both
    /// ends in place and copies once, without Foundation's bridging.
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
