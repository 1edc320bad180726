import Foundation
import Testing

/// The README's walkthrough of a year (roster → attendance → honoraria → payments, then spending →
/// status → results → settlement → report → next year) is a story a new user pastes in order. This
/// suite pastes it: every `sh` line of the two sections runs, in order, against a fresh database, with
/// the built binary for `swift run planner` and a scratch folder for `/tmp/`, and what the README says
/// `planner status` and `planner results` print is compared with what they print.
@Suite("The README's walkthrough, pasted in order")
struct ReadmeWalkthroughTests {
    /// The headings of the two sections whose commands make one story.
    static let sections = ["### Running the program", "### Plan versus actual"]

    /// One command of the walkthrough as the README writes it.
    struct Command: CustomStringConvertible {
        let line: String
        var description: String { line }
    }

    /// The text of the README section that starts with `heading`, up to the next heading of level 2 or 3.
    static func section(_ heading: String, of readme: String) -> String? {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(heading) }) else { return nil }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") || $0.hasPrefix("### ") } ?? lines.endIndex
        return lines[start..<end].joined(separator: "\n")
    }

    /// The fenced blocks of `text`, each with its info string (`sh`, or empty).
    static func fencedBlocks(of text: String) -> [(info: String, body: String)] {
        var blocks: [(String, String)] = []
        var info: String?, body: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let open = info {
                    blocks.append((open, body.joined(separator: "\n")))
                    info = nil
                } else {
                    info = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                    body = []
                }
            } else if info != nil {
                body.append(line)
            }
        }
        return blocks
    }

    static var readme: String {
        get throws { try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8) }
    }

    /// Every `swift run planner` line of the walkthrough's `sh` blocks, in order.
    static func commands() throws -> [Command] {
        let readme = try readme
        return try sections.flatMap { heading in
            fencedBlocks(of: try #require(section(heading, of: readme), "the README has no section \"\(heading)\""))
                .filter { $0.info == "sh" }
                .flatMap { $0.body.split(separator: "\n").map(String.init) }
                .filter { $0.hasPrefix("swift run planner ") }
                .map { Command(line: $0) }
        }
    }

    /// The block of the README that shows what a command prints: the first unlabelled block of the
    /// walkthrough after the paragraph that starts with `intro` (`` `planner status` ``).
    static func shownOutput(after intro: String) throws -> String {
        let readme = try readme
        let text = try sections.map { heading in
            try #require(section(heading, of: readme), "the README has no section \"\(heading)\"")
        }.joined(separator: "\n")
        let start = try #require(text.range(of: "\n" + intro), "the walkthrough has no paragraph starting \"\(intro)\"")
        let block = try #require(fencedBlocks(of: String(text[start.upperBound...])).first { $0.info.isEmpty },
                                 "the walkthrough shows no output after \"\(intro)\"")
        return block.body + "\n"
    }

    /// Runs one README line through bash in the repository folder, as a user pastes it: the built binary
    /// stands for `swift run planner`, the scratch folder for `/tmp/`, and the store is the scratch one.
    static func run(_ command: Command, scratch: URL, binary: URL) throws -> Outcome {
        let line = command.line
            .replacingOccurrences(of: "swift run planner ", with: "\"$PLANNER_BINARY\" ")
            .replacingOccurrences(of: "/tmp/", with: scratch.path + "/")
        return try runProgram(URL(fileURLWithPath: "/bin/bash"), ["-c", line], in: repositoryRoot, environment: [
            "PLANNER_BINARY": binary.path,
            "PLANNER_DATABASE": scratch.appendingPathComponent("planner.sqlite").path,
            "PLANNER_KEY_FILE": scratch.appendingPathComponent("planner.key").path,
            "HOME": scratch.path, "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "USER": "officer",
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        ])
    }

    @Test("every command of the walkthrough succeeds in order, and status and results print what the README shows")
    func walkthrough() throws {
        let binary = try PlannerBinary.require()
        let commands = try Self.commands()
        // The story: roster, check-ins, a sign-in sheet, a void, honoraria, payment batches, spending,
        // status, results, settlement, report and next year's draft.
        for verb in ["roster import", "attend", "honoraria", "pay", "spend", "status", "results", "settle", "report", "roll"] {
            #expect(commands.contains { $0.line.hasPrefix("swift run planner \(verb) ") }, "the walkthrough has no `planner \(verb)`")
        }
        let expectedStatus = try Self.shownOutput(after: "`planner status`")
        let expectedResults = try Self.shownOutput(after: "`planner results`")
        try Sandbox.with { sandbox in
            var printed: [String: String] = [:]
            for command in commands {
                let outcome = try Self.run(command, scratch: sandbox.directory, binary: binary)
                #expect(outcome.status == 0, "README line failed: \(command)\n\(outcome)")
                #expect(!outcome.stderr.contains("error"), "README line printed an error: \(command)\n\(outcome.stderr)")
                for verb in ["status", "results"] where command.line.hasPrefix("swift run planner \(verb) ") && !command.line.contains("--format") {
                    printed[verb] = outcome.stdout
                }
            }
            #expect(printed["status"] == expectedStatus)
            #expect(printed["results"] == expectedResults)
        }
    }

    @Test("the walkthrough reader finds the README's blocks and refuses a README without the section")
    func reader() throws {
        let text = """
            ## Top
            ### Running the program: x
            ```sh
            swift run planner sessions P   # a comment
            ls
            ```
            ```
            집행 현황 (x)
            ```
            ### Next
            ```sh
            swift run planner budget P
            ```
            """
        let section = try #require(Self.section("### Running the program", of: text))
        #expect(Self.fencedBlocks(of: section).map(\.info) == ["sh", ""])
        #expect(Self.fencedBlocks(of: section).first?.body == "swift run planner sessions P   # a comment\nls")
        #expect(!section.contains("budget"))
        #expect(Self.section("### Missing", of: text) == nil)
    }
}
