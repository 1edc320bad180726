import PlannerCore
import Yams

/// Collects the problems of one file so that a reader reports all of them, not the first.
final class ProblemList {
    let file: String
    /// The file's text, to quote a value as it is written on its first line (see `describe`).
    let text: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String = "") {
        self.file = file
        self.text = text
    }

    /// How `node` is described in "got …" parts of messages, like the free `describe`; but a plain
    /// value that goes on over several lines (any text file that is not YAML, such as a roster given
    /// where a plan belongs, reads as one) is quoted by its first line only, as written.
    func describe(_ node: Node) -> String {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let mark = node.mark, mark.line >= 1, mark.column >= 1 else {
            return PlanFiles.describe(node)
        }
        let line = text.split(separator: "\n", maxSplits: mark.line, omittingEmptySubsequences: false).dropFirst(mark.line - 1).first ?? ""
        let rest = String(line.unicodeScalars.dropFirst(mark.column - 1))
        guard !rest.isEmpty, scalar.string.unicodeScalars.count > rest.unicodeScalars.count else { return PlanFiles.describe(node) }
        // The first line as written, then the rest of the value: the quote ends in `…`.
        return Redaction.quoted(rest + "\n" + String(scalar.string.unicodeScalars.dropFirst(rest.unicodeScalars.count)))
    }

    func location(of node: Node?) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func error(_ node: Node?, _ path: String, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: location(of: node) ?? .wholeFile(file), path: path, message, hint: hint))
    }

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}

/// How a YAML value is described in "got …" parts of messages.
func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar):
        return scalar.string.isEmpty ? "nothing" : Redaction.quoted(scalar.string)
    case .mapping: return "a mapping (key: value lines)"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
}

/// Reads one YAML mapping field by field, remembering which keys were asked for so that `finish()`
/// can report every key nobody asked for, with a did-you-mean among the ones that were.
final class Fields {
    let node: Node
    let path: String
    let problems: ProblemList
    private let pairs: [(key: String, keyNode: Node, value: Node)]
    private var asked: [String] = []
    /// Required keys found missing; reported by `finish()` unless a misspelling of them is reported instead.
    private var missingKeys: [(keys: [String], message: String, hint: String?)] = []

    /// A reader for `node`, or nil (after reporting) when it is not a mapping.
    init?(_ node: Node, path: String, problems: ProblemList, what: String) {
        guard case .mapping(let mapping) = node else {
            problems.error(node, path, "expected \(what) as key: value lines, got \(problems.describe(node))")
            return nil
        }
        self.node = node
        self.path = path
        self.problems = problems
        self.pairs = mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`, or nil when absent or written as an empty value (`key:` with nothing after it).
    func value(_ key: String) -> Node? {
        asked.append(key)
        guard let value = pairs.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain, value.null != nil || scalar.string.isEmpty { return nil }
        return value
    }

    /// Whether `key` is written at all, without marking it as asked for.
    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    func location(_ key: String) -> SourceLocation? { problems.location(of: pairs.first { $0.key == key }?.value) }

    func missing(_ key: String, _ what: String, hint: String? = nil) {
        missingKeys.append(([key], "missing \"\(key)\" (\(what))", hint))
    }

    /// One of `keys` is required and none is written: `message` (a whole "expected …, got …"
    /// sentence), reported by `finish()` unless a misspelling of any of them is reported instead.
    func missing(oneOf keys: [String], _ message: String, hint: String? = nil) {
        missingKeys.append((keys, message, hint))
    }

    /// A text value. Numbers and dates are taken as written.
    func text(_ key: String, required what: String? = nil) -> String? {
        guard let node = value(key) else {
            if let what { missing(key, what) }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            problems.error(node, childPath(key), "expected text, got \(describe(node))")
            return nil
        }
        return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A whole number in `range`, e.g. a year.
    func integer(_ key: String, _ what: String, example: String, in range: ClosedRange<Int>, required: Bool = false) -> Located<Int>? {
        guard let node = value(key) else {
            if required { missing(key, what) }
            return nil
        }
        guard case .scalar(let scalar) = node, let number = Int(scalar.string), range.contains(number) else {
            problems.error(node, childPath(key), "expected \(what) like \(example), got \(describe(node))")
            return nil
        }
        return Located(number, at: problems.location(of: node))
    }

    /// An amount with its unit (`150,000원`, `13,500천원`).
    func money(_ key: String, allowNegative: Bool = false, required what: String? = nil) -> Located<Won>? {
        guard let node = value(key) else {
            if let what { missing(key, what) }
            return nil
        }
        // `{ amount: 1,000원 }` arrives as `amount: 1` plus a key `000원`.
        let tail = pairs.first { Self.startsWithThreeDigits($0.key) }?.key
        return Self.money(node, path: childPath(key), problems: problems, allowNegative: allowNegative, commaTail: tail)
    }

    /// `commaTail`: in `{ amount: 1,000원 }` YAML leaves `amount: 1` and a key `000원`; the tail is `000원`.
    static func money(_ node: Node, path: String, problems: ProblemList, allowNegative: Bool = false, commaTail: String? = nil) -> Located<Won>? {
        guard case .scalar(let scalar) = node else {
            problems.error(node, path, "expected an amount in won like 150,000원 or 13,500천원, got \(describe(node))")
            return nil
        }
        switch Notation.amount(scalar.string, allowNegative: allowNegative) {
        case .success(let won): return Located(won, at: problems.location(of: node))
        case .failure(let problem):
            problems.error(node, path, problem.message, hint: commaTail.flatMap { flowCommaHint(scalar, tail: $0) } ?? problem.hint)
            return nil
        }
    }

    /// `000원`, `000건`: what is left of `1,000원` after YAML split it at the comma.
    static func startsWithThreeDigits(_ text: String) -> Bool {
        text.count >= 3 && text.prefix(3).allSatisfy { $0.isASCII && $0.isNumber } && !(text.dropFirst(3).first.map { $0.isASCII && $0.isNumber } ?? false)
    }

    /// `{ amount: 1,000원 }` reaches us as `amount: 1` and a key `000원`: say why, instead of a riddle.
    static func flowCommaHint(_ scalar: Node.Scalar, tail: String) -> String? {
        guard isCommaHead(scalar) else { return nil }
        return "if you meant a number with a thousands comma, quote it (\(Redaction.quoted(scalar.string + "," + tail))): inside [ ] and { } a comma separates entries"
    }

    /// `1` in `1,000원` split by YAML: one to three plain digits.
    static func isCommaHead(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && (1...3).contains(scalar.string.count) && scalar.string.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A list of factors (`[15인, 6회]`); nil (after reporting each bad one) when any can't be read.
    /// `examples` completes "expected a count with its unit like …".
    func factors(_ key: String, examples: String = "15인, 6회 or 주1회") -> [Factor]? {
        var factors: [Factor] = []
        var ok = true
        let elements = list(key)
        for (index, element) in elements.enumerated() {
            guard case .scalar(let scalar) = element.node else {
                problems.error(element.node, element.path, "expected a count with its unit like \(examples), got \(describe(element.node))")
                ok = false
                continue
            }
            switch Notation.factor(scalar.string) {
            case .success(let factor): factors.append(factor)
            case .failure(let problem):
                // `[1, 000건]`: say why, when the next entry is what a comma split off.
                let next = index + 1 < elements.count ? elements[index + 1].node.string : nil
                let split = next.map(Self.startsWithThreeDigits) ?? false
                problems.error(element.node, element.path, problem.message,
                               hint: split ? Self.flowCommaHint(scalar, tail: next ?? "") ?? problem.hint : problem.hint)
                ok = false
            }
        }
        return ok ? factors : nil
    }

    /// One of a fixed set of words, with a did-you-mean when it is none of them.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, _ type: Choice.Type) -> Choice? where Choice.RawValue == String {
        guard let text = text(key) else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        let suggestion = InputLimits.closest(to: text, among: names).map { "did you mean \"\($0)\"? " } ?? ""
        problems.error(value(key), childPath(key), "expected one of \(names.joined(separator: ", ")), got \(Redaction.quoted(text))",
                       hint: "\(suggestion)the choices are \(names.joined(separator: ", "))")
        return nil
    }

    /// The elements of a list with their paths; a single value where a list belongs is reported.
    func list(_ key: String, required what: String? = nil) -> [(node: Node, path: String)] {
        guard let node = value(key) else {
            if let what { missing(key, what) }
            return []
        }
        guard case .sequence(let sequence) = node else {
            problems.error(node, childPath(key), "expected a list (lines starting with \"- \"), got \(describe(node))")
            return []
        }
        return sequence.enumerated().map { (node: $0.element, path: "\(childPath(key))[\($0.offset)]") }
    }

    /// A nested mapping read with its own `Fields`.
    func fields(_ key: String, what: String) -> Fields? {
        guard let node = value(key) else { return nil }
        return Fields(node, path: childPath(key), problems: problems, what: what)
    }

    /// The key: value pairs of a nested mapping whose keys are data (category names), in file order.
    func pairs(_ key: String, what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let fields = fields(key, what: what) else { return [] }
        return fields.pairs
    }

    /// The keys readers asked for, each once, in the order first asked: the keys known here.
    var knownKeys: [String] {
        var seen: Set<String> = []
        return asked.filter { seen.insert($0).inserted }
    }

    /// Reports every key that no reader asked for, suggesting the closest known key, and every
    /// required key that is missing, unless a misspelling of it was found (one typo, one message).
    /// Readers ask for all their keys even when an earlier one is missing or wrong, so that the known
    /// keys are complete and a typo is the only message.
    func finish() {
        let known = knownKeys
        var suggested: Set<String> = []
        // The pieces of `1,000원` split inside { } are reported once, at the number (see `money`).
        let hasCommaHead = pairs.contains { pair in
            if case .scalar(let scalar) = pair.value { return Self.isCommaHead(scalar) && asked.contains(pair.key) }
            return false
        }
        for pair in pairs where !asked.contains(pair.key) {
            if Self.startsWithThreeDigits(pair.key) {
                if hasCommaHead { continue }
                problems.error(pair.keyNode, childPath(pair.key), "unknown key \(Redaction.quoted(pair.key))",
                               hint: "if you meant a number with a thousands comma, quote the whole number: inside [ ] and { } a comma separates entries")
                continue
            }
            let suggestion = InputLimits.closest(to: pair.key, among: known)
            if let suggestion { suggested.insert(suggestion) }
            problems.error(pair.keyNode, childPath(pair.key), "unknown key \(Redaction.quoted(pair.key))",
                           hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "known keys here: \(known.joined(separator: ", "))")
        }
        for missing in missingKeys where suggested.isDisjoint(with: missing.keys) {
            problems.error(node, path, missing.message, hint: missing.hint)
        }
    }
}

import Foundation
