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
