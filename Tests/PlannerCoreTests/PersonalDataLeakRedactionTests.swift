import PlannerCore
import Testing

/// Numbers written with spaces or dots are as personal as with hyphens (issue 9, part 4): the
/// excerpts of roster lines and the values quoted in roster messages hide them too.
@Suite("Redaction of personal numbers written with spaces or dots")
struct PersonalDataLeakRedactionTests {
    @Test("roster excerpts hide numbers of 7+ digits whatever joins their groups; dates and times stay", arguments: [
        ("나래빛,,010 6284 1957,거주자", "나래빛,,*** **** ****,거주자"),
        ("다온결,,010.4827.3619,1002 748 395162", "다온결,,***.****.****,**** *** ******"),
        ("라온별,850412 1938274,482 73 9163825", "라온별,****** *******,*** ** *******"),
        ("social-city-committee/2,김민준,2017-03-15 14:00", "social-city-committee/2,김민준,2017-03-15 14:00"),
        ("social-city-committee/2,김민준,2017.03.15 14:00", "social-city-committee/2,김민준,2017.03.15 14:00"),
        ("row 12, 15명, 2017-03-15, 3 4", "row 12, 15명, 2017-03-15, 3 4"),
        ("2017-03-15 010 6284 1957", "2017-03-15 *** **** ****"),
        ("12 34", "12 34"),
        ("110-123-", "110-123-"),
        ("110-123-4567-", "***-***-****-"),
    ])
    func digitRuns(_ input: String, _ expected: String) {
        #expect(Redaction.maskingDigitRuns(in: input) == expected)
    }

    @Test("phone numbers starting with 0 are masked with spaces or dots too; years and amounts are not", arguments: [
        ("010 6284 1957", "*** **** ****"),
        ("02.2133.6480", "**.****.****"),
        ("연락처 011 583 2946 (휴대)", "연락처 *** *** **** (휴대)"),
        ("2015 2016 2017", "2015 2016 2017"),
        ("150 000 0000", "150 000 0000"),
        ("010 6284", "010 6284"),
        ("010-6284 1957", "***-**** 1957"),
        ("신병규 2133-6480", "신병규 ****-****"),
    ])
    func phoneNumbers(_ input: String, _ expected: String) {
        #expect(Redaction.maskingPhoneNumbers(in: input) == expected)
    }
}
