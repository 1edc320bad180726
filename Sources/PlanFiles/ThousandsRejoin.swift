import Yams

/// Puts back together the amounts that YAML splits at their thousands separators inside `[ ]` and `{ }`.
///
/// In flow style a comma separates entries, so `{ amount: 150,000원 }` reaches us as `amount: 150` and a
/// key `000원` with no value, and `[1,000건]` as `1` and `000건`. Officers write amounts with separators
/// everywhere, so the pieces are joined again when the source shows they were one word: a piece of one
/// to three digits followed, on the same line and right after the comma, by pieces starting with three
/// digits. `[15인, 6회]` (a space after the comma) is never joined.
enum ThousandsRejoin {
    static func rejoin(_ node: Node) -> Node {
        switch node {
        case .scalar, .alias:
            return node
        case .sequence(let sequence):
            // Yams reports the style of composed collections as `.any`, so flow style is recognised by
            // the pieces touching on one line, which block style can't produce.
            let elements = joinRuns(sequence.map(rejoin))
            return .sequence(Node.Sequence(elements, sequence.tag, sequence.style, sequence.mark))
        case .mapping(let mapping):
            let pairs = joinPairs(mapping.map { (rejoin($0.key), rejoin($0.value)) })
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        }
    }

    /// `[1, 000건]` → `[1,000건]` when the pieces touch.
    static func joinRuns(_ elements: [Node]) -> [Node] {
        var out: [Node] = []
        for element in elements {
            if let last = out.last, let joined = join(last, element) {
                out[out.count - 1] = joined
            } else {
                out.append(element)
            }
        }
        return out
    }

    /// `{ amount: 1, 000원: ~ }` → `{ amount: 1,000원 }` when the pieces touch.
    static func joinPairs(_ pairs: [(Node, Node)]) -> [(Node, Node)] {
        var out: [(Node, Node)] = []
        for pair in pairs {
            if let last = out.last, pair.1.null != nil || pair.1.string == "", let joined = join(last.1, pair.0) {
                out[out.count - 1] = (last.0, joined)
            } else {
                out.append(pair)
            }
        }
        return out
    }

    /// The two scalars as one (`head,tail`), when `head` ends in a group of 1–3 digits, `tail` starts
    /// with exactly three digits, and `tail` begins right after the comma that follows `head`.
    static func join(_ head: Node, _ tail: Node) -> Node? {
        guard case .scalar(let h) = head, case .scalar(let t) = tail, h.style == .plain, t.style == .plain,
              let hm = h.mark, let tm = t.mark, hm.line == tm.line,
              tm.column == hm.column + h.string.unicodeScalars.count + 1 else { return nil }
        let lastGroup = h.string.split(separator: ",", omittingEmptySubsequences: false).last ?? ""
        let headDigits = h.string.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "-" || $0 == "△" }
        guard headDigits, (1...3).contains(lastGroup.count), lastGroup.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let tailDigits = t.string.prefix { $0.isASCII && $0.isNumber }
        guard tailDigits.count == 3 else { return nil }
        return .scalar(Node.Scalar(h.string + "," + t.string, h.tag, h.style, h.mark))
    }
}
