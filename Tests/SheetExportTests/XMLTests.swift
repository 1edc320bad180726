import CLibXML2
import Foundation
import PlanFiles
import PlannerCore
import Testing
import SheetExport

/// Plans, sheets and temporary folders for the XML sheet tests.
private enum SheetXMLFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let references = ["social-city-2017", "sns-communication-2021"]
    static let examples = ["advisory-committee-2026", "influencer-fam-tour-2026", "seoul-social-conference-2026", "staff-sns-education-2026"]

    static func sheet(_ plan: String) throws -> ProcurementSheet { try SheetFixtures.sheet(plan) }
    static func sheet(_ loaded: LoadedPlan) throws -> ProcurementSheet { try SheetFixtures.sheet(loaded) }
    static func groupedSheet() throws -> ProcurementSheet { try SheetFixtures.groupedSheet() }
    static func inTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T { try SheetFixtures.inTemporaryDirectory("sheet-xml-tests", body) }

    /// Writes `text` to a file in `directory` and returns its path.
    static func file(_ text: String, in directory: String, named name: String = "hand.xml") throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// An element read back with libxml2's tree parser: what a consumer of the file sees.
private struct SheetXMLNode {
    var namespace: String?
    var name: String
    /// In document order.
    var attributes: [(String, String)]
    /// The element's whole text content (for leaf elements, exactly their text).
    var text: String
    var children: [SheetXMLNode]

    func attribute(_ name: String) -> String? { attributes.first { $0.0 == name }?.1 }

    func child(_ name: String) throws -> SheetXMLNode {
        let found = children.filter { $0.name == name }
        #expect(found.count == 1, "expected one <\(name)> in <\(self.name)>, found \(found.count)")
        return try #require(found.first)
    }

    /// The text of the child `name` as a whole number of won, checking its `currency="KRW"`.
    func won(_ name: String) throws -> Int64 {
        let element = try child(name)
        #expect(element.attributes.map(\.0) == ["currency"] && element.attribute("currency") == "KRW", "<\(name)> must carry currency=\"KRW\" only")
        return try #require(Int64(element.text), "<\(name)> is not a whole number: \(element.text)")
    }

    static func read(_ path: String) throws -> SheetXMLNode {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = try #require(xmlReadFile(path, nil, options), "libxml2 could not parse \(path)")
        defer { xmlFreeDoc(document) }
        return try node(#require(xmlDocGetRootElement(document)))
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        defer { planner_xml_free(pointer) }
        return String(cString: pointer)
    }

    private static func node(_ element: xmlNodePtr) throws -> SheetXMLNode {
        var attributes: [(String, String)] = []
        var attribute = element.pointee.properties
        while let current = attribute {
            attributes.append((String(cString: current.pointee.name), string(xmlNodeListGetString(element.pointee.doc, current.pointee.children, 1))))
            attribute = current.pointee.next
        }
        var children: [SheetXMLNode] = []
        var child = element.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { children.append(try node(current)) }
            child = current.pointee.next
        }
        return SheetXMLNode(namespace: element.pointee.ns.map { String(cString: $0.pointee.href) }, name: String(cString: element.pointee.name),
                            attributes: attributes, text: string(xmlNodeGetContent(element)), children: children)
    }
}

@Suite("XML procurement sheet")
struct XMLTests {
    static let allPlans = SheetXMLFixtures.references + SheetXMLFixtures.examples

    // MARK: - Valid against the shipped XSD

    @Test("every plan's sheet is valid against procurement-sheet.xsd", arguments: allPlans)
    func validates(plan: String) throws {
        let sheet = try SheetXMLFixtures.sheet(plan)
        #expect(!sheet.rows.isEmpty)
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = directory + "/\(plan).xml"
            try SheetXML.write(sheet, to: path)
            #expect(try SheetXML.validate(path: path) == [])
            try SheetXML.writeValidated(sheet, to: directory + "/again.xml")
        }
    }

    @Test("a package of several rows is valid and lists its rows")
    func groupedPackage() throws {
        let sheet = try SheetXMLFixtures.groupedSheet()
        let grouped = try #require(sheet.packages.first { $0.id == "홍보·운영" })
        #expect(grouped.rows.count == 2)
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = directory + "/grouped.xml"
            try SheetXML.writeValidated(sheet, to: path)
            let package = try #require(try SheetXMLNode.read(path).child("packages").children.first { $0.attribute("id") == "홍보·운영" })
            #expect(try package.child("rowRefs").children.map(\.text) == grouped.rows.map(String.init))
            #expect(try package.won("amount") == grouped.amount.value)
        }
    }

    // MARK: - Read-back

    @Test("every row, package and total reads back as in the sheet", arguments: allPlans)
    func readBack(plan: String) throws {
        let sheet = try SheetXMLFixtures.sheet(plan)
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = directory + "/\(plan).xml"
            try SheetXML.write(sheet, to: path)
            try Self.expectReadsBack(sheet, from: path)
        }
    }

    /// Compares the file at `path` with `sheet`, field by field, and checks the sums from the file alone.
    static func expectReadsBack(_ sheet: ProcurementSheet, from path: String) throws {
        let root = try SheetXMLNode.read(path)
        #expect(root.namespace == "urn:planner:procurement-sheet:1")
        #expect(root.name == "procurementSheet")
        #expect(root.attributes.map(\.0) == ["program", "year"])
        #expect(root.attribute("program") == sheet.program)
        #expect(root.attribute("year") == String(sheet.year))
        #expect(root.children.map(\.name) == ["authority"] + (sheet.division == nil ? [] : ["division"]) + ["thresholds", "rows", "packages", "totals"])
        #expect(try root.child("authority").text == sheet.authority)
        if let division = sheet.division { #expect(try root.child("division").text == division) }

        let thresholds = try root.child("thresholds")
        #expect(try thresholds.won("singleQuotationLimit") == sheet.thresholds.singleQuotationLimit.value)
        #expect(try thresholds.won("quotationLimit") == sheet.thresholds.quotationLimit.value)

        // Rows: every column of every row, in order, with its exact text.
        let rows = try root.child("rows").children
        #expect(rows.count == sheet.rows.count)
        var amounts: [Int: Int64] = [:]
        for (row, element) in zip(sheet.rows, rows) {
            #expect(element.name == "row" && element.attributes.isEmpty)
            #expect(element.children.map(\.name) == SheetColumn.all.map(\.name))
            for (column, field) in zip(SheetColumn.all, element.children) {
                #expect(field.text == column.value(row, sheet, false), "row \(row.number), \(column.name)")
                let money = ["unitPrice", "amount", "estimatedPrice", "vat"].contains(column.name)
                #expect(field.attributes.map(\.0) == (money ? ["currency"] : []), "row \(row.number), \(column.name)")
            }
            #expect(try element.child("number").text == String(row.number))
            #expect(try element.child("contractMethod").text == row.contractMethod.rawValue)
            #expect(try element.won("unitPrice") == row.unitPrice.value)
            #expect(try element.won("estimatedPrice") + element.won("vat") == element.won("amount"))
            amounts[row.number] = try element.won("amount")
        }

        // Packages: ids, members and sums, each sum recomputed from the rows as read.
        let packages = try root.child("packages").children
        #expect(packages.map { $0.attribute("id") } == sheet.packages.map(\.id))
        for (package, element) in zip(sheet.packages, packages) {
            #expect(element.children.map(\.name) == ["rowRefs", "amount", "estimatedPrice", "vat", "contractMethod"])
            let members = try element.child("rowRefs").children.map { try #require(Int($0.text)) }
            #expect(members == package.rows)
            #expect(try element.won("amount") == package.amount.value)
            #expect(try element.won("amount") == members.map { amounts[$0] ?? -1 }.reduce(0, +))
            #expect(try element.won("estimatedPrice") == package.estimatedPrice.value)
            #expect(try element.won("vat") == package.vat.value)
            #expect(try element.child("contractMethod").text == package.contractMethod.rawValue)
        }
        let members = try packages.flatMap { try $0.child("rowRefs").children.map(\.text) }
        #expect(members.sorted() == rows.map { $0.children.first?.text ?? "" }.sorted(), "every row is in exactly one package")

        // Totals: as in the sheet, and adding up from the file alone.
        let totals = try root.child("totals")
        let procurement = try totals.won("procurement"), honoraria = try totals.won("honoraria"), planTotal = try totals.won("plan")
        let notPurchases = try totals.won("notPurchases")
        #expect(procurement == sheet.total.value)
        #expect(honoraria == sheet.honoraria.value)
        #expect(notPurchases == sheet.notPurchases.value)
        #expect(planTotal == sheet.planTotal.value)
        #expect(amounts.values.reduce(0, +) == procurement)
        #expect(procurement + honoraria + notPurchases == planTotal)
    }

    @Test("the reference plans' totals are the published ones")
    func referenceTotals() throws {
        // 2017: 234,400천원; 2021: 427,660천원 (DOMAIN.md). The sheet's plan total is the page's total.
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            for (plan, total) in [("social-city-2017", Int64(234_400_000)), ("sns-communication-2021", Int64(427_660_000))] {
                let path = directory + "/\(plan).xml"
                try SheetXML.write(try SheetXMLFixtures.sheet(plan), to: path)
                #expect(try SheetXMLNode.read(path).child("totals").won("plan") == total, "\(plan)")
            }
        }
    }

    // MARK: - Text that must survive

    @Test("quotes, commas, newlines, <, &, emoji and a leading = round-trip exactly")
    func trickyText() throws {
        // Given a sheet whose texts hold everything that breaks naive writers
        var sheet = try SheetXMLFixtures.sheet("social-city-2017")
        let tricky = "=HYPERLINK(\"http://x.example/?a=1&b=2\", \"클릭\"), 'single' <b>bold</b> & 1<2>0\n둘째 줄\r\n셋째\t탭 🎉👩‍👩‍👧 ]]> &amp; "
        sheet.program = "  " + tricky
        sheet.authority = tricky
        sheet.division = "<부서> & \"팀\""
        sheet.rows[0].name = tricky
        sheet.rows[0].item = "\n" + tricky
        sheet.rows[0].specification = "1,000원*2인 \"특가\""
        sheet.rows[0].officer = "=cmd|' /C calc'!A0"
        sheet.rows[1].event = "  앞뒤 공백  "

        try SheetXMLFixtures.inTemporaryDirectory { directory in
            // When it is written and read back
            let path = directory + "/tricky.xml"
            try SheetXML.writeValidated(sheet, to: path)
            try Self.expectReadsBack(sheet, from: path)

            // Then every text is exactly as given, and the markup in it was escaped, not interpreted
            let first = try #require(try SheetXMLNode.read(path).child("rows").children.first)
            #expect(try first.child("name").text == tricky)
            #expect(try first.child("item").text == "\n" + tricky)
            #expect(try first.child("name").children.isEmpty)
            let raw = try String(contentsOfFile: path, encoding: .utf8)
            #expect(raw.contains("&lt;b&gt;bold&lt;/b&gt; &amp; 1&lt;2&gt;0"))
            #expect(raw.contains("]]&gt; &amp;amp;"))
            #expect(!raw.contains("<b>"))
        }
    }

    @Test("characters XML 1.0 cannot carry are dropped, everything else is kept")
    func controlCharacters() throws {
        var sheet = try SheetXMLFixtures.sheet("sns-communication-2021")
        sheet.rows[0].name = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i\u{7F}j\u{85}k"
        sheet.program = "사업\u{1}명\u{FFFF}"
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = directory + "/controls.xml"
            try SheetXML.writeValidated(sheet, to: path)
            let root = try SheetXMLNode.read(path)
            #expect(root.attribute("program") == "사업명")
            #expect(try root.child("rows").children.first?.child("name").text == "abcdefghi\u{7F}j\u{85}k")
            #expect(try root.child("rows").children.first?.child("program").text == "사업명")
        }
    }

    // MARK: - Determinism

    @Test("the same sheet gives the same bytes", arguments: SheetXMLFixtures.references)
    func sameBytes(plan: String) throws {
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            try SheetXML.write(try SheetXMLFixtures.sheet(plan), to: directory + "/first.xml")
            try SheetXML.write(try SheetXMLFixtures.sheet(plan), to: directory + "/second.xml")
            let first = try Data(contentsOf: URL(fileURLWithPath: directory + "/first.xml"))
            let second = try Data(contentsOf: URL(fileURLWithPath: directory + "/second.xml"))
            #expect(first.count > 1_000)
            #expect(first == second)
        }
    }

    // MARK: - The whole document

    @Test("a one-row sheet is written exactly so")
    func wholeDocument() throws {
        // Given the 2021 plan cut down to its first row (a package of its own) with invented totals
        var sheet = try SheetXMLFixtures.sheet("sns-communication-2021")
        sheet.rows = [sheet.rows[0]]
        sheet.rows[0].event = nil
        sheet.packages = [try #require(sheet.packages.first { $0.rows == [1] })]
        sheet.total = sheet.rows[0].amount
        sheet.honoraria = Won(2_700_000)
        // The 2021 sheet leaves out 2,700,000원 of 업무추진비 (203-02), which is not a purchase.
        #expect(sheet.notPurchases == Won(2_700_000))
        sheet.planTotal = Won(sheet.total.value + 5_400_000)
        sheet.division = nil
        let row = sheet.rows[0]

        let text = try SheetXMLFixtures.inTemporaryDirectory { directory in
            try SheetXML.writeValidated(sheet, to: directory + "/one.xml")
            return try String(contentsOfFile: directory + "/one.xml", encoding: .utf8)
        }
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <procurementSheet xmlns="urn:planner:procurement-sheet:1" program="\(sheet.program)" year="2021">
              <authority>\(sheet.authority)</authority>
              <thresholds>
                <singleQuotationLimit currency="KRW">20000000</singleQuotationLimit>
                <quotationLimit currency="KRW">50000000</quotationLimit>
              </thresholds>
              <rows>
                <row>
                  <number>1</number>
                  <program>\(sheet.program)</program>
                  <event></event>
                  <classCode>\(row.classCode ?? "")</classCode>
                  <className>\(row.className)</className>
                  <item>\(row.item)</item>
                  <name>\(row.name)</name>
                  <specification>\(row.specification)</specification>
                  <quantity>\(row.quantity)</quantity>
                  <unit>\(row.unit)</unit>
                  <unitCode>\(row.unitCode)</unitCode>
                  <unitPrice currency="KRW">\(row.unitPrice.value)</unitPrice>
                  <amount currency="KRW">\(row.amount.value)</amount>
                  <estimatedPrice currency="KRW">\(row.estimatedPrice.value)</estimatedPrice>
                  <vat currency="KRW">\(row.vat.value)</vat>
                  <package>P001</package>
                  <contractMethod>\(row.contractMethod.rawValue)</contractMethod>
                  <period>\(row.period)</period>
                  <officer>\(row.officer)</officer>
                </row>
              </rows>
              <packages>
                <package id="P001">
                  <rowRefs>
                    <rowRef>1</rowRef>
                  </rowRefs>
                  <amount currency="KRW">\(row.amount.value)</amount>
                  <estimatedPrice currency="KRW">\(row.estimatedPrice.value)</estimatedPrice>
                  <vat currency="KRW">\(row.vat.value)</vat>
                  <contractMethod>\(row.contractMethod.rawValue)</contractMethod>
                </package>
              </packages>
              <totals>
                <procurement currency="KRW">\(row.amount.value)</procurement>
                <honoraria currency="KRW">2700000</honoraria>
                <notPurchases currency="KRW">2700000</notPurchases>
                <plan currency="KRW">\(row.amount.value + 5_400_000)</plan>
              </totals>
            </procurementSheet>

            """)
    }

    @Test("the first row of the 2021 sheet has the expected values")
    func firstRowValues() throws {
        let sheet = try SheetXMLFixtures.sheet("sns-communication-2021")
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = directory + "/2021.xml"
            try SheetXML.write(sheet, to: path)
            let row = try #require(try SheetXMLNode.read(path).child("rows").children.first)
            // 1,000,000원*15건*4분기 = 60,000천원: VAT ⌊60,000,000 / 11⌋ = 5,454,545, 추정가격 54,545,455 > 5천만원
            #expect(row.children.map(\.text) == [
                "1", "소셜미디어를 통한 시민과의 소통 활성화", "", "201-01", "사무관리비", "시 대표 SNS 운영", "지정콘텐츠 SNS 광고",
                "1,000,000원*15건*4분기", "60", "건×분기", "C62", "1000000", "60000000", "54545455", "5454545", "P001",
                "competitive-bidding", "2021.01~2021.12", "정연희",
            ])
        }
    }

    // MARK: - Rejected documents

    /// A hand-written sheet of one row, valid as it stands; the cases below break one line of it.
    static let handWritten = """
        <?xml version="1.0" encoding="UTF-8"?>
        <procurementSheet xmlns="urn:planner:procurement-sheet:1" program="시민 소통" year="2026">
          <authority>서울특별시</authority>
          <thresholds>
            <singleQuotationLimit currency="KRW">20000000</singleQuotationLimit>
            <quotationLimit currency="KRW">50000000</quotationLimit>
          </thresholds>
          <rows>
            <row>
              <number>1</number>
              <program>시민 소통</program>
              <event></event>
              <classCode>201-01</classCode>
              <className>사무관리비</className>
              <item>홍보물 제작</item>
              <name>리플릿 인쇄</name>
              <specification>1,100원*1,000매</specification>
              <quantity>1000</quantity>
              <unit>매</unit>
              <unitCode>ZP</unitCode>
              <unitPrice currency="KRW">1100</unitPrice>
              <amount currency="KRW">1100000</amount>
              <estimatedPrice currency="KRW">1000000</estimatedPrice>
              <vat currency="KRW">100000</vat>
              <package>P001</package>
              <contractMethod>single-quotation</contractMethod>
              <period>2026.03~2026.05</period>
              <officer>김주무</officer>
            </row>
          </rows>
          <packages>
            <package id="P001">
              <rowRefs>
                <rowRef>1</rowRef>
              </rowRefs>
              <amount currency="KRW">1100000</amount>
              <estimatedPrice currency="KRW">1000000</estimatedPrice>
              <vat currency="KRW">100000</vat>
              <contractMethod>single-quotation</contractMethod>
            </package>
          </packages>
          <totals>
            <procurement currency="KRW">1100000</procurement>
            <honoraria currency="KRW">0</honoraria>
            <plan currency="KRW">1100000</plan>
          </totals>
        </procurementSheet>

        """

    /// `handWritten` with line `line` (1-based) replaced by `replacement`, or removed when it is nil.
    static func handWritten(replacingLine line: Int, with replacement: String?) -> String {
        var lines = handWritten.components(separatedBy: "\n")
        if let replacement { lines[line - 1] = replacement } else { lines.remove(at: line - 1) }
        return lines.joined(separator: "\n")
    }

    @Test("the hand-written sheet is valid as it stands")
    func handWrittenIsValid() throws {
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = try SheetXMLFixtures.file(Self.handWritten, in: directory)
            #expect(try SheetXML.validate(path: path) == [])
        }
    }

    @Test("a row without <amount> is rejected at the line where <amount> is missing")
    func missingAmount() throws {
        // Given the row's <amount> line (22) removed: <estimatedPrice> moves up to line 22
        let text = Self.handWritten(replacingLine: 22, with: nil)
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let problems = try SheetXML.validate(path: SheetXMLFixtures.file(text, in: directory))
            #expect(problems == [XMLProblem(line: 22, message: "Element '{urn:planner:procurement-sheet:1}estimatedPrice': This element is not expected. Expected is ( {urn:planner:procurement-sheet:1}amount ).")])
        }
    }

    @Test("text in a numeric field is rejected with its line")
    func textInNumber() throws {
        let text = Self.handWritten(replacingLine: 18, with: "      <quantity>three</quantity>")
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let problems = try SheetXML.validate(path: SheetXMLFixtures.file(text, in: directory))
            #expect(problems == [XMLProblem(line: 18, message: "Element '{urn:planner:procurement-sheet:1}quantity': 'three' is not a valid value of the atomic type '{urn:planner:procurement-sheet:1}Count'.")])
        }
    }

    /// One broken line each: (line, replacement, the lines of the problems, a fragment of the first message).
    static let brokenLines: [(Int, String, [Int], String)] = [
        (22, #"      <amount currency="KRW">1,100,000</amount>"#, [22], "'1,100,000'"),
        (22, #"      <amount currency="KRW">-1100000</amount>"#, [22], "'-1100000'"),
        (22, #"      <amount currency="KRW">1100000.5</amount>"#, [22], "'1100000.5'"),
        (22, #"      <amount currency="USD">1100000</amount>"#, [22], "'USD'"),
        (22, #"      <amount>1100000</amount>"#, [22], "currency"),
        (15, "      <item></item>", [15], "item"),
        (20, "      <unitCode>c62</unitCode>", [20], "'c62'"),
        (26, "      <contractMethod>수의계약</contractMethod>", [26], "'수의계약'"),
        // A keyref problem points at the row that holds the unknown package, not at its <package> line.
        (25, "      <package>P009</package>", [9], "No match found for key-sequence ['P009'] of keyref"),
        (34, "          <rowRef>1</rowRef>\n          <rowRef>1</rowRef>", [35], "Duplicate key-sequence ['1']"),
        (34, "          <rowRef>2</rowRef>", [34], "No match found for key-sequence ['2'] of keyref"),
        (2, #"<procurementSheet xmlns="urn:planner:procurement-sheet:1" program="시민 소통" year="26">"#, [2], "'26'"),
        (2, #"<procurementSheet xmlns="urn:planner:procurement-sheet:1" year="2026">"#, [2], "program"),
        (2, #"<procurementSheet program="시민 소통" year="2026">"#, [2], "No matching global declaration available for the validation root"),
        // Not well-formed: the parser's message, with its line.
        (16, "      <name>리플릿 & 인쇄</name>", [16], "xmlParseEntityRef: no name"),
        (16, "      <name>리플릿</nam>", [16], "Opening and ending tag mismatch: name line 16 and nam"),
    ]

    @Test("a broken line is rejected with its line number", arguments: brokenLines.indices)
    func brokenLine(index: Int) throws {
        let (line, replacement, lines, fragment) = Self.brokenLines[index]
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let problems = try SheetXML.validate(path: SheetXMLFixtures.file(Self.handWritten(replacingLine: line, with: replacement), in: directory))
            #expect(problems.map(\.line) == lines.map(Optional.some), "\(problems)")
            #expect(problems.first?.message.contains(fragment) == true, "\(problems)")
        }
    }

    @Test("writeValidated throws the problems of an invalid sheet, with the lines of the written file")
    func writeValidatedThrows() throws {
        // Given a sheet whose first row has no item (the schema wants every item named)
        var sheet = try SheetXMLFixtures.sheet("social-city-2017")
        sheet.rows[0].item = ""
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = directory + "/invalid.xml"
            // When it is written and validated
            let error = try #require(throws: SheetXMLError.self) { try SheetXML.writeValidated(sheet, to: path) }
            // Then the problem points at the empty <item> of the written file, which stays for inspection
            let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            let itemLine = try #require(lines.firstIndex(of: "      <item></item>")) + 1
            #expect(itemLine == 16)
            let message = "Element '{urn:planner:procurement-sheet:1}item': [facet 'minLength'] The value has a length of '0'; this underruns the allowed minimum length of '1'."
            #expect(error == .invalid([XMLProblem(line: 16, message: message)]))
            #expect(error.description == "the XML sheet does not match procurement-sheet.xsd: line 16: \(message)")
        }
    }

    // MARK: - Streaming validation and the references checked on the model

    @Test("streaming validation checks structure and types but leaves the identity constraints to the model")
    func streamingValidation() throws {
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            // An unknown package: only the complete validation sees it
            let unknownPackage = try SheetXMLFixtures.file(Self.handWritten(replacingLine: 25, with: "      <package>P009</package>"), in: directory)
            #expect(try SheetXML.validate(path: unknownPackage).count == 1)
            #expect(try SheetXML.validate(path: unknownPackage, .streaming) == [])
            // A type error: both see it, at its line
            let text = try SheetXMLFixtures.file(Self.handWritten(replacingLine: 18, with: "      <quantity>three</quantity>"), in: directory, named: "text.xml")
            #expect(try SheetXML.validate(path: text, .streaming).map(\.line) == [18])
            #expect(try SheetXML.validate(path: text, .streaming) == SheetXML.validate(path: text))
        }
    }

    @Test("every built sheet's references are sound", arguments: allPlans)
    func builtSheetsHaveSoundReferences(plan: String) throws {
        #expect(try SheetXMLFixtures.sheet(plan).referenceProblems() == [])
        #expect(try SheetXMLFixtures.groupedSheet().referenceProblems() == [])
    }

    @Test("referenceProblems names each broken reference the schema's identity constraints forbid")
    func brokenReferences() throws {
        let sheet = try SheetXMLFixtures.groupedSheet()
        let grouped = try #require(sheet.packages.firstIndex { $0.id == "홍보·운영" })
        let first = sheet.rows[0]

        var duplicateRow = sheet
        duplicateRow.rows[1].number = first.number
        #expect(duplicateRow.referenceProblems().contains("row number \(first.number) is used twice"))

        var undeclared = sheet
        undeclared.rows[0].package = "P999"
        #expect(undeclared.referenceProblems() == ["row \(first.number) names package P999, which is not declared"])

        var missingRow = sheet
        missingRow.packages[grouped].rows.append(9_999)
        #expect(missingRow.referenceProblems() == ["package 홍보·운영 lists row 9999, which is not in the sheet"])

        var twice = sheet
        twice.packages[grouped].rows.append(first.number)
        #expect(twice.referenceProblems() == ["row \(first.number) is listed by more than one package"])

        var duplicatePackage = sheet
        duplicatePackage.packages.append(sheet.packages[grouped])
        #expect(duplicatePackage.referenceProblems().first == "package 홍보·운영 is declared twice")

        // Rows out of number order are checked all the same
        var shuffled = sheet
        shuffled.rows.reverse()
        #expect(shuffled.referenceProblems() == [])
    }

    @Test("writeValidated refuses a sheet with a broken reference before writing anything")
    func writeValidatedChecksReferences() throws {
        var sheet = try SheetXMLFixtures.sheet("social-city-2017")
        sheet.rows[0].package = "P999"
        try SheetXMLFixtures.inTemporaryDirectory { directory in
            let path = directory + "/references.xml"
            let error = try #require(throws: SheetXMLError.self) { try SheetXML.writeValidated(sheet, to: path) }
            #expect(error == .invalid([XMLProblem(line: nil, message: "row 1 names package P999, which is not declared")]))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a file that isn't there is a problem, not a crash")
    func missingFile() throws {
        let problems = try SheetXML.validate(path: "/nonexistent-planner-folder/sheet.xml")
        #expect(problems == [XMLProblem(line: nil, message: "can't read /nonexistent-planner-folder/sheet.xml")])
    }

    @Test("an unwritable path is an error naming it")
    func unwritable() throws {
        let sheet = try SheetXMLFixtures.sheet("social-city-2017")
        #expect(throws: XMLProblem(line: nil, message: "can't open /nonexistent-planner-folder/sheet.xml for writing")) {
            try SheetXML.write(sheet, to: "/nonexistent-planner-folder/sheet.xml")
        }
    }

    // MARK: - The schema matches the code

    @Test("the schema's <row> lists SheetColumn.all, money columns as Won, and ContractMethod's raw values")
    func schemaMatchesColumns() throws {
        let schema = try SheetXMLNode.read(SheetXML.schemaURL.path)
        #expect(schema.attribute("targetNamespace") == SheetXML.namespace)
        let types = schema.children.filter { $0.name == "complexType" || $0.name == "simpleType" }
        let row = try #require(types.first { $0.attribute("name") == "Row" })
        let elements = try row.child("sequence").children
        #expect(elements.compactMap { $0.attribute("name") } == SheetColumn.all.map(\.name))
        #expect(elements.filter { $0.attribute("type") == "ps:Won" }.compactMap { $0.attribute("name") } == ["unitPrice", "amount", "estimatedPrice", "vat"])
        let method = try #require(types.first { $0.attribute("name") == "ContractMethod" })
        #expect(try method.child("restriction").children.compactMap { $0.attribute("value") } == ContractMethod.allCases.map(\.rawValue))
    }
}
