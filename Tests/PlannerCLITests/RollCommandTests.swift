import Foundation
import Testing

/// `planner roll` through the binary: a draft printed to standard output and saved anywhere checks
/// cleanly there, with no rate table beside it.
@Suite("planner roll")
struct RollCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("every plan of Events/ rolled to next year and saved in another folder checks with no errors", arguments: [
        ("social-city-2017", 2018, 1), ("sns-communication-2021", 2022, 0), ("seoul-social-conference-2026", 2027, 0),
        ("staff-sns-education-2026", 2027, 0), ("advisory-committee-2026", 2027, 0), ("influencer-fam-tour-2026", 2027, 0),
    ])
    func draftChecksElsewhere(plan: String, year: Int, warnings: Int) throws {
        try Sandbox.with { sandbox in
            // Given the draft as `planner roll … > draft.yaml` leaves it, in a folder without rates.yaml
            let roll = try runPlanner(["roll", "Events/\(plan).yaml", "--to", String(year)], in: Self.repository)
            #expect(roll.status == 0, "\(roll.stderr)")
            try sandbox.write("draft.yaml", bytes: Data(roll.stdout.utf8))
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("rates.yaml").path))
            // When it is checked there
            let check = try sandbox.run("check", "draft.yaml")
            // Then it has no errors (the 2017 plan keeps its one warning: the published 2016 column)
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.hasPrefix("draft.yaml: 0 errors, \(warnings) warning\(warnings == 1 ? "" : "s")"))
            // and prints the same page as the original, but for the year
            let page = try sandbox.run("budget", "draft.yaml", "--format", "json")
            let original = try runPlanner(["budget", "Events/\(plan).yaml", "--format", "json"], in: Self.repository)
            let total = { (text: String) in ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any])?["total"] as? Int }
            #expect(total(page.stdout) != nil && total(page.stdout) == total(original.stdout))
        }
    }

    @Test("a plan read from standard input rolls too, and its draft checks")
    func fromStandardInput() throws {
        try Sandbox.with { sandbox in
            let text = try Data(contentsOf: Self.repository.appendingPathComponent("Events/staff-sns-education-2026.yaml"))
            // A plan on standard input takes its rates from Events/rates.yaml of the folder the command runs in.
            let roll = try runPlanner(["roll", "-", "--to", "2027"], in: Self.repository, stdin: text)
            #expect(roll.status == 0, "\(roll.stderr)")
            #expect(roll.stdout.hasPrefix("# Draft of the 2027 plan, made by planner roll from standard input (2026).\n"))
            try sandbox.write("draft.yaml", bytes: Data(roll.stdout.utf8))
            let check = try sandbox.run("check", "draft.yaml")
            #expect(check.status == 0, "\(check.stderr)")
        }
    }
}
