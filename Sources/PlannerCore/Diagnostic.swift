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
/// file. They never carry personal data: messages quote plan values, never resident numbers or accounts.
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
    public var headline: String {
        var parts = ["\(severity.rawValue):"]
        if let location { parts.append("\(location):") }
        if !path.isEmpty { parts.append("\(path):") }
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
/// the column, and the hint.
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
            let lead = text.unicodeScalars.prefix(max(0, location.column - 1))
            let caretOffset = DisplayWidth.of(String(String.UnicodeScalarView(lead)))
            out += " \(gutter) | \(Redaction.maskingPhoneNumbers(in: text))\n"
            out += " \(pad) | \(String(repeating: " ", count: caretOffset))^\n"
        }
        if let hint = diagnostic.hint { out += "  hint: \(hint)\n" }
        return out
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }
}

/// Keeps personal data out of messages. Plan lines shown under a message may hold officers' phone
/// numbers; the house rule is that errors and logs never show them.
public enum Redaction {
    /// `신병규 2133-6480` → `신병규 ****-****`; `02-2133-6480` → `**-****-****`. Dates (`2017-01-01`),
    /// budget codes (`201-01`) and amounts are left alone: a phone group has 3–4 digits after a hyphen.
    public static func maskingPhoneNumbers(in text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            if let end = phoneNumberEnd(in: text, from: index), index == text.startIndex || !text[text.index(before: index)].isASCIIDigit {
                out += text[index..<end].map { $0.isASCIIDigit ? "*" : String($0) }.joined()
                index = end
            } else {
                out.append(text[index])
                index = text.index(after: index)
            }
        }
        return out
    }

    /// Every number of seven or more digits, its groups joined by single hyphens, spaces or dots,
    /// hidden (`711231-1234567` → `******-*******`, `110-123-456789` → `***-***-******`,
    /// `010 1234 5678` → `*** **** ****`): resident numbers, accounts and phone numbers as people
    /// write them, for excerpts of files that hold them. Dates (`2017-03-15`, `2017.3.15`) stay, and
    /// so does a time after a date (`2017-03-15 14:00`).
    public static func maskingDigitRuns(in text: String) -> String {
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            guard characters[index].isASCIIDigit else {
                out.append(characters[index])
                index += 1
                continue
            }
            // The digit groups of one number and the separator before each group after the first.
            var groups: [String] = [], separators: [Character] = []
            var end = index
            while true {
                var stop = end
                while stop < characters.count, characters[stop].isASCIIDigit { stop += 1 }
                groups.append(String(characters[end..<stop]))
                end = stop
                guard stop + 1 < characters.count, numberSeparators.contains(characters[stop]), characters[stop + 1].isASCIIDigit else { break }
                separators.append(characters[stop])
                end = stop + 1
            }
            index = end
            // Dates are left as they are; the groups between them are masked when they hold 7+ digits.
            // A date is a year of four digits, then a month and a day of two (`2017-03-15`, shown even when
            // it is impossible, so that the message about it can be read) or of one or two digits that
            // make a real month and day (`2017.3.15`).
            func isDate(_ g: Int) -> Bool {
                guard g + 2 < groups.count, groups[g].count == 4, (1...2).contains(groups[g + 1].count), (1...2).contains(groups[g + 2].count),
                      separators[g] == separators[g + 1], separators[g] != " ",
                      let month = Int(groups[g + 1]), let day = Int(groups[g + 2]) else { return false }
                return (groups[g + 1].count == 2 && groups[g + 2].count == 2) || ((1...12).contains(month) && (1...31).contains(day))
            }
            var g = 0
            while g < groups.count {
                if g > 0 { out.append(separators[g - 1]) }
                if isDate(g) {
                    out += groups[g] + String(separators[g]) + groups[g + 1] + String(separators[g + 1]) + groups[g + 2]
                    g += 3
                    continue
                }
                var last = g
                while last + 1 < groups.count, !isDate(last + 1) { last += 1 }
                let digits = groups[g...last].reduce(0) { $0 + $1.count }
                for k in g...last {
                    if k > g { out.append(separators[k - 1]) }
                    out += digits >= 7 ? String(repeating: "*", count: groups[k].count) : groups[k]
                }
                g = last + 1
            }
        }
        return out
    }

    /// What may join the digit groups of one number: `110-123-456789`, `010 1234 5678`, `010.1234.5678`.
    static let numberSeparators: Set<Character> = ["-", " ", "."]

    /// The end of a phone number starting at `start`: 2–4 digits, then one or two groups of `-` and 3–4
    /// digits; or, for a number starting with 0 (mobile and area codes: `010 1234 5678`, `02.2133.6480`),
    /// exactly two groups after spaces or dots, the same separator both times. Years and amounts never
    /// start with 0, so page text such as `2015 2016 2017` is left alone.
    static func phoneNumberEnd(in text: String, from start: String.Index) -> String.Index? {
        func digits(from i: String.Index) -> String.Index {
            var j = i
            while j < text.endIndex, text[j].isASCIIDigit { j = text.index(after: j) }
            return j
        }
        var i = digits(from: start)
        guard (2...4).contains(text.distance(from: start, to: i)) else { return nil }
        let allowed: Set<Character> = text[start] == "0" ? ["-", " ", "."] : ["-"]
        var separator: Character?
        var groups = 0
        while groups < 2, i < text.endIndex, allowed.contains(text[i]), separator == nil || separator == text[i] {
            let groupStart = text.index(after: i)
            let groupEnd = digits(from: groupStart)
            guard (3...4).contains(text.distance(from: groupStart, to: groupEnd)) else { break }
            separator = text[i]
            i = groupEnd
            groups += 1
        }
        guard groups == 2 || (groups == 1 && separator == "-"), i == text.endIndex || !text[i].isASCIIDigit else { return nil }
        return i
    }
}
