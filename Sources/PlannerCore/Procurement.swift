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

/// The 추정가격 limits of the contract methods. Defaults follow the local-contract decree (지방계약법 시행령 §25, §30): one quotation up
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

/// Which budget classes are bought from vendors, and so belong in procurement sheets.
///
/// A category's code is its 통계목 (`201-01`); its 편성목 is the part before the dash (`201`). The
/// standard list is the 편성목 under which a local authority buys goods, services and works:
/// 201 일반운영비 (사무관리비, 공공운영비, 행사운영비), 206 재료비, 207 연구개발비, 401 시설비 및 부대비,
/// 405 자산취득비. Everything else is not a purchase: 인건비 (1xx), 202 여비, 203 업무추진비, 204
/// 직무수행경비, 205 의회비, transfers and subsidies (3xx, 402–404) … A category without a code is taken
/// to be a purchase, since nothing says otherwise. Codes change between years and authorities, so a
/// plan may give its own list (`procurement: { purchaseClasses: [201, 206] }`).
public struct PurchaseClasses: Sendable, Equatable {
    /// 편성목 (`201`) or 통계목 (`203-02`) codes.
    public var codes: [String]

    public static let standardCodes = ["201", "206", "207", "401", "405"]

    public init(codes: [String] = PurchaseClasses.standardCodes) {
        self.codes = codes
    }

    /// Whether lines of a category with this code are bought from vendors: its code is one of `codes`
    /// or starts with one of them and a dash. A category without a code is.
    public func includes(_ classCode: String?) -> Bool {
        guard let code = classCode?.trimmingWhitespace(), !code.isEmpty else { return true }
        return codes.contains { code == $0 || code.hasPrefix($0 + "-") }
    }
}

/// A line the plan pays, as priced: an ordinary line, a detail of a roll-up line, or an item's own
/// amount, with the category, item, event and package it belongs to. Procurement sheets and the
/// split-purchase check read a budget through these, in plan order.
public struct PaidLine: Sendable {
    /// The priced line; an item's own amount is a lump sum named after the item.
    public let priced: PricedLine
    /// The line's name; a detail of a roll-up line reads `연사초청경비 등 / 연사 숙박비`.
    public let name: String
    public let category: PricedCategory
    public let item: PricedItem
    /// The event whose kind produced the line (a detail's own, else its roll-up line's).
    public let origin: EventOrigin?
    /// The contract the line is bought in, when the plan gives one.
    public let package: String?
    /// Where the line (or its roll-up line) is written, and its path in the plan.
    public let source: SourceLocation?
    public let path: String
}

extension PricedBudget {
    /// Every line the budget pays, in plan order: an item's own amount, then its lines, a roll-up line
    /// as its details.
    public var paidLines: [PaidLine] {
        var lines: [PaidLine] = []
        for category in categories {
            for item in category.items {
                if let own = item.exactOwnAmount {
                    let line = PricedLine(line: .lumpSum(item.item.name, own, source: item.item.source, path: item.item.path), exact: own, budgeted: item.total)
                    lines.append(PaidLine(priced: line, name: item.item.name, category: category, item: item, origin: nil, package: nil,
                                          source: item.item.source, path: item.item.path))
                }
                for line in item.lines {
                    if line.details.isEmpty {
                        lines.append(PaidLine(priced: line, name: line.line.name, category: category, item: item, origin: line.line.origin,
                                              package: line.line.package, source: line.line.source, path: line.line.path))
                    } else {
                        for detail in line.details {
                            lines.append(PaidLine(priced: detail, name: "\(line.line.name) / \(detail.line.name)", category: category, item: item,
                                                  origin: detail.line.origin ?? line.line.origin, package: detail.line.package ?? line.line.package,
                                                  source: line.line.source, path: line.line.path))
                        }
                    }
                }
            }
        }
        return lines
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
