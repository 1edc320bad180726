import PlannerCore

/// A table's header row, for finding each row's cell under each header cell.
///
/// Tabbed tables (tabs or borders) line up by position: the third cell is under the third header
/// cell, empty cells included. Tables laid out with spaces line up by display column, under the
/// ruler drawn beneath the header when there is one.
struct TableLayout {
    let header: PageLine
    var spans: [(start: Int, end: Int)]

    init(header: PageLine) {
        self.header = header
        self.spans = header.cells.map { ($0.displayStart, $0.displayEnd) }
    }

    /// Takes the column spans of a ruler (`------  ------`) drawn right under the header.
    mutating func adopt(ruler: PageLine) {
        guard !header.tabbed else { return }
        var runs: [(Int, Int)] = []
        var start: Int?
        for (index, scalar) in ruler.scalars.enumerated() {
            if scalar == " " || scalar == "\t" {
                if let s = start { runs.append((s, index)); start = nil }
            } else if start == nil {
                start = index
            }
        }
        if let s = start { runs.append((s, ruler.scalars.count)) }
        if runs.count == header.cells.count { spans = runs }
    }

    /// The cells of `row` by the index of the header cell they stand under.
    func cells(of row: PageLine) -> [Int: PageCell] {
        var result: [Int: PageCell] = [:]
        if header.tabbed && row.tabbed {
            for (index, cell) in row.cells.enumerated() where index < header.cells.count { result[index] = cell }
            return result
        }
        for cell in row.filledCells {
            var best: (index: Int, score: Int)?
            for (index, span) in spans.enumerated() {
                let overlap = min(span.end, cell.displayEnd) - max(span.start, cell.displayStart)
                let score = overlap > 0 ? overlap : -(max(span.start - cell.displayEnd, cell.displayStart - span.end) + 1)
                if best.map({ score > $0.score }) ?? true { best = (index, score) }
            }
            if let best, result[best.index] == nil { result[best.index] = cell }
        }
        return result
    }
}

/// A figure of a table cell: `416,500`, `△182,100`, `234,400천원`, `△43`, `9.2 %`.
struct TableFigure {
    /// The figure with its decimals as an integer (`9.2` → 92 with one decimal).
    let scaled: Int64
    let decimals: Int
    /// The money unit written in the cell, in won, if any.
    let unit: Int64?
    let cell: PageCell

    /// `-`, `–` or nothing: no figure.
    static func isBlank(_ text: String) -> Bool {
        let compact = text.filter { !$0.isWhitespace }
        return compact.isEmpty || ["-", "–", "—", "−"].contains(compact)
    }

    static func parse(_ cell: PageCell) -> TableFigure? {
        var text = Substring(cell.text.filter { !$0.isWhitespace })
        var unit: Int64?
        for (word, worth) in FormulaScanner.moneyUnits where text.hasSuffix(word) {
            unit = worth
            text = text.dropLast(word.count)
            break
        }
        if unit == nil, text.hasSuffix("%") { text = text.dropLast() }
        var negative = false
        if let first = text.first, first == "△" || first == "▲" || first == "-" || first == "−" {
            negative = true
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.first?.isPageDigitCharacter == true,
              whole.last?.isPageDigitCharacter == true, whole.allSatisfy({ $0.isPageDigitCharacter || $0 == "," }) else { return nil }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isPageDigitCharacter), parts.count == 1 || !fraction.isEmpty, fraction.count <= 4,
              let value = Int64(whole.filter { $0 != "," } + fraction) else { return nil }
        return TableFigure(scaled: negative ? -value : value, decimals: fraction.count, unit: unit, cell: cell)
    }

    /// The figure as money in won: the written unit, else the table's. Nil with decimals or on overflow.
    func won(tableUnit: Int64) -> Won? {
        guard decimals == 0, case let (value, false) = scaled.multipliedReportingOverflow(by: unit ?? tableUnit) else { return nil }
        return Won(value)
    }
}

/// A row of 예산 총괄.
struct SummaryRow {
    /// `계` for the total, else the budget class without spaces.
    let name: String
    let isTotal: Bool
    let line: PageLine
    /// Year → figure, in won.
    var figures: [Int: (won: Won, cell: PageCell)] = [:]
    var change: (won: Won, cell: PageCell)?
    var percent: TableFigure?
}

/// The tables and labelled rows of a page outside the calculation basis.
struct PageTables {
    let file: String
    var diagnostics: [Diagnostic] = []

    // 예산 총괄
    var summaryLayout: TableLayout?
    var summaryYears: [(index: Int, year: Int, mark: Character?)] = []
    var summaryChange: Int?
    var summaryPercent: Int?
    var summaryRows: [SummaryRow] = []
    var summaryHeaderLine: PageLine?

    // 추진일정
    var scheduleLayout: TableLayout?
    enum ScheduleColumn { case step, period, amount, detail }
    var scheduleColumns: [Int: ScheduleColumn] = [:]
    var schedule: [ScheduleRow] = []
    var scheduleTotal: (won: Won, location: SourceLocation)?

    // 결산 현황
    var settlementLayout: TableLayout?
    enum SettlementColumn: CaseIterable { case year, final, carriedIn, adjustment, available, spent, carriedOut, unspent }
    var settlementColumns: [Int: SettlementColumn] = [:]
    var settlement: [SettlementEntry] = []

    // 사업 담당자
    var officerLayout: TableLayout?
    enum OfficerColumn { case bureau, division, director, teamLead, officer }
    var officerColumns: [Int: OfficerColumn] = [:]
    var officers: [OfficerRow] = []

    // 기본 현황
    var title: String?
    var programName: String?
    var titleYear: Int?
    var account: String?
    var recurrence: String?
    var executionType: String?
    var executor: String?
    var division: String?
    var overview: [String] = []
    var declaredTotal: PrintedAmount?
    var funding: Funding?
    var fundingHeader: PageLine?
    var natureHeader: PageLine?
    var nature: [String] = []
    var period: PlanPeriod?

    // 사업설명, 사업효과
    var outlines: [NarrativeKind: [(indent: Int, text: String)]] = [:]
    var results: [YearResults] = []

    init(file: String) { self.file = file }

    func location(_ line: PageLine, _ cell: PageCell) -> SourceLocation { SourceLocation(file: file, line: line.number, column: cell.column) }
    func location(_ line: PageLine, column: Int) -> SourceLocation { SourceLocation(file: file, line: line.number, column: column) }

    mutating func unread(_ line: PageLine, hint: String? = nil) {
        let start = line.scalars.firstIndex(where: { !$0.isPageSpace }) ?? 0
        diagnostics.append(Diagnostic(.unread, at: location(line, column: start + 1),
            "could not read this line: \(Redaction.quoted(line.quoted))", hint: hint))
    }

    static func year(in text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i + 4 <= scalars.count {
            if (i == 0 || !scalars[i - 1].isPageDigit), scalars[i..<(i + 4)].allSatisfy(\.isPageDigit),
               i + 4 == scalars.count || !scalars[i + 4].isPageDigit,
               let value = Int(PageText.string(scalars[i..<(i + 4)])), (1950...2199).contains(value) {
                return value
            }
            i += 1
        }
        return nil
    }

    /// Whether a cell is the name of a row rather than one of its figures.
    static func isLabel(_ cell: PageCell) -> Bool {
        !cell.isEmpty && TableFigure.parse(cell) == nil && !TableFigure.isBlank(cell.text)
    }

    // MARK: - 예산 총괄

    mutating func readSummary(_ line: PageLine, unit: Int64) {
        if summaryLayout == nil {
            let filled = line.filledCells
            guard filled.count >= 3, filled.contains(where: { Self.year(in: $0.text) != nil || $0.compact.contains("(B)") }),
                  filled.contains(where: { $0.compact.contains("증감") || $0.compact.contains("B-A") || $0.compact.contains("비교") }) else { return }
            summaryLayout = TableLayout(header: line)
            summaryHeaderLine = line
            for (index, cell) in line.cells.enumerated() where !cell.isEmpty {
                let compact = cell.compact
                if compact.contains("100") || compact.contains("%") || compact.contains("률") || compact.contains("율") {
                    summaryPercent = index
                } else if compact.contains("증감") || compact.contains("B-A") || compact.contains("비교") || compact.contains("차이") {
                    summaryChange = index
                } else if let year = Self.year(in: cell.text) {
                    summaryYears.append((index, year, compact.contains("(B)") ? "B" : compact.contains("(A)") ? "A" : nil))
                }
            }
            return
        }
        guard let layout = summaryLayout else { return }
        let cells = layout.cells(of: line)
        guard let labelCell = line.filledCells.first, Self.isLabel(labelCell) else {
            if line.filledCells.contains(where: { !TableFigure.isBlank($0.text) }) { unread(line, hint: "a row of 예산 총괄 starts with its name (계, 사무관리비 …)") }
            return
        }
        let name = BasisReader.category(labelCell.text)?.name ?? labelCell.compact
        var row = SummaryRow(name: ["계", "합계", "총계"].contains(name) ? Comparison.totalRowName : name,
                             isTotal: ["계", "합계", "총계"].contains(name), line: line)
        var unreadable = false
        for (index, cell) in cells where cell.start != labelCell.start && !cell.isEmpty && !TableFigure.isBlank(cell.text) {
            guard let figure = TableFigure.parse(cell) else { unreadable = true; continue }
            if index == summaryPercent {
                row.percent = figure
            } else if index == summaryChange {
                guard let won = figure.won(tableUnit: unit) else { unreadable = true; continue }
                row.change = (won, cell)
            } else if let column = summaryYears.first(where: { $0.index == index }) {
                guard let won = figure.won(tableUnit: unit) else { unreadable = true; continue }
                row.figures[column.year] = (won, cell)
            }
        }
        if unreadable { return unread(line, hint: "expected figures like 134,400 or △59,600 under the table's headers") }
        guard !row.figures.isEmpty || row.change != nil || row.percent != nil else { return }
        summaryRows.append(row)
    }

    /// The year of column (B): marked `(B)`, else the last year column.
    var currentYear: Int? { (summaryYears.first { $0.mark == "B" } ?? summaryYears.last)?.year }

    /// The year of column (A): marked `(A)`, else the year column before (B).
    var previousYear: Int? {
        if let marked = summaryYears.first(where: { $0.mark == "A" }) { return marked.year }
        guard let current = currentYear else { return nil }
        return summaryYears.filter { $0.year < current }.map(\.year).max()
    }

    // MARK: - 추진일정

    mutating func readSchedule(_ line: PageLine, unit: Int64) {
        if scheduleLayout == nil {
            var columns: [Int: ScheduleColumn] = [:]
            for (index, cell) in line.cells.enumerated() where !cell.isEmpty {
                let compact = cell.compact
                if compact.contains("금액") || compact.contains("예산") { columns[index] = .amount }
                else if compact.contains("기간") || compact.contains("일정") || compact.contains("시기") { columns[index] = .period }
                else if compact.contains("내용") { columns[index] = .detail }
                else if !columns.values.contains(.step) { columns[index] = .step }
            }
            guard columns.values.contains(.period), columns.values.contains(.amount) || columns.values.contains(.detail) else { return }
            scheduleLayout = TableLayout(header: line)
            scheduleColumns = columns
            return
        }
        guard let layout = scheduleLayout, line.filledCells.count >= 2 else { return }
        let cells = layout.cells(of: line)
        func text(_ column: ScheduleColumn) -> PageCell? {
            scheduleColumns.first { $0.value == column }.flatMap { cells[$0.key] }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let step = text(.step) ?? line.filledCells.first else { return }
        var amount: Won?
        if let cell = text(.amount), !TableFigure.isBlank(cell.text) {
            guard let figure = TableFigure.parse(cell), let won = figure.won(tableUnit: unit) else {
                return unread(line, hint: "expected the amount to execute like 234,400")
            }
            amount = won
        }
        if ["계", "합계", "총계"].contains(step.compact) {
            if let amount, let cell = text(.amount) { scheduleTotal = (amount, location(line, cell)) }
            return
        }
        schedule.append(ScheduleRow(step: step.text, period: text(.period)?.text ?? "", amount: amount, detail: text(.detail)?.text,
                                    source: location(line, step)))
    }

    // MARK: - 결산 현황

    mutating func readSettlement(_ line: PageLine, unit: Int64) {
        if settlementLayout == nil {
            var columns: [Int: SettlementColumn] = [:]
            for (index, cell) in line.cells.enumerated() where !cell.isEmpty {
                let c = cell.compact
                let column: SettlementColumn? =
                    c.contains("연도") || c.contains("년도") || c == "구분" ? .year :
                    c.contains("최종예산") ? .final : c.contains("전년이월") ? .carriedIn : c.contains("변경") ? .adjustment :
                    c.contains("예산현액") ? .available : c.contains("집행잔액") || c.contains("불용") ? .unspent :
                    c.contains("차년이월") || c.contains("다음연도이월") || c.contains("명시이월") ? .carriedOut : c.contains("집행액") ? .spent : nil
                if let column { columns[index] = column }
            }
            guard columns.values.contains(.final), columns.values.contains(.spent) else { return }
            settlementLayout = TableLayout(header: line)
            settlementColumns = columns
            return
        }
        guard let layout = settlementLayout else { return }
        let cells = layout.cells(of: line)
        func cell(_ column: SettlementColumn) -> PageCell? {
            settlementColumns.first { $0.value == column }.flatMap { cells[$0.key] }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let yearCell = cell(.year) ?? line.filledCells.first, let year = Self.year(in: yearCell.text), yearCell.compact.count <= 7 else {
            if line.filledCells.count > 1 { unread(line, hint: "a row of the settlement starts with its year") }
            return
        }
        var values: [SettlementColumn: (won: Won, cell: PageCell)] = [:]
        for column in SettlementColumn.allCases where column != .year {
            guard let c = cell(column), !TableFigure.isBlank(c.text) else { continue }
            guard let won = TableFigure.parse(c)?.won(tableUnit: unit) else {
                return unread(line, hint: "expected figures like 488,469 under the settlement's headers")
            }
            values[column] = (won, c)
        }
        guard let final = values[.final], let spent = values[.spent] else {
            return unread(line, hint: "a settlement row needs at least 최종예산 and 집행액")
        }
        settlement.append(SettlementEntry(
            year: year, finalBudget: final.won, carriedIn: values[.carriedIn]?.won ?? .zero, adjustment: values[.adjustment]?.won ?? .zero,
            spent: spent.won, carriedOut: values[.carriedOut]?.won ?? .zero,
            declaredAvailable: values[.available].map { Located($0.won, at: location(line, $0.cell)) },
            declaredUnspent: values[.unspent].map { Located($0.won, at: location(line, $0.cell)) },
            source: location(line, yearCell), path: "settlement[\(settlement.count)]"))
    }

    // MARK: - 사업 담당자

    mutating func readOfficers(_ line: PageLine) {
        if officerLayout == nil {
            var columns: [Int: OfficerColumn] = [:]
            for (index, cell) in line.cells.enumerated() where !cell.isEmpty {
                let c = cell.compact
                if c.contains("실") && c.contains("국") { columns[index] = .bureau }
                else if c.contains("부서") { columns[index] = .division }
                else if c.contains("팀장") { columns[index] = .teamLead }
                else if c.contains("과장") || c.contains("국장") { columns[index] = .director }
                else if c.contains("주무관") || c.contains("담당") { columns[index] = .officer }
            }
            guard columns.values.contains(.teamLead) || columns.values.contains(.officer) else { return }
            officerLayout = TableLayout(header: line)
            officerColumns = columns
            return
        }
        guard let layout = officerLayout, line.filledCells.count >= 2 else { return }
        let cells = layout.cells(of: line)
        func text(_ column: OfficerColumn) -> String? {
            officerColumns.first { $0.value == column }.flatMap { cells[$0.key] }.flatMap { $0.isEmpty ? nil : $0.text }
        }
        let row = OfficerRow(bureau: text(.bureau), division: text(.division), director: text(.director).map(Self.contact),
                             teamLead: text(.teamLead).map(Self.contact), officer: text(.officer).map(Self.contact))
        guard row.director != nil || row.teamLead != nil || row.officer != nil else { return }
        officers.append(row)
    }

    /// `신병규 2133-6480`: a name, then the office phone when the last word is one.
    static func contact(_ text: String) -> Contact {
        let words = text.split(whereSeparator: \.isWhitespace)
        if words.count >= 2, let last = words.last, last.allSatisfy({ $0.isPageDigitCharacter || $0 == "-" }), last.filter(\.isPageDigitCharacter).count >= 7 {
            return Contact(name: words.dropLast().joined(separator: " "), phone: String(last))
        }
        return Contact(name: text)
    }

    // MARK: - 기본 현황

    /// The choice a row of checkboxes has checked: `☑ 직접수행 ☐ 자치단체 보조` → `직접수행`.
    static func checked(_ text: String) -> String? {
        guard let mark = text.firstIndex(of: "☑") else { return nil }
        let rest = text[text.index(after: mark)...]
        let end = rest.firstIndex(where: { $0 == "☐" || $0 == "☑" }) ?? rest.endIndex
        let choice = rest[..<end].trimmedPage()
        return choice.isEmpty ? nil : choice
    }

    /// The labels of the 총사업비 box. `사비` is OCR's reading of `시비` on the 2021 reference page.
    enum FundingLabel { case national, city, district, other, rate, total }
    static let fundingLabels: [String: FundingLabel] = ["국비": .national, "시비": .city, "사비": .city, "구비": .district, "군비": .district,
                                                        "기타": .other, "보조율": .rate, "총": .total, "계": .total]

    /// Sets one source of `funding`; false for the rate and the total, which are not sources.
    static func set(_ label: FundingLabel, _ amount: Won, in funding: inout Funding) -> Bool {
        switch label {
        case .national: funding.national = amount
        case .city: funding.city = amount
        case .district: funding.district = amount
        case .other: funding.other = amount
        case .rate, .total: return false
        }
        return true
    }

    static func fundingLabel(_ text: String) -> FundingLabel? {
        var compact = text.filter { !$0.isWhitespace }
        if compact.hasPrefix("("), compact.hasSuffix(")") { compact = String(compact.dropFirst().dropLast()) }
        return fundingLabels[compact]
    }

    mutating func readOverview(_ line: PageLine, unit: Int64) {
        let filled = line.filledCells
        guard let first = filled.first else { return }
        // The funding box: a row of labels, then a row of figures under them.
        if let header = fundingHeader {
            fundingHeader = nil
            readFunding(values: line, under: header, unit: unit)
        }
        if filled.count >= 2, filled.filter({ Self.fundingLabel($0.text) != nil }).count >= 2, filled.allSatisfy({ Self.fundingLabel($0.text) != nil }) {
            fundingHeader = line
            return
        }
        if let header = natureHeader {
            natureHeader = nil
            if header.number == line.number - 1, filled.allSatisfy({ $0.text == "☑" || $0.text == "☐" }) {
                for (index, cell) in line.cells.enumerated() where cell.text == "☑" && index < header.cells.count {
                    nature.append(header.cells[index].text)
                }
                return
            }
        }
        var label = first.compact
        var value = filled.dropFirst().map(\.text).joined(separator: " ")
        var valueStart = filled.count > 1 ? filled[1].start : first.end
        let whole = line.text()
        if !line.tabbed || filled.count == 1, let colon = whole.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            // `사업명 : …`, `부  서 : …`: a label and its value on one line.
            label = whole[..<colon].filter { !$0.isWhitespace }
            value = whole[whole.index(after: colon)...].trimmedPage()
            valueStart = line.scalars.firstIndex(where: { $0 == ":" || $0 == "：" }).map { $0 + 1 } ?? first.end
        }
        switch label {
        case "사업명", "세부사업명", "단위사업명", "사업명칭":
            programName = value
        case "회계":
            account = value
        case "사업기간":
            if let checked = Self.checked(value) {
                recurrence = checked
            } else if let first = value.split(separator: ",").first, !first.contains(where: \.isPageDigitCharacter), !first.contains("☐") {
                recurrence = first.trimmedPage()  // `연례반복, 2017.1.1. ~ 2017.12.31.`
            }
            if period == nil { period = Self.period(in: value) }
        case "사업형태":
            executionType = Self.checked(value) ?? (value.contains("☐") || value.isEmpty ? executionType : value)
        case "사업성격":
            nature = value.split(separator: ",").map { $0.trimmedPage() }.filter { !$0.isEmpty }
        case "사업위치":
            return
        case "사업시행주체", "시행주체":
            executor = value
        case "부서", "부서명", "담당부서":
            division = value
        case "사업내용":
            let text = value.drop(while: { $0 == "○" || $0 == "ㅇ" || $0 == " " })
            if !text.isEmpty { overview.append(String(text)) }
        default:
            if label.hasPrefix("총사업비") || label.hasPrefix("사업비") {
                readTotal(line, after: valueStart, unit: unit)
                readInlineFunding(line, unit: unit)
                return
            }
            if filled.count >= 2, filled.allSatisfy({ !$0.text.contains("☑") && !$0.text.contains("☐") }),
               line.cells.count >= 2, filled.allSatisfy({ $0.compact.count <= 8 && Self.year(in: $0.text) == nil && TableFigure.parse($0) == nil }) {
                natureHeader = line  // 신규 계속 투자심사 …, then a row of checkboxes
                return
            }
            if title == nil, filled.count == 1, !whole.contains(":") {
                var text = first.text
                // The planner's own pages: `소셜특별시 프로젝트 추진 (2017년 예산)`.
                if text.hasSuffix("년 예산)"), let open = text.lastIndex(of: "(") {
                    titleYear = Self.year(in: String(text[open...]))
                    text = text[..<open].trimmedPage()
                }
                title = text
            }
        }
    }

    /// 총사업비: the first amount with its unit after the label (`234,400천원`).
    mutating func readTotal(_ line: PageLine, after start: Int, unit: Int64) {
        guard declaredTotal == nil else { return }
        let scanner = FormulaScanner(scalars: line.scalars, lineNumber: line.number, file: file, tableUnit: unit)
        var i = start
        while i < line.scalars.count {
            if line.scalars[i].isPageDigit, i == 0 || !line.scalars[i - 1].isPageDigit && line.scalars[i - 1] != ",",
               let figure = scanner.figure(at: i, end: line.scalars.count), let worth = figure.unit,
               case let (won, false) = figure.value.multipliedReportingOverflow(by: worth) {
                declaredTotal = PrintedAmount(won: Won(won), location: scanner.location(i), text: PageText.string(line.scalars[i..<figure.end]))
                return
            }
            i += 1
        }
    }

    mutating func readFunding(values line: PageLine, under header: PageLine, unit: Int64) {
        var funding = Funding()
        var found = false
        for (index, label) in header.cells.enumerated() {
            guard let role = Self.fundingLabel(label.text), index < line.cells.count else { continue }
            let cell = line.cells[index]
            guard !cell.isEmpty, let figure = TableFigure.parse(cell) else { continue }
            if role == .rate {
                guard figure.decimals == 0, figure.unit == nil else { continue }
                funding.subsidyRate = Int(figure.scaled)
                continue
            }
            guard let won = figure.won(tableUnit: unit), Self.set(role, won, in: &funding) else { continue }
            found = true
            funding.source = funding.source ?? location(line, cell)
        }
        if found, self.funding == nil { self.funding = funding }
    }

    /// `(사비)427,660천원` in a cell of its own, or `234,400천원 (시비 234,400천원, 보조율 0%)`: a source and
    /// its amount together.
    mutating func readInlineFunding(_ line: PageLine, unit: Int64) {
        guard funding == nil else { return }
        var funding = Funding()
        var found = false
        let text = line.text()
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            for part in text[text.index(after: open)..<close].components(separatedBy: ", ") {
                let words = part.split(separator: " ")
                guard words.count == 2, let role = Self.fundingLabels[String(words[0])] else { continue }
                let figure = String(words[1])
                if role == .rate, figure.hasSuffix("%"), let rate = Int(figure.dropLast()) {
                    funding.subsidyRate = rate
                    continue
                }
                guard case let .success(won) = Notation.amount(figure), Self.set(role, won, in: &funding) else { continue }
                found = true
                let column = (line.scalars.firstIndex(where: { $0 == "(" }) ?? 0) + 2
                funding.source = funding.source ?? location(line, column: column)
            }
            if found {
                self.funding = funding
                return
            }
        }
        for cell in line.filledCells {
            let text = cell.text.filter { !$0.isWhitespace }
            guard text.hasPrefix("("), let close = text.firstIndex(of: ")"), let role = Self.fundingLabels[String(text[text.index(after: text.startIndex)..<close])] else { continue }
            let rest = String(text[text.index(after: close)...])
            let scanner = FormulaScanner(scalars: Array(rest.unicodeScalars), lineNumber: line.number, file: file, tableUnit: unit)
            guard !rest.isEmpty, let amount = scanner.amount(from: 0, to: rest.unicodeScalars.count), Self.set(role, amount.won, in: &funding) else { continue }
            found = true
            funding.source = funding.source ?? location(line, cell)
        }
        if found { self.funding = funding }
    }

    // MARK: - 사업설명, 사업효과

    mutating func readNarrative(_ line: PageLine, kind: NarrativeKind) {
        let text = line.text()
        if period == nil, text.contains("사업기간") { period = Self.period(in: text) }
        guard kind != .none else { return }
        let indent = line.scalars.prefix(while: \.isPageSpace).count
        var body = Substring(text)
        if let first = body.first, "-○ㅇ·•".contains(first) { body = body.dropFirst() }
        let entry = body.trimmedPage()
        guard !entry.isEmpty else { return }
        if kind == .procedure {
            guard entry != "집행절차" else { return }
            for step in entry.split(separator: "-").map({ $0.trimmedPage() }) where !step.isEmpty {
                outlines[kind, default: []].append((indent, step))
            }
            return
        }
        outlines[kind, default: []].append((indent, entry))
    }

    mutating func readResults(_ line: PageLine) {
        let filled = line.filledCells
        guard let first = filled.first else { return }
        var rest: String
        if let year = Self.year(in: first.text), first.compact.hasPrefix(String(year)), first.compact.count <= 8 {
            results.append(YearResults(year: year, entries: []))
            rest = filled.dropFirst().map(\.text).joined(separator: " ")
            if filled.count == 1, let colon = first.text.firstIndex(of: ":") { rest = String(first.text[first.text.index(after: colon)...]) }
        } else {
            rest = line.text()
        }
        guard !results.isEmpty else { return }
        let entries = rest.split(whereSeparator: { $0 == "○" || $0 == "ㅇ" }).map { $0.trimmedPage() }.filter { !$0.isEmpty && $0 != "-" }
        results[results.count - 1].entries += entries
    }

    /// `2017.1.1. ~ 2017.12.31.` → the first and last day.
    static func period(in text: String) -> PlanPeriod? {
        let parts = text.split(separator: "~")
        guard parts.count == 2, let start = date(String(parts[0]), last: true), let end = date(String(parts[1]), last: false) else { return nil }
        return PlanPeriod(start: start, end: end)
    }

    static func date(_ text: String, last: Bool) -> CalendarDate? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "\t" })
        guard let token = last ? tokens.last : tokens.first else { return nil }
        let numbers = token.split(separator: ".").map { Int($0) }
        guard numbers.count == 3, let year = numbers[0], let month = numbers[1], let day = numbers[2], year > 1900 else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// An outline from lines with their indentation: deeper lines are children of the line above.
    static func outline(_ lines: [(indent: Int, text: String)]) -> [OutlineEntry] {
        func build(_ slice: ArraySlice<(indent: Int, text: String)>) -> [OutlineEntry] {
            var entries: [OutlineEntry] = []
            var index = slice.startIndex
            while index < slice.endIndex {
                let head = slice[index]
                var next = index + 1
                while next < slice.endIndex, slice[next].indent > head.indent { next += 1 }
                entries.append(OutlineEntry(head.text, children: build(slice[(index + 1)..<next])))
                index = next
            }
            return entries
        }
        return build(lines[...])
    }
}
