import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Formula injection (OWASP "CSV Injection") and XML escaping, through the real binary: hostile text
/// in every field a user controls — the plan's program, division, officers, category, item, line and
/// event names and session topics; the roster's names and banks; the spending ledger's over-budget
/// reasons, vendors and notes — and every CSV and XML file the planner writes, read back by readers
/// of this file (an RFC 4180 reader; Foundation's `XMLParser`).
///
/// What counts as a formula (decided here, implemented by `CSVFormat.field`):
/// - a cell whose first character is `=`, `+`, `-`, `@`, tab or CR (OWASP's list);
/// - a cell whose first character after leading white space (spaces, LF, U+3000) is `=`, `+`, `-`,
///   `@` or one of their full-width forms `＝＋－＠`: spreadsheets may trim a cell or convert
///   full-width signs as they read it (East Asian Excel does the latter), and the `'` costs nothing.
/// Such a cell is written with a leading `'`, so a reader gets `'` + the text back; a plain integer in
/// a number column (`-2000` remaining) stays a number. A field holding `;` is quoted, so that Excel
/// set to the semicolon separator reads `a;=1+1` as one text cell, not as `a` and a formula.
/// Not formulas, written as they are: `"=1+1"` (a quote first: the quotes are part of the text),
/// `%0A-1+1` (percent-encoding means nothing in a CSV cell), `a=1+1`, `−1` (U+2212 is not a sign to Excel).
/// The plan, roster and ledger readers trim leading white space from names, so tab, CR, LF and space
/// payloads reach the sheets trimmed: `\t=1+1` arrives as `=1+1` and is neutralised as such.
@Suite("Formula injection and XML escaping")
struct InjectionTests {
    /// OWASP's payloads and the tricks around them; each distinct even once trimmed.
    static let payloads = [
        "=cmd|' /C calc'!A0", "+SUM(1,1)", "-2+3", "@SUM(1,1)", "=HYPERLINK(\"http://evil.example/?q=1&r=2\",\"클릭\")",
        "\t=2+2", "\r=3+3", "\n=4+4", "  =5+5", "\u{3000}=6+6", ";=7+7", "\"=8+8\"", "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
        "%0A-1+1", "＝9+9", "＋SUM(2,2)", "－10+10", "＠SUM(3,3)", "a,=11+11", "x;=12+12", "−13",
        "<b>굵게</b> & \"따옴표\" '홑' ]]> &amp; <!-- c --> <![CDATA[x]]>",
    ]

    /// What the planner keeps of a payload (its readers trim surrounding white space).
    static func kept(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// This file's own rule for a cell that a spreadsheet would run (see the suite's comment).
    static func isFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first else { return false }
        if ["=", "+", "-", "@", "\t", "\r"].contains(first) { return true }
        let lead = cell.unicodeScalars.first { !$0.properties.isWhitespace }
        return lead.map { ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"].contains($0) } ?? false
    }

    /// How a payload must read back from a CSV cell.
    static func written(_ text: String) -> String {
        let value = kept(text)
        return isFormula(value) ? "'" + value : value
    }

    static func isPlainInteger(_ cell: String) -> Bool {
        let digits = cell.hasPrefix("-") ? cell.dropFirst() : cell[...]
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// YAML double-quoted scalar of `text`.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// RFC 4180 field quoting for the roster and sign-in sheet the test writes.
    static func csvField(_ text: String) -> String {
        // By scalar: Swift's Character "\r\n" is one grapheme, and a lone CR or LF must be quoted too.
        text.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) } ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// One item per payload, each with one vendor line named by a payload and a budget of 2,000원;
    /// an education event named by a payload whose sessions' topics are the payloads; the program,
    /// division and officers hostile too.
    static func plan(program: String = "=HYPERLINK(\"http://evil.example\",\"x\")") -> String {
        var lines = [
            "program: \(yaml(program))",
            "year: 2026",
            "division: \(yaml("@SUM(1,1) 부서"))",
            "officers:",
            "  - { director: \(yaml("-2+3 국장")), teamLead: \(yaml("+SUM(1,1) 팀장")), officer: \(yaml("=cmd|' /C calc'!A0 주무관")) }",
            "period: 2026-01-01 ~ 2026-12-31",
            "categories:",
            "  - code: 201-01",
            "    name: \(yaml("=1+1 편성목"))",
            "    items:",
        ]
        for (index, payload) in payloads.enumerated() {
            lines += [
                "      - name: \(yaml(payload))",
                "        lines:",
                "          - name: \(yaml(payloads[(index + 1) % payloads.count]))",
                "            unitPrice: 1,000원",
                "            factors: [2회]",
            ]
        }
        lines += [
            "      - name: 교육",
            "        lines:",
            "          - kind: education",
            "            id: edu",
            "            name: \(yaml("@SUM(1,1) 교육"))",
            "            grade: grade1",
            "            hours: 2",
            "            headcount: 10",
            "            sessions:",
        ]
        for (index, payload) in payloads.enumerated() {
            lines.append("              - { date: 2026-03-\(String(format: "%02d", index + 1)), topic: \(yaml(payload)) }")
        }
        return lines.joined(separator: "\n")
    }

    struct Store {
        let sandbox: Sandbox
        var environment: [String: String] {
            ["PLANNER_DATABASE": sandbox.directory.appendingPathComponent("db/planner.sqlite").path,
             "PLANNER_KEY_FILE": sandbox.directory.appendingPathComponent("keys/planner.key").path, "USER": "tester"]
        }
        func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
            let outcome = try runPlanner(arguments, in: sandbox.directory, environment: environment, sourceLocation: sourceLocation)
            #expect(outcome.status == 0, "planner \(arguments.joined(separator: " ")): \(outcome)", sourceLocation: sourceLocation)
            return outcome
        }
        func file(_ name: String) throws -> Data { try Data(contentsOf: sandbox.directory.appendingPathComponent(name)) }
    }

    /// Sets up the plan, the rates, a roster of hostile names, their attendance, spending over budget
    /// with hostile reasons, and one payment batch.
    static func withYear(_ body: (Store) throws -> Void) throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("rates.yaml", bytes: try Data(contentsOf: repositoryRoot.appendingPathComponent("Events/rates.yaml")))
            try sandbox.write("plan.yaml", plan())
            // Lecturers named by the payloads, one per session; organization and bank hostile too.
            var roster = ["name,role,event,organization,bank"]
            var sheet = ["session,person,time"]
            for (index, payload) in payloads.enumerated() {
                roster.append([payload, "lecturer", "edu", payloads[(index + 2) % payloads.count], payloads[(index + 3) % payloads.count]].map(csvField).joined(separator: ","))
                sheet.append(["edu/\(index + 1)", payload, "2026-03-\(String(format: "%02d", index + 1))T10:00"].map(csvField).joined(separator: ","))
            }
            try sandbox.write("roster.csv", roster.joined(separator: "\r\n"))
            try sandbox.write("sheet.csv", sheet.joined(separator: "\r\n"))
            _ = try store.run("roster", "import", "plan.yaml", "roster.csv")
            _ = try store.run("attend", "plan.yaml", "--sheet", "sheet.csv")
            // Every item spent over its 2,000원 with a hostile reason, vendor and note ("--" ends the
            // options, so that an item named "-2+3" is not read as one).
            for (index, payload) in payloads.enumerated() {
                _ = try store.run("spend", "plan.yaml", "--date", "2026-04-01", "--vendor=\(payloads[(index + 1) % payloads.count])",
                                  "--note=\(payloads[(index + 2) % payloads.count])", "--over-budget=\(payloads[(index + 3) % payloads.count])",
                                  "--", kept(payload), "3,000원")
            }
            _ = try store.run("pay", "plan.yaml", "--through", "2026-12-31", "--on", "2026-12-01")
            try body(store)
        }
    }

    /// The header and records of a CSV the planner wrote (UTF-8 with its byte-order mark, or CP949).
    static func records(_ data: Data, encoding: String.Encoding = .utf8, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String]] {
        var bytes = data
        if encoding == .utf8 {
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "no byte-order mark", sourceLocation: sourceLocation)
            bytes = bytes.dropFirst(3)
        }
        let text = try #require(String(data: bytes, encoding: encoding), sourceLocation: sourceLocation)
        let records = try RFC4180.parse(text)
        let width = try #require(records.first?.count, sourceLocation: sourceLocation)
        #expect(records.allSatisfy { $0.count == width }, "records of different widths", sourceLocation: sourceLocation)
        return records
    }

    /// The columns whose cells may be plain (possibly negative) integers.
    static let numberHeaders: Set<String> = [
        "번호", "수량", "단가(원)", "금액(원,부가세포함)", "추정가격(원)", "부가가치세(원)", "number", "quantity", "unitPrice", "amount", "estimatedPrice", "vat",
        "금액(원)", "편성액(천원)", "계획(원)", "계약(원)", "집행(원)", "잔액(원)", "집행률(bp)",
        "지급액", "소득세", "지방소득세", "실지급액", "gross", "incomeTax", "localTax", "net",
    ]

    /// No cell a spreadsheet would run, and every expected payload read back as `written` says.
    static func expectSafe(_ name: String, _ records: [[String]], holding expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        guard let header = records.first else { return }
        for (r, record) in records.enumerated().dropFirst() {
            for (c, cell) in record.enumerated() where isFormula(cell) {
                let allowed = numberHeaders.contains(header[c]) && isPlainInteger(cell)
                #expect(allowed, "\(name) row \(r) column \(header[c]): \(String(reflecting: cell)) would run as a formula", sourceLocation: sourceLocation)
            }
        }
        let cells = Set(records.dropFirst().joined())
        for payload in expected {
            #expect(cells.contains(written(payload)), "\(name) lacks \(String(reflecting: written(payload)))", sourceLocation: sourceLocation)
        }
    }

    @Test("every CSV the planner writes neutralises formulas in every text column and reads back with the leading '")
    func everyCSV() throws {
        try Self.withYear { store in
            let payloads = Self.payloads
            // procurement.csv: both encodings, both header languages. Items, lines and the program.
            let procurementExpected = payloads + ["=HYPERLINK(\"http://evil.example\",\"x\")"]
            _ = try store.run("export", "plan.yaml", "--format", "csv", "--out", "ko")
            Self.expectSafe("procurement.csv", try Self.records(store.file("ko/procurement.csv")), holding: procurementExpected)
            _ = try store.run("export", "plan.yaml", "--format", "csv", "--headers", "en", "--out", "en")
            Self.expectSafe("procurement.csv (en)", try Self.records(store.file("en/procurement.csv")), holding: procurementExpected)
            // CP949 has every character here but U+2212 (−); that payload is left to the UTF-8 sheet.
            try store.sandbox.write("plan-cp949.yaml", Self.plan().replacingOccurrences(of: "−13", with: "-13"))
            _ = try store.run("export", "plan-cp949.yaml", "--format", "csv", "--encoding", "cp949", "--out", "cp949")
            Self.expectSafe("procurement.csv (cp949)", try Self.records(store.file("cp949/procurement.csv"), encoding: String.Encoding(rawValue: 0x8000_0422)),
                            holding: payloads.map { $0 == "−13" ? "-13" : $0 })

            // The budget sheet: items, lines, the event's name.
            let budget = try store.run("budget", "plan.yaml", "--format", "csv")
            Self.expectSafe("budget csv", try Self.records(Data(budget.stdout.utf8)), holding: payloads + ["@SUM(1,1) 교육"])

            // Status: items and the over-budget reasons (one per item); the remaining is -1,000원, a number.
            let status = try store.run("status", "plan.yaml", "--format", "csv")
            let statusRecords = try Self.records(Data(status.stdout.utf8))
            Self.expectSafe("status csv", statusRecords, holding: payloads)
            #expect(statusRecords.dropFirst().contains { $0[6] == "-1000" })

            // Honoraria and the payment batch: names, banks, session topics.
            for headers in ["ko", "en"] {
                let honoraria = try store.run("honoraria", "plan.yaml", "--format", "csv", "--headers", headers, "--on", "2026-12-01")
                Self.expectSafe("honoraria csv (\(headers))", try Self.records(Data(honoraria.stdout.utf8)), holding: payloads)
                let batch = try store.run("pay", "plan.yaml", "--export", "1", "--format", "csv", "--headers", headers)
                Self.expectSafe("payment batch csv (\(headers))", try Self.records(Data(batch.stdout.utf8)), holding: payloads)
            }
            _ = try store.run("pay", "plan.yaml", "--export", "1", "--format", "csv", "--out", "batch.csv")
            Self.expectSafe("batch.csv", try Self.records(store.file("batch.csv")), holding: payloads)
        }
    }

    @Test("a hostile program name is neutralised in the procurement and budget sheets", arguments: payloads)
    func programName(_ payload: String) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", bytes: try Data(contentsOf: repositoryRoot.appendingPathComponent("Events/rates.yaml")))
            try sandbox.write("plan.yaml", """
                program: \(Self.yaml(payload))
                year: 2026
                period: 2026-01-01 ~ 2026-12-31
                categories:
                  - code: 201-01
                    name: 사무관리비
                    items:
                      - name: 홍보물
                        lines:
                          - name: 리플릿
                            unitPrice: 1,100원
                            factors: [1,000매]
                """)
            let export = try sandbox.run("export", "plan.yaml", "--format", "csv", "--out", "out")
            #expect(export.status == 0, "\(export)")
            let records = try Self.records(try Data(contentsOf: sandbox.directory.appendingPathComponent("out/procurement.csv")))
            Self.expectSafe("procurement.csv", records, holding: [payload])
            #expect(records[1][1] == Self.written(payload))
        }
    }

    // MARK: - XML

    /// Every element's text and every attribute value of an XML document, read by Foundation's parser.
    final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var attributes: [String] = []
        private var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            current = ""
            self.attributes += attributes.values
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            texts.append(current)
            current = ""
        }
    }

    static func parsed(_ data: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Collector {
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
        let raw = String(decoding: data, as: UTF8.self)
        #expect(!raw.contains("]]>") && !raw.contains("<b>") && !raw.contains("<!--") && !raw.contains("<![CDATA["),
                "\(name) holds markup from the text", sourceLocation: sourceLocation)
        return collector
    }

    @Test("markup characters round-trip escaped in every XML the planner writes; characters XML can't carry are dropped")
    func everyXML() throws {
        let markup = Self.payloads.last!
        try Self.withYear { store in
            // Control characters and noncharacters in a line name and a person's name.
            try store.sandbox.write("plan.yaml", Self.plan().replacingOccurrences(of: "    name: \(Self.yaml("=1+1 편성목"))",
                                                                                 with: "    name: \(Self.yaml("편성\u{1}목\u{FFFE}\u{FFFF}\u{1F}"))"))
            try store.sandbox.write("controls.csv", "name,role,event\n\"강\u{1}사\u{8}\",lecturer,edu\n")
            _ = try store.run("roster", "import", "plan.yaml", "controls.csv")
            _ = try store.run("attend", "plan.yaml", "edu/1", "강\u{1}사\u{8}")

            _ = try store.run("export", "plan.yaml", "--format", "all", "--out", "all")
            let folder = store.sandbox.directory.appendingPathComponent("all")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
            #expect(names.contains("procurement.xml") && names.filter { $0.hasPrefix("rfq-") }.count >= Self.payloads.count)
            var procurementTexts: [String] = []
            for name in names {
                let collector = try Self.parsed(try Data(contentsOf: folder.appendingPathComponent(name)), name)
                procurementTexts += collector.texts + collector.attributes
                #expect(!(collector.texts + collector.attributes).contains { $0.unicodeScalars.contains { ($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || $0.value == 0xFFFE || $0.value == 0xFFFF } }, "\(name)")
            }
            // Items and lines exactly, markup included; the program as an attribute; the category without its controls.
            #expect(procurementTexts.contains(markup))
            #expect(procurementTexts.contains("=HYPERLINK(\"http://evil.example\",\"x\")"))
            #expect(procurementTexts.contains("편성목"))
            for payload in Self.payloads { #expect(procurementTexts.contains(Self.kept(payload)), "procurement XML lacks \(String(reflecting: payload))") }
            // The CSV keeps what XML drops: it can carry control characters (it is not where they are refused).
            let csv = try Self.records(store.file("all/procurement.csv"))
            #expect(csv.dropFirst().contains { $0[4] == "편성\u{1}목\u{FFFE}\u{FFFF}\u{1F}" })

            // Honoraria and the payment batch: names, banks and topics with markup; the controls dropped.
            let honoraria = try store.run("honoraria", "plan.yaml", "--format", "xml", "--on", "2026-12-01")
            let batch = try store.run("pay", "plan.yaml", "--export", "1", "--format", "xml")
            _ = try store.run("pay", "plan.yaml", "--export", "1", "--format", "xml", "--out", "batch.xml")
            for (name, data) in [("honoraria xml", Data(honoraria.stdout.utf8)), ("batch xml", Data(batch.stdout.utf8)), ("batch.xml", try store.file("batch.xml"))] {
                let collector = try Self.parsed(data, name)
                #expect(collector.texts.contains(markup), "\(name)")
                for payload in Self.payloads { #expect(collector.texts.contains(Self.kept(payload)), "\(name) lacks \(String(reflecting: payload))") }
            }
            _ = try store.run("pay", "plan.yaml", "--through", "2026-12-31", "--on", "2026-12-01")
            let second = try Self.parsed(Data(try store.run("pay", "plan.yaml", "--export", "2", "--format", "xml").stdout.utf8), "batch 2 xml")
            #expect(second.texts.contains("강사"))
        }
    }
}

/// A strict RFC 4180 reader, independent of the planner's writer: CRLF records, quoted fields with
/// doubled quotes; a quote inside an unquoted field or text after a closing quote is an error.
enum RFC4180 {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "scalar \(offset): \(reason)" }
    }

    static func parse(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = [], record: [String] = []
        var field = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" && field.isEmpty {
                // A quoted field, to its closing quote.
                index += 1
                while true {
                    guard index < scalars.count else { throw Malformed(offset: index, reason: "a quoted field is never closed") }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.append(scalars[index])
                    index += 1
                }
                guard index == scalars.count || scalars[index] == "," || scalars[index] == "\r" else {
                    throw Malformed(offset: index, reason: "text after a closing quote")
                }
                continue
            }
            switch scalar {
            case "\"":
                throw Malformed(offset: index, reason: "a quote inside an unquoted field")
            case ",":
                record.append(String(field))
                field = String.UnicodeScalarView()
                index += 1
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else { throw Malformed(offset: index, reason: "CR without LF outside quotes") }
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
                index += 2
            case "\n":
                throw Malformed(offset: index, reason: "LF without CR outside quotes")
            default:
                field.append(scalar)
                index += 1
            }
        }
        guard field.isEmpty && record.isEmpty else { throw Malformed(offset: index, reason: "the last record does not end with CRLF") }
        return records
    }
}
