import Foundation
import Testing

/// The advisory committee kind through the binary: lines, the rate table beside the plan, messages.
@Suite("Advisory kind")
struct AdvisoryKindTests {
    static let rates = """
        effective:
          - from: 2016-01-01
            basis: 테스트 기준
            rates:
              committee.allowance: 150,000원
              committee.operating: 10,000원
        """

    static func plan(_ event: String, year: Int = 2017) -> String {
        """
        program: 테스트 사업
        year: \(year)
        categories:
          - name: 사무관리비
            items:
              - name: 민간 네트워크 구축
                lines:
        \(event.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))
        """
    }

    @Test("a committee planned by members and meetings prints the page's two lines, with rates from rates.yaml beside the plan")
    func committeeLines() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("""
                - kind: advisory
                  members: 15
                  meetings: 6
                  operatingCost: standard
                """))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.status == 0)
            #expect(budget.stdout.contains(" ○ 민간 네트워크 구축 = 14,400천원\n"))
            #expect(budget.stdout.contains("   - 자문회의 참석수당 150,000원*15인*6회 = 13,500천원\n"))
            #expect(budget.stdout.contains("   - 자문회의 운영경비 10,000원*15명*6회 = 900천원\n"))
            let json = try sandbox.run("budget", "plan.yaml", "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let lines = ((object["categories"] as? [[String: Any]])?.first?["items"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]]
            #expect(lines?.map { $0["kind"] as? String } == ["advisory", "advisory"])
            #expect(lines?.map { $0["payee"] as? String } == ["allowance", "vendor"])
            let events = try #require(object["events"] as? [[String: Any]])
            #expect((events.first?["sessions"] as? [[String: Any]])?.count == 6)
        }
    }

    @Test("zero meetings with members", arguments: [("members: 15\nmeetings: 0", """
        planner: error: plan.yaml:10:23: categories[0].items[0].lines[0].meetings: expected at least one meeting, got 0
         10 |             meetings: 0
            |                       ^
          hint: drop the committee from the plan if there are no meetings this year

        """)])
    func zeroMeetings(inputs: String, stderr: String) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("- kind: advisory\n" + inputs.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")))
            try sandbox.expectRejected(stderr: stderr, errors: 1)
        }
    }

    @Test("a rate missing for the plan's year names the rate and when it starts")
    func rateMissingForTheYear() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("- kind: advisory\n  members: 15\n  meetings: 6", year: 2012))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:13: categories[0].items[0].lines[0].allowance: the committee allowance (참석수당) has no rate in force on 2012-01-01: committee.allowance in rates.yaml starts on 2016-01-01
                 8 |           - kind: advisory
                   |             ^
                  hint: add an entry for committee.allowance from 2012-01-01 or earlier, or write the amount in the plan

                """, errors: 1)
        }
    }

    @Test("without a rate table, a committee needs its amounts written")
    func noRateTable() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", Self.plan("- kind: advisory\n  members: 15\n  meetings: 6"))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:13: categories[0].items[0].lines[0].allowance: the committee allowance (참석수당) needs a rate: no rate table was found and the plan gives no amount
                 8 |           - kind: advisory
                   |             ^
                  hint: add Events/rates.yaml (see the README) or write the amount in the plan

                """, errors: 1)
        }
    }

    @Test("an unknown kind and an unknown key of a kind get a did-you-mean")
    func unknownKindAndKey() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("- kind: advisori\n  members: 15\n  meetings: 6\n- kind: advisory\n  members: 15\n  meeting: 6"))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:8:19: categories[0].items[0].lines[0].kind: expected one of conference, education, advisory, fam-tour, got "advisori"
                 8 |           - kind: advisori
                   |                   ^
                  hint: did you mean "advisory"? the choices are conference, education, advisory, fam-tour
                planner: error: plan.yaml:13:13: categories[0].items[0].lines[1].meeting: unknown key "meeting"
                 13 |             meeting: 6
                    |             ^
                  hint: did you mean "meetings"?

                """, errors: 2)
        }
    }

    @Test("a misspelled key before other valid keys is one error: the keys after it are not unknown")
    func misspelledKeyAmongOthers() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("""
                - kind: advisory
                  members: 15
                  meeting: 6
                  dates: [2017-03-15, 2017-05-17]
                  allowance: 150,000원
                  operatingCost: standard
                  writtenReviews: 2
                  reviewAllowance: 100,000원
                """))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:13: categories[0].items[0].lines[0].meeting: unknown key "meeting"
                 10 |             meeting: 6
                    |             ^
                  hint: did you mean "meetings"?

                """, errors: 1)
        }
    }

    @Test("a plan's departure from the standard rate is a note in check, with its reason")
    func departureNote() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("- kind: advisory\n  members: 15\n  meetings: 6\n  allowance: { amount: 200,000원, reason: 3시간 회의 }"))
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stdout == "plan.yaml: 0 errors, 0 warnings, 1 note\n")
            #expect(check.stderr == """
                planner: note: plan.yaml:11:34: categories[0].items[0].lines[0].allowance: the committee allowance (참석수당) is 200,000원 instead of the standard 150,000원 (테스트 기준): 3시간 회의
                 11 |             allowance: { amount: 200,000원, reason: 3시간 회의 }
                    |                                  ^

                """)
            #expect(check.status == 0)
        }
    }
}
