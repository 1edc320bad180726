import Foundation

/// An amount of money in Korean won, as a whole number.
///
/// Money never passes through floating point. Arithmetic that could overflow is checked and
/// reported as `MoneyError.overflow` instead of trapping, because amounts come from user files.
public struct Won: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in won.
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = Won(0)

    /// One thousand won, the unit of budget pages (천원).
    public static let thousand: Int64 = 1_000

    /// The largest amount one record of what happened may hold (a ledger entry, an honorarium):
    /// 10^15원, one quadrillion won (1,000조원), more than a year's national budget. Bounded so that
    /// sums over thousands of records stay inside 64 bits; every sum is checked all the same.
    public static let recordLimit = Won(1_000_000_000_000_000)

    public static func < (lhs: Won, rhs: Won) -> Bool { lhs.value < rhs.value }

    /// `lhs + rhs`, or `nil` when the sum does not fit in 64 bits.
    public func adding(_ other: Won) -> Won? {
        let (sum, overflow) = value.addingReportingOverflow(other.value)
        return overflow ? nil : Won(sum)
    }

    /// `lhs − rhs`, or `nil` on overflow.
    public func subtracting(_ other: Won) -> Won? {
        let (difference, overflow) = value.subtractingReportingOverflow(other.value)
        return overflow ? nil : Won(difference)
    }

    /// `self × count`, or `nil` on overflow.
    public func multiplied(by count: Int64) -> Won? {
        let (product, overflow) = value.multipliedReportingOverflow(by: count)
        return overflow ? nil : Won(product)
    }

    /// The amount with thousands separators and no unit: `150,000`, `△59,600` style is not applied here.
    public var description: String { MoneyFormat.grouped(value) }
}

/// Money arithmetic that would not fit in 64 bits.
public enum MoneyError: Error, Equatable, Sendable {
    case overflow
}

extension Sequence where Element == Won {
    /// The sum of the amounts, or `nil` when it does not fit in 64 bits.
    public func checkedSum() -> Won? {
        var total = Won.zero
        for amount in self {
            guard let next = total.adding(amount) else { return nil }
            total = next
        }
        return total
    }
}
