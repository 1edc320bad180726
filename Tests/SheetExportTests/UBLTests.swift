import CLibXML2
import Foundation
import PlanFiles
import PlannerCore
import SheetExport
import Testing

/// Plans, sheets, the official UBL schema and a small libxml2 reader for the UBL tests.
private enum UBLFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The two reference plans and the four 2026 examples.
    static let plans = [
        "social-city-2017", "sns-communication-2021", "advisory-committee-2026", "influencer-fam-tour-2026",
        "seoul-social-conference-2026", "staff-sns-education-2026",
    ]

    static let issueDate = CalendarDate(year: 2026, month: 3, day: 2)

    /// `$PLANNER_SHARED/schemas/…` or `../shared/schemas/…` beside the repository; nil in a user's clone.
    static let schemaPath: String? = {
        let relative = "schemas/ubl-2.4/xsd/maindoc/UBL-RequestForQuotation-2.4.xsd"
        var candidates: [URL] = []
        if let shared = ProcessInfo.processInfo.environment["PLANNER_SHARED"], !shared.isEmpty {
            candidates.append(URL(fileURLWithPath: shared).appendingPathComponent(relative))
        }
        candidates.append(repository.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative))
        return candidates.map(\.path).first { FileManager.default.fileExists(atPath: $0) }
    }()

    static let schemaMissing = "the official UBL 2.4 schemas are not in ../shared/schemas/ubl-2.4/xsd or $PLANNER_SHARED/schemas (as in a user's clone)"

    /// Parsed once; a schema that is present but doesn't parse fails the tests that use it.
    static let validator: Result<XMLSchemaValidator, XMLProblem>? = schemaPath.map { path in
        do { return .success(try XMLSchemaValidator(path: path)) } catch {
            return .failure(error as? XMLProblem ?? XMLProblem(line: nil, message: "\(error)"))
        }
    }

    static func sheet(_ plan: String) throws -> ProcurementSheet { try SheetFixtures.sheet(plan) }
    static func sheet(_ loaded: LoadedPlan) throws -> ProcurementSheet { try SheetFixtures.sheet(loaded) }
    static func groupedSheet() throws -> ProcurementSheet { try SheetFixtures.groupedSheet() }
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T { try SheetFixtures.inTemporaryDirectory("ubl-tests", body) }

    /// Writes every package of `sheet` into `directory`; returns (package, path) in package order.
    static func writeAll(_ sheet: ProcurementSheet, into directory: String) throws -> [(ProcurementSheet.Package, String)] {
        let date = try #require(issueDate)
        return try sheet.packages.map { package in
            let path = directory + "/" + UBLRequestForQuotation.fileName(for: package)
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: date, to: path)
            return (package, path)
        }
    }
}

/// An element read back with libxml2: namespace URI, local name, attributes and text.
private struct UBLElement {
    var namespace: String
    var name: String
    var attributes: [String: String]
    /// The concatenated text children (exact for leaves; indentation for the others).
    var text: String
    var children: [UBLElement]

    static let cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    static let cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

    /// The children named `cbc:Name` / `cac:Party`, by prefix of the two UBL namespaces.
    func all(_ qualified: String) -> [UBLElement] {
        let parts = qualified.split(separator: ":").map(String.init)
        let namespace = parts.first == "cac" ? UBLElement.cac : UBLElement.cbc
        return children.filter { $0.namespace == namespace && $0.name == parts.last }
    }

    func one(_ qualified: String) throws -> UBLElement {
        let found = all(qualified)
        try #require(found.count == 1, "expected one \(qualified) in \(name), found \(found.count)")
        return found[0]
    }

    /// `cac:Price/cbc:PriceAmount`.
    func path(_ path: String) throws -> UBLElement {
        try path.split(separator: "/").reduce(self) { element, step in try element.one(String(step)) }
    }

    var descendants: [UBLElement] { children.flatMap { [$0] + $0.descendants } }

    static func read(_ path: String) throws -> UBLElement {
        guard let document = xmlReadFile(path, nil, Int32(XML_PARSE_NONET.rawValue)) else {
            throw XMLProblem(line: nil, message: "libxml2 could not parse \(path)")
        }
        defer { xmlFreeDoc(document) }
        let root = try #require(xmlDocGetRootElement(document))
        return element(root)
    }

    private static func element(_ node: xmlNodePtr) -> UBLElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name, let value = xmlGetProp(node, name) {
                attributes[String(cString: name)] = String(cString: value)
                planner_xml_free(value)
            }
            attribute = current.pointee.next
        }
        var text = ""
        var children: [UBLElement] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(element(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += current.pointee.content.map { String(cString: $0) } ?? ""
            default: break
            }
            child = current.pointee.next
        }
        return UBLElement(namespace: node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } ?? "",
                          name: node.pointee.name.map { String(cString: $0) } ?? "",
                          attributes: attributes, text: text, children: children)
    }
}

@Suite("UBL 2.4 RequestForQuotation")
struct UBLTests {
    // MARK: - Against the official OASIS schema (skipped without ../shared)

    @Test("every package's document is valid against the official UBL 2.4 schema",
          .enabled(if: UBLFixtures.schemaPath != nil, Comment(rawValue: UBLFixtures.schemaMissing)),
          arguments: UBLFixtures.plans)
    func validAgainstOfficialSchema(plan: String) throws {
        let validator = try #require(UBLFixtures.validator).get()
        let sheet = try UBLFixtures.sheet(plan)
        #expect(!sheet.packages.isEmpty)
        try UBLFixtures.withTemporaryDirectory { directory in
            for (package, path) in try UBLFixtures.writeAll(sheet, into: directory) {
                #expect(validator.problems(inFile: path) == [], "package \(package.id) of \(plan)")
            }
        }
    }

    @Test("a grouped package and a tricky item name are valid too",
          .enabled(if: UBLFixtures.schemaPath != nil, Comment(rawValue: UBLFixtures.schemaMissing)))
    func groupedAndTrickyAreValid() throws {
        let validator = try #require(UBLFixtures.validator).get()
        var sheet = try UBLFixtures.groupedSheet()
        sheet.rows[0].name = Self.trickyName
        sheet.rows[0].specification = Self.trickyName
        try UBLFixtures.withTemporaryDirectory { directory in
            for (package, path) in try UBLFixtures.writeAll(sheet, into: directory) {
                #expect(validator.problems(inFile: path) == [], "package \(package.id)")
            }
            // A package id with markup, a newline and emoji goes into cbc:ID and a note.
            var odd = try #require(sheet.packages.first)
            odd.id = "A&B <계약>\n2 😀"
            let path = directory + "/" + UBLRequestForQuotation.fileName(for: odd)
            try UBLRequestForQuotation.write(sheet, package: odd, issueDate: try #require(UBLFixtures.issueDate), to: path)
            #expect(validator.problems(inFile: path) == [])
            #expect(try UBLElement.read(path).one("cbc:ID").text == "2017-A&B <계약>\n2 😀")
        }
    }

    @Test("the schema check has teeth: a document with its lines removed is reported with a line number",
          .enabled(if: UBLFixtures.schemaPath != nil, Comment(rawValue: UBLFixtures.schemaMissing)))
    func schemaRejectsDocumentWithoutLines() throws {
        let validator = try #require(UBLFixtures.validator).get()
        let sheet = try UBLFixtures.sheet("social-city-2017")
        try UBLFixtures.withTemporaryDirectory { directory in
            let (_, path) = try #require(try UBLFixtures.writeAll(sheet, into: directory).first)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let start = try #require(text.range(of: "  <cac:RequestForQuotationLine>"))
            let end = try #require(text.range(of: "</cac:RequestForQuotationLine>\n"))
            try (text[..<start.lowerBound] + text[end.upperBound...]).write(toFile: path, atomically: false, encoding: .utf8)
            let problems = validator.problems(inFile: path)
            #expect(problems.count == 1)
            #expect(problems.first?.line == 37)
            #expect(problems.first?.message.contains("RequestForQuotationLine") == true)
        }
    }

    // MARK: - Read back (no schema needed)

    @Test("read back: every line carries its row's figures, and the lines add up to the package", arguments: UBLFixtures.plans)
    func readBack(plan: String) throws {
        let sheet = try UBLFixtures.sheet(plan)
        try UBLFixtures.withTemporaryDirectory { directory in
            try Self.checkReadBack(sheet, directory: directory)
        }
        // The packages cover the procurement rows exactly once; with the honoraria they make the plan total.
        #expect(sheet.packages.flatMap(\.rows).sorted() == sheet.rows.map(\.number))
        #expect(sheet.packages.map(\.amount.value).reduce(0, +) == sheet.total.value)
        #expect(sheet.total.value + sheet.honoraria.value + sheet.notPurchases.value == sheet.planTotal.value)
    }

    @Test("a package of several rows is one document with one line per row, in row order")
    func groupedPackage() throws {
        let sheet = try UBLFixtures.groupedSheet()
        // Two packages of several rows: the conference's (one contract with the event agency) and this one.
        #expect(sheet.packages.filter { $0.rows.count > 1 }.map(\.id) == ["홍보·운영", "conference-agency"])
        let package = try #require(sheet.packages.first { $0.id == "홍보·운영" })
        #expect(package.id == "홍보·운영")
        #expect(package.amount == Won(58_000_000))
        #expect(package.estimatedPrice == Won(52_727_274))
        #expect(package.vat == Won(5_272_726))
        #expect(package.contractMethod == .competitiveBidding)
        #expect(UBLRequestForQuotation.fileName(for: package) == "rfq-_____-5dc9d726.xml")
        try UBLFixtures.withTemporaryDirectory { directory in
            try Self.checkReadBack(sheet, directory: directory)
            let path = directory + "/" + UBLRequestForQuotation.fileName(for: package)
            let document = try UBLElement.read(path)
            #expect(try document.one("cbc:ID").text == "2017-홍보·운영")
            #expect(try document.one("cbc:LineCountNumeric").text == "2")
            let lines = try document.all("cac:RequestForQuotationLine").map { try $0.path("cac:LineItem/cac:Item/cbc:Name").text }
            #expect(lines == ["서울 미디어 메이트 운영", "1인미디어 데이"])
        }
    }

    @Test("the whole document of one package, element by element")
    func wholeDocument() throws {
        let sheet = try UBLFixtures.sheet("social-city-2017")
        let package = try #require(sheet.packages.first)
        let text = try UBLFixtures.withTemporaryDirectory { directory in
            let path = directory + "/" + UBLRequestForQuotation.fileName(for: package)
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: try #require(UBLFixtures.issueDate), to: path)
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <RequestForQuotation xmlns="urn:oasis:names:specification:ubl:schema:xsd:RequestForQuotation-2" \
            xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" \
            xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:UBLVersionID>2.4</cbc:UBLVersionID>
              <cbc:ID>2017-P001</cbc:ID>
              <cbc:IssueDate>2026-03-02</cbc:IssueDate>
              <cbc:IssueTime>00:00:00+09:00</cbc:IssueTime>
              <cbc:SubmissionDueDate>2026-03-09</cbc:SubmissionDueDate>
              <cbc:Note>2017년 소셜특별시 프로젝트 추진</cbc:Note>
              <cbc:Note>계약단위 P001 견적 요청: 1개 품목, 1인 견적 수의계약, 추정가격 9,454,546원 + 부가가치세 945,454원 = 예산액 10,400,000원</cbc:Note>
              <cbc:PricingCurrencyCode>KRW</cbc:PricingCurrencyCode>
              <cbc:LineCountNumeric>1</cbc:LineCountNumeric>
              <cac:SellerSupplierParty>
                <cac:Party>
                  <cac:PartyName>
                    <cbc:Name>견적 요청 대상 (미정)</cbc:Name>
                  </cac:PartyName>
                </cac:Party>
              </cac:SellerSupplierParty>
              <cac:BuyerCustomerParty>
                <cac:Party>
                  <cac:PartyName>
                    <cbc:Name>서울특별시</cbc:Name>
                  </cac:PartyName>
                  <cac:Contact>
                    <cbc:Name>김은영</cbc:Name>
                    <cbc:Department>뉴미디어담당관</cbc:Department>
                  </cac:Contact>
                </cac:Party>
              </cac:BuyerCustomerParty>
              <cac:Delivery>
                <cac:RequestedDeliveryPeriod>
                  <cbc:StartDate>2017-01-01</cbc:StartDate>
                  <cbc:EndDate>2017-12-31</cbc:EndDate>
                  <cbc:Description>2017.01~2017.12</cbc:Description>
                </cac:RequestedDeliveryPeriod>
              </cac:Delivery>
              <cac:RequestForQuotationLine>
                <cac:LineItem>
                  <cbc:ID>1</cbc:ID>
                  <cbc:Note>행사: 직원 소셜미디어 전문가 교육 · 통계목: 201-01 사무관리비 · 세부사업: 직원 소셜미디어 전문가 교육 · 단위: 식</cbc:Note>
                  <cbc:Quantity unitCode="LS">1</cbc:Quantity>
                  <cbc:LineExtensionAmount currencyID="KRW">9454546</cbc:LineExtensionAmount>
                  <cbc:TaxInclusiveLineExtensionAmount currencyID="KRW">10400000</cbc:TaxInclusiveLineExtensionAmount>
                  <cbc:TotalTaxAmount currencyID="KRW">945454</cbc:TotalTaxAmount>
                  <cac:Price>
                    <cbc:PriceAmount currencyID="KRW">9454546</cbc:PriceAmount>
                    <cbc:TaxInclusivePriceAmount currencyID="KRW">10400000</cbc:TaxInclusivePriceAmount>
                  </cac:Price>
                  <cac:Item>
                    <cbc:Description>10,400,000원</cbc:Description>
                    <cbc:Name>교재제작 등 운영비</cbc:Name>
                  </cac:Item>
                </cac:LineItem>
              </cac:RequestForQuotationLine>
            </RequestForQuotation>

            """)
    }

    @Test("the same sheet gives the same bytes; only the issue date follows the date given (the due date given too)")
    func sameBytesTwice() throws {
        let sheet = try UBLFixtures.sheet("sns-communication-2021")
        try UBLFixtures.withTemporaryDirectory { directory in
            let first = directory + "/first", second = directory + "/second"
            try FileManager.default.createDirectory(atPath: first, withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: false)
            let a = try UBLFixtures.writeAll(sheet, into: first)
            let b = try UBLFixtures.writeAll(sheet, into: second)
            #expect(a.count == sheet.packages.count)
            for (left, right) in zip(a, b) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: left.1))
                #expect(!bytes.isEmpty)
                #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: right.1))), "package \(left.0.id)")
            }
            // Another issue date changes that element and nothing else.
            let package = try #require(sheet.packages.first)
            let later = directory + "/later.xml"
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: try #require(CalendarDate(year: 2027, month: 12, day: 31)),
                                             dueDate: CalendarDate(year: 2026, month: 3, day: 9), to: later)
            let original = try String(contentsOfFile: try #require(a.first).1, encoding: .utf8)
            let changed = try String(contentsOfFile: later, encoding: .utf8)
            #expect(changed == original.replacingOccurrences(of: "<cbc:IssueDate>2026-03-02</cbc:IssueDate>",
                                                             with: "<cbc:IssueDate>2027-12-31</cbc:IssueDate>"))
            #expect(changed != original)
        }
    }

    static let trickyName = "\"큰따옴표\" 'quote' <b>굵게</b> & 주식회사 A&B, 😀🇰🇷 =SUM(A1)\n둘째 줄\t탭\r\n셋째 줄"

    @Test("an item name with <, &, quotes, CR/LF, a tab and emoji comes back intact, and escaped in the file")
    func trickyNameRoundTrips() throws {
        var sheet = try UBLFixtures.sheet("social-city-2017")
        sheet.rows[0].name = Self.trickyName
        sheet.rows[0].specification = "1,000원*3<5개 & \"그 외\""
        let package = try #require(sheet.packages.first { $0.rows == [1] })
        try UBLFixtures.withTemporaryDirectory { directory in
            let path = directory + "/tricky.xml"
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: try #require(UBLFixtures.issueDate), to: path)
            let item = try UBLElement.read(path).path("cac:RequestForQuotationLine/cac:LineItem/cac:Item")
            #expect(try item.one("cbc:Name").text == Self.trickyName)
            #expect(try item.one("cbc:Description").text == "1,000원*3<5개 & \"그 외\"")
            let raw = try String(contentsOfFile: path, encoding: .utf8)
            #expect(raw.contains("&lt;b&gt;굵게&lt;/b&gt; &amp; 주식회사 A&amp;B, 😀🇰🇷 =SUM(A1)"))
            #expect(!raw.contains("<b>"))
        }
    }

    // MARK: - Dates, buyer and prices

    @Test("quotations are due 7 days after the issue day unless a due day is given, across months and years", arguments: [
        ((2026, 3, 2), nil, "2026-03-09"),
        ((2017, 12, 29), nil, "2018-01-05"),
        ((2028, 2, 25), nil, "2028-03-03"),
        ((2026, 3, 2), (2026, 3, 20), "2026-03-20"),
    ] as [((Int, Int, Int), (Int, Int, Int)?, String)])
    func submissionDueDate(issue: (Int, Int, Int), due: (Int, Int, Int)?, expected: String) throws {
        let sheet = try UBLFixtures.sheet("sns-communication-2021")
        let package = try #require(sheet.packages.first)
        let issueDate = try #require(CalendarDate(year: issue.0, month: issue.1, day: issue.2))
        let dueDate = try due.map { try #require(CalendarDate(year: $0.0, month: $0.1, day: $0.2)) }
        try UBLFixtures.withTemporaryDirectory { directory in
            let path = directory + "/due.xml"
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: issueDate, dueDate: dueDate, to: path)
            let document = try UBLElement.read(path)
            #expect(try document.one("cbc:IssueDate").text == issueDate.description)
            #expect(try document.one("cbc:SubmissionDueDate").text == expected)
        }
    }

    @Test("the buyer is identified by its 기관코드 only when the plan gives one")
    func buyerIdentification() throws {
        var sheet = try UBLFixtures.sheet("sns-communication-2021")
        #expect(sheet.authorityCode == "6110000")
        let package = try #require(sheet.packages.first)
        try UBLFixtures.withTemporaryDirectory { directory in
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: try #require(UBLFixtures.issueDate), to: directory + "/with.xml")
            let id = try UBLElement.read(directory + "/with.xml").path("cac:BuyerCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID")
            #expect(id.text == "6110000")
            #expect(id.attributes["schemeName"] == "행정표준코드")
            sheet.authorityCode = nil
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: try #require(UBLFixtures.issueDate), to: directory + "/without.xml")
            #expect(try UBLElement.read(directory + "/without.xml").path("cac:BuyerCustomerParty/cac:Party").all("cac:PartyIdentification").isEmpty)
        }
    }

    @Test("a row keeps its quantity when its net and gross amounts divide by it, and is one lump sum otherwise", arguments: [
        // quantity, amount with VAT → quantity, unit code, net price, gross price, replaced by a lump sum
        (10, 1_100_000, 10, "C62", 100_000, 110_000, false),     // 추정가격 1,000,000원: 100,000원 each
        (60, 60_000_000, 1, "LS", 54_545_455, 60_000_000, true), // 추정가격 54,545,455원 doesn't divide by 60
        (3, 3_300_000, 3, "C62", 1_000_000, 1_100_000, false),
        (7, 10_000, 1, "LS", 9_091, 10_000, true),
        (1, 10_400_000, 1, "LS", 9_454_546, 10_400_000, false),  // a lump sum stays one
        (0, 0, 1, "LS", 0, 0, true),                             // nothing to buy: one lump sum of 0원
    ] as [(Int64, Int64, Int64, String, Int64, Int64, Bool)])
    func quoteRule(quantity: Int64, amount: Int64, quotedQuantity: Int64, unitCode: String, price: Int64, grossPrice: Int64, lumpSum: Bool) throws {
        var row = try #require(try UBLFixtures.sheet("sns-communication-2021").rows.first)
        row.quantity = quantity
        row.unitCode = quantity == 1 ? "LS" : "C62"
        row.amount = Won(amount)
        row.vat = VAT.of(row.amount)
        row.estimatedPrice = VAT.estimatedPrice(row.amount)
        let quoted = UBLRequestForQuotation.quote(row)
        #expect(quoted.quantity == quotedQuantity)
        #expect(quoted.unitCode == unitCode)
        #expect(quoted.priceAmount == Won(price))
        #expect(quoted.taxInclusivePriceAmount == Won(grossPrice))
        #expect(quoted.isLumpSum == lumpSum)
        #expect(quoted.priceAmount.value * quoted.quantity == quoted.lineExtensionAmount.value)
        #expect(quoted.lineExtensionAmount == row.estimatedPrice && quoted.taxInclusiveLineExtensionAmount == row.amount && quoted.totalTaxAmount == row.vat)
    }

    // MARK: - File names

    @Test("file names keep safe ids and make any other id safe and distinct", arguments: [
        ("P001", "rfq-P001.xml"),
        ("print-2026_v1.2", "rfq-print-2026_v1.2.xml"),
        ("홍보물", "rfq-___-9820b9b5.xml"),
        ("홍보비", "rfq-___-7a4fe8b0.xml"),
        ("../../etc/passwd", "rfq-.._.._etc_passwd-6fadc99a.xml"),
        ("a b", "rfq-a_b-10a3f9f2.xml"),
        ("a_b", "rfq-a_b.xml"),
        ("", "rfq--811c9dc5.xml"),
        (String(repeating: "A", count: 100), "rfq-" + String(repeating: "A", count: 80) + "-5e9252d9.xml"),
    ])
    func fileNames(id: String, expected: String) throws {
        var package = try #require(try UBLFixtures.sheet("social-city-2017").packages.first)
        package.id = id
        let name = UBLRequestForQuotation.fileName(for: package)
        #expect(name == expected)
        #expect(name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        #expect(!name.contains("/"))
    }

    @Test("the packages of every plan get distinct file names", arguments: UBLFixtures.plans)
    func distinctFileNames(plan: String) throws {
        let packages = try UBLFixtures.sheet(plan).packages
        #expect(Set(packages.map(UBLRequestForQuotation.fileName(for:))).count == packages.count)
    }

    // MARK: - Problems

    @Test("a package without rows, or naming a row the sheet lacks, is refused before any file is made")
    func refusedPackages() throws {
        let sheet = try UBLFixtures.sheet("social-city-2017")
        var empty = try #require(sheet.packages.first)
        empty.rows = []
        var unknown = empty
        unknown.rows = [1, 99]
        let date = try #require(UBLFixtures.issueDate)
        try UBLFixtures.withTemporaryDirectory { directory in
            let path = directory + "/refused.xml"
            #expect(throws: UBLRequestForQuotation.Problem.emptyPackage("P001")) {
                try UBLRequestForQuotation.write(sheet, package: empty, issueDate: date, to: path)
            }
            #expect(throws: UBLRequestForQuotation.Problem.unknownRow(package: "P001", row: 99)) {
                try UBLRequestForQuotation.write(sheet, package: unknown, issueDate: date, to: path)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        #expect(UBLRequestForQuotation.Problem.emptyPackage("P001").description
                == "package P001 has no rows; a request for quotation needs at least one line")
        #expect(UBLRequestForQuotation.Problem.unknownRow(package: "P001", row: 99).description
                == "package P001 names row 99, which the sheet doesn't have")
    }

    @Test("a folder that doesn't exist is an error naming the path")
    func unwritablePath() throws {
        let sheet = try UBLFixtures.sheet("social-city-2017")
        let package = try #require(sheet.packages.first)
        let path = "/nonexistent-planner-folder/rfq-P001.xml"
        #expect(throws: XMLProblem(line: nil, message: "can't open \(path) for writing")) {
            try UBLRequestForQuotation.write(sheet, package: package, issueDate: try #require(UBLFixtures.issueDate), to: path)
        }
    }

    // MARK: - Helpers

    /// Writes every package of `sheet` and checks each document against the sheet: header, one line per
    /// row with the row's figures, `currencyID="KRW"` on every amount, and sums equal to the package's.
    static func checkReadBack(_ sheet: ProcurementSheet, directory: String) throws {
        for (package, path) in try UBLFixtures.writeAll(sheet, into: directory) {
            let document = try UBLElement.read(path)
            #expect(document.namespace == UBLRequestForQuotation.namespace)
            #expect(document.name == "RequestForQuotation")
            #expect(try document.one("cbc:UBLVersionID").text == "2.4")
            #expect(try document.one("cbc:ID").text == "\(sheet.year)-\(package.id)")
            #expect(try document.one("cbc:IssueDate").text == "2026-03-02")
            #expect(try document.one("cbc:IssueTime").text == "00:00:00+09:00")
            #expect(try document.one("cbc:SubmissionDueDate").text == "2026-03-09")
            #expect(try document.all("cbc:Note").first?.text == "\(sheet.year)년 \(sheet.program)")
            #expect(try document.path("cac:SellerSupplierParty/cac:Party/cac:PartyName/cbc:Name").text == "견적 요청 대상 (미정)")
            #expect(try document.path("cac:BuyerCustomerParty/cac:Party/cac:PartyName/cbc:Name").text == sheet.authority)
            let identification = try document.path("cac:BuyerCustomerParty/cac:Party").all("cac:PartyIdentification")
            #expect(identification.map { try? $0.one("cbc:ID").text } == (sheet.authorityCode.map { [$0] } ?? []))
            // The delivery period as days, from the plan's schedule (or its period).
            let period = try document.path("cac:Delivery/cac:RequestedDeliveryPeriod")
            let dates = try #require(sheet.rows.first?.periodDates)
            #expect(try period.one("cbc:StartDate").text == dates.start.description)
            #expect(try period.one("cbc:EndDate").text == dates.end.description)
            if let division = sheet.division {
                #expect(try document.path("cac:BuyerCustomerParty/cac:Party/cac:Contact/cbc:Department").text == division)
            }
            // No phone number anywhere: the contact has no Telephone and no text looks like 02-1234-5678.
            #expect(document.descendants.allSatisfy { $0.name != "Telephone" })
            #expect(document.descendants.allSatisfy { $0.text.range(of: #"\d{2,3}-\d{3,4}-\d{4}"#, options: .regularExpression) == nil })

            let lines = document.all("cac:RequestForQuotationLine")
            #expect(lines.count == package.rows.count, "package \(package.id)")
            #expect(try document.one("cbc:LineCountNumeric").text == String(package.rows.count))
            var net: Int64 = 0, gross: Int64 = 0, tax: Int64 = 0
            for (line, number) in zip(lines, package.rows) {
                let row = try #require(sheet.rows.first { $0.number == number })
                let item = try line.one("cac:LineItem")
                #expect(try item.one("cbc:ID").text == String(row.number))
                let lineNet = try #require(Int64(try item.one("cbc:LineExtensionAmount").text))
                let lineGross = try #require(Int64(try item.one("cbc:TaxInclusiveLineExtensionAmount").text))
                let lineTax = try #require(Int64(try item.one("cbc:TotalTaxAmount").text))
                #expect(lineNet == row.estimatedPrice.value)
                #expect(lineGross == row.amount.value)
                #expect(lineTax == row.vat.value)
                #expect(lineNet + lineTax == lineGross)
                // Prices are exact: price × quantity is the line's amount, net and with VAT. The row keeps its
                // quantity when both amounts divide by it, and is one lump sum (1 LS) otherwise.
                let quantity = try #require(Int64(try item.one("cbc:Quantity").text))
                let price = try #require(Int64(try item.path("cac:Price/cbc:PriceAmount").text))
                let grossPrice = try #require(Int64(try item.path("cac:Price/cbc:TaxInclusivePriceAmount").text))
                #expect(price * quantity == lineNet, "row \(row.number)")
                #expect(grossPrice * quantity == lineGross, "row \(row.number)")
                let divisible = row.quantity > 0 && row.estimatedPrice.value % row.quantity == 0 && row.amount.value % row.quantity == 0
                #expect(quantity == (divisible ? row.quantity : 1), "row \(row.number)")
                #expect(try item.one("cbc:Quantity").attributes["unitCode"] == (divisible ? row.unitCode : "LS"))
                let note = try item.one("cbc:Note").text
                #expect(note.hasSuffix(divisible || row.quantity == 1 ? "단위: \(row.unit)" : "단위: 1식 (계획 수량 \(row.quantity) \(row.unit))"), "row \(row.number)")
                #expect(try item.path("cac:Item/cbc:Name").text == row.name)
                #expect(try item.path("cac:Item/cbc:Description").text == row.specification)
                net += lineNet
                gross += lineGross
                tax += lineTax
            }
            #expect(net == package.estimatedPrice.value, "package \(package.id)")
            #expect(gross == package.amount.value, "package \(package.id)")
            #expect(tax == package.vat.value, "package \(package.id)")

            // Every amount says its currency; amounts are plain integers.
            let amounts = document.descendants.filter { $0.name.hasSuffix("Amount") }
            #expect(amounts.count == 5 * package.rows.count)
            #expect(amounts.allSatisfy { $0.attributes["currencyID"] == "KRW" })
            #expect(amounts.allSatisfy { Int64($0.text) != nil })
        }
    }
}
