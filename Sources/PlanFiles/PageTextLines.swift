import PlannerCore

/// One line of a budget page with the debris of the text conversion blanked out, split into cells.
///
/// Cleaning never changes the number of Unicode scalars on a line: HTML tags, `(x-)` artifacts and
/// markdown emphasis become spaces and table borders become tabs, so scalar index + 1 is still the
/// column of the original text and every finding points at the character an officer sees.
struct PageLine {
    /// 1-based line number in the page.
    let number: Int
    /// The cleaned line, as long (in scalars) as the original.
    let scalars: [Unicode.Scalar]
    /// Cells separated by tabs or borders (`true`), or by runs of two or more spaces (`false`).
    let tabbed: Bool
    /// The cells; in a tabbed line empty cells are kept so that positions line up with the header.
    let cells: [PageCell]
    /// A rule drawn with `-`, `=` or box characters and nothing else (`-------  ------`).
    let isRuler: Bool

    var isBlank: Bool { !isRuler && cells.allSatisfy(\.isEmpty) }
    var filledCells: [PageCell] { cells.filter { !$0.isEmpty } }

    /// The cleaned text from scalar `start` to the end of the line, tabs as spaces, trimmed.
    func text(from start: Int = 0) -> String {
        PageText.string(scalars[min(start, scalars.count)...]).replacingOccurrences(of: "\t", with: " ").trimmedPage()
    }

    /// The cleaned line with runs of white space collapsed: what a message quotes.
    var quoted: String {
        text().split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }
}

/// A cell of a line: its trimmed text and where it is, in scalars and in display columns.
struct PageCell {
    /// Scalar index of the first and one past the last non-space scalar (equal for an empty cell).
    let start: Int, end: Int
    /// Display columns (Hangul counts two), for lining cells up under a header by position.
    let displayStart: Int, displayEnd: Int
    let text: String

    var isEmpty: Bool { text.isEmpty }
    /// The 1-based column of the cell's first character.
    var column: Int { start + 1 }
    /// The text without any white space: `시책추진업무추진 비` → `시책추진업무추진비`, `과 장` → `과장`.
    var compact: String { text.filter { !$0.isWhitespace } }
}

/// The parts of a budget page, as its headings name them.
enum PageSection: Equatable {
    /// Before the first heading: the title, and label rows of the overview when there is no heading.
    case front
    case overview, nature, officers, summary, basis, schedule, results, settlement
    case narrative(NarrativeKind)
    /// A heading that holds nothing the reader keeps (`2 예산 설명`).
    case other
}

enum NarrativeKind: Equatable {
    case none, purpose, legalBasis, content, progress, priorities, procedure, effects
}

enum PageText {
    // MARK: - Lines

    /// Splits the page into cleaned lines (`\n`, `\r\n` and `\r` all end a line).
    static func lines(of text: String) -> [PageLine] {
        var lines: [PageLine] = []
        var current: [Unicode.Scalar] = []
        var previousWasCR = false
        var number = 0
        func flush() {
            number += 1
            lines.append(line(number: number, original: current))
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { flush() }
                previousWasCR = false
            } else if scalar == "\r" {
                flush()
                previousWasCR = true
            } else {
                current.append(scalar)
                previousWasCR = false
            }
        }
        if !current.isEmpty { flush() }
        return lines
    }

    static func line(number: Int, original: [Unicode.Scalar]) -> PageLine {
        let cleaned = clean(original)
        let ruler = isRuler(cleaned)
        let tabbed = cleaned.contains("\t")
        let cells = ruler ? [] : split(cleaned, tabbed: tabbed)
        return PageLine(number: number, scalars: cleaned, tabbed: tabbed, cells: cells, isRuler: ruler)
    }

    /// Blanks out what the conversion left behind, keeping every scalar's position.
    static func clean(_ original: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var s = original
        var i = 0
        // HTML tags and entities; a checkbox becomes ☑ or ☐ so that the checked choice can be read.
        while i < s.count {
            if s[i] == "<", i + 1 < s.count, s[i + 1].properties.isAlphabetic || s[i + 1] == "/" || s[i + 1] == "!",
               let close = s[(i + 1)...].firstIndex(of: ">") {
                let tag = string(s[(i + 1)..<close]).lowercased()
                for j in i...close { s[j] = " " }
                if tag.hasPrefix("input"), tag.contains("checkbox") { s[i] = tag.contains("checked") ? "☑" : "☐" }
                i = close + 1
                continue
            }
            if s[i] == "&", let semicolon = s[(i + 1)...].prefix(8).firstIndex(of: ";") {
                let entity = string(s[(i + 1)..<semicolon])
                let replacement: Unicode.Scalar? = ["nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "#39": "'", "apos": "'"][entity]
                if let replacement {
                    for j in i...semicolon { s[j] = " " }
                    s[i] = replacement
                    i = semicolon + 1
                    continue
                }
            }
            i += 1
        }
        // `(x-)`: a marker of the conversion in front of table figures.
        i = 0
        while i + 3 < s.count {
            if s[i] == "(", s[i + 1] == "x", s[i + 2] == "-", s[i + 3] == ")" {
                for j in i...(i + 3) { s[j] = " " }
                i += 4
            } else {
                i += 1
            }
        }
        // Markdown: heading marks at the start, emphasis anywhere.
        i = 0
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        while i < s.count, s[i] == "#" { s[i] = " "; i += 1 }
        i = 0
        while i + 1 < s.count {
            if s[i] == "*", s[i + 1] == "*" {
                s[i] = " "; s[i + 1] = " "; i += 2
            } else if s[i] == "\\", s[i + 1].isASCII, s[i + 1].properties.isPatternSyntax {
                s[i] = " "; i += 2  // markdown's escape: `500,000원\\*12회`
            } else {
                i += 1
            }
        }
        for index in s.indices {
            let v = s[index].value
            if (0x2500...0x257F).contains(v) || s[index] == "|" || s[index] == "¦" {
                s[index] = "\t"  // a table border separates cells
            } else if v == 0xA0 || v == 0x3000 || v == 0xFEFF || v == 0x200B || (0x2000...0x200A).contains(v) {
                s[index] = " "
            }
        }
        // OCR reads Kakao's `1boon` as `lboon`.
        i = 0
        while i + 4 < s.count {
            if s[i] == "l", s[i + 1] == "b", s[i + 2] == "o", s[i + 3] == "o", s[i + 4] == "n",
               i == 0 || !s[i - 1].properties.isAlphabetic {
                s[i] = "1"
            }
            i += 1
        }
        return s
    }

    static func isRuler(_ s: [Unicode.Scalar]) -> Bool {
        var marks = 0
        for scalar in s {
            switch scalar {
            case "-", "=", "_", "~": marks += 1
            case " ", "\t", ":", "+": continue
            default: return false
            }
        }
        return marks >= 3
    }

    static func split(_ s: [Unicode.Scalar], tabbed: Bool) -> [PageCell] {
        var cells: [PageCell] = []
        var display: [Int] = []  // display column at each scalar index
        display.reserveCapacity(s.count + 1)
        var column = 0
        for scalar in s {
            display.append(column)
            column += scalar == "\t" ? 1 : DisplayWidth.of(String(scalar))
        }
        display.append(column)
        func cell(_ range: Range<Int>) -> PageCell {
            var start = range.lowerBound, end = range.upperBound
            while start < end, s[start].isPageSpace { start += 1 }
            while end > start, s[end - 1].isPageSpace { end -= 1 }
            return PageCell(start: start, end: end, displayStart: display[start], displayEnd: display[end], text: string(s[start..<end]))
        }
        if tabbed {
            var start = 0
            for (index, scalar) in s.enumerated() where scalar == "\t" {
                cells.append(cell(start..<index))
                start = index + 1
            }
            cells.append(cell(start..<s.count))
            return cells
        }
        var index = 0
        while index < s.count {
            while index < s.count, s[index].isPageSpace { index += 1 }
            guard index < s.count else { break }
            let start = index
            while index < s.count {
                if s[index].isPageSpace, index + 1 < s.count, s[index + 1].isPageSpace { break }
                if s[index].isPageSpace, index + 1 == s.count { break }
                index += 1
            }
            cells.append(cell(start..<index))
        }
        return cells
    }

    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    // MARK: - What a line is

    /// `(단위 : 천원)`, `단위: 천원, %`, `(단위:원)`: what a bare figure in the following tables is worth, in won.
    static func unit(of line: PageLine) -> Int64? {
        let text = line.text().filter { !$0.isWhitespace }
        guard let range = text.range(of: "단위") else { return nil }
        var rest = text[range.upperBound...]
        guard rest.first == ":" || rest.first == "：" else { return nil }
        rest = rest.dropFirst()
        for (word, value) in [("백만원", Int64(1_000_000)), ("천원", 1_000), ("만원", 10_000), ("억원", 100_000_000), ("원", 1)] where rest.hasPrefix(word) {
            return value
        }
        return nil
    }

    /// The section a heading line opens, and the year it names (`2017년도 추진일정`), or nil when the
    /// line is not a heading.
    static func heading(_ line: PageLine) -> (section: PageSection, year: Int?)? {
        let filled = line.filledCells
        guard filled.count == 1 else { return nil }
        let text = filled[0].text
        guard !text.contains("="), !text.contains(":"), !text.contains("："), text.count <= 40 else { return nil }
        var compact = Substring(filled[0].compact)
        while let first = compact.first, "□■◆◇▣▶►#*".contains(first) { compact = compact.dropFirst() }
        var year: Int?
        let digits = compact.prefix(while: \.isPageDigitCharacter)
        if digits.count == 4, let value = Int(digits), compact.dropFirst(4).hasPrefix("년") {
            year = value
            compact = compact.dropFirst(4).dropFirst(compact.dropFirst(4).hasPrefix("년도") ? 2 : 1)
        } else if (1...2).contains(digits.count) {
            compact = compact.dropFirst(digits.count)
            if let first = compact.first, first == "." || first == ")" { compact = compact.dropFirst() }
        }
        if compact.hasPrefix("최근"), let index = compact.firstIndex(of: "년") { compact = compact[compact.index(after: index)...] }
        if let open = compact.firstIndex(of: "("), compact.hasSuffix(")") { compact = compact[..<open] }
        let sections: [String: PageSection] = [
            "기본현황": .overview, "사업개요": .overview, "사업성격및사전절차대상여부": .nature, "사업성격": .nature,
            "사업담당자": .officers, "예산설명": .other, "예산총괄": .summary, "예산총괄표": .summary,
            "예산요구내역및산출근거": .basis, "산출근거": .basis, "산출기초": .basis, "예산산출근거": .basis, "예산산출기초": .basis,
            "세부산출근거": .basis, "세부산출기초": .basis,
            "사업설명": .narrative(.none), "사업목적": .narrative(.purpose), "사업근거": .narrative(.legalBasis),
            "사업내용": .narrative(.content), "추진경위": .narrative(.progress), "중점추진사항": .narrative(.priorities),
            "사업추진절차": .narrative(.procedure), "집행절차": .narrative(.procedure), "추진일정": .schedule, "사업추진일정": .schedule,
            "사업효과": .narrative(.none), "추진실적": .results, "향후기대효과": .narrative(.effects), "기대효과": .narrative(.effects),
            "결산현황": .settlement, "결산": .settlement,
        ]
        guard let section = sections[String(compact)] else { return nil }
        return (section, year)
    }
}

extension Unicode.Scalar {
    var isPageSpace: Bool { self == " " || self == "\t" || properties.isWhitespace }
    var isPageDigit: Bool { ("0"..."9").contains(self) }
    var isHangulSyllable: Bool { (0xAC00...0xD7A3).contains(value) }
}

extension Character {
    var isPageDigitCharacter: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    func trimmedPage() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
