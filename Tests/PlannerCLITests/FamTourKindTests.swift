import Foundation
import PlanFiles
import Testing

/// The fam tour kind through the binary: the 2017 line, a breakdown with rates from rates.yaml beside
/// the plan, every message about bad input, the starter plan and the example plan in Events/.
@Suite("Fam tour kind")
struct FamTourKindTests {
    static let rates = """
        effective:
          - from: 2016-01-01
            basis: 테스트 기준
            rates:
              famTour.meal: 30,000원
              famTour.activityFee: 100,000원
          - from: 2024-01-01
            basis: 테스트 기준 2024
            rates:
              famTour.meal: 40,000원
              famTour.activityFee: 150,000원
        """

    /// A plan whose only item holds the event; the event's keys start on line 9, indented 12 spaces.
    static func plan(_ inputs: String, year: Int = 2026) -> String {
        """
        program: 테스트 사업
        year: \(year)
        categories:
          - name: 사무관리비
            items:
              - name: 1인미디어 팸투어
                lines:
                  - kind: fam-tour
        \(inputs.split(separator: "\n", omittingEmptySubsequences: false).map { "            " + $0 }.joined(separator: "\n"))
        """
    }

    /// The lines of the first item in the JSON page.
    static func jsonLines(_ stdout: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let items = (object["categories"] as? [[String: Any]])?.first?["items"] as? [[String: Any]]
        return try #require(items?.first?["lines"] as? [[String: Any]])
    }

    /// The page's lines with their column padding squeezed to one space (the widths depend on the whole page).
    static func pageLines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ").joined(separator: " ")
        }
    }

    /// Whether `run` stands in the page as consecutive lines, padding aside.
    static func page(_ stdout: String, shows run: [String]) -> Bool {
        let lines = pageLines(stdout)
        guard run.count <= lines.count else { return false }
        return (0...(lines.count - run.count)).contains { Array(lines[$0..<($0 + run.count)]) == run }
    }

    // MARK: - Lines

    @Test("one amount per person reproduces the 2017 line 1인미디어 팸투어 150,000원*10명*12회 = 18,000천원, without a rate table")
    func line2017() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", Self.plan("""
                name: 1인미디어 팸투어
                influencers: 10
                tours: 12
                perPerson: 150,000원
                """, year: 2017))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.status == Exit.ok)
            #expect(Self.page(budget.stdout, shows: [
                "○ 1인미디어 팸투어 = 18,000천원",
                "- 1인미디어 팸투어 150,000원*10명*12회 = 18,000천원",
            ]))
            let json = try sandbox.run("budget", "plan.yaml", "--format", "json")
            let lines = try Self.jsonLines(json.stdout)
            #expect(lines.map { $0["payee"] as? String } == ["vendor"])
            #expect(lines.map { $0["kind"] as? String } == ["fam-tour"])
            #expect(lines.map { $0["amount"] as? Int } == [18_000_000])
        }
    }

    @Test("11 tours instead of 12 changes the line and the total")
    func elevenTours() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", Self.plan("influencers: 10\ntours: 11\nperPerson: 150,000원", year: 2017))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.status == Exit.ok)
            #expect(Self.page(budget.stdout, shows: ["- 1인미디어 팸투어 150,000원*10명*11회 = 16,500천원"]))
            #expect(Self.page(budget.stdout, shows: ["합 계 16,500천원"]))
        }
    }

    @Test("a breakdown prints a line per component at the rates in force, and plans one session per tour")
    func breakdown() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("""
                influencers: 10
                tours:
                  - { date: 2026-04-18, destination: 북촌 한옥마을 }
                  - { destination: 남산 }
                costs:
                  transport: 50,000원
                  meals: standard
                  activityFee:
                  other:
                    - { name: 촬영 소품, amount: 10,000원 }
                """))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.status == Exit.ok)
            #expect(Self.page(budget.stdout, shows: [
                "○ 1인미디어 팸투어 = 5,000천원",
                "- 팸투어 교통비 50,000원*10명*2회 = 1,000천원",
                "- 팸투어 식비 40,000원*10명*2회 = 800천원",
                "- 팸투어 활동비 150,000원*10명*2회 = 3,000천원",
                "- 촬영 소품 10,000원*10명*2회 = 200천원",
            ]))
            let json = try sandbox.run("budget", "plan.yaml", "--format", "json")
            #expect(try Self.jsonLines(json.stdout).map { $0["payee"] as? String } == ["vendor", "vendor", "influencer", "vendor"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let sessions = try #require((object["events"] as? [[String: Any]])?.first?["sessions"] as? [[String: Any]])
            #expect(sessions.map { $0["title"] as? String } == ["북촌 한옥마을", "남산"])
            #expect(sessions.map { $0["date"] as? String } == ["2026-04-18", nil])
            #expect(sessions.map { $0["headcount"] as? Int } == [10, 10])
            #expect(sessions.map { $0["payableRoles"] as? [String] } == [["influencer"], ["influencer"]])
        }
    }

    @Test("a 2017 plan takes the 2016 rates from the same table")
    func rates2017() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("influencers: 10\ntours: 12\ncosts:\n  meals: standard\n  activityFee: standard", year: 2017))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(Self.page(budget.stdout, shows: ["- 팸투어 식비 30,000원*10명*12회 = 3,600천원"]))
            #expect(Self.page(budget.stdout, shows: ["- 팸투어 활동비 100,000원*10명*12회 = 12,000천원"]))
        }
    }

    @Test("layout: roll-up prints one line with the components beneath it")
    func rollUp() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("""
                influencers: 10
                tours: 3
                layout: roll-up
                lineName: 외국인 인플루언서 팸투어
                costs:
                  transport: 50,000원
                  activityFee: standard
                """))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(Self.page(budget.stdout, shows: [
                "○ 1인미디어 팸투어 = 6,000천원",
                "- 외국인 인플루언서 팸투어 6,000,000원*1식 = 6,000천원",
                "· 팸투어 교통비 50,000원*10명*3회 = 1,500천원",
                "· 팸투어 활동비 150,000원*10명*3회 = 4,500천원",
            ]))
        }
    }

    @Test("an amount that departs from the standard rate with its reason is a note; the page is printed")
    func departureWithReason() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("""
                influencers: 10
                tours: 12
                costs:
                  activityFee: { amount: 200,000원, reason: 구독자 10만 이상 }
                """))
            let note = """
                planner: note: plan.yaml:12:38: categories[0].items[0].lines[0].costs.activityFee: the influencer activity fee (활동비) is 200,000원 instead of the standard 150,000원 (테스트 기준 2024): 구독자 10만 이상
                 12 |               activityFee: { amount: 200,000원, reason: 구독자 10만 이상 }
                    |                                      ^

                """
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stderr == note)
            #expect(check.stdout == "plan.yaml: 0 errors, 0 warnings, 1 note\n")
            #expect(check.status == Exit.ok)
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.status == Exit.ok)
            #expect(Self.page(budget.stdout, shows: ["- 팸투어 활동비 200,000원*10명*12회 = 24,000천원"]))
        }
    }

    @Test("an amount that departs from the standard rate without a reason is a warning")
    func departureWithoutReason() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", Self.rates)
            try sandbox.write("plan.yaml", Self.plan("influencers: 10\ntours: 12\ncosts:\n  meals: 50,000원"))
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stderr == """
                planner: warning: plan.yaml:12:22: categories[0].items[0].lines[0].costs.meals: the fam tour meals (식비) is 50,000원, not the standard 40,000원 (테스트 기준 2024) in force on 2026-01-01
                 12 |               meals: 50,000원
                    |                      ^
                  hint: write the reason beside it (reason: …), or drop the amount to use the standard rate famTour.meal

                """)
            #expect(check.stdout == "plan.yaml: 0 errors, 1 warning\n")
            #expect(check.status == Exit.ok)
        }
    }

    // MARK: - Bad input

    struct BadInput: Sendable, CustomTestStringConvertible {
        let testDescription: String
        /// The event's keys after `kind: fam-tour`.
        let inputs: String
        let stderr: String
        var withRates = true
    }

    @Test("bad input gets one located message", arguments: [
        BadInput(testDescription: "zero tours with influencers", inputs: "influencers: 10\ntours: 0\nperPerson: 150,000원", stderr: """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].tours: expected at least one tour, got 0
             10 |             tours: 0
                |                    ^
              hint: drop the fam tour from the plan if there are no tours this year

            """),
        BadInput(testDescription: "zero influencers with tours", inputs: "influencers: 0\ntours: 12\nperPerson: 150,000원", stderr: """
            planner: error: plan.yaml:9:26: categories[0].items[0].lines[0].influencers: expected at least one influencer per tour, got 0
             9 |             influencers: 0
               |                          ^

            """),
        BadInput(testDescription: "a component with no amount and no standard rate in the table",
                 inputs: "influencers: 10\ntours: 12\ncosts:\n  transport: standard\n  meals: standard", stderr: """
            planner: error: plan.yaml:12:15: categories[0].items[0].lines[0].costs.transport: the fam tour transport (교통비) has no rate: rates.yaml has no famTour.transport
             12 |               transport: standard
                |               ^
              hint: add famTour.transport to the rate table, or write the amount in the plan

            """),
        BadInput(testDescription: "a component with no amount and no rate table", inputs: "influencers: 10\ntours: 12\ncosts:\n  meals:", stderr: """
            planner: error: plan.yaml:12:15: categories[0].items[0].lines[0].costs.meals: the fam tour meals (식비) needs a rate: no rate table was found and the plan gives no amount
             12 |               meals:
                |               ^
              hint: add Events/rates.yaml (see the README) or write the amount in the plan

            """, withRates: false),
        BadInput(testDescription: "more tour dates than tours",
                 inputs: "influencers: 10\ntours: 2\ndates: [2026-04-18, 2026-05-16, 2026-06-20]\nperPerson: 150,000원", stderr: """
            planner: error: plan.yaml:11:20: categories[0].items[0].lines[0].dates: expected 2 dates, one per tour, got 3
             11 |             dates: [2026-04-18, 2026-05-16, 2026-06-20]
                |                    ^
              hint: add tours, or drop the extra dates

            """),
        BadInput(testDescription: "both one amount per person and a breakdown",
                 inputs: "influencers: 10\ntours: 12\nperPerson: 150,000원\ncosts:\n  transport: 50,000원", stderr: """
            planner: error: plan.yaml:12:13: categories[0].items[0].lines[0].costs: expected either perPerson (one amount per person per tour) or costs (its breakdown), got both
             12 |             costs:
                |             ^
              hint: keep perPerson for one line like 1인미디어 팸투어 150,000원*10명*12회, or costs for a line per component

            """),
        BadInput(testDescription: "neither one amount per person nor a breakdown", inputs: "influencers: 10\ntours: 12", stderr: """
            planner: error: plan.yaml:8:13: categories[0].items[0].lines[0]: expected the cost per person per tour, got neither perPerson nor costs
             8 |           - kind: fam-tour
               |             ^
              hint: write perPerson: 150,000원, or costs: with transport, meals, activityFee, … per person

            """),
        BadInput(testDescription: "an empty perPerson is no amount", inputs: "influencers: 10\ntours: 12\nperPerson:", stderr: """
            planner: error: plan.yaml:8:13: categories[0].items[0].lines[0]: expected the cost per person per tour, got neither perPerson nor costs
             8 |           - kind: fam-tour
               |             ^
              hint: write perPerson: 150,000원, or costs: with transport, meals, activityFee, … per person

            """),
        BadInput(testDescription: "an empty breakdown", inputs: "influencers: 10\ntours: 12\ncosts:", stderr: """
            planner: error: plan.yaml:11:13: categories[0].items[0].lines[0].costs: expected at least one cost per person in costs, got none
             11 |             costs:
                |             ^
              hint: the components are transport, meals, accommodation, experience, insurance, activityFee and other (named extras)

            """),
        BadInput(testDescription: "a breakdown that is not key: value lines", inputs: "influencers: 10\ntours: 12\ncosts: 150,000원", stderr: """
            planner: error: plan.yaml:11:20: categories[0].items[0].lines[0].costs: expected the costs per person per tour as key: value lines (transport: 50,000원, meals: standard, …), got "150,000원"
             11 |             costs: 150,000원
                |                    ^

            """),
        BadInput(testDescription: "a misspelled component", inputs: "influencers: 10\ntours: 12\ncosts:\n  meal: 40,000원", stderr: """
            planner: error: plan.yaml:12:15: categories[0].items[0].lines[0].costs.meal: unknown key "meal"
             12 |               meal: 40,000원
                |               ^
              hint: did you mean "meals"?

            """),
        BadInput(testDescription: "an extra without its amount", inputs: "influencers: 10\ntours: 12\ncosts:\n  other:\n    - { name: 촬영 소품 }", stderr: """
            planner: error: plan.yaml:13:19: categories[0].items[0].lines[0].costs.other[0]: missing "amount" (the amount per person per tour, e.g. 10,000원)
             13 |                 - { name: 촬영 소품 }
                |                   ^

            """),
        BadInput(testDescription: "a roll-up layout with one amount per person",
                 inputs: "influencers: 10\ntours: 12\nperPerson: 150,000원\nlayout: roll-up", stderr: """
            planner: error: plan.yaml:12:21: categories[0].items[0].lines[0].layout: expected layout only with costs (a breakdown), got it with perPerson
             12 |             layout: roll-up
                |                     ^
              hint: a single perPerson amount is already one line; drop layout

            """),
        BadInput(testDescription: "a misspelled layout", inputs: "influencers: 10\ntours: 12\nlayout: rollup\ncosts:\n  transport: 40,000원", stderr: """
            planner: error: plan.yaml:11:21: categories[0].items[0].lines[0].layout: expected one of per-component, roll-up, got "rollup"
             11 |             layout: rollup
                |                     ^
              hint: did you mean "roll-up"? the choices are per-component, roll-up

            """),
        BadInput(testDescription: "a list of tours and a separate dates list",
                 inputs: "influencers: 10\ntours:\n  - { date: 2026-04-18, destination: 북촌 한옥마을 }\ndates: [2026-04-18]\nperPerson: 150,000원", stderr: """
            planner: error: plan.yaml:12:20: categories[0].items[0].lines[0].dates: expected the tour dates inside tours (date: on each tour), got a separate dates list as well
             12 |             dates: [2026-04-18]
                |                    ^
              hint: move each date to its tour: - { date: 2026-04-18, destination: 북촌 한옥마을 }

            """),
        BadInput(testDescription: "a tour that is only a date", inputs: "influencers: 10\ntours:\n  - 2026-04-18\nperPerson: 150,000원", stderr: """
            planner: error: plan.yaml:11:17: categories[0].items[0].lines[0].tours[0]: expected a tour with date: and destination:, got "2026-04-18"
             11 |               - 2026-04-18
                |                 ^
              hint: write - { date: 2026-04-18, destination: 북촌 한옥마을 }, or tours: 12 with dates: [2026-04-18, …]

            """),
        BadInput(testDescription: "tours in words", inputs: "influencers: 10\ntours: twelve\nperPerson: 150,000원", stderr: """
            planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].tours: expected the number of tours as a whole number of 0 or more, got "twelve"
             10 |             tours: twelve
                |                    ^

            """),
        BadInput(testDescription: "no tours at all", inputs: "influencers: 10\nperPerson: 150,000원", stderr: """
            planner: error: plan.yaml:8:13: categories[0].items[0].lines[0]: missing "tours" (the number of tours, or the tours with date and destination)
             8 |           - kind: fam-tour
               |             ^

            """),
    ])
    func badInput(_ bad: BadInput) throws {
        try Sandbox.with { sandbox in
            if bad.withRates { try sandbox.write("rates.yaml", Self.rates) }
            try sandbox.write("plan.yaml", Self.plan(bad.inputs))
            try sandbox.expectRejected(stderr: bad.stderr, errors: 1)
        }
    }

    // MARK: - Starter and example

    @Test("the starter plan passes budget as is, with the rate table beside it and without one")
    func starter() throws {
        for withRates in [true, false] {
            try Sandbox.with { sandbox in
                if withRates {
                    try sandbox.write("rates.yaml", bytes: try Data(contentsOf: repositoryRoot.appendingPathComponent("Events/rates.yaml")))
                }
                try sandbox.write("starter.yaml", FamTourStarter.yaml(year: 2026))
                let budget = try sandbox.run("budget", "starter.yaml")
                #expect(budget.status == Exit.ok, "with rates: \(withRates)\n\(budget.stderr)")
                #expect(Self.page(budget.stdout, shows: ["- 팸투어 활동비 150,000원*10명*4회 = 6,000천원"]))
                let check = try sandbox.run("check", "starter.yaml")
                #expect(check.status == Exit.ok)
                #expect(check.stdout.hasPrefix("starter.yaml: 0 errors, 0 warnings"))
            }
        }
    }

    @Test("planner new fam-tour prints the starter plan")
    func newCommand() throws {
        try Sandbox.with { sandbox in
            let new = try sandbox.run("new", "fam-tour", "--year", "2026")
            #expect(new.status == Exit.ok)
            #expect(new.stdout == FamTourStarter.yaml(year: 2026) + "\n")
        }
    }

    @Test("the example plan in Events/ checks with no errors or warnings, only its two commented notes")
    func examplePlan() throws {
        let check = try runPlanner(["check", "Events/influencer-fam-tour-2026.yaml"], in: repositoryRoot)
        #expect(check.stdout == "Events/influencer-fam-tour-2026.yaml: 0 errors, 0 warnings, 2 notes\n")
        #expect(check.status == Exit.ok)
        let budget = try runPlanner(["budget", "Events/influencer-fam-tour-2026.yaml"], in: repositoryRoot)
        #expect(budget.status == Exit.ok)
        #expect(Self.page(budget.stdout, shows: ["합 계 36,608천원"]))
    }
}
