import PlannerCore
import Testing

@Suite("Redaction of phone numbers in excerpts")
struct RedactionTests {
    @Test("phone numbers are masked; dates, codes and amounts are not", arguments: [
        ("    director: 신병규 2133-6480", "    director: 신병규 ****-****"),
        ("    phone: 02-2133-6480", "    phone: **-****-****"),
        ("    phone: 010-1234-5678 (휴대)", "    phone: ***-****-**** (휴대)"),
        ("period: 2017-01-01 ~ 2017-12-31", "period: 2017-01-01 ~ 2017-12-31"),
        ("  - code: 201-01", "  - code: 201-01"),
        ("    unitPrice: 150,000원", "    unitPrice: 150,000원"),
        ("    note: 12345-6789", "    note: 12345-6789"),
    ])
    func masking(input: String, expected: String) {
        #expect(Redaction.maskingPhoneNumbers(in: input) == expected)
    }

    @Test("the excerpt under a message never shows the phone number")
    func formatterMasks() {
        let formatter = DiagnosticFormatter(prefix: "planner: ") { _, _ in "  - director: 신병규 2133-6480" }
        let text = formatter.format(.error(at: SourceLocation(file: "p.yaml", line: 4, column: 5), path: "officers[0]", "unknown key \"phone\""))
        #expect(text == """
            planner: error: p.yaml:4:5: officers[0]: unknown key "phone"
             4 |   - director: 신병규 ****-****
               |     ^

            """)
    }
}

@Suite("Redaction of personal numbers in roster excerpts")
struct DigitRunRedactionTests {
    @Test("resident numbers, accounts and phones are hidden; short numbers stay", arguments: [
        ("김민준,allowance,social-city-committee,711231-1234567,신한은행,110-123-456789", "김민준,allowance,social-city-committee,******-*******,신한은행,***-***-******"),
        ("이서연,,,,010-1234-5678", "이서연,,,,***-****-****"),
        ("row 12, 15명, 2017-03-15", "row 12, 15명, 2017-03-15"),
    ])
    func masking(_ input: String, _ expected: String) {
        #expect(Redaction.maskingDigitRuns(in: input) == expected)
    }
}
