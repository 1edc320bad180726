import PlannerCore

/// An amount printed on the page, in won, with where it is.
struct PrintedAmount {
    let won: Won
    let location: SourceLocation
    /// As printed: `6,000천원`, `360`.
    let text: String
}

/// A formula printed on the page: a unit price in won times factors (`150,000원*15인*6회`,
/// `30,000 X 1회선 X 12월`, or a lump sum `10,400,000원`).
struct PrintedFormula {
    var unitPrice: Won
    let factors: [Factor]
    let location: SourceLocation
    /// The unit price was written without 원 (county books): read as won unless only the table's
    /// unit makes it agree with its printed amount.
    let bareUnitPrice: Bool
    /// The unit price's figure as printed, for the table-unit reading.
    let printedFigure: Int64
    /// What a bare figure of the table is worth, in won.
    let tableUnit: Int64

    var exact: Won? { factors.reduce(Optional(unitPrice)) { $0?.multiplied(by: $1.count) } }
}

/// What one line of the calculation basis says once its marker is known: a name, maybe a formula,
/// maybe `=` and a printed amount.
struct PrintedBody {
    var name: String
    var formula: PrintedFormula?
    /// Amounts between two `=` (`30,000원*12월 = 360,000원 = 360천원`), each to agree with the formula.
    var restated: [PrintedAmount] = []
    var amount: PrintedAmount?

    /// The amount the body prints: after `=`, or a lump sum with its unit (`합 계  234,400천원`).
    var printedAmount: PrintedAmount? {
        if let amount { return amount }
        guard let formula, formula.factors.isEmpty, !formula.bareUnitPrice else { return nil }
        return PrintedAmount(won: formula.unitPrice, location: formula.location, text: MoneyFormat.won(formula.unitPrice))
    }

    /// The same body with its printed amount taken away (kept as the declared amount of its line).
    var withoutAmount: PrintedBody {
        var copy = self
        copy.amount = nil
        return copy
    }
}

/// Reads the notation of budget lines at fixed positions of a page line.
struct FormulaScanner {
    let scalars: [Unicode.Scalar]
    let lineNumber: Int
    let file: String
    /// What a figure printed without a unit is worth in won (the table's `단위`).
    let tableUnit: Int64

    func location(_ index: Int) -> SourceLocation { SourceLocation(file: file, line: lineNumber, column: index + 1) }

    static let separators: Set<Unicode.Scalar> = ["*", "×", "✕", "＊", "⨯", "∗", "✖"]
    static let moneyUnits: [(String, Int64)] = [("백만원", 1_000_000), ("천원", 1_000), ("만원", 10_000), ("억원", 100_000_000), ("원", 1)]

    func isSpace(_ i: Int) -> Bool { i < scalars.count && scalars[i].isPageSpace }
    func skipSpaces(_ i: Int, to end: Int) -> Int {
        var i = i
        while i < end, scalars[i].isPageSpace { i += 1 }
        return i
    }

    /// A figure at `i`: optional `△`, digits grouped by three with commas, optional money unit.
    /// Returns the signed figure, the unit's worth in won when one is written, and the end.
    func figure(at start: Int, end: Int) -> (value: Int64, unit: Int64?, end: Int)? {
        var i = start
        var negative = false
        if i < end, scalars[i] == "△" || scalars[i] == "▲" || scalars[i] == "-" || scalars[i] == "−" {
            negative = true
            i += 1
        }
        let digitsStart = i
        while i < end, scalars[i].isPageDigit || scalars[i] == "," { i += 1 }
        guard i > digitsStart, scalars[digitsStart].isPageDigit, scalars[i - 1] != "," else { return nil }
        let digits = PageText.string(scalars[digitsStart..<i])
        let groups = digits.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        guard let magnitude = Int64(digits.filter { $0 != "," }) else { return nil }
        var unit: Int64?
        for (word, worth) in Self.moneyUnits {
            let word = Array(word.unicodeScalars)
            if i + word.count <= end, Array(scalars[i..<(i + word.count)]) == word {
                unit = worth
                i += word.count
                break
            }
        }
        return (negative ? -magnitude : magnitude, unit, i)
    }

    /// `15인`, `주1회`, `1회선`, `12개월` at `i`, up to a space, a separator, `=` or the end.
    func factor(at start: Int, end: Int) -> (Factor, end: Int)? {
        var i = start
        while i < end, scalars[i].isHangulSyllable { i += 1 }
        let digitsStart = i
        while i < end, scalars[i].isPageDigit || scalars[i] == "," { i += 1 }
        guard i > digitsStart else { return nil }
        while i < end, scalars[i].properties.isAlphabetic, !scalars[i].isPageDigit {
            if scalars[i] == "x" || scalars[i] == "X", i + 1 >= end || scalars[i + 1].isPageSpace || scalars[i + 1].isPageDigit { break }
            i += 1
        }
        guard case let .success(factor) = Notation.factor(PageText.string(scalars[start..<i])) else { return nil }
        return (factor, i)
    }

    /// The separator of a formula at `i` (`*`, `×`, or `X`/`x` standing between two terms), and its end.
    func separator(at i: Int, end: Int) -> Int? {
        guard i < end else { return nil }
        if Self.separators.contains(scalars[i]) { return i + 1 }
        if scalars[i] == "X" || scalars[i] == "x", i + 1 < end, scalars[i + 1].isPageSpace || scalars[i + 1].isPageDigit || scalars[i + 1].isHangulSyllable {
            return i + 1
        }
        return nil
    }

    /// A whole formula from `start` to `end` (trailing spaces allowed), or nil when the text there is
    /// not exactly one.
    func formula(from start: Int, to end: Int) -> PrintedFormula? {
        guard let price = figure(at: start, end: end) else { return nil }
        var i = price.end
        guard i == end || isSpace(i) || separator(at: i, end: end) != nil else { return nil }
        var factors: [Factor] = []
        while true {
            i = skipSpaces(i, to: end)
            if i == end { break }
            guard let afterSeparator = separator(at: i, end: end) else { return nil }
            i = skipSpaces(afterSeparator, to: end)
            guard let (factor, factorEnd) = factor(at: i, end: end) else { return nil }
            factors.append(factor)
            i = factorEnd
            guard i == end || isSpace(i) || separator(at: i, end: end) != nil else { return nil }
        }
        let worth = price.unit ?? 1
        guard case let (won, false) = price.value.multipliedReportingOverflow(by: worth) else { return nil }
        return PrintedFormula(unitPrice: Won(won), factors: factors, location: location(start), bareUnitPrice: price.unit == nil, printedFigure: price.value, tableUnit: tableUnit)
    }

    /// A printed amount alone between `start` and `end`; a figure without unit is worth `bare` won
    /// (the table's unit unless told otherwise).
    func amount(from start: Int, to end: Int, bare: Int64? = nil) -> PrintedAmount? {
        let first = skipSpaces(start, to: end)
        guard let figure = figure(at: first, end: end), skipSpaces(figure.end, to: end) == end else { return nil }
        guard case let (won, false) = figure.value.multipliedReportingOverflow(by: figure.unit ?? bare ?? tableUnit) else { return nil }
        return PrintedAmount(won: Won(won), location: location(first), text: PageText.string(scalars[first..<figure.end]))
    }

    /// Reads `name formula = amount` from `start` to the end of the line. Nil when the line holds
    /// something that looks like notation but isn't (a formula character left in the name, an `=`
    /// without an amount): such a line is reported as unread rather than guessed at.
    ///
    /// Left of `=` a figure is in won; right of it, in the table's unit. A bare figure with neither
    /// `=`, unit nor factors (`○ 전산소모품 구입  1,644`) is the printed amount, in the table's unit.
    func body(from start: Int) -> PrintedBody? {
        let end = scalars.count
        var equals: [Int] = []
        for i in start..<end where scalars[i] == "=" || scalars[i] == "＝" { equals.append(i) }
        let leftEnd = equals.first ?? end
        var result = PrintedBody(name: "")
        if let last = equals.last {
            guard let amount = amount(from: last + 1, to: end) else { return nil }
            result.amount = amount
            for (index, position) in equals.dropLast().enumerated() {
                // Between two `=` a bare figure restates the formula in won.
                guard let restated = self.amount(from: position + 1, to: equals[index + 1], bare: 1) else { return nil }
                result.restated.append(restated)
            }
        }
        // The formula is the earliest tail of the left side that reads as one.
        var nameEnd = leftEnd
        let formulaEnd = trimmedEnd(leftEnd)
        var i = start
        while i < leftEnd {
            let startsTerm = scalars[i].isPageDigit || ((scalars[i] == "△" || scalars[i] == "▲") && i + 1 < leftEnd && scalars[i + 1].isPageDigit)
            if startsTerm, i == start || scalars[i - 1].isPageSpace || scalars[i - 1] == ":", let formula = formula(from: i, to: formulaEnd) {
                result.formula = formula
                nameEnd = i
                break
            }
            i += 1
        }
        result.name = PageText.string(scalars[start..<nameEnd]).replacingOccurrences(of: "\t", with: " ").trimmedPage()
        while result.name.hasSuffix(":") { result.name = String(result.name.dropLast()).trimmedPage() }
        // A conversion noted in the name (`사례비(USD 6,000×1,380원) 8,280,000원*1인`) is a remark when the
        // line has its own formula; without one it would be a formula left unread.
        guard !Self.looksLikeNotation(result.formula == nil ? result.name : Self.withoutParentheses(result.name)) else { return nil }
        // A lone bare figure without `=` is the amount as printed, in the table's unit.
        if equals.isEmpty, let formula = result.formula, formula.factors.isEmpty, formula.bareUnitPrice {
            guard case let (won, false) = formula.printedFigure.multipliedReportingOverflow(by: tableUnit) else { return nil }
            result.amount = PrintedAmount(won: Won(won), location: formula.location, text: MoneyFormat.signed(formula.printedFigure))
            result.formula = nil
        }
        return result
    }

    func trimmedEnd(_ end: Int) -> Int {
        var end = end
        while end > 0, scalars[end - 1].isPageSpace { end -= 1 }
        return end
    }

    /// The text with every balanced `( … )` taken out.
    static func withoutParentheses(_ text: String) -> String {
        var out = "", depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")", depth > 0 { depth -= 1 } else if depth == 0 { out.append(character) }
        }
        return depth == 0 ? out : text
    }

    /// A name that still holds formula characters (`5OO,OOO원*12회`) was not read, only skipped over.
    static func looksLikeNotation(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if separators.contains(scalar) || scalar == "=" || scalar == "＝" { return true }
            if scalar.isPageDigit, index + 1 < scalars.count, scalars[index + 1] == "원" { return true }
            if scalar.isPageDigit, index + 2 < scalars.count, scalars[index + 1] == "천", scalars[index + 2] == "원" { return true }
            if scalar == "X" || scalar == "x", index > 0, index + 1 < scalars.count,
               scalars[index - 1].isPageSpace || scalars[index - 1].isPageDigit, scalars[index + 1].isPageSpace || scalars[index + 1].isPageDigit,
               scalars[..<index].contains(where: \.isPageDigit) {
                return true
            }
        }
        return false
    }
}
