/// One year of the settlement table (결산 현황), in won.
///
/// 예산현액 = 최종예산 + 전년이월 + 예산변경, and 집행잔액 = 예산현액 − 집행액 − 차년이월
/// (지방회계법 §55). The two derived figures are computed; when a plan also writes them down, as
/// printed on a page, `SettlementCheck` reports any disagreement as an error.
public struct SettlementEntry: Sendable, Equatable {
    public var year: Int
    /// 최종예산.
    public var finalBudget: Won
    /// 전년이월.
    public var carriedIn: Won
    /// 예산변경 (transfers, reserve funds); may be negative.
    public var adjustment: Won
    /// 집행액.
    public var spent: Won
    /// 차년이월.
    public var carriedOut: Won
    /// 예산현액 and 집행잔액 as printed, if the plan gives them.
    public var declaredAvailable: Located<Won>?
    public var declaredUnspent: Located<Won>?
    public var source: SourceLocation?
    public var path: String

    public init(year: Int, finalBudget: Won, carriedIn: Won = .zero, adjustment: Won = .zero, spent: Won, carriedOut: Won = .zero,
                declaredAvailable: Located<Won>? = nil, declaredUnspent: Located<Won>? = nil, source: SourceLocation? = nil, path: String = "") {
        self.year = year
        self.finalBudget = finalBudget
        self.carriedIn = carriedIn
        self.adjustment = adjustment
        self.spent = spent
        self.carriedOut = carriedOut
        self.declaredAvailable = declaredAvailable
        self.declaredUnspent = declaredUnspent
        self.source = source
        self.path = path
    }

    /// 예산현액 = 최종예산 + 전년이월 + 예산변경; nil on overflow.
    public var available: Won? { finalBudget.adding(carriedIn)?.adding(adjustment) }

    /// 집행잔액 = 예산현액 − 집행액 − 차년이월; nil on overflow.
    public var unspent: Won? { available?.subtracting(spent)?.subtracting(carriedOut) }

    /// 집행률 = 집행액 / 예산현액, in basis points (1/100 of a percent), rounded half-up; nil when nothing was available.
    public var executionRateBasisPoints: Int64? {
        guard let available, available.value > 0, let scaled = spent.multiplied(by: 10_000) else { return nil }
        return RoundingRule.halfUp.divide(scaled.value, by: available.value)
    }
}

/// The identities of the settlement table, checked.
public enum SettlementCheck {
    public static func check(_ entries: [SettlementEntry]) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var seen: [Int: SourceLocation?] = [:]
        for entry in entries {
            if let earlier = seen[entry.year] {
                findings.append(.error(at: entry.source, path: entry.path, "the settlement of \(entry.year) is given twice",
                                       hint: earlier.map { "the first one is at \($0)" }))
            }
            seen[entry.year] = entry.source
            guard let available = entry.available, let unspent = entry.unspent else {
                findings.append(.error(at: entry.source, path: entry.path, "the settlement of \(entry.year) does not fit in the planner's amounts"))
                continue
            }
            if let declared = entry.declaredAvailable, declared.value != available {
                findings.append(.error(at: declared.location, path: entry.path + ".available",
                    "예산현액 \(thousands(declared.value)) should be 최종예산 + 전년이월 + 예산변경 = \(thousands(available))",
                    hint: "예산현액 = 최종예산 + 전년이월 + 예산변경"))
            }
            if let declared = entry.declaredUnspent, declared.value != unspent {
                findings.append(.error(at: declared.location, path: entry.path + ".unspent",
                    "집행잔액 \(thousands(declared.value)) should be 예산현액 − 집행액 − 차년이월 = \(thousands(unspent))",
                    hint: "집행잔액 = 예산현액 − 집행액 − 차년이월"))
            }
            if unspent.value < 0 {
                findings.append(.error(at: entry.source, path: entry.path,
                    "the settlement of \(entry.year) spends and carries over \(PlanCheck.difference(.zero, unspent)) more than was available"))
            }
        }
        return findings
    }

    /// Settlement figures are printed in 천원; amounts that aren't whole thousands show their won.
    static func thousands(_ amount: Won) -> String {
        amount.value % Won.thousand == 0
            ? MoneyFormat.signed(amount.value / Won.thousand) + "천원"
            : MoneyFormat.signed(amount.value) + "원"
    }
}
