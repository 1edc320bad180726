import Foundation
import PlannerCore
import SheetExport
import Testing

@Suite("Payment sheets")
struct PaymentSheetTests {
    static func row(_ n: Int, gross: Int64, tax: Int64, local: Int64, name: String = "김민준") -> PaymentSheet.Row {
        PaymentSheet.Row(number: n, person: name, residentNumber: "711231-1******", incomeType: .other, session: "소셜특별시 자문위원회 \(n)회 (2017-03-15)",
                         sessionTitle: "소셜특별시 자문위원회 참석수당", date: "2017-03-15", role: .allowance, gross: Won(gross), incomeTax: Won(tax), localTax: Won(local),
                         net: Won(gross - tax - local), bank: "신한은행", account: "*******1234")
    }

    static let sheet = PaymentSheet(program: "소셜특별시 프로젝트 추진", year: 2017, batch: 1, status: "approved", through: "2017-06-30",
                                    rows: [row(1, gross: 150_000, tax: 12_000, local: 1_200), row(2, gross: 150_000, tax: 12_000, local: 1_200, name: "이 \"서연\" <&>")])

    @Test("the CSV has Korean headers, one row per payment and a 합계 row")
    func csv() {
        let text = String(decoding: Self.sheet.csv(), as: UTF8.self)
        #expect(text == "\u{FEFF}번호,성명,주민등록번호,소득구분,회차,내용,일자,지급구분,지급액,소득세,지방소득세,실지급액,은행,계좌번호\r\n"
            + "1,김민준,711231-1******,기타소득,소셜특별시 자문위원회 1회 (2017-03-15),소셜특별시 자문위원회 참석수당,2017-03-15,참석수당,150000,12000,1200,136800,신한은행,*******1234\r\n"
            + "2,\"이 \"\"서연\"\" <&>\",711231-1******,기타소득,소셜특별시 자문위원회 2회 (2017-03-15),소셜특별시 자문위원회 참석수당,2017-03-15,참석수당,150000,12000,1200,136800,신한은행,*******1234\r\n"
            + "합계,,,,,,,,300000,24000,2400,273600,,\r\n")
    }

    @Test("the XML is valid against payments.xsd and carries the totals")
    func xml() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("payments-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.sheet.writeXML(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("<payments xmlns=\"urn:planner:payments:1\" program=\"소셜특별시 프로젝트 추진\" year=\"2017\" batch=\"1\" status=\"approved\" through=\"2017-06-30\">"))
        #expect(text.contains("<person>이 &quot;서연&quot; &lt;&amp;&gt;</person>"))
        #expect(text.contains("<net currency=\"KRW\">273600</net>"))
        #expect(text.contains("<session>소셜특별시 자문위원회 1회 (2017-03-15)</session>"))
        #expect(text.contains("<sessionTitle>소셜특별시 자문위원회 참석수당</sessionTitle>"))
        #expect(text.contains("<date>2017-03-15</date>"))
    }

    @Test("a sheet the schema refuses is reported with line numbers")
    func invalid() throws {
        var broken = Self.sheet
        broken.rows[0].person = ""
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("payments-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SheetXMLError.self) { try broken.writeXML(to: path) }
        do {
            try broken.writeXML(to: path)
        } catch SheetXMLError.invalid(let problems) {
            #expect(problems.first?.line == 5)
        }
    }
}

@Suite("Bank transfer sheets")
struct TransferSheetTests {
    static let sheet = TransferSheet(program: "소셜특별시 프로젝트 추진", year: 2017, batch: 2, payDay: "2017-12-05", rows: [
        TransferLine(number: 1, bank: "신한은행", account: "110432987601", holder: "김민준", amount: Won(450_000), payments: 3),
        TransferLine(number: 2, bank: "국민은행", account: "00012345678", holder: "이 \"서연\" <&>", amount: Won(150_000), payments: 1),
    ])

    @Test("the CSV has one row per payee with the account in full, and a 합계 row")
    func csv() {
        #expect(String(decoding: Self.sheet.csv(), as: UTF8.self) == "\u{FEFF}번호,은행,계좌번호,예금주,이체금액,지급건수\r\n"
            + "1,신한은행,110432987601,김민준,450000,3\r\n"
            + "2,국민은행,00012345678,\"이 \"\"서연\"\" <&>\",150000,1\r\n"
            + "합계,,,,600000,4\r\n")
        #expect(String(decoding: Self.sheet.csv(english: true), as: UTF8.self).hasPrefix("\u{FEFF}number,bank,account,holder,amount,payments\r\n"))
    }

    @Test("the XML is valid against transfers.xsd")
    func xml() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("transfers-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.sheet.writeXML(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("<transfers xmlns=\"urn:planner:transfers:1\" program=\"소셜특별시 프로젝트 추진\" year=\"2017\" batch=\"2\" payDay=\"2017-12-05\">"))
        #expect(text.contains("<account>00012345678</account>"))
        #expect(text.contains("<holder>이 &quot;서연&quot; &lt;&amp;&gt;</holder>"))
        #expect(text.contains("<totals>\n    <count>2</count>\n    <amount currency=\"KRW\">600000</amount>\n  </totals>"))
    }

    @Test("a transfer without a holder is refused by the schema")
    func invalid() throws {
        var broken = Self.sheet
        broken.rows[0].holder = ""
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("transfers-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SheetXMLError.self) { try broken.writeXML(to: path) }
    }
}
