import Foundation
import PlannerCore

/// The procurement sheet as CSV for Excel and older office software (RFC 4180).
///
/// - One header row, then one record per sheet row, in sheet order; the columns are `SheetColumn.all`,
///   in order. Headers are Korean by default (`번호,사업명,…`); `.en` writes the English camelCase names
///   that are also the XML element names (`number,program,…`).
/// - Amounts and quantities are plain integers in won (`13500000`), VAT included where the column says so.
/// - `contractMethod` is the Korean label (`1인 견적 수의계약`) with Korean headers and the raw value
///   (`single-quotation`) with English headers, so that a sheet read by a program matches the XML.
/// - **No total row.** A reader that sums the `amount` column gets `ProcurementSheet.total`; a closing
///   row would be counted as one more purchase by anyone who sums or filters the column in Excel.
/// - Fields are written by `CSVFormat`: CRLF line ends, quoting when needed, and text cells that Excel
///   would run as a formula get a leading `'`.
/// - `.utf8` starts with a byte-order mark, which is what makes Excel read Korean correctly. `.cp949`
///   (for older office software) has none; its text is written in NFC, so Hangul typed as separate jamo
///   still encodes. Nothing is ever replaced by `?`: a character CP949 has no code for is an error that
///   names every such cell.
///
/// The same sheet always gives the same bytes.
/// ```swift
/// let sheet = ProcurementSheet.build(page)
/// let data = try SheetCSV.data(sheet)                                      // UTF-8 with BOM, 번호,사업명,…
/// let legacy = try SheetCSV.data(sheet, headers: .en, encoding: .cp949)    // throws CSVEncodingError
/// ```
public enum SheetCSV {
    /// The language of the header row; raw values are the `--headers` spellings.
    public enum Headers: String, CaseIterable, Sendable {
        /// `SheetColumn.korean`: `번호`, `품명`, `금액(원,부가세포함)` …
        case ko
        /// `SheetColumn.name`: `number`, `name`, `amount` … (the XML element names).
        case en
    }

    /// The bytes of the file; raw values are the `--encoding` spellings.
    public enum Encoding: String, CaseIterable, Sendable {
        /// UTF-8 with a byte-order mark.
        case utf8
        /// Windows code page 949 (통합형 한글, a superset of EUC-KR), no byte-order mark.
        case cp949

        /// Foundation's encoding of the file (CP949 is `kCFStringEncodingDOSKorean`).
        public var stringEncoding: String.Encoding {
            switch self {
            case .utf8: return .utf8
            case .cp949: return String.Encoding(rawValue: 0x8000_0422)
            }
        }
    }

    /// The whole CSV file of `sheet`, in memory (for small sheets and tests; `write` streams).
    ///
    /// Throws `CSVEncodingError` (only with `.cp949`) listing every cell that holds a character the
    /// encoding has no code for, or would drop silently (like U+FEFF); nothing is returned then.
    public static func data(_ sheet: ProcurementSheet, headers: Headers = .ko, encoding: Encoding = .utf8) throws -> Data {
        var out = Data()
        try serialize(sheet, headers: headers, encoding: encoding, chunkSize: .max) { out.append(contentsOf: $0) }
        return out
    }

    /// Writes the CSV file of `sheet` to `path` (created or replaced) in pieces of about 64 KB, so that
    /// memory doesn't grow with the sheet; the bytes are those of `data`.
    ///
    /// Throws `CSVEncodingError` as `data` does, after the whole sheet was examined (so that every
    /// failing cell is named), and `ExportBatch.Failure` when the file can't be written. Either way, what
    /// was written so far stays at `path`: write to a temporary name and remove it on failure
    /// (`ExportBatch` does both).
    public static func write(_ sheet: ProcurementSheet, to path: String, headers: Headers = .ko, encoding: Encoding = .utf8) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ExportBatch.Failure(kind: .io, message: "can't write \(path)")
        }
        defer { try? handle.close() }
        do {
            try serialize(sheet, headers: headers, encoding: encoding, chunkSize: 64 * 1024) { try handle.write(contentsOf: $0) }
        } catch let error as CSVEncodingError {
            throw error
        } catch {
            throw ExportBatch.Failure(kind: .io, message: "can't write \(path): \(ExportBatch.reason(error))")
        }
    }

    /// The file's bytes, handed to `emit` whenever at least `chunkSize` bytes are ready, and once at the end.
    private static func serialize(_ sheet: ProcurementSheet, headers: Headers, encoding: Encoding, chunkSize: Int,
                                  emit: ([UInt8]) throws -> Void) throws {
        let korean = headers == .ko
        let columns = SheetColumn.all
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize == .max ? 4096 : chunkSize + 4096)
        if encoding == .utf8 { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }

        let header = CSVFormat.record(columns.map { korean ? $0.korean : $0.name })
        // The header is ASCII or Hangul that every encoding here has; a miss would be a defect.
        guard append(header, encoding, to: &out) else { throw CSVEncodingError(encoding: encoding, cells: []) }

        // Field by field, so that a failure names its cell. Both encodings are stateless and keep ASCII
        // as is, so the separators can be appended as bytes.
        var problems: [CSVEncodingError.Cell] = []
        var line = 1 + CSVFormat.lineBreaks(in: header)
        for row in sheet.rows {
            var breaks = 1
            for (index, column) in columns.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let field = CSVFormat.field(column.value(row, sheet, korean), isNumber: column.isNumber)
                if !append(field, encoding, to: &out) {
                    problems.append(CSVEncodingError.Cell(row: row.number, line: line, column: column.name, header: column.korean,
                                                          character: firstUnencodable(in: field, encoding) ?? field))
                }
                breaks += CSVFormat.lineBreaks(in: field)
            }
            out.append(13)
            out.append(10)
            line += breaks
            if out.count >= chunkSize {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try emit(out)
        guard problems.isEmpty else { throw CSVEncodingError(encoding: encoding, cells: problems) }
    }

    /// Appends the bytes of `text` in `encoding`; false (nothing appended) when the encoding can't carry it.
    private static func append(_ text: String, _ encoding: Encoding, to out: inout [UInt8]) -> Bool {
        if encoding == .utf8 {
            out.append(contentsOf: text.utf8)
            return true
        }
        guard let bytes = encode(text, encoding) else { return false }
        out.append(contentsOf: bytes)
        return true
    }

    /// The bytes of `text`, or nil when the encoding can't carry every character of it exactly: a
    /// conversion that succeeds but doesn't decode back to the same scalars (CP949 drops U+FEFF) counts
    /// as a failure.
    static func encode(_ text: String, _ encoding: Encoding) -> Data? {
        switch encoding {
        case .utf8:
            return Data(text.utf8)
        case .cp949:
            let composed = text.precomposedStringWithCanonicalMapping
            guard let bytes = composed.data(using: encoding.stringEncoding, allowLossyConversion: false),
                  let back = String(data: bytes, encoding: encoding.stringEncoding),
                  Array(back.unicodeScalars) == Array(composed.unicodeScalars) else { return nil }
            return bytes
        }
    }

    /// The first character (grapheme, after NFC) of `text` that `encoding` can't carry.
    static func firstUnencodable(in text: String, _ encoding: Encoding) -> String? {
        let composed = encoding == .cp949 ? text.precomposedStringWithCanonicalMapping : text
        return composed.first { encode(String($0), encoding) == nil }.map(String.init)
    }
}

/// Why a procurement sheet can't be written as CSV in the chosen encoding: the cells that hold a
/// character the encoding has no code for, in sheet order. Nothing is substituted, so no file is written.
///
/// ```
/// sheet row 3 (CSV line 4), column name (품명): "😀" (U+1F600) has no code in CP949
///   hint: export with --encoding utf8 (the default), which carries every character, or change the text in the plan
/// ```
public struct CSVEncodingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// One cell that can't be encoded.
    public struct Cell: Equatable, Sendable {
        /// The sheet row number (`ProcurementSheet.Row.number`, 1-based, the first data row is 1).
        public var row: Int
        /// The line of the CSV file the row's record starts on; the header is line 1. It is `row + 1`
        /// unless an earlier cell holds a line break.
        public var line: Int
        /// The column's English name (`name`), as in `--headers en` and the XML.
        public var column: String
        /// The column's Korean header (`품명`).
        public var header: String
        /// The first character of the cell the encoding can't carry (one grapheme, possibly several scalars).
        public var character: String

        public init(row: Int, line: Int, column: String, header: String, character: String) {
            self.row = row
            self.line = line
            self.column = column
            self.header = header
            self.character = character
        }

        /// `U+1F44D U+1F3FD`: the scalars of `character`.
        public var codePoints: String {
            character.unicodeScalars.map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }.joined(separator: " ")
        }
    }

    public var encoding: SheetCSV.Encoding
    /// Every failing cell, in row then column order; the first one is named first.
    public var cells: [Cell]

    public init(encoding: SheetCSV.Encoding, cells: [Cell]) {
        self.encoding = encoding
        self.cells = cells
    }

    /// How many cells `description` names one by one; the rest are counted.
    public static let cellsShown = 10

    /// One line per cell (the first `cellsShown`, then a count of the others), then a hint.
    public var description: String {
        let name = encoding == .cp949 ? "CP949" : "UTF-8"
        guard !cells.isEmpty else { return "the CSV header can't be written in \(name)" }
        var lines = cells.prefix(Self.cellsShown).map { cell in
            "sheet row \(cell.row) (CSV line \(cell.line)), column \(cell.column) (\(cell.header)): \"\(cell.character)\" (\(cell.codePoints)) has no code in \(name)"
        }
        if cells.count > Self.cellsShown {
            let more = cells.count - Self.cellsShown
            lines.append("and \(more) more \(more == 1 ? "cell" : "cells") like these")
        }
        lines.append("  hint: export with --encoding utf8 (the default), which carries every character, or change the text in the plan")
        return lines.joined(separator: "\n")
    }
}

/// RFC 4180 writing with protection against formula injection, shared by every CSV the planner writes
/// (the procurement sheet and the budget sheet).
public enum CSVFormat {
    /// Every record ends with CRLF, the last one too.
    public static let lineEnd = "\r\n"

    /// A whole document: the header, then the rows, each ending with CRLF; with `byteOrderMark`, it
    /// starts with U+FEFF. Cells at `numberColumns` (0-based) that are plain integers stay numbers.
    public static func document(header: [String], rows: [[String]], numberColumns: Set<Int> = [], byteOrderMark: Bool) -> String {
        let records = [record(header)] + rows.map { row in
            row.enumerated().map { field($0.element, isNumber: numberColumns.contains($0.offset)) }.joined(separator: ",") + lineEnd
        }
        return (byteOrderMark ? "\u{FEFF}" : "") + records.joined()
    }

    /// One record of text fields, with its CRLF.
    public static func record(_ texts: [String]) -> String {
        texts.map { field($0, isNumber: false) }.joined(separator: ",") + lineEnd
    }

    /// One field, written so that a reader gets `text` back and Excel never runs it.
    ///
    /// A text that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (Excel would take it
    /// for a formula); so does one whose first character after leading white space (spaces, line
    /// breaks, U+3000) is one of those four or their full-width forms `＝＋－＠`, which spreadsheets
    /// may trim or convert as they read. In a number column (`isNumber`), a plain integer (`-1200`) is
    /// left as it is so that it stays a number. The field is then quoted when it holds a comma, a
    /// quote, CR or LF (checked by scalar: Swift counts CRLF as one character), or a semicolon (the
    /// separator of Excel in many locales, where `a;=1+1` would open as two cells), with quotes doubled.
    public static func field(_ text: String, isNumber: Bool) -> String {
        var value = text
        if startsLikeFormula(value), !(isNumber && isPlainInteger(value)) {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `=`, `+`, `-`, `@`, tab and CR: a cell starting with one is a formula to Excel.
    static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// What starts a formula after leading white space: the four ASCII signs and their full-width forms.
    static let formulaScalars: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// Whether a spreadsheet could take `text` for a formula (see `field`).
    static func startsLikeFormula(_ text: String) -> Bool {
        // Most cells start with a letter, a digit or Hangul: one byte decides for ASCII.
        guard let first = text.utf8.first else { return false }
        if formulaStarts.contains(first) { return true }
        if first > 0x20 && first < 0x7F { return false }
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
            return formulaScalars.contains(scalar)
        }
        return false
    }

    /// An optional `-` and one or more ASCII digits: what the sheets write for amounts and counts.
    public static func isPlainInteger(_ text: String) -> Bool {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The line breaks in written CSV text, as an editor counts them: LF, CRLF and a lone CR each once.
    static func lineBreaks(in text: String) -> Int {
        var count = 0
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" { count += 1 } else if scalar == "\n", !afterCR { count += 1 }
            afterCR = scalar == "\r"
        }
        return count
    }
}
