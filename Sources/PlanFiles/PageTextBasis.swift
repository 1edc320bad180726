import PlannerCore

/// The calculation basis (산출근거) as printed, before it becomes plan categories: every printed
/// amount keeps its place so that the checks point at the text.
struct BasisDraft {
    struct Line {
        var name: String
        var source: SourceLocation
        var text: String
        /// The amount printed on the name's own line (`- 강사료 = 6,000천원`).
        var declared: PrintedAmount?
        /// Formulas on the line or on the lines after it, each with the amount printed beside it.
        var formulas: [(formula: PrintedFormula, body: PrintedBody)] = []
        /// `·` lines beneath a `-` line: the breakdown of a roll-up line.
        var details: [Line] = []
    }

    struct Item {
        var name: String
        var source: SourceLocation
        var text: String
        var declared: PrintedAmount?
        /// The item's amount written as a formula (`20,000,000원`, on its line or the next).
        var formulas: [(formula: PrintedFormula, body: PrintedBody)] = []
        var lines: [Line] = []
    }

    struct Category {
        var code: String?
        var name: String
        var source: SourceLocation
        /// A total printed in the basis itself (`계 = 134,400천원`, `[ 일 반 수 용 비 ] 6,204`).
        var declared: PrintedAmount?
        var items: [Item] = []
    }

    var categories: [Category] = []
    /// `합 계` of the basis.
    var total: PrintedAmount?
    /// `2021년 예산내역` in the basis header.
    var year: Int?

    /// Where a formula on the next line attaches.
    enum Open { case none, item, line, detail }
    var open: Open = .none
}

/// Reads the lines of the calculation basis one by one into a `BasisDraft`.
struct BasisReader {
    let file: String
    var draft = BasisDraft()
    var diagnostics: [Diagnostic] = []
    /// The one category of the summary, for items printed before any category header.
    var fallbackCategory: String?

    init(file: String) { self.file = file }

    static let itemMarkers: Set<Unicode.Scalar> = ["○", "ㅇ", "□", "◦", "◯", "●", "◎", "■", "◆", "◇", "▣", "•"]
    static let lineMarkers: Set<Unicode.Scalar> = ["-", "−", "–", "－", "⁃"]
    static let detailMarkers: Set<Unicode.Scalar> = ["·", "ㆍ", "‧", "∙", "・", "⋅"]
    static let headerWords: Set<String> = ["과목구분", "과목", "구분", "세부산출내역", "산출내역", "산출기초", "산출근거", "세부산출근거",
                                           "예산내역", "예산액", "금액", "비고", "내역", "세부내역", "통계목", "편성목", "과목명"]
    static let totalWords: Set<String> = ["합계", "총계", "총액"]

    func location(_ line: PageLine, _ index: Int) -> SourceLocation { SourceLocation(file: file, line: line.number, column: index + 1) }

    mutating func unread(_ line: PageLine, hint: String? = "expected a budget class (사무관리비), an item (○ …), a line (- 강사료 500,000원*12회 = 6,000천원) or the formula of the line above") {
        let start = line.scalars.firstIndex(where: { !$0.isPageSpace }) ?? 0
        diagnostics.append(Diagnostic(.unread, at: location(line, start),
            "could not read this line: \(Redaction.quoted(line.quoted))", hint: hint))
        draft.open = .none
    }

    /// A header row of the basis table (`과목구분  세부 산출내역`, `과 목 ┃ 산 출 기 초`).
    static func isHeader(_ line: PageLine) -> (Bool, year: Int?) {
        let filled = line.filledCells
        guard !filled.isEmpty else { return (false, nil) }
        var year: Int?
        for cell in filled {
            var compact = cell.compact
            let digits = compact.prefix(while: \.isPageDigitCharacter)
            if digits.count == 4, compact.dropFirst(4).hasPrefix("년") {
                year = Int(digits)
                compact = String(compact.dropFirst(4).drop(while: { $0 == "년" || $0 == "도" }))
            }
            guard headerWords.contains(compact) else { return (false, nil) }
        }
        return (true, year)
    }

    /// `- 12 -`: the page number a conversion leaves between two pages.
    static func isPageNumber(_ text: String) -> Bool {
        let compact = text.filter { !$0.isWhitespace }
        guard compact.count >= 3, compact.first == "-", compact.last == "-" else { return false }
        return compact.dropFirst().dropLast().allSatisfy(\.isPageDigitCharacter)
    }

    /// `사무관리비`, `201-01 사무관리비`, `201-01`, `[ 일 반 수 용 비 ]`, `시책추진업무추진 비`: a 과목 cell.
    /// Returns the code and the name (white space removed: budget classes have none).
    static func category(_ text: String) -> (code: String?, name: String?)? {
        var compact = text.filter { !$0.isWhitespace }
        guard let first = compact.unicodeScalars.first, !itemMarkers.contains(first), !lineMarkers.contains(first), !detailMarkers.contains(first) else { return nil }
        var code: String?
        let codeChars = compact.prefix(while: { $0.isPageDigitCharacter || $0 == "-" })
        let codeParts = codeChars.split(separator: "-", omittingEmptySubsequences: false)
        if codeParts.allSatisfy({ (2...3).contains($0.count) }), codeParts.count == 2 || codeParts.count == 1 && codeChars.count == 3 {
            code = String(codeChars)
            compact = String(compact.dropFirst(codeChars.count))
        }
        for (open, close) in [("[", "]"), ("【", "】"), ("〔", "〕"), ("<", ">"), ("(", ")")] where compact.hasPrefix(open) && compact.hasSuffix(close) {
            compact = String(compact.dropFirst().dropLast())
        }
        if compact.isEmpty { return code.flatMap { $0.contains("-") ? ($0, nil) : nil } }
        guard compact.unicodeScalars.allSatisfy({ $0.isHangulSyllable || $0 == "·" }), (2...20).contains(compact.count),
              !headerWords.contains(compact), !totalWords.contains(compact), compact != "계", compact != "소계" else { return nil }
        return (code, compact)
    }

    /// A `[ … ]` category at the start of a body, the figure after it, and where the bracket ends.
    func bracketCategory(_ line: PageLine, from start: Int) -> (name: String, end: Int)? {
        let s = line.scalars
        guard start < s.count, s[start] == "[" || s[start] == "【" || s[start] == "〔",
              let close = s[start...].firstIndex(where: { $0 == "]" || $0 == "】" || $0 == "〕" }),
              let category = Self.category(PageText.string(s[start...close])), let name = category.name else { return nil }
        return (name, close + 1)
    }

    mutating func read(_ line: PageLine, unit: Int64) {
        let header = Self.isHeader(line)
        if header.0 {
            draft.year = draft.year ?? header.year
            return
        }
        let text = line.text()
        if text.hasPrefix("※") || Self.isPageNumber(text) { return }
        let scanner = FormulaScanner(scalars: line.scalars, lineNumber: line.number, file: file, tableUnit: unit)
        let filled = line.filledCells
        guard let first = filled.first else { return }
        var bodyStart = first.start
        // 합 계: the program's total as the basis prints it.
        if Self.totalWords.contains(first.compact) {
            guard let body = scanner.body(from: first.end), body.name.isEmpty, let amount = body.printedAmount, draft.total == nil else { return unread(line) }
            draft.total = amount
            draft.open = .none
            return
        }
        // A 과목 cell opens a category; the rest of the line continues in the body.
        if let category = Self.category(first.text), filled.count > 1 || category.name != nil {
            draft.categories.append(BasisDraft.Category(code: category.code, name: category.name ?? category.code ?? "", source: location(line, first.start)))
            draft.open = .none
            guard filled.count > 1 else { return }
            bodyStart = filled[1].start
        }
        readBody(line, from: bodyStart, scanner: scanner)
    }

    mutating func readBody(_ line: PageLine, from start: Int, scanner: FormulaScanner) {
        let s = line.scalars
        var start = start
        if let bracket = bracketCategory(line, from: start) {
            if var last = draft.categories.last, last.items.isEmpty, last.name.allSatisfy({ $0.isPageDigitCharacter || $0 == "-" }) {
                // `201-01 ┃ [ 일 반 수 용 비 ]`: the code's cell came first.
                last.code = last.code ?? last.name
                last.name = bracket.name
                draft.categories[draft.categories.count - 1] = last
            } else {
                draft.categories.append(BasisDraft.Category(code: nil, name: bracket.name, source: location(line, start)))
            }
            draft.open = .none
            start = scanner.skipSpaces(bracket.end, to: s.count)
            guard start < s.count else { return }
            guard let body = scanner.body(from: start), body.name.isEmpty, let amount = body.printedAmount, body.formula?.factors.isEmpty ?? true else { return unread(line) }
            draft.categories[draft.categories.count - 1].declared = amount
            return
        }
        let marker = s[start]
        let afterMarker = start + 1
        if Self.itemMarkers.contains(marker) {
            guard let body = scanner.body(from: afterMarker), !body.name.isEmpty else { return unread(line) }
            ensureCategory(line, at: start)
            var item = BasisDraft.Item(name: body.name, source: location(line, start), text: line.quoted, declared: body.amount)
            if let formula = body.formula { item.formulas.append((formula, body.withoutAmount)) }
            draft.categories[draft.categories.count - 1].items.append(item)
            draft.open = .item
            return
        }
        if Self.lineMarkers.contains(marker) || Self.detailMarkers.contains(marker),
           afterMarker >= s.count || !s[afterMarker].isPageDigit {
            guard let body = scanner.body(from: afterMarker), !body.name.isEmpty else { return unread(line) }
            var entry = BasisDraft.Line(name: body.name, source: location(line, start), text: line.quoted, declared: body.amount)
            if let formula = body.formula { entry.formulas.append((formula, body.withoutAmount)) }
            let isDetail = Self.detailMarkers.contains(marker)
            if isDetail, draft.open == .line || draft.open == .detail, let c = draft.categories.indices.last,
               let i = draft.categories[c].items.indices.last, let l = draft.categories[c].items[i].lines.indices.last {
                draft.categories[c].items[i].lines[l].details.append(entry)
                draft.open = .detail
                return
            }
            ensureItem(line, at: start)
            let c = draft.categories.count - 1
            draft.categories[c].items[draft.categories[c].items.count - 1].lines.append(entry)
            draft.open = .line
            return
        }
        // `계 = 134,400천원` beside a category header: the category's total as printed.
        if s[start] == "계", start + 1 < s.count, s[start + 1].isPageSpace || s[start + 1] == "=" {
            guard let body = scanner.body(from: start + 1), body.name.isEmpty, let amount = body.printedAmount, body.formula?.factors.isEmpty ?? true,
                  let c = draft.categories.indices.last, draft.categories[c].items.isEmpty, draft.categories[c].declared == nil else { return unread(line) }
            draft.categories[c].declared = amount
            return
        }
        // Anything else must be the formula of the line or item above (`500,000원*12회`), or its amount.
        continuation(line, from: start, scanner: scanner)
    }

    mutating func continuation(_ line: PageLine, from start: Int, scanner: FormulaScanner) {
        guard draft.open != .none, var body = scanner.body(from: start), body.name.isEmpty, body.formula != nil || body.amount != nil else {
            return unread(line)
        }
        let c = draft.categories.count - 1
        let i = draft.categories[c].items.count - 1
        // A lone figure without unit under a line that already shows its amount is that line's lump sum, in won.
        func settle(_ declared: PrintedAmount?, hasFormula: Bool) {
            if body.formula == nil, !hasFormula, declared != nil, let amount = body.amount, !amount.text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
               let figure = scanner.figure(at: amount.location.column - 1, end: line.scalars.count) {
                body.formula = PrintedFormula(unitPrice: Won(figure.value), factors: [], location: amount.location, bareUnitPrice: true, printedFigure: figure.value, tableUnit: scanner.tableUnit)
                body.amount = nil
            }
        }
        switch draft.open {
        case .item:
            var item = draft.categories[c].items[i]
            settle(item.declared, hasFormula: !item.formulas.isEmpty)
            if let formula = body.formula {
                item.formulas.append((formula, body))
            } else if item.declared == nil, let amount = body.amount {
                item.declared = amount
            } else {
                return unread(line)
            }
            draft.categories[c].items[i] = item
        case .line, .detail:
            let l = draft.categories[c].items[i].lines.count - 1
            var entry = draft.open == .line ? draft.categories[c].items[i].lines[l] : draft.categories[c].items[i].lines[l].details[draft.categories[c].items[i].lines[l].details.count - 1]
            settle(entry.declared, hasFormula: !entry.formulas.isEmpty)
            if let formula = body.formula {
                entry.formulas.append((formula, body))
            } else if entry.declared == nil, entry.formulas.isEmpty, let amount = body.amount {
                entry.declared = amount
            } else {
                return unread(line)
            }
            if draft.open == .line {
                draft.categories[c].items[i].lines[l] = entry
            } else {
                draft.categories[c].items[i].lines[l].details[draft.categories[c].items[i].lines[l].details.count - 1] = entry
            }
        case .none:
            unread(line)
        }
    }

    mutating func ensureCategory(_ line: PageLine, at index: Int) {
        guard draft.categories.isEmpty else { return }
        let name = fallbackCategory ?? "과목 미상"
        draft.categories.append(BasisDraft.Category(code: nil, name: name, source: location(line, index)))
        diagnostics.append(.warning(at: location(line, index), "this item comes before any budget class (과목) of the calculation basis, so it is put under \(name)",
                                    hint: "the page should name the class (e.g. 사무관리비) in the 과목구분 column"))
    }

    mutating func ensureItem(_ line: PageLine, at index: Int) {
        ensureCategory(line, at: index)
        let c = draft.categories.count - 1
        guard draft.categories[c].items.isEmpty else { return }
        // `-` lines right under a class, with no `○` above them, make one item named after the class.
        draft.categories[c].items.append(BasisDraft.Item(name: draft.categories[c].name, source: location(line, index), text: line.quoted))
    }
}
