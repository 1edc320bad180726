import Foundation
import PlanFiles
import Testing

/// The education kind through the binary: the 2017 lines, the rate table beside the plan, every
/// message about bad input, the starter plan and the example plan.
@Suite("Education kind")
struct EducationKindTests {
    /// The repository's rate table, so that the tests pin the rates an officer actually gets.
    static func rates() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("Events/rates.yaml"), encoding: .utf8)
    }

    /// A plan whose only item holds `event` (indented under `lines:`); the event starts at line 8, column 13.
    static func plan(_ event: String, year: Int = 2017) -> String {
        """
        program: 테스트 사업
        year: \(year)
        categories:
          - name: 사무관리비
            items:
              - name: 직원 소셜미디어 전문가 교육
                lines:
        \(event.split(separator: "\n", omittingEmptySubsequences: false).map { "          " + $0 }.joined(separator: "\n"))
        """
    }

    /// The 2017 event: 12 sessions of 2 hours by a grade1 lecturer, and the materials.
    static let reference2017 = """
        - kind: education
          sessions: 12
          grade: grade1
          hours: 2
          materials: 10,400,000원
        """

    /// The 산출근거 of a plan with one category (사무관리비) holding one item: the category's total, the
    /// item, its lines and the start of the 합 계 row, so that no other line can hide between them.
    static func page(item: String, total: String, _ lines: [String]) -> String {
        "  사무관리비  계 = \(total)\n" + "              ○ \(item) = \(total)\n"
            + lines.map { "                - \($0)\n" }.joined() + "  합 계       \(total)\n"
    }

    /// Writes the repository's rates and a plan holding `event`, then runs `body`.
    static func withPlan(_ event: String, year: Int = 2017, rates: Bool = true, _ body: (Sandbox) throws -> Void) throws {
        try Sandbox.with { sandbox in
            if rates { try sandbox.write("rates.yaml", try Self.rates()) }
            try sandbox.write("plan.yaml", Self.plan(event, year: year))
            try body(sandbox)
        }
    }

    // MARK: - Lines

    @Test("12 sessions of 2 hours by a grade1 lecturer with 10,400,000원 of materials print the 2017 page's three lines")
    func reference2017Lines() throws {
        try Self.withPlan(Self.reference2017) { sandbox in
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.status == Exit.ok)
            #expect(budget.stdout.contains(Self.page(item: "직원 소셜미디어 전문가 교육", total: "20,000천원", [
                "강사료 500,000원*12회 = 6,000천원",
                "원고료 300,000원*12회 = 3,600천원",
                "교재제작 등 운영비 10,400,000원 = 10,400천원",
            ])))
            let json = try sandbox.run("budget", "plan.yaml", "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let lines = ((object["categories"] as? [[String: Any]])?.first?["items"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]]
            #expect(lines?.map { $0["formula"] as? String } == ["500,000원*12회", "300,000원*12회", "10,400,000원"])
            #expect(lines?.map { $0["amount"] as? Int } == [6_000_000, 3_600_000, 10_400_000])
            #expect(lines?.map { $0["kind"] as? String } == ["education", "education", "education"])
            #expect(lines?.map { $0["payee"] as? String } == ["lecturer", "manuscript", "vendor"])
            let events = try #require(object["events"] as? [[String: Any]])
            let sessions = try #require(events.first?["sessions"] as? [[String: Any]])
            #expect(sessions.count == 12)
            #expect(sessions.first?["payableRoles"] as? [String] == ["lecturer", "manuscript"])
        }
    }

    @Test("sessions written out: dates, topics and headcounts reach the events, and a special lecturer gets a line of its own")
    func sessionList() throws {
        try Self.withPlan("""
            - kind: education
              grade: grade1
              hours: 2
              headcount: 40
              sessions:
                - { date: 2017-03-08, topic: 소셜미디어와 행정, grade: special, headcount: 60 }
                - { date: 2017-04-12, topic: 카드뉴스 실습, manuscript: no }
                - { date: 2017-05-10, topic: 사례 발표 }
            """) { sandbox in
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.stdout.contains(Self.page(item: "직원 소셜미디어 전문가 교육", total: "2,300천원", [
                "강사료 700,000원*1회 = 700천원",
                "강사료 500,000원*2회 = 1,000천원",
                "원고료 300,000원*2회 = 600천원",
            ])))
            let json = try sandbox.run("budget", "plan.yaml", "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let sessions = try #require((object["events"] as? [[String: Any]])?.first?["sessions"] as? [[String: Any]])
            #expect(sessions.map { $0["title"] as? String } == ["소셜미디어와 행정", "카드뉴스 실습", "사례 발표"])
            #expect(sessions.map { $0["date"] as? String } == ["2017-03-08", "2017-04-12", "2017-05-10"])
            #expect(sessions.map { $0["headcount"] as? Int } == [60, 40, 40])
            #expect(sessions.map { $0["payableRoles"] as? [String] } == [["lecturer", "manuscript"], ["lecturer"], ["lecturer", "manuscript"]])
        }
    }

    @Test("a venue and other line names: rooms × days × the room rate")
    func venueAndNames() throws {
        try Self.withPlan("""
            - kind: education
              sessions: 4
              grade: grade2
              hours: 3
              manuscripts: 0
              venue:
                rooms: 1
              names:
                lecturer: 외부강사 수당
            """) { sandbox in
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.stdout.contains(Self.page(item: "직원 소셜미디어 전문가 교육", total: "3,600천원", [
                "외부강사 수당 400,000원*4회 = 1,600천원",
                "교육장 임차료 500,000원*1실*4일 = 2,000천원",
            ])))
        }
    }

    @Test("a written lecturer fee that departs from the standard is a note in check, with its reason")
    func departureNote() throws {
        try Self.withPlan(Self.reference2017 + "\n  lecturerFee: { amount: 600,000원, reason: 명사 특강 }") { sandbox in
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stdout == "plan.yaml: 0 errors, 0 warnings, 1 note\n")
            #expect(check.stderr == """
                planner: note: plan.yaml:13:36: categories[0].items[0].lines[0].lecturerFee: the lecturer fee (강사료) for 2 hours of a grade1 lecture is 600,000원 instead of the standard 500,000원 (2017년 예산서 산출기초 (소셜특별시 프로젝트 추진)): 명사 특강
                 13 |             lecturerFee: { amount: 600,000원, reason: 명사 특강 }
                    |                                    ^

                """)
            #expect(check.status == Exit.ok)
        }
    }

    // MARK: - Bad input

    @Test("zero sessions with a lecturer fee")
    func zeroSessions() throws {
        try Self.withPlan("- kind: education\n  sessions: 0\n  grade: grade1\n  hours: 2") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:9:23: categories[0].items[0].lines[0].sessions: expected at least one session, got 0
                 9 |             sessions: 0
                   |                       ^
                  hint: drop the course from the plan if there are no sessions this year

                """, errors: 1)
        }
    }

    @Test("hours of 0, or not a whole number", arguments: [("0", "0"), ("1.5", "\"1.5\""), ("두 시간", "\"두 시간\"")])
    func badHours(written: String, shown: String) throws {
        try Self.withPlan("- kind: education\n  sessions: 12\n  grade: grade1\n  hours: \(written)") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:11:20: categories[0].items[0].lines[0].hours: expected the hours per session as a whole number from 1 to 24, got \(shown)
                 11 |             hours: \(written)
                    |                    ^
                  hint: the fee is paid by whole hours: the first hour, then each further hour

                """, errors: 1)
        }
    }

    @Test("hours written with their unit word are accepted: 2시간")
    func hoursWithUnit() throws {
        try Self.withPlan("- kind: education\n  sessions: 12\n  grade: grade1\n  hours: 2시간") { sandbox in
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.stdout.contains("                - 강사료 500,000원*12회 = 6,000천원\n"))
        }
    }

    @Test("a lecturer grade the rate table doesn't have suggests one it has")
    func unknownGrade() throws {
        try Self.withPlan("- kind: education\n  sessions: 12\n  grade: grde1\n  hours: 2") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].grade: expected a lecturer grade of the rate table (grade1, grade2, special), got "grde1"
                 10 |             grade: grde1
                    |                    ^
                  hint: did you mean "grade1"? the grades are the <grade> of lecturer.<grade>.firstHour in rates.yaml

                """, errors: 1)
        }
    }

    @Test("more dates than sessions")
    func moreDatesThanSessions() throws {
        try Self.withPlan("- kind: education\n  sessions: 2\n  dates: [2017-03-08, 2017-04-12, 2017-05-10]\n  grade: grade1\n  hours: 2") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 2 dates, one per session, got 3
                 10 |             dates: [2017-03-08, 2017-04-12, 2017-05-10]
                    |                    ^
                  hint: add sessions, or drop the extra dates

                """, errors: 1)
        }
    }

    @Test("a 2012 plan when the rates start in 2016: each rate the event needs, with when it starts")
    func rateMissingForTheYear() throws {
        try Self.withPlan(Self.reference2017, year: 2012) { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:13: categories[0].items[0].lines[0].manuscriptFee: the manuscript fee (원고료) has no rate in force on 2012-01-01: lecturer.manuscript in rates.yaml starts on 2016-01-01
                 8 |           - kind: education
                   |             ^
                  hint: add an entry for lecturer.manuscript from 2012-01-01 or earlier, or write the amount in the plan
                planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].grade: the first hour of a grade1 lecture (강사료) has no rate in force on 2012-01-01: lecturer.grade1.firstHour in rates.yaml starts on 2016-01-01
                 10 |             grade: grade1
                    |                    ^
                  hint: add an entry for lecturer.grade1.firstHour from 2012-01-01 or earlier, or write the amount in the plan
                planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].grade: each further hour of a grade1 lecture (강사료) has no rate in force on 2012-01-01: lecturer.grade1.extraHour in rates.yaml starts on 2016-01-01
                 10 |             grade: grade1
                    |                    ^
                  hint: add an entry for lecturer.grade1.extraHour from 2012-01-01 or earlier, or write the amount in the plan

                """, errors: 3)
        }
    }

    @Test("no grade and no fee: the grade is asked for")
    func missingGrade() throws {
        try Self.withPlan("- kind: education\n  sessions: 12\n  hours: 2") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:13: categories[0].items[0].lines[0]: missing "grade" (the lecturer grade in the rate table, e.g. grade1)
                 8 |           - kind: education
                   |             ^
                  hint: or write the fee per session yourself: lecturerFee: 500,000원

                """, errors: 1)
        }
    }

    @Test("no hours and no fee: the hours are asked for")
    func missingHours() throws {
        try Self.withPlan("- kind: education\n  sessions: 12\n  grade: grade1") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:13: categories[0].items[0].lines[0]: missing "hours" (the hours per session, e.g. 2)
                 8 |           - kind: education
                   |             ^
                  hint: or write the fee per session yourself: lecturerFee: 500,000원

                """, errors: 1)
        }
    }

    @Test("no rate table: the fees must be written")
    func noRateTable() throws {
        try Self.withPlan(Self.reference2017, rates: false) { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:13: categories[0].items[0].lines[0].manuscriptFee: the manuscript fee (원고료) needs a rate: no rate table was found and the plan gives no amount
                 8 |           - kind: education
                   |             ^
                  hint: add Events/rates.yaml (see the README) or write the amount in the plan
                planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].grade: the first hour of a grade1 lecture (강사료) needs a rate: no rate table was found and the plan gives no amount
                 10 |             grade: grade1
                    |                    ^
                  hint: add Events/rates.yaml (see the README) or write the amount in the plan
                planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].grade: each further hour of a grade1 lecture (강사료) needs a rate: no rate table was found and the plan gives no amount
                 10 |             grade: grade1
                    |                    ^
                  hint: add Events/rates.yaml (see the README) or write the amount in the plan

                """, errors: 3)
        }
    }

    @Test("dates beside a list of sessions belong inside the sessions")
    func datesBesideASessionList() throws {
        try Self.withPlan("""
            - kind: education
              grade: grade1
              hours: 2
              dates: [2017-03-08]
              sessions:
                - { date: 2017-03-08, topic: 소셜미디어와 행정 }
            """) { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:11:20: categories[0].items[0].lines[0].dates: expected the dates inside the sessions list (date: on each session), got a separate dates list
                 11 |             dates: [2017-03-08]
                    |                    ^
                  hint: move each date to its session, or write sessions as a count

                """, errors: 1)
        }
    }

    @Test("a session's manuscript is yes or no")
    func manuscriptYesOrNo() throws {
        try Self.withPlan("""
            - kind: education
              grade: grade1
              hours: 2
              sessions:
                - { topic: 소셜미디어와 행정, manuscript: 없음 }
            """) { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:12:49: categories[0].items[0].lines[0].sessions[0].manuscript: expected yes or no, got "없음"
                 12 |               - { topic: 소셜미디어와 행정, manuscript: 없음 }
                    |                                                         ^
                  hint: manuscript: no when no manuscript is paid for this session

                """, errors: 1)
        }
    }

    @Test("a venue of zero rooms")
    func venueWithoutRooms() throws {
        try Self.withPlan(Self.reference2017 + "\n  venue:\n    rooms: 0") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:14:22: categories[0].items[0].lines[0].venue.rooms: expected at least one room for the venue, got 0
                 14 |               rooms: 0
                    |                      ^
                  hint: drop venue: if no room is rented

                """, errors: 1)
        }
    }

    @Test("a misspelled key of the kind gets a did-you-mean")
    func misspelledKey() throws {
        try Self.withPlan("- kind: education\n  sessions: 12\n  grade: grade1\n  hour: 2") { sandbox in
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:11:13: categories[0].items[0].lines[0].hour: unknown key "hour"
                 11 |             hour: 2
                    |             ^
                  hint: did you mean "hours"?

                """, errors: 1)
        }
    }

    // MARK: - Starter and example

    @Test("the starter plan passes budget as is, with the repository's rate table and without any", arguments: [true, false])
    func starter(withRates: Bool) throws {
        try Sandbox.with { sandbox in
            if withRates { try sandbox.write("rates.yaml", try Self.rates()) }
            try sandbox.write("plan.yaml", EducationStarter.yaml(year: 2026))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.status == Exit.ok, "\(budget)")
            // Its written amounts are the 2024 standard ones: nothing to note either way.
            #expect(budget.stderr == "")
            #expect(budget.stdout.contains("   - 강사료 850,000원*1회 = 850천원\n"))
            #expect(budget.stdout.contains("   - 강사료 600,000원*5회 = 3,000천원\n"))
            #expect(budget.stdout.contains("   - 원고료 350,000원*5회 = 1,750천원\n"))
        }
    }

    @Test("planner new education | planner budget - prints a page")
    func starterThroughStandardInput() throws {
        try Sandbox.with { sandbox in
            let starter = try sandbox.run("new", "education", "--year", "2026")
            #expect(starter.stdout == EducationStarter.yaml(year: 2026) + "\n")
            let budget = try sandbox.run("budget", "-", stdin: Data(starter.stdout.utf8))
            #expect(budget.status == Exit.ok, "\(budget)")
        }
    }

    @Test("the example plan Events/staff-sns-education-2026.yaml checks without errors or warnings")
    func examplePlan() throws {
        let check = try runPlanner(["check", "Events/staff-sns-education-2026.yaml"], in: repositoryRoot)
        #expect(check.status == Exit.ok, "\(check)")
        #expect(check.stdout.hasPrefix("Events/staff-sns-education-2026.yaml: 0 errors, 0 warnings"))
    }
}
