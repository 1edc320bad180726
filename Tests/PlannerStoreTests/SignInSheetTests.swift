import Foundation
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("SignInSheet.marks")
struct SignInSheetTests {
    static let committee = EventOrigin(id: "advisory-committee", name: "자문위원회", kind: .advisory)
    static let course = EventOrigin(id: "sns-course", name: "SNS 교육", kind: .education)
    static let sessions = [
        PlannedSession(event: committee, number: 1, payableRoles: [.allowance]),
        PlannedSession(event: committee, number: 2, payableRoles: [.allowance]),
        PlannedSession(event: course, number: 1, payableRoles: [.lecturer, .manuscript]),
    ]

    static func person(_ id: Int64, _ name: String, _ role: PayableRole, _ event: EventOrigin) -> StoredPerson {
        StoredPerson(id: id, name: name, role: role, event: event.id, organization: nil, email: nil, residency: .resident, incomeType: .other,
                     treatyExempt: false, rrnMasked: nil, bank: nil, accountMasked: nil, phoneMasked: nil)
    }

    static let people = [
        person(1, "김민준", .allowance, committee), person(2, "이서연", .allowance, committee),
        person(3, "박도윤", .manuscript, course), person(4, "박도윤", .lecturer, course),
        // On the course's roster, but as a committee member: not paid at the course.
        person(5, "최하은", .allowance, course),
    ]

    @Test("rows become marks in sheet order; a person in two paid roles gives two marks, in roster order")
    func marks() {
        let lines = [
            SignInLine(line: 2, session: "advisory-committee/2", person: "이서연", time: "2017-03-15T14:00"),
            SignInLine(line: 3, session: "sns-course/1", person: "박도윤"),
            SignInLine(line: 4, session: "advisory-committee/1", person: "김민준", time: "2017-03-15T14:05"),
        ]
        let (marks, problems) = SignInSheet.marks(lines, file: "sheet.csv", sessions: Self.sessions, people: Self.people)
        #expect(problems.isEmpty)
        #expect(marks == [
            AttendanceMark(sessionID: "advisory-committee/2", personID: 2, time: "2017-03-15T14:00"),
            AttendanceMark(sessionID: "sns-course/1", personID: 3),
            AttendanceMark(sessionID: "sns-course/1", personID: 4),
            AttendanceMark(sessionID: "advisory-committee/1", personID: 1, time: "2017-03-15T14:05"),
        ])
    }

    @Test("every bad row is a problem with its line, in file order", arguments: [
        (SignInLine(line: 7, session: "advisory-committe/1", person: "김민준"),
         #"sheet.csv:7:1: no session "advisory-committe/1"; did you mean "advisory-committee/1"?"#),
        (SignInLine(line: 8, session: "press-tour/1", person: "김민준"), #"sheet.csv:8:1: no session "press-tour/1""#),
        (SignInLine(line: 9, session: "advisory-committee/1", person: "김민주"),
         #"sheet.csv:9:1: no "김민주" paid at advisory-committee/1; did you mean "김민준"?"#),
        (SignInLine(line: 10, session: "advisory-committee/1", person: "홍길동"), #"sheet.csv:10:1: no "홍길동" paid at advisory-committee/1"#),
        (SignInLine(line: 11, session: "sns-course/1", person: "최하은"), #"sheet.csv:11:1: no "최하은" paid at sns-course/1; did you mean "최하은"?"#),
    ])
    func problems(line: SignInLine, message: String) {
        let good = SignInLine(line: 2, session: "advisory-committee/1", person: "김민준")
        let (marks, problems) = SignInSheet.marks([good, line, good], file: "sheet.csv", sessions: Self.sessions, people: Self.people)
        #expect(problems == [message])
        #expect(marks.count == 2)  // the caller records nothing; the good rows still resolve
    }

    @Test("a sheet of many rows resolves in one pass, whatever the roster's size")
    func large() {
        let people = (1...5_000).map { Self.person(Int64($0), "위원\($0)", .allowance, Self.committee) }
        let lines = (0..<50_000).map { SignInLine(line: $0 + 2, session: "advisory-committee/\($0 % 2 + 1)", person: "위원\($0 % 5_000 + 1)") }
        let (marks, problems) = SignInSheet.marks(lines, file: "sheet.csv", sessions: Self.sessions, people: people)
        #expect(problems.isEmpty)
        #expect(marks.count == 50_000)
        #expect(marks.last == AttendanceMark(sessionID: "advisory-committee/2", personID: 5_000))
    }
}
