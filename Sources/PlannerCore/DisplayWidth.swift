/// Terminal column width of text, so that tables of Korean text line up in a monospaced font.
public enum DisplayWidth {
    /// Hangul, CJK and full-width forms take two columns; combining marks none; the rest one.
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        // Combining marks, zero-width space, and the medial vowels and final consonants of decomposed
        // Hangul (NFD, as macOS stores file names), which join the leading consonant's two columns.
        if scalar.properties.generalCategory == .nonspacingMark || v == 0x200B || (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` followed by spaces up to `width` columns (never truncated).
    public static func padRight(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    /// Spaces up to `width` columns followed by `text` (never truncated).
    public static func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(text))) + text
    }

    /// `text` cut to at most `columns` columns, ending in `…` when anything was cut (the `…` counts
    /// as one column); whole characters only, so Hangul is never split.
    public static func fit(_ text: String, columns: Int) -> String {
        guard of(text) > columns else { return text }
        return String(prefix(Substring(text), columns: max(0, columns - 1))) + "…"
    }

    /// The longest start of `text` that takes at most `columns` columns.
    public static func prefix(_ text: Substring, columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            used += of(String(text[index]))
            if used > columns { break }
            end = text.index(after: index)
        }
        return text[..<end]
    }
}
