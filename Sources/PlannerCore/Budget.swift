/// A line of the calculation basis (산출근거): unit price × factors = amount.
///
/// `150,000원*15인*6회` is a unit price of 150,000원 and the factors 15인 and 6회. A lump sum
/// (`10,400,000원`) has no factors and `isLumpSum` set; `40,000,000원*1식` is a unit price with one factor.
public struct CostLine: Sendable, Equatable {
    public var name: String
    /// In won, VAT included where the thing is bought.
    public var unitPrice: Won
    public var factors: [Factor]
    /// Written as a single amount without factors.
    public var isLumpSum: Bool
    /// The amount as printed in a source document, checked against the formula. In won.
    public var declared: Won?
    /// Where the line starts in its plan file, and where its declared amount is.
    public var source: SourceLocation?
    public var declaredSource: SourceLocation?
    /// Path of the line inside the plan, for messages: `categories[0].items[1].lines[0]`.
    public var path: String
    /// Who is paid: a vendor (procurement, the default) or a person in a payable role (honoraria).
    public var payee: Payee = .vendor
    /// The event whose kind produced this line, if any.
    public var origin: EventOrigin?
    /// The breakdown of a roll-up line (a conference's 연사초청경비 into fees, airfare, hotel …).
    /// When present, the line's unit price is the sum of the details' budgeted amounts and its only
    /// factor is `1식`, so the page adds up as printed.
    public var details: [CostLine] = []
    /// The procurement package the line is bought in, when several lines make one contract.
    public var package: String?

    public init(name: String, unitPrice: Won, factors: [Factor] = [], isLumpSum: Bool = false,
                declared: Won? = nil, source: SourceLocation? = nil, declaredSource: SourceLocation? = nil, path: String = "") {
        self.name = name
        self.unitPrice = unitPrice
        self.factors = factors
        self.isLumpSum = isLumpSum
        self.declared = declared
        self.source = source
        self.declaredSource = declaredSource
        self.path = path
    }

    /// A lump sum: one amount, no factors.
    public static func lumpSum(_ name: String, _ amount: Won, declared: Won? = nil, source: SourceLocation? = nil, path: String = "") -> CostLine {
        CostLine(name: name, unitPrice: amount, isLumpSum: true, declared: declared, source: source, path: path)
    }

    /// unit price × every count, exactly, in won; `nil` when it does not fit in 64 bits.
    public var exactAmount: Won? {
        factors.reduce(Optional(unitPrice)) { amount, factor in amount?.multiplied(by: factor.count) }
    }

    /// The formula in budget notation: `150,000원*15인*6회`, or `10,400,000원` for a lump sum.
    public var formula: String {
        ([MoneyFormat.won(unitPrice)] + factors.map(\.notation)).joined(separator: "*")
    }
}

/// An item (`○`) of a budget category: a named group of lines, or a single amount of its own.
public struct BudgetItem: Sendable, Equatable {
    public var name: String
    public var lines: [CostLine]
    /// An item written as one amount with no detail lines (`○ … 2,700,000원 = 2,700천원`), in won.
    public var ownAmount: Won?
    public var ownAmountSource: SourceLocation?
    public var declared: Won?
    public var source: SourceLocation?
    public var declaredSource: SourceLocation?
    public var path: String

    public init(name: String, lines: [CostLine] = [], ownAmount: Won? = nil, declared: Won? = nil,
                source: SourceLocation? = nil, declaredSource: SourceLocation? = nil, path: String = "") {
        self.name = name
        self.lines = lines
        self.ownAmount = ownAmount
        self.declared = declared
        self.source = source
        self.declaredSource = declaredSource
        self.path = path
    }
}

/// A budget category (편성목 / 통계목) such as `201-01 사무관리비`. Codes are data: they change between
/// years and authorities.
public struct BudgetCategory: Sendable, Equatable {
    public var code: String?
    public var name: String
    public var items: [BudgetItem]
    public var declared: Won?
    public var source: SourceLocation?
    public var declaredSource: SourceLocation?
    public var path: String

    public init(code: String? = nil, name: String, items: [BudgetItem], declared: Won? = nil,
                source: SourceLocation? = nil, declaredSource: SourceLocation? = nil, path: String = "") {
        self.code = code
        self.name = name
        self.items = items
        self.declared = declared
        self.source = source
        self.declaredSource = declaredSource
        self.path = path
    }
}

// MARK: - Priced budget

/// A line with its amounts: `exact` is unit price × factors in won; `budgeted` is that amount rounded
/// once to whole 천원 by the plan's policy (still in won, a multiple of 1,000). Everything above a line
/// is a plain sum of budgeted amounts, so a page's figures always add up as printed.
public struct PricedLine: Sendable, Equatable {
    /// The line as priced; for a roll-up line its unit price is the sum of its details' budgeted amounts.
    public let line: CostLine
    public let exact: Won
    public let budgeted: Won
    /// The priced breakdown of a roll-up line; empty for an ordinary line.
    public let details: [PricedLine]

    public init(line: CostLine, exact: Won, budgeted: Won, details: [PricedLine] = []) {
        self.line = line
        self.exact = exact
        self.budgeted = budgeted
        self.details = details
    }
}

public struct PricedItem: Sendable, Equatable {
    public let item: BudgetItem
    public let lines: [PricedLine]
    /// For an item with its own amount: that amount exactly, in won.
    public let exactOwnAmount: Won?
    /// Sum of the lines' budgeted amounts (or the item's own amount, rounded), in won.
    public let total: Won
}

public struct PricedCategory: Sendable, Equatable {
    public let category: BudgetCategory
    public let items: [PricedItem]
    public let total: Won
}

/// The whole calculation basis with totals at every level. Built only by `BudgetPricing.price`.
public struct PricedBudget: Sendable, Equatable {
    public let categories: [PricedCategory]
    public let total: Won
    public let rounding: RoundingRule
}

/// Turns categories → items → lines into amounts and totals.
public enum BudgetPricing {
    /// Prices one line, or a roll-up line from its details (each rounded once, then summed).
    static func price(_ line: CostLine, rounding: RoundingRule, diagnostics: inout [Diagnostic]) -> PricedLine? {
        guard !line.details.isEmpty else {
            guard let exact = line.exactAmount, let budgeted = rounding.roundedToThousands(exact) else {
                diagnostics.append(.error(at: line.source, path: line.path,
                    "\(line.formula) is more than the planner can hold (9,223,372,036,854,775,807원)",
                    hint: "check the unit price and counts for a typo"))
                return nil
            }
            return PricedLine(line: line, exact: exact, budgeted: budgeted)
        }
        let details = line.details.compactMap { price($0, rounding: rounding, diagnostics: &diagnostics) }
        guard details.count == line.details.count else { return nil }
        guard let sum = details.map(\.budgeted).checkedSum() else {
            diagnostics.append(.error(at: line.source, path: line.path, "the details of \(Redaction.quoted(line.name)) add up to more than the planner can hold",
                                      hint: "check the details' amounts for a typo"))
            return nil
        }
        var rolledUp = line
        rolledUp.unitPrice = sum
        rolledUp.factors = [Factor(count: 1, unit: "식")]
        rolledUp.isLumpSum = false
        return PricedLine(line: rolledUp, exact: sum, budgeted: sum, details: details)
    }

    /// Prices every line and sums upward. Returns `nil` budget (and an error per place) when some
    /// amount does not fit in 64 bits; there is no partial result to misuse.
    public static func price(_ categories: [BudgetCategory], rounding: RoundingRule) -> (PricedBudget?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var pricedCategories: [PricedCategory] = []
        var totals: [Won] = []
        for category in categories {
            var pricedItems: [PricedItem] = []
            for item in category.items {
                var pricedLines: [PricedLine] = []
                for line in item.lines {
                    if let priced = price(line, rounding: rounding, diagnostics: &diagnostics) { pricedLines.append(priced) }
                }
                let total: Won?
                if let own = item.ownAmount {
                    guard let rounded = rounding.roundedToThousands(own) else {
                        diagnostics.append(.error(at: item.ownAmountSource ?? item.source, path: item.path + ".amount",
                            "\(MoneyFormat.won(own)) is more than the planner can hold once rounded to 천원 (9,223,372,036,854,775,807원)",
                            hint: "check the amount for a typo"))
                        continue
                    }
                    total = rounded
                } else if pricedLines.count < item.lines.count {
                    continue  // a line overflowed and is reported above
                } else {
                    total = pricedLines.map(\.budgeted).checkedSum()
                }
                guard let total else {
                    diagnostics.append(.error(at: item.source, path: item.path, "the lines of \(Redaction.quoted(item.name)) add up to more than the planner can hold",
                                              hint: "check the lines' unit prices and counts for a typo"))
                    continue
                }
                pricedItems.append(PricedItem(item: item, lines: pricedLines, exactOwnAmount: item.ownAmount, total: total))
            }
            guard let total = pricedItems.map(\.total).checkedSum() else {
                diagnostics.append(.error(at: category.source, path: category.path, "the items of \(Redaction.quoted(category.name)) add up to more than the planner can hold",
                                          hint: "check the items' amounts for a typo"))
                continue
            }
            totals.append(total)
            pricedCategories.append(PricedCategory(category: category, items: pricedItems, total: total))
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        guard let total = totals.checkedSum() else {
            return (nil, [.error(at: categories.first?.source, path: "categories", "the categories add up to more than the planner can hold")])
        }
        return (PricedBudget(categories: pricedCategories, total: total, rounding: rounding), [])
    }
}
