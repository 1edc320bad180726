import CSV
import Foundation
import PlannerCore

/// Reads a roster CSV file (who is paid, as what, for which event) into roster entries, collecting
/// every problem of the file with its line.
///
/// The file is UTF-8 (with or without a byte-order mark, as Excel's "CSV UTF-8" writes it) or CP949
/// (Excel's Korean "CSV"). The first row names the columns, in English or Korean, in any order;
/// case, spaces, `_` and `-` in header names don't matter:
///
/// ```
/// name,role,event,organization,email,phone,residency,income_type,rrn,bank,account
/// 김민수,allowance,social-city-committee,서울연구원,,,resident,other,711231-1234567,국민은행,123456-78-901234
/// ```
///
/// | column | Korean | required | values |
/// | --- | --- | --- | --- |
/// | `name` | 성명, 이름 | yes | any text |
/// | `role` | 역할 | yes | `PayableRole.parse`: `allowance`, `lecturer`, … or 위원, 강사, … |
/// | `event` | 행사 | yes | an event id of the plan, as `planner sessions` shows it |
/// | `organization`, `email`, `phone`, `bank`, `account` | 소속, 이메일, 연락처/전화번호, 은행, 계좌번호 | no | kept as written |
/// | `residency` | 거주구분 | no | `resident` (default) or `nonresident` |
/// | `income_type` | 소득구분 | no | `other` (default; `nonresident` for a non-resident), `business`, `nonresident`, `exempt` |
/// | `rrn` | 주민등록번호 | no | 13 digits with a real birth date (`ResidentNumber.parse`) |
/// | `treaty_exempt` | 조세조약면제 | no | yes/no, true/false, 예/아니오, Y/N; only for a non-resident |
/// | `note` | 비고, 메모 | no | not read |
///
/// Every problem is reported at `FILE:LINE:1`, where LINE is the physical line the row starts on
/// (line breaks inside quoted fields count), with the path `row N.COLUMN`: N is the data row (the
/// header and blank rows not counted) and COLUMN the header as written in the file. Messages never
/// quote a resident number, an account or a phone number (they go through `Redaction`).
///
/// Refused besides bad values: a number of ten digits or more anywhere in a column kept in clear
/// (name, organization, email, bank, note; `Redaction.containsPersonalNumber`), a line break
/// inside a name, one resident number under two names, and a byte-order mark after the file's start.
public enum RosterReader {
    /// Reads `data`, naming it `file` in messages; `events` are the plan's events with their sessions.
    ///
    /// Returns the entries only when no problem is an error: the importer stores all of a file or
    /// nothing. Diagnostics come sorted by location.
    public static func read(_ data: Data, file: String, events: [PlannedEvent]) -> (entries: [RosterEntry], diagnostics: [Diagnostic]) {
        let text: String
        switch CSVFile.decode(data, file: file) {
        case .text(let decoded): text = decoded
        case .unreadable(let problem): return ([], [problem])
        }
        let table = CSVFile.table(text, file: file, columns: Column.allCases, what: "roster")
        var diagnostics = table.diagnostics
        guard let header = table.header else { return ([], diagnostics) }

        var entries: [RosterEntry] = []
        var seen: [DuplicateKey: Int] = [:]
        var holders: [String: (row: Int, name: String)] = [:]
        for record in table.records {
            guard let row = header.row(record, file: file, into: &diagnostics) else { continue }
            guard let entry = entry(row, events: events, into: &diagnostics) else { continue }
            let key = DuplicateKey(event: entry.event, role: entry.role, name: entry.name.lowercased())
            if let first = seen[key] {
                diagnostics.append(.error(at: row.location, path: row.path, "duplicate of row \(first) (same event, role and name)",
                                          hint: "keep one row per person, role and event"))
                continue
            }
            seen[key] = row.number
            // One person may have several roles, but one resident number is one person: under two
            // names, one of the rows is someone else's number (or a name spelt two ways).
            if let number = entry.residentNumber?.digits {
                if let first = holders[number], first.name != entry.name {
                    diagnostics.append(.error(at: row.location, path: row.path(.rrn),
                        "expected each resident number under one name, got the resident number of row \(first.row) (\(first.name)) under the name \(Redaction.quoted(entry.name))",
                        hint: "check the resident numbers of both rows, and write one person's name the same way on every row"))
                    continue
                }
                holders[number] = holders[number] ?? (entry.row, entry.name)
            }
            entries.append(entry)
        }
        if table.records.isEmpty, !diagnostics.hasErrors {
            diagnostics.append(.warning(at: SourceLocation(file: file, line: header.line, column: 1), path: "header",
                                        "the roster has no rows under its header"))
        }
        let sorted = diagnostics.sortedBySource()
        return (sorted.hasErrors ? [] : entries, sorted)
    }

    /// The columns a roster may have, with the header names accepted for each.
    enum Column: String, CaseIterable, CSVColumn {
        case name, role, event, organization, email, phone, residency
        case incomeType = "income_type"
        case rrn, bank, account
        case treatyExempt = "treaty_exempt"
        /// Remarks (비고): accepted and not read, as officers keep notes beside a roster.
        case note

        var headerNames: [String] {
            switch self {
            case .name: return ["name", "성명", "이름"]
            case .role: return ["role", "역할"]
            case .event: return ["event", "행사"]
            case .organization: return ["organization", "소속"]
            case .email: return ["email", "이메일"]
            case .phone: return ["phone", "연락처", "전화번호", "휴대폰", "휴대전화"]
            case .residency: return ["residency", "거주구분"]
            case .incomeType: return ["income_type", "소득구분"]
            case .rrn: return ["rrn", "주민등록번호", "주민번호"]
            case .bank: return ["bank", "은행", "은행명"]
            case .account: return ["account", "계좌번호", "계좌"]
            case .treatyExempt: return ["treaty_exempt", "조세조약면제"]
            case .note: return ["note", "비고", "메모"]
            }
        }

        var isRequired: Bool { self == .name || self == .role || self == .event }

        /// The columns kept as written, in clear: every one that is neither encrypted (rrn, account,
        /// phone) nor read as a word (role, event, residency, income type, treaty exemption). Notes are
        /// not read, but a number in them is as much out of place.
        var isKeptAsWritten: Bool { [.name, .organization, .email, .bank, .note].contains(self) }

        /// What the column holds, for messages: `expected the person's name, got …`.
        var what: String {
            switch self {
            case .name: return "the person's name"
            case .role: return "a role"
            case .event: return "an event id"
            case .organization: return "an organization"
            case .email: return "an e-mail address"
            case .residency: return "resident or nonresident"
            case .incomeType: return "an income type"
            case .bank: return "a bank's name"
            case .treatyExempt: return "yes or no"
            case .note: return "a note"
            case .phone: return "a phone number"
            case .rrn: return "a resident number"
            case .account: return "an account number"
            }
        }
    }

    private struct DuplicateKey: Hashable {
        let event: String
        let role: PayableRole
        let name: String
    }

    static let roleWords = ["lecturer", "manuscript", "allowance", "review", "speaker", "influencer",
                            "강사", "원고", "위원", "서면심의", "연사", "인플루언서"]

    /// One row checked column by column; nil (after reporting) when any value is wrong.
    private static func entry(_ row: CSVRow<Column>, events: [PlannedEvent], into diagnostics: inout [Diagnostic]) -> RosterEntry? {
        let errorsBefore = diagnostics.count
        func problem(_ column: Column, _ message: String, hint: String? = nil) {
            diagnostics.append(.error(at: row.location, path: row.path(column), message, hint: hint))
        }

        // Names, organizations, e-mails and banks are kept and shown as written: a personal number
        // there (a shifted column, digits glued to a name) would be too. (The other columns are read
        // as words, and a number there is refused with its own, masked, message.) A line break
        // inside a quoted name would make a name no one can type at the door or on a sign-in sheet.
        var refused: Set<Column> = []
        for column in Column.allCases where column.isKeptAsWritten {
            guard let index = row.header.index[column], index < row.fields.count else { continue }
            let raw = row.fields[index]
            if Redaction.containsPersonalNumber(raw) {
                problem(column, "expected \(column.what), got a number like a resident number, an account or a phone in \(Redaction.quoted(raw))",
                        hint: "resident numbers, accounts and phones go in their own columns (rrn, account, phone), which are kept encrypted")
                refused.insert(column)
            } else if column == .name, raw.trimmingCharacters(in: .whitespacesAndNewlines).contains(where: \.isNewline) {
                problem(column, "expected \(column.what) on one line, got a line break inside \(Redaction.quoted(raw))",
                        hint: "remove the line break from the cell (Alt+Enter in Excel)")
                refused.insert(column)
            }
        }
        func value(_ column: Column) -> String? { refused.contains(column) ? nil : row[column] }
        func missing(_ column: Column) -> Bool { row.has(column) && !refused.contains(column) && row[column] == nil }

        // name, role, event: required.
        let name = value(.name)
        if missing(.name) { problem(.name, "expected the person's name, got nothing") }

        var role: PayableRole?
        if let text = value(.role) {
            role = PayableRole.parse(text)
            if role == nil {
                let suggestion = CSVFile.closest(to: text, among: roleWords).map { "did you mean \"\($0)\"? " } ?? ""
                problem(.role, "expected a role (lecturer, manuscript, allowance, review, speaker or influencer), got \(Redaction.quoted(text))",
                        hint: suggestion + "Korean names work too: 강사, 원고, 위원, 서면심의, 연사, 인플루언서")
            }
        } else if missing(.role) {
            problem(.role, "expected a role (lecturer, manuscript, allowance, review, speaker or influencer), got nothing")
        }

        var event: PlannedEvent?
        if let text = value(.event) {
            event = events.first { $0.origin.id == text }
            if event == nil {
                let ids = events.map(\.origin.id)
                let hint: String
                if let named = events.first(where: { $0.origin.name == text }) {
                    hint = "write the event's id \"\(named.origin.id)\" (the name planner sessions shows)"
                } else if let close = CSVFile.closest(to: text, among: ids) {
                    hint = "did you mean \"\(close)\"?"
                } else {
                    hint = ids.isEmpty ? "the plan declares no event with kind:" : "the plan's events are \(ids.joined(separator: ", "))"
                }
                problem(.event, "expected an event of the plan, got \(Redaction.quoted(text))", hint: hint)
            }
        } else if missing(.event) {
            problem(.event, "expected an event id as planner sessions shows it, got nothing")
        }

        if let role, let event {
            let paid = event.origin.id
            let roles = PayableRole.allCases.filter { role in event.sessions.contains { $0.payableRoles.contains(role) } }
            if !roles.contains(role) {
                let list = roles.map(\.rawValue).joined(separator: ", ")
                problem(.role, "expected a role that \(paid) pays per session (\(roles.isEmpty ? "none" : list)), got \(role.rawValue)",
                        hint: roles.isEmpty ? "this event's sessions pay no one; check the event column" : "check the role and event columns")
            }
        }

        // Tax: residency, income type, treaty exemption.
        // nil when written but not understood: checks that depend on it are left out.
        var residency: Residency? = .resident
        if let text = value(.residency) {
            residency = Residency.parse(text)
            if residency == nil {
                let suggestion = CSVFile.closest(to: text, among: ["resident", "nonresident", "거주자", "비거주자"])
                problem(.residency, "expected resident or nonresident (거주자, 비거주자), got \(Redaction.quoted(text))",
                        hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "leave it empty for a resident")
            }
        }

        var incomeType: IncomeType = residency == .nonresident ? .nonresident : .other
        if let text = value(.incomeType) {
            if let parsed = IncomeType.parse(text) {
                incomeType = parsed
                if let residency {
                    if parsed == .nonresident, residency == .resident {
                        problem(.incomeType, "expected an income type for a resident (other, business or exempt), got nonresident",
                                hint: "for a non-resident, set the residency column to nonresident")
                    } else if residency == .nonresident, parsed == .other || parsed == .business {
                        problem(.incomeType, "expected an income type for a non-resident (nonresident or exempt), got \(parsed.rawValue)",
                                hint: "a non-resident is withheld 22% as nonresident income; for a resident, set the residency column to resident")
                    }
                }
            } else {
                let names = IncomeType.allCases.map(\.rawValue) + IncomeType.allCases.map(\.korean)
                let suggestion = CSVFile.closest(to: text, among: names)
                problem(.incomeType, "expected other, business, nonresident or exempt (기타소득, 사업소득, 비거주자, 비과세), got \(Redaction.quoted(text))",
                        hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "leave it empty for other (기타소득)")
            }
        }

        var treatyExempt = false
        if let text = value(.treatyExempt) {
            if let parsed = CSVFile.yesNo(text) {
                treatyExempt = parsed
                if parsed, residency == .resident {
                    problem(.treatyExempt, "expected a treaty exemption only for a non-resident, got yes for a resident",
                            hint: "tax treaties exempt non-residents; set the residency column to nonresident or clear this one")
                }
            } else {
                problem(.treatyExempt, "expected yes or no (예, 아니오), got \(Redaction.quoted(text))", hint: "leave it empty for no")
            }
        }

        var residentNumber: ResidentNumber?
        if let text = row[.rrn] {
            switch ResidentNumber.parse(text) {
            case .success(let number): residentNumber = number
            case .failure(let notation): problem(.rrn, notation.message, hint: notation.hint)
            }
        }

        guard diagnostics.count == errorsBefore, let name, let role, let event, let residency else { return nil }
        return RosterEntry(row: row.number, name: name, role: role, event: event.origin.id,
                           organization: value(.organization), email: value(.email), phone: row[.phone],
                           residency: residency, incomeType: incomeType, treatyExempt: treatyExempt,
                           residentNumber: residentNumber, bank: value(.bank), account: row[.account])
    }
}

// MARK: - CSV files shared by the roster and sign-in sheet readers

/// A column of a CSV file this target reads: its canonical (English) name first, then the others accepted.
protocol CSVColumn: Hashable, CaseIterable, RawRepresentable where RawValue == String {
    var headerNames: [String] { get }
    var isRequired: Bool { get }
}

/// One data row of a CSV file, its values found by column.
struct CSVRow<Column: CSVColumn> {
    /// The data row number (1-based; the header and blank rows not counted).
    let number: Int
    let location: SourceLocation
    let fields: [String]
    let header: CSVHeader<Column>

    /// `row 3`, the path of a problem with the whole row.
    var path: String { "row \(number)" }

    /// `row 3.rrn`: the column as its header is written in the file.
    func path(_ column: Column) -> String { "row \(number).\(header.title(column))" }

    func has(_ column: Column) -> Bool { header.index[column] != nil }

    /// The value without surrounding whitespace; nil when the column is absent or the value empty.
    subscript(_ column: Column) -> String? {
        guard let index = header.index[column], index < fields.count else { return nil }
        let value = fields[index].trimmingWhitespace()
        return value.isEmpty ? nil : value
    }
}

/// The header row: which column holds what.
struct CSVHeader<Column: CSVColumn> {
    let line: Int
    let titles: [String]
    let index: [Column: Int]

    func title(_ column: Column) -> String { index[column].map { titles[$0] } ?? column.rawValue }

    /// The row for `record`, or nil (after reporting) when its column count doesn't match the header.
    /// Extra empty fields at the end (a trailing comma) are tolerated.
    func row(_ record: CSVFile.Record, file: String, into diagnostics: inout [Diagnostic]) -> CSVRow<Column>? {
        let location = SourceLocation(file: file, line: record.line, column: 1)
        var fields = record.fields
        while fields.count > titles.count, let last = fields.last, last.trimmingCharacters(in: .whitespaces).isEmpty { fields.removeLast() }
        guard fields.count == titles.count else {
            let more = fields.count > titles.count
            diagnostics.append(.error(at: location, path: "row \(record.number)",
                "expected \(titles.count) values (one per column of the header), got \(fields.count)",
                hint: more ? "a value with a comma must be in double quotes, like \"서울시, 소통기획관\""
                           : "every row needs a value, possibly empty, for every column: check for a missing comma"))
            return nil
        }
        return CSVRow(number: record.number, location: location, fields: fields, header: self)
    }
}

/// Decoding, splitting and header reading shared by the CSV readers of this target.
///
/// Parsing follows RFC 4180 through CSV.swift; this type adds what that reader doesn't give:
/// encodings, the line each record starts on, and errors for broken quoting.
enum CSVFile {
    /// Windows code page 949 (Unified Hangul Code), a superset of EUC-KR: Excel's Korean "CSV".
    static let cp949 = String.Encoding(rawValue: 0x8000_0422)

    /// A record of the file: its fields and where it starts.
    struct Record {
        /// The physical line (1-based) the record starts on.
        let line: Int
        /// The data row number (1-based; header and blank rows not counted); 0 for the header.
        let number: Int
        let fields: [String]
    }

    enum Decoded {
        case text(String)
        case unreadable(Diagnostic)
    }

    /// UTF-8 (a byte-order mark is dropped) or else CP949; anything else is one error.
    static func decode(_ data: Data, file: String) -> Decoded {
        let whole = SourceLocation.wholeFile(file)
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return .unreadable(.error(at: whole, "expected UTF-8 or CP949 text, got UTF-16",
                                   hint: "save it from Excel as \"CSV UTF-8 (comma delimited)\""))
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return .unreadable(.error(at: whole, "expected a CSV file, got a ZIP archive (an .xlsx workbook?)",
                                   hint: "save it from Excel as \"CSV UTF-8 (comma delimited)\""))
        }
        if let overlong = InputLimits.overlongLineError(data, file: file) { return .unreadable(overlong) }
        if data.contains(0) {
            return .unreadable(.error(at: whole, "expected CSV text, got binary data",
                                   hint: "save it from Excel as \"CSV UTF-8 (comma delimited)\""))
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) {
            return InputLimits.strayByteOrderMarkError(text, file: file, markRemoved: true).map { .unreadable($0) } ?? .text(text)
        }
        // Foundation's CP949 maps a few bytes no Korean text uses to C1 controls (0x80) and private-use
        // characters (0xFF); those mean the file is in some other encoding.
        if let text = String(data: bytes, encoding: cp949),
           !text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) || (0xE000...0xF8FF).contains($0.value) }) {
            return .text(text)
        }
        return .unreadable(.error(at: whole, "expected UTF-8 or CP949 (EUC-KR) text, got bytes that are neither",
                               hint: "save it from Excel as \"CSV UTF-8 (comma delimited)\""))
    }

    /// The header and the data records of `text`, blank records left out, with every problem of the
    /// header and of the file's quoting.
    static func table<Column: CSVColumn>(_ text: String, file: String, columns: [Column], what: String)
        -> (header: CSVHeader<Column>?, records: [Record], diagnostics: [Diagnostic]) {
        var (records, diagnostics) = self.records(text, file: file)
        let canonical = columns.map(\.rawValue).joined(separator: ",")
        guard let first = records.first else {
            diagnostics.append(.error(at: .wholeFile(file), "expected a header row naming the columns, got an empty file",
                                      hint: "start the \(what) with a line like: \(canonical)"))
            return (nil, [], diagnostics)
        }
        records.removeFirst()
        let location = SourceLocation(file: file, line: first.line, column: 1)
        guard first.fields.count <= InputLimits.csvColumns else {
            diagnostics.append(.error(at: location, path: "header",
                "expected at most \(MoneyFormat.grouped(Int64(InputLimits.csvColumns))) columns, got \(MoneyFormat.grouped(Int64(first.fields.count)))",
                hint: "start the \(what) with a line like: \(canonical)"))
            return (nil, records, diagnostics)
        }
        let titles = first.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var index: [Column: Int] = [:]
        var unknown: [(offset: Int, title: String)] = []
        for (offset, title) in titles.enumerated() where !title.isEmpty {
            guard let column = columns.first(where: { $0.headerNames.map(normalized).contains(normalized(title)) }) else {
                unknown.append((offset, title))
                continue
            }
            if let earlier = index[column] {
                diagnostics.append(.error(at: location, path: "header",
                    "expected each column once, got \(Redaction.quoted(title)) in column \(offset + 1), the same as \(Redaction.quoted(titles[earlier])) in column \(earlier + 1)",
                    hint: "delete one of the two columns"))
            } else {
                index[column] = offset
            }
        }
        if index.isEmpty {
            diagnostics.append(.error(at: location, path: "header", "expected a header row naming the columns, got no known column name",
                                      hint: "start the \(what) with a line like: \(canonical)"))
            return (nil, records, diagnostics)
        }
        let known = columns.flatMap(\.headerNames)
        var suggested: Set<Column> = []
        for (offset, title) in unknown {
            let suggestion = closest(to: title, among: known)
            if let suggestion, let column = columns.first(where: { $0.headerNames.contains(suggestion) }) { suggested.insert(column) }
            diagnostics.append(.error(at: location, path: "header", "unknown column \(Redaction.quoted(title)) (column \(offset + 1))",
                                      hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "the columns are \(columns.map(\.rawValue).joined(separator: ", "))"))
        }
        // A misspelt required column is reported once, as the misspelling.
        for column in columns where column.isRequired && index[column] == nil && !suggested.contains(column) {
            let names = column.headerNames
            diagnostics.append(.error(at: location, path: "header", "missing column \"\(column.rawValue)\"",
                                      hint: "add a column named \(names.map { "\"\($0)\"" }.joined(separator: " or "))"))
        }
        return (CSVHeader(line: first.line, titles: titles, index: index), records, diagnostics)
    }

    /// `Suggestion.closest`, stricter for Korean words: one syllable off is a typo, but two are too
    /// many for a word of up to four syllables (주민번호 is not a misspelt 전화번호).
    static func closest(to word: String, among candidates: [String]) -> String? {
        guard let found = InputLimits.closest(to: word, among: candidates) else { return nil }
        if word.allSatisfy(\.isASCII) { return found }
        let distance = Suggestion.distance(word.lowercased(), found.lowercased())
        return distance == 1 || distance * 2 < max(word.count, found.count) ? found : nil
    }

    /// Header names compare without case, spaces, `_` and `-`: `Income Type` is `income_type`.
    static func normalized(_ title: String) -> String {
        String(title.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "_" && $0 != "-" })
    }

    /// The records of `text` with the line each starts on; blank records (no value in any field) are
    /// dropped but their lines counted. A quoted field left open or followed by stray text is an error.
    static func records(_ text: String, file: String) -> (records: [Record], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Records from a broken quote on are misread; only those before it are checked.
        var lastGoodLine = Int.max
        if let problem = quotingProblem(in: text) {
            diagnostics.append(.error(at: SourceLocation(file: file, line: problem.line, column: problem.column), problem.message,
                                      hint: "a quoted field ends with a double quote followed by a comma or the end of the line; write a double quote inside it as \"\""))
            lastGoodLine = problem.recordLine
        }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else { return ([], diagnostics) }
        var records: [Record] = []
        var line = 1
        var number = -1
        while let fields = reader.next() {
            let start = line
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            guard start < lastGoodLine else { break }
            if fields.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }
            number += 1
            records.append(Record(line: start, number: number, fields: fields))
        }
        return (records, diagnostics)
    }

    /// Line breaks in a field: `\r\n`, `\r` and `\n` each count once, as CSV.swift ends records.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var afterCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\r" { count += 1 } else if scalar == "\n", !afterCR { count += 1 }
            afterCR = scalar == "\r"
        }
        return count
    }

    /// The first place where the quoting is broken, read the way CSV.swift reads: a field is quoted
    /// only when its first character is `"`, and its closing quote must be followed by a comma, a line
    /// break or the end. CSV.swift silently reads past both mistakes, so they are found here.
    /// `recordLine` is the line of the record the problem is in: that record and all after it are misread.
    static func quotingProblem(in text: String) -> (line: Int, column: Int, recordLine: Int, message: String)? {
        let scalars = Array(text.unicodeScalars)
        var line = 1, column = 1, recordLine = 1
        var fieldStart = true, quoted = false
        var opened = (line: 1, column: 1)
        var i = 0
        func advanceLine(at index: Int) -> Int {
            // Returns how many scalars the break takes (2 for \r\n).
            line += 1
            column = 1
            return scalars[index] == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" ? 2 : 1
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                    if next == "\"" {
                        i += 2
                        column += 2
                        continue
                    }
                    if next == nil || next == "," || next == "\r" || next == "\n" {
                        quoted = false
                        fieldStart = false
                        i += 1
                        column += 1
                        continue
                    }
                    return (line, column + 1, recordLine, "expected a comma or the end of the line after a closing double quote, got more text")
                }
                if c == "\r" || c == "\n" {
                    i += advanceLine(at: i)
                    continue
                }
            } else if c == "," {
                fieldStart = true
            } else if c == "\r" || c == "\n" {
                i += advanceLine(at: i)
                fieldStart = true
                recordLine = line
                continue
            } else if fieldStart && c == "\"" {
                quoted = true
                opened = (line, column)
                fieldStart = false
            } else {
                fieldStart = false
            }
            i += 1
            column += 1
        }
        if quoted {
            return (opened.line, opened.column, recordLine, "expected a closing double quote for the field opened here, got the end of the file")
        }
        return nil
    }

    /// `yes`/`no` in the words a roster may use.
    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "y", "예", "네": return true
        case "no", "false", "n", "아니오", "아니요": return false
        default: return nil
        }
    }
}
