/// Where a value came from: a file and a 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A problem of a whole file, with no line to point at (a missing file, an empty plan).
    public static func wholeFile(_ file: String) -> SourceLocation { SourceLocation(file: file, line: 0, column: 0) }

    /// `Events/plan.yaml:42:7`, the form editors jump to; just the file for a whole-file problem.
    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A finding about a plan: an error that makes it unusable, or a warning a person should look at.
///
/// Diagnostics are values, collected rather than thrown, so that one run reports every problem of a
/// file. They never carry personal data: what they quote of a file goes through `Redaction`.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable, Comparable {
        /// Worth knowing, not a problem: a rate the plan departs from, with its reason.
        case note
        /// A line of an imported page that could not be read (it is reported, never dropped silently).
        case unread
        case warning, error
        static let order: [Severity] = [.note, .unread, .warning, .error]
        public static func < (lhs: Severity, rhs: Severity) -> Bool { order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)! }
    }

    public let severity: Severity
    /// Where the offending value is; `nil` only for problems of a whole file that has no position.
    public let location: SourceLocation?
    /// The path to the value inside the plan, like `categories[0].items[1].lines[0].declared`; may be empty.
    public let path: String
    /// What was expected and what was found, in a plain sentence without a trailing period.
    public let message: String
    /// What to do about it, when there is something useful to say.
    public let hint: String?

    public init(_ severity: Severity, at location: SourceLocation?, path: String = "", _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.path = path
        self.message = message
        self.hint = hint
    }

    public static func error(at location: SourceLocation?, path: String = "", _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, path: path, message, hint: hint)
    }

    public static func warning(at location: SourceLocation?, path: String = "", _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, path: path, message, hint: hint)
    }

    /// The first line of the report: `error: Events/x.yaml:4:9: categories[0].name: expected …`.
    /// The path may hold keys of the file (`lines[0].계좌`), so it is shown as an excerpt (of up to
    /// 120 columns, room for the deepest path the readers make).
    public var headline: String {
        var parts = ["\(severity.rawValue):"]
        if let location { parts.append("\(location):") }
        if !path.isEmpty { parts.append("\(Redaction.excerpt(path, width: 120)):") }
        parts.append(message)
        return parts.joined(separator: " ")
    }
}

/// A diagnostic can travel as an error (`Result<…, Diagnostic>`), for a single problem that stops a step.
extension Diagnostic: Error {}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in file order, so that a report reads top to bottom like the file.
    public func sortedBySource() -> [Diagnostic] {
        enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// Turns diagnostics into the text a person reads: the headline, the source line with a caret under
/// the column, and the hint. The source line is an excerpt (`Redaction.excerptLine`): one line, its
/// personal numbers hidden, cut to 80 columns around the caret.
public struct DiagnosticFormatter: Sendable {
    /// Returns the text of line `line` (1-based) of `file`, when it is known.
    public typealias SourceLines = @Sendable (_ file: String, _ line: Int) -> String?

    let sourceLine: SourceLines
    let prefix: String

    /// - Parameters:
    ///   - prefix: put before every headline, e.g. `planner: `.
    ///   - sourceLine: where to find the excerpt; return nil to leave it out.
    public init(prefix: String = "", sourceLine: @escaping SourceLines = { _, _ in nil }) {
        self.prefix = prefix
        self.sourceLine = sourceLine
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        var out = prefix + diagnostic.headline + "\n"
        if let location = diagnostic.location, location.line > 0, let text = sourceLine(location.file, location.line) {
            let gutter = String(location.line)
            let pad = String(repeating: " ", count: gutter.count)
            let excerpt = Redaction.excerptLine(text, column: location.column)
            out += " \(gutter) | \(excerpt.text)\n"
            out += " \(pad) | \(String(repeating: " ", count: excerpt.caret))^\n"
        }
        if let hint = diagnostic.hint { out += "  hint: \(hint)\n" }
        return out
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }
}

/// Keeps personal data out of messages: every piece of an input file that a message shows, the
/// excerpt under it or a value it quotes, goes through `masking`, and is one line of bounded width.
///
/// Files that reach the planner hold resident registration numbers, bank accounts and phone numbers
/// (a roster, or a roster given where a plan belongs); the house rule is that errors and logs never
/// show them (PIPA Art. 24-2 for resident numbers).
public enum Redaction {
    /// Display columns of an excerpt line under a message.
    public static let lineWidth = 80
    /// Display columns of a value quoted inside a message (`got "…"`), so the message stays one line.
    public static let quoteWidth = 48
    /// Characters an excerpt may leave out silently (three lines' worth); when it leaves out more (a
    /// field of a megabyte), it says how many: `aaaa… (999,952 more characters)`.
    public static let silentCut = 3 * lineWidth

    /// `text` with every personal number hidden, digit for digit (`*`, or `＊` for a full-width digit,
    /// so that columns stay where they were).
    ///
    /// A number is a run of digits (ASCII, full-width `０`–`９`, or any other decimal digit) whose groups
    /// are joined by single hyphens or dashes (`-`, `－`, `‐`, `–`, …), spaces (also `　`) or dots
    /// (`.`, `．`). It is hidden when it has seven or more digits: resident numbers in every spelling
    /// (`700101-1234500`, `7001011234500`, `700101 1234500`, `７００１０１－１２３４５００`), accounts
    /// (`110-123-456789`, `1002 748 395162`) and phone numbers (`010-1234-5678`, `02-2133-6480`,
    /// `2133-6480`, `010.1234.5678`). What stays readable:
    /// - dates (`2017-03-15`, `2017.3.15`) and a time after one (`2017-03-15 14:00`); a date is a
    ///   four-digit year, then a month and a day of two digits (shown even when impossible, so a message
    ///   about it can be read) or of one or two that make a real month and day; the digits around a
    ///   date count on their own;
    /// - lists and ranges of years (`2015 2016 2017`, `2015-2017`: years 1900–2099 in rising order);
    /// - an amount written right before its unit (`1500000원`, `13500천원`), and anything with commas
    ///   (`150,000원`), since commas don't join groups;
    /// - codes and short numbers (`201-01`, `12 34`).
    public static func masking(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            guard isDigit(characters[index]) else {
                out.append(characters[index])
                index += 1
                continue
            }
            // The digit groups of one number, and the separator before each group after the first.
            var groups: [[Character]] = [], separators: [Character] = []
            var start = index
            while true {
                var stop = start
                while stop < characters.count, isDigit(characters[stop]) { stop += 1 }
                groups.append(Array(characters[start..<stop]))
                index = stop
                guard stop + 1 < characters.count, isSeparator(characters[stop]), isDigit(characters[stop + 1]) else { break }
                separators.append(characters[stop])
                start = stop + 1
            }
            let after = index < characters.count ? characters[index...].prefix(2) : []
            let amount = groups.count == 1 && (after.first == "원" || ["천원", "만원"].contains(String(after)))
            out += amount || isYearList(groups) ? joined(groups, separators) : maskedNumber(groups, separators)
        }
        return out
    }

    /// Whether `text` is nothing but a number that `masking` hides: a resident number, an account or a
    /// phone written on its own, in any spelling, as in a column of a roster that has shifted.
    public static func isPersonalNumber(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { isDigit($0) || isSeparator($0) } && masking(text) != text
    }

    /// Whether `text` holds, anywhere in it, a number that `masking` hides with ten digits or more:
    /// the shape of a resident number (13), a bank account (10 to 14) or a mobile phone, in any
    /// spelling and also glued to words (`김민준7001011234500`, `소속 710202-2234501`). Dates,
    /// amounts, codes and shorter numbers (`member1@example.kr`, `__DdeLink_60_870516294`) don't count.
    public static func containsPersonalNumber(_ text: String) -> Bool {
        guard text.contains(where: isDigit) else { return false }
        // `masking` puts one `*` in place of each hidden digit, so the two line up character by character.
        var run = 0
        for (shown, hidden) in zip(text, masking(text)) {
            if shown != hidden {
                run += 1
                if run >= 10 { return true }
            } else if !isSeparator(shown) {
                run = 0
            }
        }
        return false
    }

    /// One line of `text` for a message: the first line, masked, cut to `width` columns with `…`
    /// (also when more lines follow). Control characters other than tabs show as `�`. When more than
    /// `silentCut` characters are left out, the excerpt says how many, within the same width.
    public static func excerpt(_ text: String, width: Int = lineWidth) -> String {
        let (shown, note) = excerptParts(text, width: width)
        return shown + note
    }

    /// A value found in an input file as a message quotes it: `"…"` around its excerpt, cut to
    /// `quoteWidth` columns (`got "성명,역할,행사,소속,이메일,연락처,…"`); the count of what was left
    /// out, when it is more than `silentCut`, follows the closing quote.
    public static func quoted(_ text: String) -> String {
        let (shown, note) = excerptParts(text, width: quoteWidth)
        return "\"\(shown)\"" + note
    }

    /// The excerpt of `text` and the note counting what it leaves out of the first line (empty unless
    /// that is more than `silentCut` characters; more lines show as `…` alone); the two together fit
    /// in `width` columns.
    static func excerptParts(_ text: String, width: Int) -> (shown: String, note: String) {
        func excerpt(_ columns: Int) -> (shown: String, left: Int) {
            let line = masking(String(firstLine(text)))
            let fitted = DisplayWidth.fit(line, columns: columns)
            let more = text.drop { !$0.isNewline }.contains { !$0.isWhitespace }
            let cut = fitted != line
            let shown = more && !cut ? fitted + "…" : fitted
            return (shown, line.count - (cut ? fitted.count - 1 : fitted.count))
        }
        let whole = excerpt(width)
        guard whole.left > silentCut else { return (whole.shown, "") }
        let narrower = excerpt(max(1, width - DisplayWidth.of(cutNote(whole.left + width))))
        return (narrower.shown, cutNote(narrower.left))
    }

    /// ` (999,952 more characters)`: what an excerpt left out of a long value.
    static func cutNote(_ characters: Int) -> String {
        " (\(MoneyFormat.grouped(Int64(characters))) more characters)"
    }

    /// The excerpt under a message and where its caret goes (columns from its start): `line`'s first
    /// line, masked; when wider than `width`, cut to a window that holds the 1-based scalar `column`,
    /// with `…` where something was left out. The window starts at the line's start while the caret
    /// is in its first three quarters; otherwise it puts the caret near its middle, or shows the end
    /// of the line when that is near. When more than `silentCut` characters of the line are left
    /// out, the window is narrowed to make room for their count (`cutNote`) after it.
    public static func excerptLine(_ line: String, column: Int, width: Int = lineWidth) -> (text: String, caret: Int) {
        let text = masking(String(firstLine(line)))
        let whole = window(text, column: column, width: width)
        let total = text.count
        guard total - whole.shown > silentCut else { return (whole.text, whole.caret) }
        let narrower = window(text, column: column, width: max(2, width - DisplayWidth.of(cutNote(total - whole.shown + width))))
        return (narrower.text + cutNote(total - narrower.shown), narrower.caret)
    }

    /// `excerptLine`'s window of an already masked line, and how many of its characters it shows.
    static func window(_ text: String, column: Int, width: Int) -> (text: String, caret: Int, shown: Int) {
        let lead = DisplayWidth.of(String(String.UnicodeScalarView(text.unicodeScalars.prefix(max(0, column - 1)))))
        let characters = Array(text)
        // before[i]: the columns of the first i characters.
        var before = [0]
        for character in characters { before.append(before.last! + DisplayWidth.of(String(character))) }
        let total = before.last!
        guard total > width else { return (text, lead, characters.count) }
        if lead < width * 3 / 4 {
            let kept = DisplayWidth.prefix(Substring(text), columns: width - 1)
            return (String(kept) + "…", lead, kept.count)
        }
        let middle = before.firstIndex { lead - $0 <= width / 2 } ?? characters.count
        let tail = before.firstIndex { total - $0 <= width - 1 } ?? characters.count
        let start = min(middle, tail)
        let rest = String(characters[start...])
        if total - before[start] <= width - 1 { return ("…" + rest, 1 + lead - before[start], characters.count - start) }
        let kept = DisplayWidth.prefix(Substring(rest), columns: width - 2)
        return ("…" + kept + "…", 1 + lead - before[start], kept.count)
    }

    /// The text before the first line break, with control characters (but tabs) shown as `�`.
    static func firstLine(_ text: String) -> Substring {
        let line = text.prefix { !$0.isNewline }
        guard line.unicodeScalars.contains(where: isControl) else { return line }
        return Substring(String(String.UnicodeScalarView(line.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 })))
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && scalar.properties.generalCategory == .control
    }

    /// A decimal digit of any script: `7`, `７`, `٧`.
    static func isDigit(_ character: Character) -> Bool {
        character.unicodeScalars.count == 1 && character.unicodeScalars.first!.properties.numericType == .decimal
    }

    /// What may join the digit groups of one number: hyphens and dashes, spaces and dots, in their
    /// ASCII and full-width forms.
    static let numberSeparators: Set<Character> = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE63}", "\u{FF0D}",
        " ", "\u{00A0}", "\u{3000}", ".", "\u{FF0E}",
    ]

    static func isSeparator(_ character: Character) -> Bool { numberSeparators.contains(character) }

    static func isSpace(_ character: Character) -> Bool { character == " " || character == "\u{00A0}" || character == "\u{3000}" }

    static func value(_ group: [Character]) -> Int? {
        group.count <= 18 ? group.reduce(0) { $0 * 10 + ($1.wholeNumberValue ?? 0) } : nil
    }

    /// `2015 2016 2017`, `2015-2017`: two or more years of 1900–2099, each later than the one before.
    static func isYearList(_ groups: [[Character]]) -> Bool {
        let years = groups.compactMap { $0.count == 4 ? value($0) : nil }
        return groups.count >= 2 && years.count == groups.count && years.allSatisfy { (1900...2099).contains($0) } && zip(years, years.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// The groups as written, each separator back between them.
    static func joined(_ groups: [[Character]], _ separators: [Character]) -> String {
        zip(separators, groups.dropFirst()).reduce(String(groups[0])) { $0 + String($1.0) + String($1.1) }
    }

    /// The groups of one number with every group hidden that is not part of a date, when the groups
    /// between two dates hold seven or more digits.
    static func maskedNumber(_ groups: [[Character]], _ separators: [Character]) -> String {
        // A date stands apart from the digits around it (a space, or nothing, on both sides): inside
        // `1002-12-12-3456` no date is read, so the account is hidden whole.
        func isDate(_ g: Int) -> Bool {
            guard g + 2 < groups.count, groups[g].count == 4, (1...2).contains(groups[g + 1].count), (1...2).contains(groups[g + 2].count),
                  separators[g] == separators[g + 1], !isSpace(separators[g]),
                  g == 0 || isSpace(separators[g - 1]), g + 2 == groups.count - 1 || isSpace(separators[g + 2]),
                  let month = value(groups[g + 1]), let day = value(groups[g + 2]) else { return false }
            return (groups[g + 1].count == 2 && groups[g + 2].count == 2) || ((1...12).contains(month) && (1...31).contains(day))
        }
        var out = ""
        var g = 0
        while g < groups.count {
            if g > 0 { out.append(separators[g - 1]) }
            if isDate(g) {
                out += joined(Array(groups[g...g + 2]), Array(separators[g...g + 1]))
                g += 3
                continue
            }
            var last = g
            while last + 1 < groups.count, !isDate(last + 1) { last += 1 }
            let hide = groups[g...last].reduce(0) { $0 + $1.count } >= 7
            for k in g...last {
                if k > g { out.append(separators[k - 1]) }
                out += hide ? String(groups[k].map { DisplayWidth.of(String($0)) == 2 ? "＊" : "*" }) : String(groups[k])
            }
            g = last + 1
        }
        return out
    }
}
