import Foundation
import PlannerCore
import SheetExport
import Testing

@Suite("Payment sheets")
struct PaymentSheetTests {
    static func row(_ n: Int, gross: Int64, tax: Int64, local: Int64, name: String = "김민준") -> PaymentSheet.Row {
        PaymentSheet.Row(number: n, person: name, residentNumber: "711231-1******", incomeType: .other, session: "social-city-committee/\(n)",
                         sessionTitle: "", date: "2017-03-15", role: .allowance, gross: Won(gross), incomeTax: Won(tax), localTax: Won(local),
                         net: Won(gross - tax - local), bank: "신한은행", account: "*******1234")
    }

    static let sheet = PaymentSheet(program: "소셜특별시 프로젝트 추진", year: 2017, batch: 1, status: "approved", through: "2017-06-30",
                                    rows: [row(1, gross: 150_000, tax: 12_000, local: 1_200), row(2, gross: 150_000, tax: 12_000, local: 1_200, name: "이 \"서연\" <&>")])

    @Test("the CSV has Korean headers, one row per payment and a 합계 row")
    func csv() {
        let text = String(decoding: Self.sheet.csv(), as: UTF8.self)
        #expect(text == "\u{FEFF}번호,성명,주민등록번호,소득구분,회차,내용,일자,지급구분,지급액,소득세,지방소득세,실지급액,은행,계좌번호\r\n"
            + "1,김민준,711231-1******,기타소득,social-city-committee/1,,2017-03-15,참석수당,150000,12000,1200,136800,신한은행,*******1234\r\n"
            + "2,\"이 \"\"서연\"\" <&>\",711231-1******,기타소득,social-city-committee/2,,2017-03-15,참석수당,150000,12000,1200,136800,신한은행,*******1234\r\n"
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
