import Foundation
import PlannerCore
import Yams

/// Bounds on the work a reader does for one file, so that a damaged or hostile file ends in a clear
/// error in bounded time and memory instead of a hang or a crash (issue 9, "Hardening"). Every limit is
/// far above what a real plan, page, roster or sign-in sheet needs.
enum InputLimits {
    /// libyaml (inside Yams) refuses collections nested deeper than this (its `MAX_NESTING_LEVEL`);
    /// the recursion of Yams and of the readers below stays shallow enough for any thread's stack.
    static let yamlNesting = 1_000

    /// Values a YAML file may expand to once its aliases (`*name`) are replaced by what their anchors
    /// (`&name`) hold. Ten lists of ten aliases each expand a 200-byte file to 10^10 values.
    static let yamlExpandedValues = 1_000_000

    /// Columns of a CSV header: a roster has about a dozen.
    static let csvColumns = 1_000

    /// Bytes on one line of any file read (a line ends at "\n", "\r\n" or "\r"). Real lines are a
    /// few hundred bytes; a file without line breaks is refused before any parsing, which would
    /// otherwise take minutes over a single line of tens of megabytes.
    static let lineBytes = 1 << 20

    /// Words longer than this (UTF-8 bytes) get no "did you mean …?": edit distance costs the product
    /// of the two lengths, and no name or keyword is that long.
    static let suggestionBytes = 256

    // MARK: - Lines

    /// The error for the first line longer than `lineBytes`, or nil. Only files longer than that are
    /// scanned, with `memchr`: quick even for hundreds of megabytes.
    static func overlongLineError(_ bytes: UnsafeRawBufferPointer, file: String) -> Diagnostic? {
        guard bytes.count > lineBytes, let base = bytes.baseAddress else { return nil }
        let end = bytes.count
        // Where the next "\n" and "\r" are (`end` when there is none), found again only once passed,
        // so that the scan stays linear whichever line ending the file uses.
        func next(_ byte: Int32, from start: Int) -> Int {
            memchr(base + start, byte, end - start).map { UnsafeRawPointer($0) - base } ?? end
        }
        var line = 1, start = 0
        var newline = next(0x0A, from: 0), carriageReturn = next(0x0D, from: 0)
        while start < end {
            if newline < start { newline = next(0x0A, from: start) }
            if carriageReturn < start { carriageReturn = next(0x0D, from: start) }
            let stop = min(newline, carriageReturn)
            if stop - start > lineBytes {
                return .error(at: SourceLocation(file: file, line: line, column: 1),
                              "expected lines of at most \(MoneyFormat.grouped(Int64(lineBytes))) bytes, got a line of \(MoneyFormat.grouped(Int64(stop - start))) bytes",
                              hint: "check that this is the right file, and that its lines end in line breaks")
            }
            guard stop < end else { break }
            start = stop == carriageReturn && newline == stop + 1 ? stop + 2 : stop + 1
            line += 1
        }
        return nil
    }

    /// The error for a byte-order mark (U+FEFF) after the start of `text`, at its line and column, or
    /// nil. One at the very start is the file's encoding mark and is allowed unless `markRemoved` (the
    /// caller dropped it already, so a second one is stray). Elsewhere it is left by
    /// joining two files, is invisible in editors, and would otherwise end up inside a name or a key
    /// (or make the YAML parser stop at some other line).
    static func strayByteOrderMarkError(_ text: String, file: String, markRemoved: Bool = false) -> Diagnostic? {
        let first = markRemoved ? 0 : 1
        // A quick look for its bytes (EF BB BF) first: the scan below is only for where it is.
        var text = text
        text.makeContiguousUTF8()
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let skip = first == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            guard let base = bytes.baseAddress else { return false }
            var start = skip
            while start < bytes.count, let hit = memchr(base + start, 0xEF, bytes.count - start) {
                let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if at + 2 < bytes.count, bytes[at + 1] == 0xBB, bytes[at + 2] == 0xBF { return true }
                start = at + 1
            }
            return false
        } ?? true
        guard found else { return nil }
        var line = 1, column = 1, previous: Unicode.Scalar?
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            defer { previous = scalar }
            if scalar == "\u{FEFF}", offset >= first {
                return .error(at: SourceLocation(file: file, line: line, column: column),
                              "expected text, got a byte-order mark (U+FEFF) inside the file",
                              hint: "it is invisible in most editors and is left where two files were joined; delete it")
            }
            if scalar == "\n" {
                if previous != "\r" { line += 1 }
                column = 1
            } else if scalar == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    static func overlongLineError(_ data: Data, file: String) -> Diagnostic? {
        guard data.count > lineBytes else { return nil }
        return data.withUnsafeBytes { overlongLineError($0, file: file) }
    }

    static func overlongLineError(_ text: String, file: String) -> Diagnostic? {
        guard text.utf8.count > lineBytes else { return nil }
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { overlongLineError(UnsafeRawBufferPointer($0), file: file) } ?? nil
    }

    // MARK: - YAML

    /// libyaml's message when the nesting limit is reached.
    static func isNestingProblem(_ problem: String) -> Bool { problem.hasPrefix("Maximum nesting level reached") }

    /// The error for a file nested deeper than `yamlNesting` levels, at the collection that went too deep.
    static func nestingError(at location: SourceLocation) -> Diagnostic {
        .error(at: location, "nesting deeper than \(MoneyFormat.grouped(Int64(yamlNesting))) levels: expected at most \(MoneyFormat.grouped(Int64(yamlNesting))) levels of lists and mappings inside each other",
               hint: "these files nest a few levels; look for a \"[\" or \"{\" never closed, or lines indented ever deeper")
    }

    /// The number of values `root` expands to when every alias is replaced by its anchor's value,
    /// counting no further than `limit + 1`. An alias is the anchored node itself, so collections are
    /// memoized by where they start in the file (Yams drops the anchor names once composed): linear in
    /// the file, however deep the aliases go.
    static func expandedValueCount(_ root: Node, limit: Int = yamlExpandedValues) -> Int {
        struct Start: Hashable { let line, column: Int; let isMapping: Bool }
        var memo: [Start: Int] = [:]
        func count(_ node: Node) -> Int {
            switch node {
            case .scalar, .alias: return 1
            case .sequence(let sequence):
                let start = sequence.mark.map { Start(line: $0.line, column: $0.column, isMapping: false) }
                if let start, let known = memo[start] { return known }
                var total = 1
                for element in sequence where total <= limit { total += count(element) }
                if let start { memo[start] = total }
                return total
            case .mapping(let mapping):
                let start = mapping.mark.map { Start(line: $0.line, column: $0.column, isMapping: true) }
                if let start, let known = memo[start] { return known }
                var total = 1
                for (key, value) in mapping where total <= limit { total += count(key) + count(value) }
                if let start { memo[start] = total }
                return total
            }
        }
        return min(count(root), limit + 1)
    }

    /// The error for a file whose aliases expand it past `yamlExpandedValues` values, or nil.
    static func expansionError(_ root: Node, file: String) -> Diagnostic? {
        guard expandedValueCount(root) > yamlExpandedValues else { return nil }
        return .error(at: .wholeFile(file),
                      "expected at most \(MoneyFormat.grouped(Int64(yamlExpandedValues))) values, got more once the aliases (*name) are expanded",
                      hint: "write the values out instead of repeating anchors (&name) through aliases")
    }

    /// The error for a file with an alias (`*name`) inside a mapping key, or nil; found before Yams
    /// composes the file, since Yams hashes every key to find duplicates, and a key that is an alias of
    /// a billionfold expansion takes hours to hash. Keys of plans and rate tables are names.
    ///
    /// A copy of the text with every `*` written as `⁎` composes the same way, with each alias a plain
    /// scalar in its place: a key holding such a scalar held an alias. Only files with both `*` and `&`
    /// (an alias needs an anchor) pay for the second parse.
    static func aliasKeyError(_ text: String, file: String) -> Diagnostic? {
        guard text.contains("*"), text.contains("&") else { return nil }
        let placeholder: Character = "\u{204E}"
        func isPlaceholder(_ node: Node) -> Bool {
            switch node {
            case .scalar(let scalar): return scalar.style == .plain && scalar.string.first == placeholder
            case .alias: return false
            case .sequence(let sequence): return sequence.contains(where: isPlaceholder)
            case .mapping(let mapping): return mapping.contains { isPlaceholder($0.key) || isPlaceholder($0.value) }
            }
        }
        func aliasKey(in node: Node) -> Node? {
            switch node {
            case .scalar, .alias: return nil
            case .sequence(let sequence): return sequence.lazy.compactMap(aliasKey).first
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if isPlaceholder(key) { return key }
                    if let found = aliasKey(in: value) { return found }
                }
                return nil
            }
        }
        func error(at node: Node?) -> Diagnostic {
            .error(at: node?.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? .wholeFile(file),
                   "expected a key written out, got an alias (*name) in a key",
                   hint: "aliases may stand for values only; write the key itself")
        }
        let copy = ThousandsRejoin.protect(text).replacingOccurrences(of: "*", with: String(placeholder))
        do {
            return try Yams.compose(yaml: copy).flatMap(aliasKey).map { error(at: $0) }
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) where duplicates.contains(where: { $0.first == placeholder }) {
            // Two alias keys `*a` read as the same placeholder key.
            return .error(at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                          "expected a key written out, got an alias (*name) in a key", hint: "aliases may stand for values only; write the key itself")
        } catch let problem as YamlError {
            // The copy fails where the file does (a duplicate key, a syntax error): report it here, as
            // the keys before it were not looked at.
            return PlanReader.syntaxError(problem, file: file)
        } catch {
            return .error(at: .wholeFile(file), "this is not valid YAML")
        }
    }

    // MARK: - Suggestions

    /// `Suggestion.closest`, without the edit-distance work for a word or candidates too long to be a
    /// typo of each other (see `suggestionBytes`).
    static func closest(to word: String, among candidates: [String]) -> String? {
        guard word.utf8.count <= suggestionBytes else { return nil }
        return Suggestion.closest(to: word, among: candidates.filter { $0.utf8.count <= suggestionBytes })
    }
}
