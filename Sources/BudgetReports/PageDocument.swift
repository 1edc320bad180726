import PlannerCore

/// A neutral document model of a budget page: headings, paragraphs, bullets and tables. The page is
/// assembled once (`BudgetPageLayout`) and written by several writers (text, markdown), so the two
/// outputs can't drift apart.
public enum PageBlock: Sendable, Equatable {
    /// The page title (level 0), `1 기본 현황` (level 1) or `□ 사업개요` (level 2).
    case heading(level: Int, String)
    case paragraph(String)
    case bullets([OutlineEntry])
    case table(PageTable)
}

public struct PageTable: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right }
    /// `(단위 : 천원)` above the table, if any.
    public var unitNote: String?
    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]]

    public init(unitNote: String? = nil, headers: [String], alignments: [Alignment], rows: [[String]]) {
        precondition(headers.count == alignments.count && rows.allSatisfy { $0.count == headers.count }, "table rows must match the headers")
        self.unitNote = unitNote
        self.headers = headers
        self.alignments = alignments
        self.rows = rows
    }
}

/// Writes page blocks as plain text for a terminal: tables aligned by display width (Hangul is two
/// columns wide), two spaces between columns, no trailing spaces.
public enum PlainTextWriter {
    public static func write(_ blocks: [PageBlock]) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case let .heading(level, text):
                if !out.isEmpty { out.append("") }
                out.append(text)
                if level < 2 { out.append(String(repeating: level == 0 ? "=" : "-", count: DisplayWidth.of(text))) }
            case let .paragraph(text):
                out.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
            case let .bullets(entries):
                out.append(contentsOf: bulletLines(entries, depth: 0))
            case let .table(table):
                if let note = table.unitNote { out.append("  " + note) }
                out.append(contentsOf: tableLines(table).map { "  " + $0 })
            }
        }
        return out.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }

    static func bulletLines(_ entries: [OutlineEntry], depth: Int) -> [String] {
        entries.flatMap { entry in
            [String(repeating: "  ", count: depth + 1) + "- " + entry.text] + bulletLines(entry.children, depth: depth + 1)
        }
    }

    static func tableLines(_ table: PageTable) -> [String] {
        let all = [table.headers] + table.rows
        let widths = table.headers.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        func line(_ cells: [String], header: Bool) -> String {
            cells.indices.map { column in
                header || table.alignments[column] == .left
                    ? DisplayWidth.padRight(cells[column], to: widths[column])
                    : DisplayWidth.padLeft(cells[column], to: widths[column])
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return [line(table.headers, header: true), rule] + table.rows.map { line($0, header: false) }
    }
}

/// Writes page blocks as GitHub-flavoured markdown.
public enum MarkdownWriter {
    public static func write(_ blocks: [PageBlock]) -> String {
        var out: [String] = []
        for block in blocks {
            if !out.isEmpty { out.append("") }
            switch block {
            case let .heading(level, text):
                out.append(String(repeating: "#", count: level + 1) + " " + text)
            case let .paragraph(text):
                out.append(text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "  \n"))
            case let .bullets(entries):
                out.append(contentsOf: bulletLines(entries, depth: 0))
            case let .table(table):
                if let note = table.unitNote { out.append(escape(note)); out.append("") }
                out.append("| " + table.headers.map(cell).joined(separator: " | ") + " |")
                out.append("|" + table.alignments.map { $0 == .right ? " ---: |" : " --- |" }.joined())
                for row in table.rows { out.append("| " + row.map(cell).joined(separator: " | ") + " |") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func bulletLines(_ entries: [OutlineEntry], depth: Int) -> [String] {
        entries.flatMap { entry in
            [String(repeating: "  ", count: depth) + "- " + escape(entry.text)] + bulletLines(entry.children, depth: depth + 1)
        }
    }

    /// Text safe in a table cell: pipes escaped, markup characters escaped, line breaks as <br>.
    static func cell(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }

    /// Escapes the characters that would turn plan text into markup (`*` in `150,000원*15인` would italicise).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\*_`[]<>#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
