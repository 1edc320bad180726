import Foundation
import Testing

@Suite("planner new")
struct NewCommandTests {
    @Test("planner new KIND | planner budget - prints a page, with and without a rate table", arguments: ["conference", "education", "advisory", "fam-tour"])
    func starterPipesIntoBudget(kind: String) throws {
        try Sandbox.with { sandbox in
            let starter = try sandbox.run("new", kind)
            #expect(starter.status == 0)
            #expect(starter.stderr == "")
            #expect(starter.stdout.contains("kind: \(kind)"))
            // No Events/rates.yaml in the sandbox: every rate the starter needs is written in it.
            let alone = try sandbox.run("budget", "-", stdin: Data(starter.stdout.utf8))
            #expect(alone.status == 0)
            #expect(alone.stderr == "")
            #expect(alone.stdout.contains("□ 산출근거"))
            // With the repository's rate table, departures are notes, never errors.
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let withRates = try runPlanner(["check", "-"], in: repository, stdin: Data(starter.stdout.utf8))
            #expect(withRates.status == 0)
            #expect(withRates.stdout.hasPrefix("<stdin>: 0 errors, 0 warnings"))
        }
    }

    @Test("an unknown kind is a usage error listing the kinds")
    func unknownKind() throws {
        try Sandbox.with { sandbox in
            let outcome = try sandbox.run("new", "seminar")
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains("'conference', 'education', 'advisory' or 'fam-tour'"))
        }
    }
}

@Suite("planner new --year")
struct NewCommandYearTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The years of a starter's `year:` line and of every ISO date in it.
    static func years(in text: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: #"^year: ([0-9]{4})$|(?<![0-9])([0-9]{4})-[0-9]{2}-[0-9]{2}(?![0-9])"#, options: [.anchorsMatchLines])
        let range = NSRange(text.startIndex..., in: text)
        return Set(pattern.matches(in: text, range: range).compactMap { match in
            [1, 2].lazy.compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }.first
        })
    }

    @Test("--year sets the year, the period and every date of the starter, which checks as is",
          arguments: ["conference", "education", "advisory", "fam-tour"], [2017, 2028])
    func year(kind: String, year: Int) throws {
        try Sandbox.with { sandbox in
            let starter = try sandbox.run("new", kind, "--year", String(year))
            #expect(starter.status == 0)
            #expect(starter.stdout.contains("\nyear: \(year)\n"))
            #expect(starter.stdout.contains("\nperiod: \(year)-01-01 ~ \(year)-12-31"))
            #expect(Self.years(in: starter.stdout) == [String(year)], "\(kind) \(year)")
            // nothing of the template's own year is left (the conference is named for its year too)
            #expect(!starter.stdout.contains("2026"))
            try sandbox.write("plan.yaml", starter.stdout)
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.status == 0)
            #expect(check.stdout == "plan.yaml: 0 errors, 0 warnings\n")
            let json = try sandbox.run("budget", "plan.yaml", "--format", "json")
            let events = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["events"] as? [[String: Any]])
            let dates = events.flatMap { ($0["sessions"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String } }
            #expect(!dates.isEmpty)
            #expect(dates.allSatisfy { $0.hasPrefix("\(year)-") }, "\(dates)")
        }
    }

    @Test("without --year the starter is for this year in Korea")
    func thisYear() throws {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Seoul")!, from: Date())
        let year = try #require(parts.year)
        try Sandbox.with { sandbox in
            let starter = try sandbox.run("new", "advisory")
            #expect(starter.stdout.contains("\nyear: \(year)\n"))
            #expect(Self.years(in: starter.stdout) == [String(year)])
        }
    }

    @Test("a year a plan can't have is a usage error", arguments: ["1899", "3000"])
    func badYear(year: String) throws {
        try Sandbox.with { sandbox in
            let starter = try sandbox.run("new", "advisory", "--year", year)
            #expect(starter.status == 64)
            #expect(starter.stderr.hasPrefix("Error: --year expects a year from 1900 to 2999, got \(year)\n"))
            #expect(starter.stdout == "")
        }
    }

    @Test("the conference starter is one contract: its export is one request for quotation and check has no split-purchase warning")
    func conferenceIsOnePackage() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", try sandbox.run("new", "conference", "--year", "2026").stdout)
            let export = try sandbox.run("export", "plan.yaml", "--out", "out")
            #expect(export.status == 0)
            #expect(export.stdout == "planner: wrote procurement.csv, procurement.xml and 1 request for quotation to out/: "
                + "18 procurement rows in 1 package, procurement total 58,950,000원 (honoraria 9,900,000원, plan total 68,850,000원)\n")
            let rfqs = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.appendingPathComponent("out").path).filter { $0.hasPrefix("rfq-") }
            #expect(rfqs == ["rfq-conference-agency.xml"])
            // Without the package, the same lines would be 18 contracts: check says so.
            let split = try sandbox.run("new", "conference", "--year", "2026").stdout.replacingOccurrences(of: "package: conference-agency", with: "")
            try sandbox.write("split.yaml", split)
            let check = try sandbox.run("check", "split.yaml")
            #expect(check.status == 0)
            #expect(check.stdout == "split.yaml: 0 errors, 1 warning\n")
            #expect(check.stderr.contains("expected the vendor lines of 2026 서울 소셜미디어 컨퍼런스 in one contract, found 17 lines without a package"))
        }
    }
}
