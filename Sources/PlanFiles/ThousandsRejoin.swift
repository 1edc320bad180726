import Foundation
import Yams

/// Keeps amounts whole that YAML would split at their thousands separators inside `[ ]` and `{ }`.
///
/// In flow style a comma separates entries, so `{ amount: 150,000원 }` would reach us as `amount: 150`
/// and a key `000원` with no value, `[1,000건]` as `1` and `000건`, and `{ amount: 1,000,000,000원 }`
/// would even be refused for its key `000` appearing twice. Officers write amounts with separators
/// everywhere, so before the text is parsed, a comma is hidden when it sits inside a count: right after
/// a run of digits (with `-` or `△` in front and earlier separators allowed) whose last group has one to
/// three digits, and right before exactly three digits. `[15인, 6회]` (a space after the comma) and
/// `[주1,000회]` (a word before the digits) keep their commas. The hidden commas are put back in every
/// scalar once the text is parsed, so block and quoted text reads exactly as written.
enum ThousandsRejoin {
    /// Stands for a hidden comma while YAML parses: one character (columns stay as written), not a flow
    /// indicator, and a printable character YAML allows in plain text.
    static let placeholder: Character = "\u{E000}"

    /// `text` with the commas inside counts hidden; unchanged when it already holds the placeholder.
    /// One pass over the text.
    static func protect(_ text: String) -> String {
        guard text.contains(","), !text.contains(placeholder) else { return text }
        let characters = Array(text)
        var out = characters
        func isDigit(_ index: Int) -> Bool { index < characters.count && characters[index].isASCII && characters[index].isNumber }
        // Since the word began (after a space, a flow indicator or a line break): only digits, `-`, `△`
        // and hidden commas; and the digits right before this character.
        var numericWord = true, digits = 0
        for index in characters.indices {
            let character = characters[index]
            if isDigit(index) {
                digits += 1
                continue
            }
            if character == ",", numericWord, (1...3).contains(digits), isDigit(index + 1), isDigit(index + 2), isDigit(index + 3), !isDigit(index + 4) {
                out[index] = placeholder
            } else if [" ", "\t", "\n", "\r", "[", "{", ",", ":"].contains(character) {
                numericWord = true
            } else if character != "-" && character != "△" {
                numericWord = false
            }
            digits = 0
        }
        return String(out)
    }

    /// `node` with every hidden comma put back.
    static func rejoin(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            guard scalar.string.contains(placeholder) else { return node }
            let string = scalar.string.replacingOccurrences(of: String(placeholder), with: ",")
            return .scalar(Node.Scalar(string, scalar.tag, scalar.style, scalar.mark))
        case .alias:
            return node
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(rejoin), sequence.tag, sequence.style, sequence.mark))
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { (rejoin($0.key), rejoin($0.value)) }, mapping.tag, mapping.style, mapping.mark))
        }
    }
}
