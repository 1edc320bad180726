import PlannerCore
import Testing

/// The one mask every excerpt and every quoted value of an input file goes through.
@Suite("Redaction of personal numbers")
struct RedactionTests {
    @Test("resident numbers are hidden in every spelling", arguments: [
        ("700101-1234500", "******-*******"),
        ("7001011234500", "*************"),
        ("700101 1234500", "****** *******"),
        ("700101.1234500", "******.*******"),
        ("７００１０１－１２３４５００", "＊＊＊＊＊＊－＊＊＊＊＊＊＊"),
        ("７００１０１１２３４５００", "＊＊＊＊＊＊＊＊＊＊＊＊＊"),
        ("７００１０１-1234500", "＊＊＊＊＊＊-*******"),
        ("700101－1234500", "******－*******"),
        ("700101\u{3000}1234500", "******\u{3000}*******"),
        ("700101–1234500", "******–*******"),
        ("주민번호:700101-1234500,", "주민번호:******-*******,"),
        ("rrn700101-1234500x", "rrn******-*******x"),
        ("700101-1******", "******-*******"),
    ])
    func residentNumbers(_ input: String, _ expected: String) {
        #expect(Redaction.masking(input) == expected)
    }

    @Test("accounts and phone numbers are hidden whatever joins their groups", arguments: [
        ("김민준,allowance,social-city-committee,711231-1234567,신한은행,110-123-456789",
         "김민준,allowance,social-city-committee,******-*******,신한은행,***-***-******"),
        ("다온결,,010.4827.3619,1002 748 395162", "다온결,,***.****.****,**** *** ******"),
        ("라온별,850412 1938274,482 73 9163825", "라온별,****** *******,*** ** *******"),
        ("302 1234 5678 11", "*** **** **** **"),
        ("1002-12-12-3456", "****-**-**-****"),
        ("110-123-4567-", "***-***-****-"),
        ("    director: 신병규 2133-6480", "    director: 신병규 ****-****"),
        ("    phone: 02-2133-6480", "    phone: **-****-****"),
        ("    phone: 010-1234-5678 (휴대)", "    phone: ***-****-**** (휴대)"),
        ("010 6284 1957", "*** **** ****"),
        ("02.2133.6480", "**.****.****"),
        ("연락처 011 583 2946 (휴대)", "연락처 *** *** **** (휴대)"),
        ("０１０－１２３４－５６７８", "＊＊＊－＊＊＊＊－＊＊＊＊"),
        ("01012345678", "***********"),
        ("010 6284", "*** ****"),
        ("010-6284 1957", "***-**** ****"),
        ("2017-03-15 010 6284 1957", "2017-03-15 *** **** ****"),
        ("note: 12345-6789", "note: *****-****"),
        ("150 000 0000", "*** *** ****"),
        ("2015 2016 2099 2100", "**** **** **** ****"),
    ])
    func accountsAndPhones(_ input: String, _ expected: String) {
        #expect(Redaction.masking(input) == expected)
    }

    @Test("dates, times, codes, amounts and years stay readable", arguments: [
        "period: 2017-01-01 ~ 2017-12-31",
        "사업기간 : 2017.1.1. ~ 2017.12.31.",
        "social-city-committee/2,김민준,2017-03-15 14:00",
        "social-city-committee/2,김민준,2017.03.15 14:00",
        "2017-13-45",
        "  - code: 201-01",
        "    unitPrice: 150,000원",
        "declared: 13,500천원",
        "materials: 10400000원",
        "자문료 5000000만원",
        "up to 9,223,372,036,854,775,807원",
        "2015 2016 2017",
        "2015-2017",
        "row 12, 15명, 2017-03-15, 3 4",
        "12 34",
        "110-123-",
        "(B-A)*100/A",
        "700101",
    ])
    func readable(_ input: String) {
        #expect(Redaction.masking(input) == input)
    }

    @Test("a personal number on its own is told apart from text that holds numbers", arguments: [
        ("850412-1938274", true), ("８５０４１２－１９３８２７４", true), ("357 918264 73501", true), ("010.7391.4826", true),
        ("김민준", false), ("2017-03-15", false), ("2015 2016", false), ("201-01", false), ("700101", false),
        ("__DdeLink_60_870516294", false), ("", false),
    ])
    func personalNumbers(_ text: String, _ expected: Bool) {
        #expect(Redaction.isPersonalNumber(text) == expected)
    }

    @Test("an excerpt is one masked line cut to its width", arguments: [
        ("가람솔,위원,850412-1938274\n나래빛,위원,920817-2746139", 80, "가람솔,위원,******-*******…"),
        (String(repeating: "가", count: 50), 80, String(repeating: "가", count: 39) + "…"),
        (String(repeating: "a", count: 80), 80, String(repeating: "a", count: 80)),
        ("010-1234-5678" + String(repeating: "x", count: 80), 12, "***-****-**…"),
        ("before\u{1B}[31mred", 80, "before\u{FFFD}[31mred"),
        ("", 80, ""),
    ])
    func excerpts(_ input: String, _ width: Int, _ expected: String) {
        #expect(Redaction.excerpt(input, width: width) == expected)
    }

    @Test("a quoted value is cut to the quote width")
    func quotes() {
        let roster = "성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호 김민준,위원,social-city-committee,700101-1234500"
        #expect(Redaction.quoted(roster) == "\"성명,역할,행사,소속,이메일,연락처,거주구분,소득…\"")
        #expect(Redaction.quoted("010-1234-5678") == "\"***-****-****\"")
        #expect(DisplayWidth.of(Redaction.quoted(String(repeating: "7", count: 200))) == Redaction.quoteWidth + 2)
    }

    @Test("an excerpt that leaves out more than three lines' worth says how much, within its width")
    func countedCuts() {
        let field = String(repeating: "a", count: 1_000_000)
        #expect(Redaction.quoted(field) == "\"" + String(repeating: "a", count: 19) + "…\" (999,981 more characters)")
        #expect(Redaction.excerpt(field) == String(repeating: "a", count: 51) + "… (999,949 more characters)")
        #expect(DisplayWidth.of(Redaction.excerpt(field)) <= Redaction.lineWidth)
        let line = Redaction.excerptLine("x: " + field, column: 4)
        #expect(line.text == "x: " + String(repeating: "a", count: 48) + "… (999,952 more characters)" && line.caret == 3)
        let end = Redaction.excerptLine(field + " 700101-1234500", column: 1_000_002)
        #expect(end.text == "…" + String(repeating: "a", count: 36) + " ******-******* (999,964 more characters)" && end.caret == 38)
        #expect(DisplayWidth.of(end.text) <= Redaction.lineWidth)
        // What is cut of the line is counted, more than three lines' worth of it; further lines show as `…`.
        #expect(Redaction.excerpt("가람솔\n" + String(repeating: "b", count: 300)) == "가람솔…")
        #expect(Redaction.excerpt(String(repeating: "b", count: 400) + "\n가람솔") == String(repeating: "b", count: 57) + "… (343 more characters)")
        #expect(Redaction.excerpt(String(repeating: "b", count: 319)) == String(repeating: "b", count: 79) + "…")
    }

    @Test("a personal number anywhere in text, ten digits or more in any spelling, is told apart from dates, amounts and short numbers", arguments: [
        ("김민준7001011234500", true), ("소속 710202-2234501", true), ("700101-1234500", true), ("계좌 ７００１０１－１２３４５００", true),
        ("110 123 456789 국민", true), ("010.1234.5678", true), ("연락처 02-2133-6480", true),
        ("member1@example.kr", false), ("kim19700101@example.kr", false), ("2017-03-15 14:00", false), ("150,000원 1500000원", false),
        ("2015 2016 2017", false), ("201-01", false), ("__DdeLink_60_870516294", false), ("2133-6480", false), ("", false),
    ])
    func containsPersonalNumber(_ text: String, _ expected: Bool) {
        #expect(Redaction.containsPersonalNumber(text) == expected)
    }

    @Test("a long excerpt line keeps the caret: the start of the line, a window around the column, or the end")
    func windows() {
        let line = "- name: " + String(repeating: "가나다라", count: 30) + " 700101-1234500 end"
        let start = Redaction.excerptLine(line, column: 3)
        #expect(start.text == "- name: " + String(repeating: "가나다라", count: 8) + "가나다…" && start.caret == 2)
        #expect(DisplayWidth.of(start.text) == 79)

        // Column 130 is the first digit of the resident number, near the end: the window ends the line.
        let end = Redaction.excerptLine(line, column: 130)
        #expect(end.text == "…다라" + String(repeating: "가나다라", count: 7) + " ******-******* end")
        #expect(end.caret == 62 && DisplayWidth.of(end.text) == 80)
        #expect(Array(end.text.unicodeScalars)[32] == "*")

        // In the middle of a long line: `…` on both sides, the caret at about the middle.
        let long = "x: " + String(repeating: "가", count: 100) + " 7001011234500 " + String(repeating: "나", count: 100)
        let middle = Redaction.excerptLine(long, column: 105)
        #expect(middle.text == "…" + String(repeating: "가", count: 19) + " ************* " + String(repeating: "나", count: 12) + "…")
        #expect(middle.caret == 40 && DisplayWidth.of(middle.text) == 79)

        let short = Redaction.excerptLine("  fee: 010-1234-5678", column: 8)
        #expect(short.text == "  fee: ***-****-****" && short.caret == 7)
    }

    @Test("a path that holds a key of the file is masked in the headline")
    func paths() {
        let diagnostic = Diagnostic.error(at: SourceLocation(file: "p.yaml", line: 18, column: 13),
                                          path: "categories[0].items[0].lines[0].357-918264-73501", "unknown key \"***-******-*****\"")
        #expect(diagnostic.headline == "error: p.yaml:18:13: categories[0].items[0].lines[0].***-******-*****: unknown key \"***-******-*****\"")
    }

    @Test("the excerpt under a message never shows a personal number, and its caret stays put")
    func formatterMasks() {
        let formatter = DiagnosticFormatter(prefix: "planner: ") { _, line in
            line == 4 ? "  - director: 신병규 2133-6480" : "가람솔,７００１０１－１２３４５００,x"
        }
        let text = formatter.format(.error(at: SourceLocation(file: "p.yaml", line: 4, column: 5), path: "officers[0]", "unknown key \"phone\""))
        #expect(text == """
            planner: error: p.yaml:4:5: officers[0]: unknown key "phone"
             4 |   - director: 신병규 ****-****
               |     ^

            """)
        // The caret under the full-width hyphen: six full-width digits, masked as six full-width stars, before it.
        let wide = formatter.format(.error(at: SourceLocation(file: "r.csv", line: 2, column: 11), "expected a role"))
        #expect(wide == """
            planner: error: r.csv:2:11: expected a role
             2 | 가람솔,＊＊＊＊＊＊－＊＊＊＊＊＊＊,x
               |                    ^

            """)
    }
}
