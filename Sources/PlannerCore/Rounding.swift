/// A named rule for turning an exact quotient into a whole number.
///
/// Budget pages round twice in different places, and documents of the same city disagree:
/// the 2017 reference page truncates its percentages (−43.72 → △43) while the 2021 page rounds them
/// (−19.94 → △20). So every rounding is done once, at a named place, by a rule the plan chooses.
public enum RoundingRule: String, Sendable, CaseIterable, Codable {
    /// Round half away from zero: 2.5 → 3, −2.5 → −3, −19.94 → −20.
    case halfUp = "half-up"
    /// Drop the fraction toward zero: 2.9 → 2, −43.72 → −43.
    case truncate

    /// `numerator / denominator` rounded by this rule, or `nil` when the denominator is zero.
    public func divide(_ numerator: Int64, by denominator: Int64) -> Int64? {
        guard denominator != 0 else { return nil }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        var quotient = n / d
        if self == .halfUp {
            let remainder = n % d
            if remainder >= d - remainder { quotient += 1 }  // remainder * 2 >= d without overflow
        }
        // −2⁶³ has no positive twin: negate in two's complement instead of clamping first.
        return negative ? Int64(bitPattern: 0 &- quotient) : Int64(clamping: quotient)
    }

    /// An amount in won expressed in 천원 by this rule: 112,618,800원 → 112,619 (half-up).
    public func thousands(of amount: Won) -> Int64 {
        // The denominator is a non-zero constant, so the division always has a result.
        divide(amount.value, by: Won.thousand) ?? 0
    }

    /// An amount in won rounded to a whole number of thousands, still in won: 112,618,800 → 112,619,000;
    /// nil when rounding up passes the largest amount the planner holds.
    public func roundedToThousands(_ amount: Won) -> Won? {
        Won(thousands(of: amount)).multiplied(by: Won.thousand)
    }
}

/// The rounding choices a plan makes once, at its top.
public struct RoundingPolicies: Sendable, Equatable {
    /// How a line's amount in won becomes its budgeted amount in 천원. Default `half-up`, which is what
    /// published county budget books fit (3,128,300×3×12 = 112,618,800원 is shown as 112,619천원).
    public var amounts: RoundingRule
    /// How the year-over-year percentage `(B−A)×100/A` becomes a whole number.
    public var percent: RoundingRule

    public init(amounts: RoundingRule = .halfUp, percent: RoundingRule = .halfUp) {
        self.amounts = amounts
        self.percent = percent
    }
}
