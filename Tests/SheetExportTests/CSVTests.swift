import Foundation
import PlanFiles
import PlannerCore
import SheetExport
import Testing

/// The CSV procurement sheet: exact headers and rows, BOM and CP949 bytes, read-back through an
/// independent RFC 4180 reader, formula neutralisation, and the exact text of encoding errors.
@Suite("CSV procurement sheet")
struct CSVTests {
    static let referencePlans = ["social-city-2017", "sns-communication-2021"]
    static let allPlans = referencePlans + ["advisory-committee-2026", "influencer-fam-tour-2026", "seoul-social-conference-2026", "staff-sns-education-2026"]

    static let koreanHeader = "번호,사업명,행사,통계목코드,통계목,세부사업,품명,산출내역,수량,단위,단위코드,단가(원),\"금액(원,부가세포함)\",추정가격(원),부가가치세(원),계약단위,계약방법,추진기간,담당자"
    static let englishHeader = "number,program,event,classCode,className,item,name,specification,quantity,unit,unitCode,unitPrice,amount,estimatedPrice,vat,package,contractMethod,period,officer"

    // MARK: Exact text

    @Test("the header row is Korean by default and camelCase with .en", arguments: referencePlans)
    func headerRows(plan: String) throws {
        let sheet = try CSVFixtures.sheet(plan)
        let korean = try CSVFixtures.lines(SheetCSV.data(sheet))
        let english = try CSVFixtures.lines(SheetCSV.data(sheet, headers: .en))
        #expect(korean.first == Self.koreanHeader)
        #expect(english.first == Self.englishHeader)
        #expect(Self.englishHeader == SheetColumn.all.map(\.name).joined(separator: ","))
    }

    @Test("rows of the 2017 sheet, byte for byte")
    func rows2017() throws {
        let sheet = try CSVFixtures.sheet("social-city-2017")
        let korean = try CSVFixtures.lines(SheetCSV.data(sheet))
        let english = try CSVFixtures.lines(SheetCSV.data(sheet, headers: .en))
        #expect(korean.count == 1 + 12)
        #expect(korean[1] == "1,소셜특별시 프로젝트 추진,직원 소셜미디어 전문가 교육,201-01,사무관리비,직원 소셜미디어 전문가 교육,교재제작 등 운영비,\"10,400,000원\",1,식,LS,10400000,10400000,9454546,945454,P001,1인 견적 수의계약,2017.01~2017.12,김은영")
        #expect(korean[2] == "2,소셜특별시 프로젝트 추진,소셜특별시 자문위원회,201-01,사무관리비,소셜미디어 활성화를 위한 민간 네트워크 구축,자문회의 운영경비,\"10,000원*15명*6회\",90,명×회,C62,10000,900000,818182,81818,P002,1인 견적 수의계약,2017.01~2017.12,김은영")
        #expect(korean[7] == "7,소셜특별시 프로젝트 추진,,201-01,사무관리비,소셜을 통한 시민참여 기회 확대,\"시민주도 클린소셜 캠페인 자문료, 간담회비용\",\"5,000,000원*4회\",4,회,C62,5000000,20000000,18181819,1818181,P007,1인 견적 수의계약,2017.01~2017.12,김은영")
        // The conference is one contract with the event agency: 100,000,000원, 추정가격 90,909,092원, bid.
        #expect(korean[8] == "8,소셜특별시 프로젝트 추진,국제(내)컨퍼런스,201-03,행사운영비,국제(내)컨퍼런스 개최,연사초청경비 등,\"40,000,000원*1식\",1,식,LS,40000000,40000000,36363637,3636363,conference-agency,경쟁입찰,2017.01~2017.12,김은영")
        #expect(english[8] == "8,소셜특별시 프로젝트 추진,국제(내)컨퍼런스,201-03,행사운영비,국제(내)컨퍼런스 개최,연사초청경비 등,\"40,000,000원*1식\",1,식,LS,40000000,40000000,36363637,3636363,conference-agency,competitive-bidding,2017.01~2017.12,김은영")
        #expect(korean[12] == "12,소셜특별시 프로젝트 추진,국제(내)컨퍼런스,201-03,행사운영비,국제(내)컨퍼런스 개최,인쇄물 제작비,\"10,000,000원*1식\",1,식,LS,10000000,10000000,9090910,909090,conference-agency,경쟁입찰,2017.01~2017.12,김은영")
    }

    @Test("rows of the 2021 sheet, byte for byte")
    func rows2021() throws {
        let sheet = try CSVFixtures.sheet("sns-communication-2021")
        let korean = try CSVFixtures.lines(SheetCSV.data(sheet))
        let english = try CSVFixtures.lines(SheetCSV.data(sheet, headers: .en))
        #expect(korean.count == 1 + 9)
        #expect(korean[1] == "1,소셜미디어를 통한 시민과의 소통 활성화,,201-01,사무관리비,시 대표 SNS 운영,지정콘텐츠 SNS 광고,\"1,000,000원*15건*4분기\",60,건×분기,C62,1000000,60000000,54545455,5454545,P001,경쟁입찰,2021.01~2021.12,정연희")
        #expect(english[1] == "1,소셜미디어를 통한 시민과의 소통 활성화,,201-01,사무관리비,시 대표 SNS 운영,지정콘텐츠 SNS 광고,\"1,000,000원*15건*4분기\",60,건×분기,C62,1000000,60000000,54545455,5454545,P001,competitive-bidding,2021.01~2021.12,정연희")
        #expect(korean[8] == "8,소셜미디어를 통한 시민과의 소통 활성화,,201-01,사무관리비,시 대표 카카오 1boon 및 브런치 등 운영,카카오 1boon 콘텐츠 제작,\"240,000원*주1회*52주\",52,회×주,C62,240000,12480000,11345455,1134545,P008,1인 견적 수의계약,2021.01~2021.12,정연희")
        // 업무추진비 (203-02 시책추진업무추진비, 2,700,000원) is not a purchase: no row, only the sheet's total.
        #expect(!korean.contains { $0.contains("203-02") })
        #expect(sheet.notPurchases == Won(2_700_000))
        #expect(sheet.notPurchaseClasses == ["203-02 시책추진업무추진비"])
    }

    @Test("every record ends with CRLF and there is no total row", arguments: referencePlans)
    func lineEnds(plan: String) throws {
        let sheet = try CSVFixtures.sheet(plan)
        let bytes = try SheetCSV.data(sheet)
        #expect(Array(bytes.suffix(2)) == [0x0D, 0x0A])
        let lfs = bytes.filter { $0 == 0x0A }.count
        let crlfs = zip(bytes, bytes.dropFirst()).filter { $0 == 0x0D && $1 == 0x0A }.count
        #expect(lfs == crlfs)
        #expect(lfs == 1 + sheet.rows.count)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("합계") && !text.contains("총계"))
    }

    // MARK: Encodings

    @Test("UTF-8 starts with one BOM; CP949 has none and starts with 번호 in CP949", arguments: referencePlans)
    func byteOrderMark(plan: String) throws {
        let sheet = try CSVFixtures.sheet(plan)
        let utf8 = try SheetCSV.data(sheet)
        let cp949 = try SheetCSV.data(sheet, encoding: .cp949)
        #expect(Array(utf8.prefix(6)) == [0xEF, 0xBB, 0xBF, 0xEB, 0xB2, 0x88])  // BOM, then 번
        #expect(Array(cp949.prefix(5)) == [0xB9, 0xF8, 0xC8, 0xA3, 0x2C])       // 번호,
        #expect(Array(try SheetCSV.data(sheet, headers: .en, encoding: .cp949).prefix(6)) == Array("number".utf8))
        // Korean text in CP949 is not UTF-8: the bytes really are the legacy encoding.
        #expect(String(bytes: cp949, encoding: .utf8) == nil)
    }

    @Test("CP949 bytes decode to the same text as the UTF-8 file without its BOM", arguments: allPlans, SheetCSV.Headers.allCases)
    func cp949MatchesUTF8(plan: String, headers: SheetCSV.Headers) throws {
        let sheet = try CSVFixtures.sheet(plan)
        let utf8 = try SheetCSV.data(sheet, headers: headers)
        // String(decoding:) keeps the BOM (Foundation's String(data:encoding:) drops it).
        let withBOM = String(decoding: utf8, as: UTF8.self)
        #expect(withBOM.unicodeScalars.first == "\u{FEFF}")
        #expect(withBOM.unicodeScalars.dropFirst().first != "\u{FEFF}")
        let expected = String(withBOM.unicodeScalars.dropFirst())
        let cp949 = try SheetCSV.data(sheet, headers: headers, encoding: .cp949)
        let decoded = try #require(String(data: cp949, encoding: CSVFixtures.cp949))
        #expect(Array(decoded.unicodeScalars) == Array(expected.unicodeScalars))
    }

    // MARK: Read-back

    @Test("the CSV reads back to every row of the sheet and to its total", arguments: allPlans, SheetCSV.Encoding.allCases)
    func readBack(plan: String, encoding: SheetCSV.Encoding) throws {
        let sheet = try CSVFixtures.sheet(plan)
        do {
            for headers in SheetCSV.Headers.allCases {
                let korean = headers == .ko
                // Given the file as written
                let text = try CSVFixtures.text(SheetCSV.data(sheet, headers: headers, encoding: encoding), encoding)
                // When it is parsed by an independent reader
                let records = try RFC4180Reader.parse(text)
                // Then the header, every cell of every row and the amount column's sum come back
                #expect(records.first == SheetColumn.all.map { korean ? $0.korean : $0.name })
                #expect(records.count == 1 + sheet.rows.count)
                for (row, record) in zip(sheet.rows, records.dropFirst()) {
                    #expect(record == SheetColumn.all.map { $0.value(row, sheet, korean) }, "row \(row.number)")
                    #expect(record.count == SheetColumn.all.count)
                }
                let amount = try #require(SheetColumn.all.firstIndex { $0.name == "amount" })
                let amounts = records.dropFirst().compactMap { Int64($0[amount]) }
                #expect(amounts.count == sheet.rows.count)
                #expect(amounts.reduce(0, +) == sheet.total.value)
            }
        }
    }

    @Test("the reference sheets' amount columns sum to the procurement totals of the documents",
          arguments: zip(referencePlans, [[211_300_000, 23_100_000, 0], [424_960_000, 0, 2_700_000]] as [[Int64]]))
    func referenceTotals(plan: String, expected: [Int64]) throws {
        let (procurement, honoraria, notPurchases) = (expected[0], expected[1], expected[2])
        let sheet = try CSVFixtures.sheet(plan)
        let records = try RFC4180Reader.parse(CSVFixtures.text(SheetCSV.data(sheet, headers: .en), .utf8))
        let column = try #require(records.first?.firstIndex(of: "amount"))
        #expect(records.dropFirst().compactMap { Int64($0[column]) }.reduce(0, +) == procurement)
        #expect(sheet.honoraria.value == honoraria)
        #expect(sheet.notPurchases.value == notPurchases)
        #expect(procurement + honoraria + notPurchases == sheet.planTotal.value)
    }

    @Test("procurement rows plus honoraria plus the lines that are not purchases make the plan's total", arguments: allPlans)
    func planTotal(plan: String) throws {
        let sheet = try CSVFixtures.sheet(plan)
        #expect(sheet.total.value + sheet.honoraria.value + sheet.notPurchases.value == sheet.planTotal.value)
        // No row is of a class that is not a purchase (업무추진비 203-xx, 여비 202-xx …).
        #expect(sheet.rows.allSatisfy { PurchaseClasses().includes($0.classCode) })
        #expect(sheet.rows.map(\.amount.value).reduce(0, +) == sheet.total.value)
        #expect(sheet.rows.allSatisfy { $0.estimatedPrice.value + $0.vat.value == $0.amount.value })
    }

    @Test("write streams the same bytes as data, in both encodings and both header languages", arguments: allPlans)
    func writeMatchesData(plan: String) throws {
        let sheet = try CSVFixtures.sheet(plan)
        try SheetFixtures.inTemporaryDirectory("sheet-csv-tests") { directory in
            for headers in SheetCSV.Headers.allCases {
                for encoding in SheetCSV.Encoding.allCases {
                    let path = directory + "/\(headers)-\(encoding).csv"
                    try SheetCSV.write(sheet, to: path, headers: headers, encoding: encoding)
                    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == SheetCSV.data(sheet, headers: headers, encoding: encoding))
                }
            }
        }
    }

    @Test("a sheet of many 64 KB pieces is written whole, every row once")
    func writeLargeSheet() throws {
        // Given the 2017 sheet's rows repeated to about 1.5 MB (many flushes of the writer's buffer)
        var sheet = try CSVFixtures.sheet("social-city-2017")
        let template = sheet.rows
        sheet.rows = (0..<500).flatMap { round in
            template.map { row in
                var copy = row
                copy.number = round * template.count + row.number
                return copy
            }
        }
        try SheetFixtures.inTemporaryDirectory("sheet-csv-tests") { directory in
            let path = directory + "/large.csv"
            try SheetCSV.write(sheet, to: path)
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(written.count > 1_000_000)
            #expect(written == (try SheetCSV.data(sheet)))
            let records = try RFC4180Reader.parse(try CSVFixtures.text(written, .utf8))
            #expect(records.count == sheet.rows.count + 1)
            #expect(records.last?.first == String(sheet.rows.count))
        }
    }

    @Test("write reports every CP949 failure as data does; an unwritable path is an error naming it")
    func writeFailures() throws {
        var sheet = try CSVFixtures.sheet("social-city-2017")
        sheet.rows[2].name = "리플릿 😀"
        try SheetFixtures.inTemporaryDirectory("sheet-csv-tests") { directory in
            let expected = try #require(throws: CSVEncodingError.self) { try SheetCSV.data(sheet, encoding: .cp949) }
            #expect(throws: expected) { try SheetCSV.write(sheet, to: directory + "/legacy.csv", encoding: .cp949) }
        }
        let error = try #require(throws: ExportBatch.Failure.self) {
            try SheetCSV.write(sheet, to: "/nonexistent-planner-folder/sheet.csv")
        }
        #expect(error.message == "can't write /nonexistent-planner-folder/sheet.csv")
    }

    @Test("the same sheet gives the same bytes on two runs", arguments: allPlans)
    func deterministic(plan: String) throws {
        let first = try CSVFixtures.sheet(plan), second = try CSVFixtures.sheet(plan)
        for headers in SheetCSV.Headers.allCases {
            #expect(try SheetCSV.data(first, headers: headers) == SheetCSV.data(second, headers: headers))
            #expect(try SheetCSV.data(first, headers: headers, encoding: .cp949) == SheetCSV.data(second, headers: headers, encoding: .cp949))
        }
    }

    // MARK: Bad input

    /// Item and line names with quotes, commas, LF and CRLF, `<`, `&`, emoji, a leading `=` and
    /// characters CP949 lacks (é, U+FEFF).
    static let hostilePlan = #"""
        program: 시험 사업
        year: 2026
        division: 뉴미디어담당관
        officers:
          - officer: 홍길동
        period: 2026-03-01 ~ 2026-11-30
        categories:
          - code: 201-01
            name: 사무관리비
            items:
              - name: "=HYPERLINK(\"http://example.com\",\"클릭\")"
                lines:
                  - name: "=1+2 \"따옴표\", 쉼표\n줄바꿈\r\n<태그> & 😀"
                    amount: 1,100,000원
                  - name: "-3 @SUM(A1) \u00e9 \uFEFF"
                    unitPrice: 30,000원
                    factors: [10명, 2회]
        """#

    @Test("hostile names come back intact from UTF-8, with formulas neutralised by a leading '")
    func hostileNamesUTF8() throws {
        let sheet = try CSVFixtures.sheet(text: Self.hostilePlan)
        let hostileName = "=1+2 \"따옴표\", 쉼표\n줄바꿈\r\n<태그> & 😀"
        let hostileItem = "=HYPERLINK(\"http://example.com\",\"클릭\")"
        #expect(sheet.rows.map(\.name) == [hostileName, "-3 @SUM(A1) é \u{FEFF}"])

        let data = try SheetCSV.data(sheet)
        let text = try CSVFixtures.text(data, .utf8)
        // The record as written: quoted, quotes doubled, the CRLF inside the name kept inside the quotes.
        #expect(text.hasPrefix(Self.koreanHeader + "\r\n"
            + "1,시험 사업,,201-01,사무관리비,\"'=HYPERLINK(\"\"http://example.com\"\",\"\"클릭\"\")\",\"'=1+2 \"\"따옴표\"\", 쉼표\n줄바꿈\r\n<태그> & 😀\",\"1,100,000원\",1,식,LS,1100000,1100000,1000000,100000,P001,1인 견적 수의계약,2026-03-01~2026-11-30,홍길동\r\n"
            + "2,시험 사업,,201-01,사무관리비,\"'=HYPERLINK(\"\"http://example.com\"\",\"\"클릭\"\")\",'-3 @SUM(A1) é \u{FEFF},\"30,000원*10명*2회\",20,명×회,C62,30000,600000,545455,54545,P002,1인 견적 수의계약,2026-03-01~2026-11-30,홍길동\r\n"))

        let records = try RFC4180Reader.parse(text)
        #expect(records.count == 3)
        let item = 5, name = 6
        #expect(records[1][item] == "'" + hostileItem)
        #expect(records[1][name] == "'" + hostileName)
        #expect(records[2][name] == "'-3 @SUM(A1) é \u{FEFF}")
        // Taking the ' off gives the plan's text back, scalar for scalar.
        #expect(Array(records[1][name].unicodeScalars.dropFirst()) == Array(hostileName.unicodeScalars))
        #expect(records.dropFirst().map { $0[12] } == ["1100000", "600000"])
    }

    @Test("a negative amount stays a number; a text column is neutralised")
    func negativeNumbers() throws {
        var sheet = try CSVFixtures.sheet(text: Self.hostilePlan)
        sheet.rows[0].amount = Won(-5_000)
        sheet.rows[0].item = "-5000"
        let records = try RFC4180Reader.parse(CSVFixtures.text(SheetCSV.data(sheet, headers: .en), .utf8))
        #expect(records[1][12] == "-5000")
        #expect(records[1][5] == "'-5000")
    }

    @Test("a character CP949 lacks is an error naming every cell, with row, CSV line and column")
    func hostileNamesCP949() throws {
        let sheet = try CSVFixtures.sheet(text: Self.hostilePlan)
        let error = try #require(throws: CSVEncodingError.self) { try SheetCSV.data(sheet, encoding: .cp949) }
        // Row 1's name holds LF and CRLF, so row 2 starts on line 5.
        #expect(error.cells == [
            CSVEncodingError.Cell(row: 1, line: 2, column: "name", header: "품명", character: "😀"),
            CSVEncodingError.Cell(row: 2, line: 5, column: "name", header: "품명", character: "é"),
        ])
        #expect(error.description == """
            sheet row 1 (CSV line 2), column name (품명): "😀" (U+1F600) has no code in CP949
            sheet row 2 (CSV line 5), column name (품명): "é" (U+00E9) has no code in CP949
              hint: export with --encoding utf8 (the default), which carries every character, or change the text in the plan
            """)
        // English headers change nothing about where the cells are.
        #expect(throws: error) { try SheetCSV.data(sheet, headers: .en, encoding: .cp949) }
    }

    @Test("an emoji in the program fails every row; the message names ten cells and counts the rest")
    func manyCells() throws {
        var sheet = try CSVFixtures.sheet("social-city-2017")
        sheet.program = "소셜특별시 🏙 프로젝트"
        let error = try #require(throws: CSVEncodingError.self) { try SheetCSV.data(sheet, encoding: .cp949) }
        #expect(error.cells.count == 12)
        #expect(error.cells.map(\.row) == Array(1...12))
        #expect(error.cells.map(\.line) == Array(2...13))
        #expect(Set(error.cells.map(\.column)) == ["program"])
        let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 12)
        #expect(lines.first == "sheet row 1 (CSV line 2), column program (사업명): \"🏙\" (U+1F3D9) has no code in CP949")
        #expect(lines[9] == "sheet row 10 (CSV line 11), column program (사업명): \"🏙\" (U+1F3D9) has no code in CP949")
        #expect(lines[10] == "and 2 more cells like these")
        // UTF-8 carries it.
        #expect(try CSVFixtures.text(SheetCSV.data(sheet), .utf8).contains(",소셜특별시 🏙 프로젝트,"))
    }

    @Test("characters CP949 can't carry, or would drop silently, are named with their code points",
          arguments: [("😀", "U+1F600"), ("👍🏽", "U+1F44D U+1F3FD"), ("é", "U+00E9"), ("›", "U+203A"),
                      ("\u{FEFF}", "U+FEFF"), ("₩", "U+20A9"), ("☺️", "U+263A U+FE0F")])
    func unencodable(character: String, codePoints: String) throws {
        var sheet = try CSVFixtures.sheet("sns-communication-2021")
        sheet.rows[2].item = "시 대표 \(character) 운영"
        let error = try #require(throws: CSVEncodingError.self) { try SheetCSV.data(sheet, encoding: .cp949) }
        #expect(error.cells == [CSVEncodingError.Cell(row: 3, line: 4, column: "item", header: "세부사업", character: character)])
        #expect(error.cells.first?.codePoints == codePoints)
        #expect(error.description.hasPrefix("sheet row 3 (CSV line 4), column item (세부사업): \"\(character)\" (\(codePoints)) has no code in CP949\n"))
    }

    @Test("Hangul typed as separate jamo is written composed in CP949 and as typed in UTF-8")
    func decomposedHangul() throws {
        var sheet = try CSVFixtures.sheet("sns-communication-2021")
        let jamo = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}"  // 한글, decomposed
        sheet.rows[0].name = jamo
        let cp949 = try CSVFixtures.text(SheetCSV.data(sheet, encoding: .cp949), .cp949)
        #expect(try RFC4180Reader.parse(cp949)[1][6].unicodeScalars.map(\.value) == [0xD55C, 0xAE00])
        let utf8 = try CSVFixtures.text(SheetCSV.data(sheet), .utf8)
        #expect(Array(try RFC4180Reader.parse(utf8)[1][6].unicodeScalars) == Array(jamo.unicodeScalars))
    }

    // MARK: Fields

    @Test("one field: quoting, doubled quotes and formula neutralisation", arguments: [
        CSVFieldCase("plain", number: false, "plain"),
        CSVFieldCase("", number: false, ""),
        CSVFieldCase("a=b", number: false, "a=b"),
        CSVFieldCase("a,b", number: false, "\"a,b\""),
        CSVFieldCase("say \"hi\"", number: false, "\"say \"\"hi\"\"\""),
        CSVFieldCase("a\nb", number: false, "\"a\nb\""),
        CSVFieldCase("a\r\nb", number: false, "\"a\r\nb\""),  // one Character in Swift, two scalars
        CSVFieldCase("a\rb", number: false, "\"a\rb\""),
        CSVFieldCase("=1+2", number: false, "'=1+2"),
        CSVFieldCase("+82", number: false, "'+82"),
        CSVFieldCase("-3", number: false, "'-3"),
        CSVFieldCase("@SUM(A1)", number: false, "'@SUM(A1)"),
        CSVFieldCase("\t탭", number: false, "'\t탭"),
        CSVFieldCase("\r줄", number: false, "\"'\r줄\""),
        CSVFieldCase("=HYPERLINK(\"x\")", number: false, "\"'=HYPERLINK(\"\"x\"\")\""),
        CSVFieldCase("1200", number: true, "1200"),
        CSVFieldCase("-1200", number: true, "-1200"),
        CSVFieldCase("-12a", number: true, "'-12a"),
        CSVFieldCase("+1200", number: true, "'+1200"),
        CSVFieldCase("-", number: true, "'-"),
    ])
    func field(_ example: CSVFieldCase) {
        #expect(CSVFormat.field(example.text, isNumber: example.isNumber) == example.expected)
    }
}

/// One row of the field table: input, whether the column is a number column, the field as written.
struct CSVFieldCase: Sendable, CustomTestStringConvertible {
    let text: String
    let isNumber: Bool
    let expected: String
    init(_ text: String, number isNumber: Bool, _ expected: String) {
        self.text = text
        self.isNumber = isNumber
        self.expected = expected
    }
    var testDescription: String { "\(text.debugDescription) (\(isNumber ? "number" : "text")) → \(expected.debugDescription)" }
}

private enum CSVFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cp949 = String.Encoding(rawValue: 0x8000_0422)

    enum Failure: Error { case invalid([String]), undecodable }

    /// The sheet of a plan in Events/; fails when the plan has errors.
    static func sheet(_ plan: String) throws -> ProcurementSheet {
        let loaded = PlanLoader.load(path: repository.appendingPathComponent("Events/\(plan).yaml").path, displayName: "Events/\(plan).yaml")
        guard let parsed = loaded.plan else { throw Failure.invalid(loaded.diagnostics.map(\.headline)) }
        return try sheet(parsed)
    }

    /// The sheet of an inline plan.
    static func sheet(text: String) throws -> ProcurementSheet {
        let (plan, diagnostics) = PlanReader.read(text, file: "inline.yaml")
        guard let plan else { throw Failure.invalid(diagnostics.map(\.headline)) }
        return try sheet(plan)
    }

    static func sheet(_ plan: Plan) throws -> ProcurementSheet {
        let (page, findings) = BudgetPage.build(plan)
        guard let page, !findings.hasErrors else { throw Failure.invalid(findings.map(\.headline)) }
        return ProcurementSheet.build(page)
    }

    /// The text of a CSV file; a UTF-8 file must start with a BOM, which is removed.
    static func text(_ data: Data, _ encoding: SheetCSV.Encoding) throws -> String {
        switch encoding {
        case .utf8:
            guard data.starts(with: [0xEF, 0xBB, 0xBF]), let text = String(data: data.dropFirst(3), encoding: .utf8) else { throw Failure.undecodable }
            return text
        case .cp949:
            guard let text = String(data: data, encoding: cp949) else { throw Failure.undecodable }
            return text
        }
    }

    /// The physical lines of a UTF-8 file without cells that span lines: split at CRLF, without the BOM.
    static func lines(_ data: Data) throws -> [String] {
        let text = try text(data, .utf8)
        #expect(text.hasSuffix("\r\n"))
        return text.components(separatedBy: "\r\n").dropLast()
    }
}

/// A small, strict RFC 4180 reader, independent of the writer: records end with CRLF; a quoted field may
/// hold commas, CR, LF and doubled quotes; a quote anywhere else is an error.
private enum RFC4180Reader {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "scalar \(offset): \(reason)" }
    }

    static func parse(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var index = 0
        var quoted = false

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            quoted = false
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 2
                        continue
                    }
                    // The closing quote must end the field.
                    index += 1
                    guard index == scalars.count || scalars[index] == "," || scalars[index] == "\r" else {
                        throw Malformed(offset: index, reason: "text after a closing quote")
                    }
                    quoted = false
                    if index == scalars.count { break }
                    continue
                }
                field.append(scalar)
                index += 1
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty else { throw Malformed(offset: index, reason: "a quote inside an unquoted field") }
                quoted = true
                index += 1
            case ",":
                endField()
                index += 1
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else { throw Malformed(offset: index, reason: "CR without LF outside quotes") }
                endField()
                records.append(record)
                record = []
                index += 2
            case "\n":
                throw Malformed(offset: index, reason: "a bare LF ends a record")
            default:
                field.append(scalar)
                index += 1
            }
        }
        if quoted { throw Malformed(offset: index, reason: "an unclosed quote") }
        guard record.isEmpty, field.isEmpty else { throw Malformed(offset: index, reason: "the last record has no CRLF") }
        return records
    }
}
