import Foundation
import PlanFiles
import Testing

/// The international conference kind through the binary: the 2017 page's lines, an itemised
/// conference with its details, every message about bad conference input, the starter and the example.
@Suite("Conference kind")
struct ConferenceKindTests {
    /// A rate table with economy and first-class fares only (no business class).
    static let rates = """
        effective:
          - from: 2024-01-01
            basis: 테스트 기준
            rates:
              airfare.economy.asia: 800,000원
              airfare.economy.europe: 2,200,000원
              airfare.first.northAmerica: 12,000,000원
        """

    /// A 2026 plan whose only item holds `event`; `header` goes under `year:` (exchange rates).
    static func plan(_ event: String, header: String = "", year: Int = 2026, declared: String? = nil) -> String {
        var lines = ["program: 테스트 컨퍼런스", "year: \(year)"]
        if !header.isEmpty { lines += header.split(separator: "\n").map(String.init) }
        lines += ["categories:", "  - name: 행사운영비", "    items:", "      - name: 국제컨퍼런스"]
        if let declared { lines.append("        declared: \(declared)") }
        lines.append("        lines:")
        lines += event.split(separator: "\n").map { "          " + $0 }
        return lines.joined(separator: "\n")
    }

    /// The `- ` lines of the 산출근거 section of a text page, trimmed.
    static func pageLines(_ page: String) -> [String] {
        page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("- ") || $0.hasPrefix("· ") }
    }

    // MARK: - Lines

    /// The event entry for the 2017 page's ○ 국제(내)컨퍼런스 개최 (Events/social-city-2017.yaml).
    static let conference2017 = """
        - kind: conference
          id: international-conference
          package: conference-agency
          name: 국제(내)컨퍼런스
          speakers: 40,000,000원     # 연사초청경비 등
          venue: 28,000,000원        # 행사장 및 부대행사장 조성비
          services: 12,000,000원     # 통번역, 수송, 오만찬 등
          promotion: 10,000,000원    # 홍보비
          print: 10,000,000원        # 인쇄물 제작비
        """

    @Test("five lump sums print the 2017 page's 국제(내)컨퍼런스 개최 lines exactly, without a rate table")
    func reproducesThe2017Lines() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", Self.plan(Self.conference2017, year: 2017, declared: "100,000천원"))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.status == Exit.ok)
            #expect(budget.stdout.contains("○ 국제컨퍼런스 = 100,000천원\n"))
            #expect(Self.pageLines(budget.stdout) == [
                "- 연사초청경비 등 40,000,000원*1식 = 40,000천원",
                "- 행사장 및 부대행사장 조성비 28,000,000원*1식 = 28,000천원",
                "- 통번역, 수송, 오만찬 등 12,000,000원*1식 = 12,000천원",
                "- 홍보비 10,000,000원*1식 = 10,000천원",
                "- 인쇄물 제작비 10,000,000원*1식 = 10,000천원",
            ])
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stdout == "plan.yaml: 0 errors, 0 warnings\n")
            #expect(check.status == Exit.ok)
        }
    }

    @Test("an itemised conference prints its five roll-up lines with their details, on the repository's rates")
    func itemisedConference() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", bytes: try Data(contentsOf: repositoryRoot.appendingPathComponent("Events/rates.yaml")))
            try sandbox.write("plan.yaml", Self.plan("""
                - kind: conference
                  package: conference-agency
                  dates: [2026-10-14, 2026-10-15]
                  attendees: 400
                  speakers:
                    - type: foreign
                      fee: USD 5,000
                      class: business
                      from: northAmerica
                      hotelNights: 3
                    - type: domestic
                      count: 4
                      fee: 1,000,000원
                  venue:
                    mainHall:
                      dayRate: 8,000,000원
                  services:
                    interpretation:
                      languages: [영어]
                    receptions:
                      - name: 환영 만찬
                        persons: 80
                        unitPrice: 80,000원
                  promotion:
                    SNS 광고: 4,000,000원
                  print:
                    - item: 자료집
                      copies: 500
                      unitPrice: 12,000원
                """, header: "exchangeRates:\n  USD: 1,352.5원"))
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr == "")
            #expect(budget.status == Exit.ok)
            #expect(Self.pageLines(budget.stdout) == [
                "- 연사초청경비 등 19,013,000원*1식 = 19,013천원",
                "· 해외연사 사례비(USD 5,000×1,352.5원) 6,762,500원*1인 = 6,763천원",
                "· 국내연사 사례비 1,000,000원*4인 = 4,000천원",
                "· 연사 왕복항공료(비즈니스석·북미) 7,500,000원*1인 = 7,500천원",
                "· 연사 숙박비 250,000원*1인*3박 = 750천원",
                "- 행사장 및 부대행사장 조성비 16,000,000원*1식 = 16,000천원",
                "· 메인홀 대관료 8,000,000원*2일 = 16,000천원",
                "- 통번역, 수송, 오만찬 등 11,600,000원*1식 = 11,600천원",
                "· 동시통역료(영어) 1,300,000원*1부스*2인*2일 = 5,200천원",
                "· 환영 만찬 80,000원*80명 = 6,400천원",
                "- 홍보비 4,000,000원*1식 = 4,000천원",
                "· SNS 광고 4,000,000원*1식 = 4,000천원",
                "- 인쇄물 제작비 6,000,000원*1식 = 6,000천원",
                "· 자료집 12,000원*500부 = 6,000천원",
            ])
            let json = try sandbox.run("budget", "plan.yaml", "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["total"] as? Int == 56_613_000)
            let lines = try #require(((object["categories"] as? [[String: Any]])?.first?["items"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])
            #expect(lines.map { $0["formula"] as? String } == ["19,013,000원*1식", "16,000,000원*1식", "11,600,000원*1식", "4,000,000원*1식", "6,000,000원*1식"])
            #expect(lines.map { $0["budgeted"] as? Int } == [19_013_000, 16_000_000, 11_600_000, 4_000_000, 6_000_000])
            #expect(lines.map { $0["kind"] as? String } == Array(repeating: "conference", count: 5))
            #expect(lines.map { $0["payee"] as? String } == Array(repeating: "vendor", count: 5))
            // Who is paid is on the details: the speakers' fees go to people.
            let speakerDetails = try #require(lines.first?["details"] as? [[String: Any]])
            #expect(speakerDetails.map { $0["payee"] as? String } == ["speaker", "speaker", "vendor", "vendor"])
            let events = try #require(object["events"] as? [[String: Any]])
            let sessions = try #require(events.first?["sessions"] as? [[String: Any]])
            // The two days, then one slot per paid speaker.
            #expect(sessions.prefix(2).map { $0["date"] as? String } == ["2026-10-14", "2026-10-15"])
            #expect(sessions.prefix(2).map { $0["headcount"] as? Int } == [400, 400])
            #expect(sessions.dropFirst(2).allSatisfy { ($0["payableRoles"] as? [String]) == ["speaker"] })
        }
    }

    // MARK: - Bad input

    struct BadConference: Sendable, CustomTestStringConvertible {
        let title: String, header: String, rates: Bool, event: String, errors: Int, stderr: String
        init(_ title: String, header: String, rates: Bool, event: String, errors: Int, stderr: String) {
            (self.title, self.header, self.rates, self.event, self.errors, self.stderr) = (title, header, rates, event, errors, stderr)
        }
        var testDescription: String { title }
    }

    static let badInputs: [BadConference] = [
        BadConference("interpreters without languages: languages: 0", header: "", rates: false,
            event: """
                - kind: conference
                  days: 2
                  services:
                    interpretation:
                      languages: 0
                      dayRate: 1,300,000원
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:12:28: categories[0].items[0].lines[0].services.interpretation.languages: expected at least one language for the interpreters, got 0
                 12 |                 languages: 0
                    |                            ^
                  hint: write the languages interpreted to and from Korean (languages: [영어, 중국어]) or how many (languages: 2), or drop interpretation

                """),
        BadConference("interpreters without languages: an empty list", header: "", rates: false,
            event: """
                - kind: conference
                  days: 2
                  services:
                    interpretation:
                      languages: []
                      dayRate: 1,300,000원
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:12:28: categories[0].items[0].lines[0].services.interpretation.languages: expected at least one language for the interpreters, got an empty list
                 12 |                 languages: []
                    |                            ^
                  hint: write the languages interpreted to and from Korean (languages: [영어, 중국어]) or how many (languages: 2), or drop interpretation

                """),
        BadConference("interpretation without its languages key", header: "", rates: false,
            event: """
                - kind: conference
                  days: 2
                  services:
                    interpretation:
                      dayRate: 1,300,000원
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:12:17: categories[0].items[0].lines[0].services.interpretation: missing "languages" (the languages interpreted to and from Korean, e.g. [영어, 중국어], or how many)
                 12 |                 dayRate: 1,300,000원
                    |                 ^

                """),
        BadConference("languages without days", header: "", rates: false,
            event: """
                - kind: conference
                  days: 2
                  services:
                    interpretation:
                      languages: [영어, 중국어]
                      days: 0
                      dayRate: 1,300,000원
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:13:23: categories[0].items[0].lines[0].services.interpretation.days: expected at least one day of interpretation for 2 languages, got 0
                 13 |                 days: 0
                    |                       ^
                  hint: leave days out to interpret on every conference day, or drop interpretation

                """),
        BadConference("no interpreter per booth", header: "", rates: false,
            event: """
                - kind: conference
                  days: 2
                  services:
                    interpretation:
                      languages: [영어]
                      interpretersPerBooth: 0
                      dayRate: 1,300,000원
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:13:39: categories[0].items[0].lines[0].services.interpretation.interpretersPerBooth: expected at least one interpreter per booth, got 0
                 13 |                 interpretersPerBooth: 0
                    |                                       ^
                  hint: leave interpretersPerBooth out for the usual 2 (they take turns every 20–30 minutes)

                """),
        BadConference("a foreign fee without an exchange rate", header: "", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      fee: USD 5,000
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:11:22: categories[0].items[0].lines[0].speakers[0].fee: expected an exchange rate for USD in the plan's exchangeRates, got none
                 11 |                 fee: USD 5,000
                    |                      ^
                  hint: add exchangeRates: { USD: 1,350원 } at the top of the plan (won per 1 USD), or write the fee in won

                """),
        BadConference("a foreign fee without an exchange rate for its currency, other currencies given", header: "exchangeRates:\n  EUR: 1,500원\n  JPY: 9.2원", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      fee: USD 5,000
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:14:22: categories[0].items[0].lines[0].speakers[0].fee: expected an exchange rate for USD in the plan's exchangeRates, got only EUR, JPY
                 14 |                 fee: USD 5,000
                    |                      ^
                  hint: add exchangeRates: { USD: 1,350원 } at the top of the plan (won per 1 USD), or write the fee in won

                """),
        BadConference("a speaker flying business where the rate table has no such class", header: "", rates: true,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      class: business
                      from: northAmerica
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:11:24: categories[0].items[0].lines[0].speakers[0].class: expected a seat class that the rate table has airfares for (economy, first), got "business"
                 11 |                 class: business
                    |                        ^
                  hint: add airfare.business.northAmerica to rates.yaml, or write the fare (airfare: 3,500,000원)

                """),
        BadConference("a misspelled seat class gets a did-you-mean", header: "", rates: true,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      class: frist
                      from: northAmerica
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:11:24: categories[0].items[0].lines[0].speakers[0].class: expected a seat class that the rate table has airfares for (economy, first), got "frist"
                 11 |                 class: frist
                    |                        ^
                  hint: did you mean "first"?

                """),
        BadConference("an origin region not in the rate table", header: "", rates: true,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      class: economy
                      from: southAmerica
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:12:23: categories[0].items[0].lines[0].speakers[0].from: expected an origin region that the rate table has economy airfares for (asia, europe), got "southAmerica"
                 12 |                 from: southAmerica
                    |                       ^
                  hint: add airfare.economy.southAmerica to rates.yaml, or write the fare (airfare: 3,500,000원)

                """),
        BadConference("a malformed foreign amount", header: "exchangeRates:\n  USD: 1,350원", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      fee: 5,000 달러
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:13:22: categories[0].items[0].lines[0].speakers[0].fee: expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got "5,000 달러"
                 13 |                 fee: 5,000 달러
                    |                      ^
                  hint: write the currency as its three-letter code (USD, EUR, JPY) before or after the figure: USD 5,000

                """),
        BadConference("a fee without its unit", header: "", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: domestic
                      fee: 500,000
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:11:22: categories[0].items[0].lines[0].speakers[0].fee: expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got "500,000"
                 11 |                 fee: 500,000
                    |                      ^
                  hint: write the unit: 원 for won, or a currency code like USD 5,000

                """),
        BadConference("a foreign amount written the European way", header: "exchangeRates:\n  USD: 1,350원", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      fee: USD 5.000,00
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:13:22: categories[0].items[0].lines[0].speakers[0].fee: expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got "USD 5.000,00"
                 13 |                 fee: USD 5.000,00
                    |                      ^
                  hint: write the figure in digits with thousands commas and at most 4 digits after a decimal point: USD 2,500.50

                """),
        BadConference("an exchange rate without its unit", header: "exchangeRates:\n  USD: 1350", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      fee: USD 5,000
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:4:8: exchangeRates.USD: expected won per 1 USD like 1,350원 or 1,352.5원, got "1350"
                 4 |   USD: 1350
                   |        ^
                  hint: write the unit 원

                """),
        BadConference("a foreign fee too large to convert", header: "exchangeRates:\n  USD: 1,350원", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      fee: USD 9,999,999,999,999,999
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:13:22: categories[0].items[0].lines[0].speakers[0].fee: USD 9,999,999,999,999,999 at 1,350원 per USD is more than the planner can hold (9,223,372,036,854,775,807원)
                 13 |                 fee: USD 9,999,999,999,999,999
                    |                      ^
                  hint: check the fee and the exchange rate for a typo

                """),
        BadConference("a conference of no days", header: "", rates: false,
            event: """
                - kind: conference
                  days: 0
                  promotion: 1,000,000원
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:9:19: categories[0].items[0].lines[0].days: expected at least one conference day, got 0
                 9 |             days: 0
                   |                   ^
                  hint: drop the conference from the plan if there are no conference days this year

                """),
        BadConference("more dates than days", header: "", rates: false,
            event: """
                - kind: conference
                  days: 1
                  dates: [2026-10-14, 2026-10-15]
                  promotion: 1,000,000원
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:10:20: categories[0].items[0].lines[0].dates: expected 1 date, one per conference day, got 2
                 10 |             dates: [2026-10-14, 2026-10-15]
                    |                    ^
                  hint: add conference days, or drop the extra dates

                """),
        BadConference("groups of the wrong shape", header: "", rates: false,
            event: """
                - kind: conference
                  speakers:
                    type: foreign
                  venue: [메인홀]
                  print: 많이
                """,
            errors: 3, stderr: """
                planner: error: plan.yaml:10:15: categories[0].items[0].lines[0].speakers: expected the speakers as a list (lines starting with "- "), or one amount like 40,000,000원, got a mapping (key: value lines)
                 10 |               type: foreign
                    |               ^
                planner: error: plan.yaml:11:20: categories[0].items[0].lines[0].venue: expected the venue as key: value lines (mainHall, sideRooms, setup, decoration), or one amount like 40,000,000원, got a list
                 11 |             venue: [메인홀]
                    |                    ^
                planner: error: plan.yaml:12:20: categories[0].items[0].lines[0].print: expected the printed items as a list (lines starting with "- "), or one amount like 40,000,000원, got "많이"
                 12 |             print: 많이
                    |                    ^

                """),
        BadConference("a seat class without an origin region", header: "", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - type: foreign
                      class: business
                """,
            errors: 1, stderr: """
                planner: error: plan.yaml:10:17: categories[0].items[0].lines[0].speakers[0]: missing "from" (the region the speaker flies from, e.g. northAmerica)
                 10 |               - type: foreign
                    |                 ^
                  hint: or write the fare itself: airfare: 3,500,000원

                """),
        BadConference("a speaker without a type, and a misspelled key", header: "", rates: false,
            event: """
                - kind: conference
                  speakers:
                    - fee: 1,000,000원
                      clas: economy
                """,
            errors: 2, stderr: """
                planner: error: plan.yaml:10:17: categories[0].items[0].lines[0].speakers[0]: missing "type" (domestic or foreign)
                 10 |               - fee: 1,000,000원
                    |                 ^
                planner: error: plan.yaml:11:17: categories[0].items[0].lines[0].speakers[0].clas: unknown key "clas"
                 11 |                 clas: economy
                    |                 ^
                  hint: did you mean "class"?

                """),
    ]

    @Test("bad conference input gets its exact message from budget and check", arguments: badInputs)
    func badInput(_ bad: BadConference) throws {
        try Sandbox.with { sandbox in
            if bad.rates { try sandbox.write("rates.yaml", Self.rates) }
            try sandbox.write("plan.yaml", Self.plan(bad.event, header: bad.header))
            try sandbox.expectRejected(stderr: bad.stderr, errors: bad.errors)
        }
    }

    // MARK: - Starter and example

    @Test("the starter plan is accepted as is, with the repository's rate table and without any", arguments: [true, false])
    func starter(withRates: Bool) throws {
        try Sandbox.with { sandbox in
            if withRates {
                try sandbox.write("rates.yaml", bytes: try Data(contentsOf: repositoryRoot.appendingPathComponent("Events/rates.yaml")))
            }
            try sandbox.write("starter.yaml", ConferenceStarter.yaml(year: 2026))
            let budget = try sandbox.run("budget", "starter.yaml")
            #expect(budget.stderr == "")
            #expect(budget.status == Exit.ok)
            #expect(budget.stdout.contains("○ 서울 국제 소셜미디어 컨퍼런스 = 68,850천원\n"))
            let check = try sandbox.run("check", "starter.yaml")
            #expect(check.stdout == "starter.yaml: 0 errors, 0 warnings\n")
            #expect(check.status == Exit.ok)
            let new = try sandbox.run("new", "conference", "--year", "2026")
            #expect(new.stdout == ConferenceStarter.yaml(year: 2026) + "\n")
            let piped = try sandbox.run("budget", "-", stdin: Data(new.stdout.utf8))
            #expect(piped.status == Exit.ok)
            #expect(piped.stdout == budget.stdout.replacingOccurrences(of: "starter.yaml", with: "<stdin>"))
        }
    }

    @Test("the 2026 example plan checks with no errors and no warnings")
    func example() throws {
        let check = try runPlanner(["check", "Events/seoul-social-conference-2026.yaml"], in: repositoryRoot)
        #expect(check.stdout == "Events/seoul-social-conference-2026.yaml: 0 errors, 0 warnings, 1 note\n")
        #expect(check.status == Exit.ok)
        let budget = try runPlanner(["budget", "Events/seoul-social-conference-2026.yaml"], in: repositoryRoot)
        #expect(budget.status == Exit.ok)
        #expect(Self.pageLines(budget.stdout).filter { $0.hasPrefix("- ") }.prefix(5) == [
            "- 연사초청경비 등 42,160,000원*1식 = 42,160천원",
            "- 행사장 및 부대행사장 조성비 55,000,000원*1식 = 55,000천원",
            "- 통번역, 수송, 오만찬 등 31,800,000원*1식 = 31,800천원",
            "- 홍보비 11,000,000원*1식 = 11,000천원",
            "- 인쇄물 제작비 9,900,000원*1식 = 9,900천원",
        ])
    }
}
