import Foundation
import PlannerCore

/// The text encoding of a budget page.
public enum PageEncoding: Sendable {
    /// UTF-8 when the bytes are valid UTF-8, else CP949 (EUC-KR's superset, which older office
    /// software writes).
    case automatic
    /// UTF-8 only (or UTF-16 with a byte-order mark).
    case utf8
    /// CP949 only: `--encoding cp949` for a page that happens to be valid UTF-8 as well.
    case cp949
}

/// Reads the text of a budget page (예산서 사업설명서 as converted from an office document) into a plan
/// whose declared amounts are the page's printed figures, so that `BudgetPage.build` checks every one.
///
/// What it reads: the title and 기본 현황 (account, checked choices, 총사업비 and its funding box,
/// officers), 예산 총괄, the calculation basis (산출근거: budget classes, `○`/`ㅇ`/`□` items, `-` lines and
/// `·` breakdowns; formulas with `*`, `X`, `x` or `×`; amounts with or without 원/천원, a bare figure left
/// of `=` being won and right of it the table's `단위`; formulas on the line after their name), the
/// schedule (추진일정), results (추진실적), the settlement table (결산 현황) and the narrative lists.
/// Table borders, HTML remnants, `(x-)` artifacts, tabs and OCR's `lboon` are tolerated.
///
/// What it reports itself (the rest comes from `BudgetPage.build` on the returned plan):
/// - every line of the calculation basis, summary, schedule or settlement table it can't read, as
///   `.unread` at that line — nothing is dropped silently;
/// - in 예산 총괄, a change that isn't (B)−(A), a percentage that fits neither truncation nor half-up
///   rounding of (B−A)×100/A, a (B) figure that differs from what the basis adds up to, and a page
///   whose rows follow different percentage rules (a warning; `plan.policies.percent` is the rule most
///   rows follow);
/// - a formula whose printed amount appears twice and disagrees, and the schedule's 계 against its rows.
///
/// Example:
/// ```swift
/// let (plan, diagnostics) = BudgetPageReader.read(data, file: "pages/2017.txt")
/// if let plan { let findings = diagnostics + BudgetPage.build(plan).findings }
/// ```
public enum BudgetPageReader {
    /// Reads the bytes of a page. Returns no plan, and one error, when the bytes are not text in the
    /// encoding, or when nothing budget-like is on the page at all.
    ///
    /// - Parameter rounding: how a line's won become 천원 when checking printed amounts (`plan.policies.amounts`).
    public static func read(_ data: Data, file: String, encoding: PageEncoding = .automatic,
                            rounding: RoundingRule = .halfUp) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        if let overlong = InputLimits.overlongLineError(data, file: file) { return (nil, [overlong]) }
        switch decode(data, encoding: encoding, file: file) {
        case let .success(text): return read(text: text, file: file, rounding: rounding)
        case let .failure(problem): return (nil, [problem])
        }
    }

    /// Reads a page already decoded.
    public static func read(text: String, file: String, rounding: RoundingRule = .halfUp) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        if let overlong = InputLimits.overlongLineError(text, file: file) { return (nil, [overlong]) }
        var reading = PageReading(file: file, rounding: rounding)
        return reading.read(PageText.lines(of: text))
    }

    /// The page's text, or the error to report. A leading byte-order mark is dropped.
    ///
    /// Foundation's CP949 decoder accepts bytes that are not Korean text, so decoded text holding NUL,
    /// C1 control characters or private-use characters is refused as not CP949. UTF-16 with a
    /// byte-order mark is read too when the encoding is automatic or UTF-8.
    public static func decode(_ data: Data, encoding: PageEncoding, file: String) -> Result<String, Diagnostic> {
        let cp949 = String.Encoding(rawValue: 0x8000_0422)
        func utf8() -> String? {
            // Windows' "Unicode" text is UTF-16 with a byte-order mark.
            if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) { return String(data: data, encoding: .utf16) }
            return String(data: data, encoding: .utf8)
        }
        func korean() -> String? {
            guard let text = String(data: data, encoding: cp949) else { return nil }
            let suspicious = text.unicodeScalars.contains { scalar in
                let v = scalar.value
                return v == 0 || (0x80...0x9F).contains(v) || (0xE000...0xF8FF).contains(v) || v >= 0xF0000 || v == 0xFFFD
            }
            return suspicious ? nil : text
        }
        let text: String?
        let expected: String
        switch encoding {
        case .automatic: text = utf8() ?? korean(); expected = "UTF-8 or CP949 (EUC-KR) text, got bytes that are neither"
        case .utf8: text = utf8(); expected = "UTF-8 text, got bytes that are not UTF-8"
        case .cp949: text = korean(); expected = "CP949 (EUC-KR) text, got bytes that are not CP949"
        }
        guard var text else {
            let hint: String = switch encoding {
            case .automatic: "save the page as text (UTF-8 or CP949) from the office document"
            case .utf8: "the page may be in CP949: try --encoding cp949"
            case .cp949: "the page may be in UTF-8: try --encoding utf8"
            }
            return .failure(.error(at: .wholeFile(file), "expected \(expected)", hint: hint))
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return .success(text)
    }
}

/// One reading of a page: the lines in order, each to the part of the page it belongs to.
struct PageReading {
    let file: String
    let rounding: RoundingRule
    var tables: PageTables
    var basis: BasisReader
    var diagnostics: [Diagnostic] = []
    var headingYears: [Int] = []

    init(file: String, rounding: RoundingRule) {
        self.file = file
        self.rounding = rounding
        self.tables = PageTables(file: file)
        self.basis = BasisReader(file: file)
    }

    mutating func read(_ lines: [PageLine]) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var section = PageSection.front
        var unit: Int64 = 1_000
        var previous: PageLine?
        for line in lines {
            defer { if !line.isBlank { previous = line } }
            if line.isRuler {
                if let previous, previous.number == line.number - 1 { adopt(ruler: line, under: previous) }
                continue
            }
            if line.isBlank { continue }
            if let value = PageText.unit(of: line) {
                unit = value
                continue
            }
            if let heading = PageText.heading(line) {
                section = heading.section
                if let year = heading.year { headingYears.append(year) }
                continue
            }
            if section != .basis, BasisReader.isHeader(line).0, line.filledCells.contains(where: { $0.compact.contains("산출") }) {
                section = .basis  // a county book's table without a heading above it
            }
            switch section {
            case .front, .overview, .nature: tables.readOverview(line, unit: unit)
            case .officers: tables.readOfficers(line)
            case .summary:
                tables.readSummary(line, unit: unit)
                basis.fallbackCategory = tables.summaryRows.filter { !$0.isTotal }.count == 1 ? tables.summaryRows.first { !$0.isTotal }?.name : nil
            case .basis: basis.read(line, unit: unit)
            case .schedule: tables.readSchedule(line, unit: unit)
            case .settlement: tables.readSettlement(line, unit: unit)
            case .results: tables.readResults(line)
            case let .narrative(kind): tables.readNarrative(line, kind: kind)
            case .other: continue
            }
        }
        return assemble()
    }

    mutating func adopt(ruler: PageLine, under header: PageLine) {
        if tables.summaryLayout?.header.number == header.number { tables.summaryLayout?.adopt(ruler: ruler) }
        if tables.scheduleLayout?.header.number == header.number { tables.scheduleLayout?.adopt(ruler: ruler) }
        if tables.settlementLayout?.header.number == header.number { tables.settlementLayout?.adopt(ruler: ruler) }
        if tables.officerLayout?.header.number == header.number { tables.officerLayout?.adopt(ruler: ruler) }
    }

    // MARK: - The plan

    mutating func assemble() -> (plan: Plan?, diagnostics: [Diagnostic]) {
        diagnostics += basis.diagnostics + tables.diagnostics
        let draft = basis.draft
        guard !draft.categories.isEmpty || !tables.summaryRows.isEmpty || !tables.settlement.isEmpty else {
            return (nil, [.error(at: .wholeFile(file), "found no budget figures on this page",
                                 hint: "expected a calculation basis (산출근거) with lines like \"- 강사료 500,000원*12회 = 6,000천원\", a summary (예산 총괄) or a settlement table (결산 현황)")])
        }
        let year = tables.currentYear ?? draft.year ?? headingYears.first ?? tables.titleYear ?? tables.period?.start.year
        if year == nil {
            diagnostics.append(.warning(at: .wholeFile(file), "found no budget year on this page",
                                        hint: "the year is read from 예산 총괄's (B) column, the basis header (2021년 예산내역) or the schedule (2017년도 추진일정)"))
        }
        var categories = buildCategories(draft)
        var declaredTotal = tables.declaredTotal.map { Located($0.won, at: $0.location) }
        var restatedTotals: [(label: String, amount: PrintedAmount)] = []
        if let total = draft.total {
            if declaredTotal == nil { declaredTotal = Located(total.won, at: total.location) } else { restatedTotals.append(("합계 of the calculation basis", total)) }
        }

        // 예산 총괄: the (B) column declares the categories' and the program's totals where the basis doesn't.
        let currentYear = tables.currentYear
        var summaryB: [(row: SummaryRow, amount: Won, cell: PageCell)] = []
        if let currentYear {
            for row in tables.summaryRows {
                guard let figure = row.figures[currentYear] else { continue }
                let location = SourceLocation(file: file, line: row.line.number, column: figure.cell.column)
                if row.isTotal {
                    if declaredTotal == nil {
                        declaredTotal = Located(figure.won, at: location)
                    } else {
                        summaryB.append((row, figure.won, figure.cell))
                    }
                } else if let index = categories.firstIndex(where: { $0.name == row.name }), categories[index].declared == nil {
                    categories[index].declared = figure.won
                    categories[index].declaredSource = location
                } else {
                    summaryB.append((row, figure.won, figure.cell))
                }
            }
        }

        var plan = Plan(program: program(year: year ?? 0), policies: RoundingPolicies(amounts: rounding, percent: .halfUp),
                        categories: categories, declaredTotal: declaredTotal, funding: tables.funding, history: history(),
                        schedule: tables.schedule, results: tables.results, settlement: tables.settlement, file: file)
        plan.policies.percent = percentPolicy()
        checkChanges()

        // Figures printed twice are checked against what the basis adds up to.
        let (priced, _) = BudgetPricing.price(categories, rounding: rounding)
        if let priced {
            // A figure that agrees with another printed figure of the same total is not reported again:
            // the finding is where the two printed figures part from what the basis adds up to.
            for (label, amount) in restatedTotals where amount.won != priced.total && amount.won != declaredTotal?.value {
                diagnostics.append(.error(at: amount.location, "the \(label) is printed \(Self.shown(amount.won)) but the categories add up to \(Self.shown(priced.total))",
                                          hint: "they differ by \(Self.difference(amount.won, priced.total))"))
            }
            for (row, amount, cell) in summaryB {
                let location = SourceLocation(file: file, line: row.line.number, column: cell.column)
                let head = "the \(currentYear.map(String.init) ?? "") (B) figure of \(row.name) is printed \(Self.shown(amount))"
                if row.isTotal {
                    guard amount != priced.total, amount != declaredTotal?.value else { continue }
                    diagnostics.append(.error(at: location, "\(head) but the categories add up to \(Self.shown(priced.total))",
                                              hint: "they differ by \(Self.difference(amount, priced.total))"))
                } else if let category = priced.categories.first(where: { $0.category.name == row.name }) {
                    guard amount != category.total, amount != category.category.declared else { continue }
                    diagnostics.append(.error(at: location, "\(head) but its items add up to \(Self.shown(category.total))",
                                              hint: "they differ by \(Self.difference(amount, category.total))"))
                } else if amount != .zero {
                    let close = InputLimits.closest(to: row.name, among: categories.map(\.name))
                    diagnostics.append(.error(at: location, "\(head) but the calculation basis has no budget class \(row.name)",
                                              hint: close.map { "did you mean \($0)?" } ?? "the basis may be missing a page"))
                }
            }
        }
        if let total = tables.scheduleTotal, let sum = tables.schedule.compactMap(\.amount).checkedSum(), sum != total.won {
            diagnostics.append(.warning(at: total.location, "the schedule's 계 is printed \(Self.shown(total.won)) but its rows add up to \(Self.shown(sum))",
                                        hint: "they differ by \(Self.difference(total.won, sum))"))
        }
        return (plan, diagnostics.sortedBySource())
    }

    func program(year: Int) -> ProgramInfo {
        var info = ProgramInfo(name: tables.programName ?? tables.title ?? "", year: year)
        info.account = tables.account
        info.recurrence = tables.recurrence
        info.executionType = tables.executionType
        info.executor = tables.executor
        info.nature = tables.nature
        info.overview = tables.overview
        info.period = tables.period
        info.bureau = tables.officers.first?.bureau
        info.division = tables.officers.first?.division ?? tables.division
        info.officers = tables.officers.map { row in
            var row = row
            if row.bureau == info.bureau { row.bureau = nil }
            if row.division == info.division { row.division = nil }
            return row
        }
        let outline = { (kind: NarrativeKind) in PageTables.outline(tables.outlines[kind] ?? []) }
        info.purpose = outline(.purpose)
        info.legalBasis = outline(.legalBasis)
        info.content = outline(.content)
        info.progress = outline(.progress)
        info.priorities = outline(.priorities)
        info.procedure = outline(.procedure)
        info.effects = outline(.effects)
        return info
    }

    /// Earlier years of 예산 총괄, as published: every year column but (B), an empty one included.
    func history() -> [PublishedBudget] {
        guard let current = tables.currentYear, let header = tables.summaryHeaderLine else { return [] }
        return tables.summaryYears.filter { $0.year != current }.map { column in
            let headerCell = header.cells[column.index]
            var budget = PublishedBudget(year: column.year, source: SourceLocation(file: file, line: header.number, column: headerCell.column))
            for row in tables.summaryRows {
                guard let figure = row.figures[column.year] else { continue }
                let location = SourceLocation(file: file, line: row.line.number, column: figure.cell.column)
                if row.isTotal {
                    budget.total = figure.won
                    budget.totalSource = location
                } else {
                    budget.categories.append(.init(category: row.name, amount: figure.won, source: location))
                }
            }
            return budget
        }
    }

    // MARK: - 예산 총괄 checks

    /// `△43`, `9.2`: a whole or decimal percentage as printed.
    static func percent(_ scaled: Int64, decimals: Int) -> String {
        guard decimals > 0 else { return MoneyFormat.signed(scaled) }
        var divisor: Int64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        let magnitude = scaled.magnitude
        let fraction = String(magnitude % UInt64(divisor))
        return (scaled < 0 ? "△" : "") + MoneyFormat.grouped(magnitude: magnitude / UInt64(divisor)) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `134,400천원`, or won when not a whole number of thousands; decreases with `△`.
    static func shown(_ amount: Won) -> String {
        amount.value % Won.thousand == 0 ? MoneyFormat.signed(amount.value / Won.thousand) + "천원" : MoneyFormat.signed(amount.value) + "원"
    }

    /// |a − b| in 천원 (or won), without overflow whatever the two amounts are.
    static func difference(_ a: Won, _ b: Won) -> String {
        let size = a.value >= b.value ? UInt64(bitPattern: a.value &- b.value) : UInt64(bitPattern: b.value &- a.value)
        return size % UInt64(Won.thousand) == 0
            ? MoneyFormat.grouped(magnitude: size / UInt64(Won.thousand)) + "천원"
            : MoneyFormat.grouped(magnitude: size) + "원"
    }

    /// The rows' (A) and (B), when both are printed.
    func previousAndCurrent(_ row: SummaryRow) -> (a: (won: Won, cell: PageCell), b: (won: Won, cell: PageCell))? {
        guard let current = tables.currentYear, let previous = tables.previousYear,
              let a = row.figures[previous], let b = row.figures[current] else { return nil }
        return (a, b)
    }

    mutating func checkChanges() {
        for row in tables.summaryRows {
            guard let change = row.change, let (a, b) = previousAndCurrent(row), let computed = b.won.subtracting(a.won), computed != change.won else { continue }
            diagnostics.append(.error(at: SourceLocation(file: file, line: row.line.number, column: change.cell.column),
                "the change (B-A) of \(row.name) is printed \(Self.shown(change.won)) but \(Self.shown(b.won)) − \(Self.shown(a.won)) = \(Self.shown(computed))",
                hint: "they differ by \(Self.difference(change.won, computed))"))
        }
    }

    /// Checks every printed percentage under both rules and returns the rule the page follows.
    mutating func percentPolicy() -> RoundingRule {
        var truncating: [SummaryRow] = [], rounding: [SummaryRow] = []
        for row in tables.summaryRows {
            guard let printed = row.percent, let (a, b) = previousAndCurrent(row), a.won.value != 0, let change = b.won.subtracting(a.won) else { continue }
            var scale: Int64 = 100
            for _ in 0..<printed.decimals { scale *= 10 }
            guard let numerator = change.multiplied(by: scale)?.value,
                  let truncated = RoundingRule.truncate.divide(numerator, by: a.won.value),
                  let halfUp = RoundingRule.halfUp.divide(numerator, by: a.won.value) else { continue }
            let fitsTruncate = truncated == printed.scaled, fitsHalfUp = halfUp == printed.scaled
            if fitsTruncate && !fitsHalfUp { truncating.append(row) }
            if fitsHalfUp && !fitsTruncate { rounding.append(row) }
            guard !fitsTruncate && !fitsHalfUp else { continue }
            let expected = truncated == halfUp
                ? Self.percent(truncated, decimals: printed.decimals)
                : "\(Self.percent(truncated, decimals: printed.decimals)) (truncated) or \(Self.percent(halfUp, decimals: printed.decimals)) (half-up)"
            let exact = change.multiplied(by: 10_000).flatMap { RoundingRule.truncate.divide($0.value, by: a.won.value) }
            diagnostics.append(.error(at: SourceLocation(file: file, line: row.line.number, column: printed.cell.column),
                "the percentage of \(row.name) is printed \(Self.percent(printed.scaled, decimals: printed.decimals)) but (B-A)*100/A is \(expected)",
                hint: exact.map { "(B-A)*100/A = \(Self.shown(change))*100/\(Self.shown(a.won)) = \(Self.percent($0, decimals: 2))…" }))
        }
        let policy: RoundingRule = truncating.count > rounding.count ? .truncate : .halfUp
        let odd = policy == .truncate ? rounding : truncating
        if let first = odd.first, let cell = first.percent?.cell {
            let majority = policy == .truncate ? truncating : rounding
            let names = { (rows: [SummaryRow]) in rows.map(\.name).joined(separator: ", ") }
            diagnostics.append(.warning(at: SourceLocation(file: file, line: first.line.number, column: cell.column),
                "the percentages of 예산 총괄 follow different rules: \(names(truncating)) \(truncating.count == 1 ? "is" : "are") truncated but \(names(rounding)) \(rounding.count == 1 ? "is" : "are") rounded half-up",
                hint: "the page is read as \(policy == .truncate ? "truncating" : "rounding half-up"), the rule of \(names(majority))"))
        }
        return policy
    }

    // MARK: - Categories

    mutating func buildCategories(_ draft: BasisDraft) -> [BudgetCategory] {
        // A class printed again after a page break continues the same class.
        var merged: [BasisDraft.Category] = []
        for category in draft.categories {
            if let index = merged.firstIndex(where: { $0.name == category.name }) {
                merged[index].items += category.items
                if merged[index].declared == nil { merged[index].declared = category.declared }
                if merged[index].code == nil { merged[index].code = category.code }
            } else {
                merged.append(category)
            }
        }
        return merged.enumerated().map { c, category in
            let path = "categories[\(c)]"
            var items: [BudgetItem] = []
            for item in category.items {
                if let built = buildItem(item, path: path + ".items[\(items.count)]") { items.append(built) }
            }
            return BudgetCategory(code: category.code, name: category.name, items: items, declared: category.declared?.won,
                                  source: category.source, declaredSource: category.declared?.location, path: path)
        }
    }

    func fits(_ formula: PrintedFormula, _ printed: PrintedAmount) -> Bool {
        guard let exact = formula.exact else { return false }
        return exact == printed.won || rounding.roundedToThousands(exact) == printed.won
    }

    /// A unit price printed without 원 is won; if only the table's unit makes it agree with its amount
    /// (`5,000 X 12월 = 60,000` in a 천원 table), it was written in that unit.
    func resolve(_ formula: PrintedFormula, against printed: PrintedAmount?) -> PrintedFormula {
        guard formula.bareUnitPrice, formula.tableUnit != 1, let printed, !fits(formula, printed),
              case let (won, false) = formula.printedFigure.multipliedReportingOverflow(by: formula.tableUnit) else { return formula }
        var alternative = formula
        alternative.unitPrice = Won(won)
        return fits(alternative, printed) ? alternative : formula
    }

    func notation(_ formula: PrintedFormula) -> String {
        CostLine(name: "", unitPrice: formula.unitPrice, factors: formula.factors).formula
    }

    /// An amount printed beside a formula that the formula doesn't give.
    mutating func check(_ printed: PrintedAmount, against formula: PrintedFormula, path: String) {
        guard !fits(formula, printed), let exact = formula.exact, let budgeted = rounding.roundedToThousands(exact) else { return }
        diagnostics.append(.error(at: printed.location, path: path,
            "declared \(Self.shown(printed.won)) but \(notation(formula)) = \(Self.shown(budgeted))",
            hint: "fix the formula or the declared amount; they differ by \(Self.difference(printed.won, budgeted))"))
    }

    mutating func unreadEntry(_ source: SourceLocation, _ text: String, hint: String) {
        diagnostics.append(Diagnostic(.unread, at: source, "could not read this line: \(Redaction.quoted(text))", hint: hint))
    }

    mutating func buildLine(_ draft: BasisDraft.Line, path: String) -> CostLine? {
        var declared = draft.declared
        let formulas = draft.formulas.map { (resolve($0.formula, against: draft.declared ?? $0.body.amount), $0.body) }
        for (formula, body) in formulas {
            for restated in body.restated where restated.won != formula.exact {
                diagnostics.append(.error(at: restated.location, path: path, "\(notation(formula)) is \(formula.exact.map { MoneyFormat.won($0) } ?? "too large"), not \(MoneyFormat.won(restated.won))"))
            }
        }
        if !draft.details.isEmpty || formulas.count > 1 {
            // A roll-up: its breakdown (`·` lines, or several formulas under one name) makes its amount.
            var details: [CostLine] = []
            if draft.details.isEmpty {
                for (index, (formula, body)) in formulas.enumerated() {
                    var detail = CostLine(name: draft.name, unitPrice: formula.unitPrice, factors: formula.factors, isLumpSum: formula.factors.isEmpty,
                                          declared: body.amount?.won, source: formula.location, declaredSource: body.amount?.location,
                                          path: path + ".details[\(index)]")
                    detail.payee = .vendor
                    details.append(detail)
                }
            } else {
                for detail in draft.details {
                    if let built = buildLine(detail, path: path + ".details[\(details.count)]") { details.append(built) }
                }
                for (formula, body) in formulas {
                    if let printed = declared ?? body.amount { check(printed, against: formula, path: path) }
                    if declared == nil, let exact = formula.exact { declared = PrintedAmount(won: exact, location: formula.location, text: notation(formula)) }
                }
            }
            var line = CostLine(name: draft.name, unitPrice: .zero, factors: [Factor(count: 1, unit: "식")], declared: declared?.won,
                                source: draft.source, declaredSource: declared?.location, path: path)
            line.details = details
            return line
        }
        guard let (formula, body) = formulas.first else {
            guard let declared else {
                unreadEntry(draft.source, draft.text, hint: "a line needs a formula like 500,000원*12회 or an amount like = 6,000천원")
                return nil
            }
            return CostLine(name: draft.name, unitPrice: declared.won, isLumpSum: true, declared: declared.won,
                            source: draft.source, declaredSource: declared.location, path: path)
        }
        // The amount beside a formula on its own line is checked here when the name's line printed one too.
        if declared != nil, let own = body.amount { check(own, against: formula, path: path) }
        declared = declared ?? body.amount
        return CostLine(name: draft.name, unitPrice: formula.unitPrice, factors: formula.factors, isLumpSum: formula.factors.isEmpty,
                        declared: declared?.won, source: draft.source, declaredSource: declared?.location, path: path)
    }

    mutating func buildItem(_ draft: BasisDraft.Item, path: String) -> BudgetItem? {
        var lines: [CostLine] = []
        for line in draft.lines {
            if let built = buildLine(line, path: path + ".lines[\(lines.count)]") { lines.append(built) }
        }
        var declared = draft.declared
        let formulas = draft.formulas.map { (resolve($0.formula, against: draft.declared ?? $0.body.amount), $0.body) }
        var item = BudgetItem(name: draft.name, lines: lines, source: draft.source, path: path)
        if draft.lines.isEmpty {
            if let (formula, body) = formulas.first, formulas.count == 1, let exact = formula.exact {
                if declared != nil, let own = body.amount { check(own, against: formula, path: path) }
                declared = declared ?? body.amount
                item.ownAmount = exact
                item.ownAmountSource = formula.location
            } else if formulas.isEmpty, let declared {
                item.ownAmount = declared.won
                item.ownAmountSource = declared.location
            } else {
                unreadEntry(draft.source, draft.text, hint: "an item needs an amount like = 20,000천원, or lines beneath it")
                return nil
            }
        } else {
            // `○ … 20,000,000원 = 20,000천원` or the item's amount in won on the next line: the same total twice.
            for (formula, body) in formulas {
                if let printed = declared ?? body.amount {
                    if !fits(formula, printed), let exact = formula.exact {
                        diagnostics.append(.error(at: formula.location, path: path + ".declared",
                            "\(Redaction.quoted(draft.name)) is printed as \(MoneyFormat.won(exact)) here but as \(Self.shown(printed.won)) at line \(printed.location.line)",
                            hint: "one of the two figures is wrong; the lines beneath add up to the item's amount"))
                    }
                } else if let exact = formula.exact {
                    declared = PrintedAmount(won: exact, location: formula.location, text: notation(formula))
                }
            }
        }
        item.declared = declared?.won
        item.declaredSource = declared?.location
        return item
    }
}
