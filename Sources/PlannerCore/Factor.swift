/// One multiplier of a cost line: a count with its unit word, as in `15인`, `6회`, `4분기`, `1식`.
///
/// A rate factor carries a rate word before the count: `주1회` is "once a week" (rate `주`, count 1,
/// unit `회`). The rate word is kept for the notation; the count is what multiplies.
public struct Factor: Hashable, Sendable {
    /// How many; never negative.
    public let count: Int64
    /// The unit word: `인`, `명`, `회`, `건`, `분기`, `식`, `주`, …
    public let unit: String
    /// The rate word in front of the count (`주` in `주1회`), if any.
    public let rate: String?

    public init(count: Int64, unit: String, rate: String? = nil) {
        precondition(count >= 0, "factor counts are validated as non-negative before they get here")
        self.count = count
        self.unit = unit
        self.rate = rate
    }

    /// The factor in budget notation: `15인`, `주1회`.
    public var notation: String { (rate ?? "") + MoneyFormat.grouped(count) + unit }
}
