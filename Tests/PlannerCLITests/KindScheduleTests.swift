import Foundation
import Testing

/// The sessions of every kind (meetings, sessions, tours, conference days) and their dates are checked
/// alike: at least one, and when dates are written, exactly one per session.
@Suite("Sessions and dates, alike in every kind")
struct KindScheduleTests {
    /// An event of `kind` whose session count is written at line 9 (`countKey: count`), with `dates:`
    /// at line 10 when given; amounts are written so that no rate table is needed.
    struct Event: Sendable {
        let kind: String
        let countKey: String
        let amounts: [String]

        func plan(count: Int, dates: Int?) -> String {
            let days = ["2017-03-15", "2017-05-17", "2017-07-19", "2017-09-20"]
            var lines = ["- kind: \(kind)", "  \(countKey): \(count)"]
            if let dates { lines.append("  dates: [\(days.prefix(dates).joined(separator: ", "))]") }
            lines += amounts.map { "  " + $0 }
            return """
                program: 테스트 사업
                year: 2017
                categories:
                  - name: 사무관리비
                    items:
                      - name: 행사
                        lines:
                \(lines.map { "          " + $0 }.joined(separator: "\n"))
                """
        }
    }

    static let advisory = Event(kind: "advisory", countKey: "meetings", amounts: ["members: 15", "allowance: 150,000원"])
    static let education = Event(kind: "education", countKey: "sessions", amounts: ["lecturerFee: 500,000원", "manuscripts: 0"])
    static let famTour = Event(kind: "fam-tour", countKey: "tours", amounts: ["influencers: 10", "perPerson: 150,000원"])
    static let conference = Event(kind: "conference", countKey: "days", amounts: ["speakers: 1,000,000원"])

    /// (event, count, dates written, the whole message on standard error)
    static let cases: [(Event, Int, Int?, String)] = [
        (advisory, 3, 2, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 3 dates, one per meeting, got 2
             10 |             dates: [2017-03-15, 2017-05-17]
                |                    ^
              hint: give every meeting its date, or leave dates out until all are known

            """),
        (education, 3, 2, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 3 dates, one per session, got 2
             10 |             dates: [2017-03-15, 2017-05-17]
                |                    ^
              hint: give every session its date, or leave dates out until all are known

            """),
        (famTour, 3, 2, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 3 dates, one per tour, got 2
             10 |             dates: [2017-03-15, 2017-05-17]
                |                    ^
              hint: give every tour its date, or leave dates out until all are known

            """),
        (conference, 3, 2, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 3 dates, one per conference day, got 2
             10 |             dates: [2017-03-15, 2017-05-17]
                |                    ^
              hint: give every conference day its date, or leave dates out until all are known

            """),
        (advisory, 2, 3, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 2 dates, one per meeting, got 3
             10 |             dates: [2017-03-15, 2017-05-17, 2017-07-19]
                |                    ^
              hint: add meetings, or drop the extra dates

            """),
        (education, 2, 3, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 2 dates, one per session, got 3
             10 |             dates: [2017-03-15, 2017-05-17, 2017-07-19]
                |                    ^
              hint: add sessions, or drop the extra dates

            """),
        (famTour, 2, 3, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 2 dates, one per tour, got 3
             10 |             dates: [2017-03-15, 2017-05-17, 2017-07-19]
                |                    ^
              hint: add tours, or drop the extra dates

            """),
        (conference, 2, 3, """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 2 dates, one per conference day, got 3
             10 |             dates: [2017-03-15, 2017-05-17, 2017-07-19]
                |                    ^
              hint: add conference days, or drop the extra dates

            """),
        (advisory, 0, nil, """
            planner: error: plan.yaml:9:23: categories[0].items[0].lines[0].meetings: expected at least one meeting, got 0
             9 |             meetings: 0
               |                       ^
              hint: drop the committee from the plan if there are no meetings this year

            """),
        (education, 0, nil, """
            planner: error: plan.yaml:9:23: categories[0].items[0].lines[0].sessions: expected at least one session, got 0
             9 |             sessions: 0
               |                       ^
              hint: drop the course from the plan if there are no sessions this year

            """),
        (famTour, 0, nil, """
            planner: error: plan.yaml:9:20: categories[0].items[0].lines[0].tours: expected at least one tour, got 0
             9 |             tours: 0
               |                    ^
              hint: drop the fam tour from the plan if there are no tours this year

            """),
        (conference, 0, nil, """
            planner: error: plan.yaml:9:19: categories[0].items[0].lines[0].days: expected at least one conference day, got 0
             9 |             days: 0
               |                   ^
              hint: drop the conference from the plan if there are no conference days this year

            """),
    ]

    @Test("a count and its dates are judged and worded the same in every kind", arguments: 0..<cases.count)
    func countAgainstDates(_ index: Int) throws {
        let (event, count, dates, expected) = Self.cases[index]
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", event.plan(count: count, dates: dates))
            try sandbox.expectRejected(stderr: expected, errors: 1)
        }
    }

    @Test("a session date outside the plan's year is an error at the date, worded alike in every kind",
          arguments: [(advisory, "meeting"), (education, "session"), (famTour, "tour"), (conference, "conference day")].map { ($0.0.kind, $0.1) })
    func dateOutsideYear(_ kind: String, _ word: String) throws {
        let event = try #require([Self.advisory, Self.education, Self.famTour, Self.conference].first { $0.kind == kind })
        try Sandbox.with { sandbox in
            // 2018-05-17 is the second date, at column 33 of line 10.
            try sandbox.write("plan.yaml", event.plan(count: 2, dates: 2).replacingOccurrences(of: "2017-05-17", with: "2018-05-17"))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:33: categories[0].items[0].lines[0].dates[1]: expected a \(word) date in the plan's year 2017, got 2018-05-17
                 10 |             dates: [2017-03-15, 2018-05-17]
                    |                                 ^
                  hint: a \(word) of 2018 belongs in the plan of 2018

                """, errors: 1)
        }
    }

    @Test("a tour or a session written out with a date outside the plan's year is an error at its date")
    func writtenOutDateOutsideYear() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2017
                categories:
                  - name: 사무관리비
                    items:
                      - name: 행사
                        lines:
                          - kind: fam-tour
                            tours:
                              - { date: 2016-12-31, destination: 북촌 }
                            influencers: 10
                            perPerson: 150,000원
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:25: categories[0].items[0].lines[0].tours[0].date: expected a tour date in the plan's year 2017, got 2016-12-31
                 10 |               - { date: 2016-12-31, destination: 북촌 }
                    |                         ^
                  hint: a tour of 2016 belongs in the plan of 2016

                """, errors: 1)
        }
    }

    @Test("as many dates as sessions is clean in every kind", arguments: [advisory, education, famTour, conference].map(\.kind))
    func oneDatePerSession(_ kind: String) throws {
        let event = try #require([Self.advisory, Self.education, Self.famTour, Self.conference].first { $0.kind == kind })
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", event.plan(count: 3, dates: 3))
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stdout == "plan.yaml: 0 errors, 0 warnings\n")
            #expect(check.stderr == "")
        }
    }

    @Test("no members or influencers is an error even when there are no sessions either")
    func noPeople() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", Event(kind: "advisory", countKey: "meetings", amounts: ["members: 0", "allowance: 150,000원"])
                .plan(count: 0, dates: nil))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:9:23: categories[0].items[0].lines[0].meetings: expected at least one meeting, got 0
                 9 |             meetings: 0
                   |                       ^
                  hint: drop the committee from the plan if there are no meetings this year
                planner: error: plan.yaml:10:22: categories[0].items[0].lines[0].members: expected at least one member, got 0
                 10 |             members: 0
                    |                      ^

                """, errors: 2)
            try sandbox.write("plan.yaml", Event(kind: "fam-tour", countKey: "tours", amounts: ["influencers: 0", "perPerson: 150,000원"])
                .plan(count: 2, dates: nil))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:26: categories[0].items[0].lines[0].influencers: expected at least one influencer per tour, got 0
                 10 |             influencers: 0
                    |                          ^

                """, errors: 1)
        }
    }
}
