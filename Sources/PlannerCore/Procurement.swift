/// How a purchase is contracted, by its 추정가격 (estimated price, VAT excluded).
public enum ContractMethod: String, Sendable, CaseIterable {
    /// 1인 견적 수의계약: one quotation.
    case singleQuotation = "single-quotation"
    /// 2인 이상 견적 수의계약 (전자견적): two or more quotations.
    case multipleQuotations = "multiple-quotations"
    /// 경쟁입찰: competitive bidding.
    case competitiveBidding = "competitive-bidding"

    /// The Korean name contracts officers use.
    public var korean: String {
        switch self {
        case .singleQuotation: return "1인 견적 수의계약"
        case .multipleQuotations: return "2인 이상 견적 수의계약"
        case .competitiveBidding: return "경쟁입찰"
        }
    }
}

/// The 추정가격 limits of the contract methods. Defaults follow ../shared/DOMAIN.md: one quotation up
/// to 2천만원, two or more quotations up to 5천만원, competitive bidding above. The limits differ by
/// law, year and supplier (women- or disabled-owned firms), so a plan may set its own.
public struct ContractThresholds: Sendable, Equatable {
    /// The highest 추정가격 for one quotation, in won.
    public var singleQuotationLimit: Won
    /// The highest 추정가격 for a private contract on quotations, in won.
    public var quotationLimit: Won

    public init(singleQuotationLimit: Won = Won(20_000_000), quotationLimit: Won = Won(50_000_000)) {
        self.singleQuotationLimit = singleQuotationLimit
        self.quotationLimit = quotationLimit
    }

    public func method(forEstimatedPrice price: Won) -> ContractMethod {
        if price <= singleQuotationLimit { return .singleQuotation }
        if price <= quotationLimit { return .multipleQuotations }
        return .competitiveBidding
    }
}

/// VAT arithmetic of budget lines, which include VAT: VAT = ⌊amount / 11⌋ and
/// 추정가격 = amount − VAT (65,330,000원 → 59,390,910원 + 5,939,090원).
public enum VAT {
    public static func of(_ amountIncludingVAT: Won) -> Won {
        Won(amountIncludingVAT.value >= 0 ? amountIncludingVAT.value / 11 : -((-amountIncludingVAT.value + 10) / 11))
    }

    public static func estimatedPrice(_ amountIncludingVAT: Won) -> Won {
        Won(amountIncludingVAT.value - of(amountIncludingVAT).value)
    }
}
