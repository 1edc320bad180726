import ArgumentParser
import Foundation
import PlannerCore

/// The `planner` command. Each subcommand lives in its own file and stays thin: it reads, calls the
/// library, prints, and picks an exit code (0 ok, 1 findings from `check`, 64 usage, 65 bad input
/// data, 73 an output file that can't be created, 74 I/O, 70 internal).
@main
struct Planner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Plan a public program's budget, buy and pay for it, and report on it.",
        discussion: """
            Plans are YAML files in Events/. Start with:
              planner budget Events/social-city-2017.yaml      the budget page
              planner check Events/*.yaml                      every arithmetic finding
              planner export Events/social-city-2017.yaml      procurement sheets
              planner sessions Events/social-city-2017.yaml    what attendance is taken for
            The README walks through planning, procurement, attendance, honoraria and reporting.
            """,
        version: "0.1.0",
        subcommands: [BudgetCommand.self, CheckCommand.self, NewCommand.self, ExportCommand.self, SessionsCommand.self, RosterCommand.self, AttendCommand.self, HonorariaCommand.self, PayCommand.self, SpendCommand.self, StatusCommand.self, ResultsCommand.self, SettleCommand.self, ReportCommand.self, RollCommand.self, ImportCommand.self]
    )

    /// Parses and runs the command as `ParsableCommand.main()` does, except that a usage error goes
    /// through `Redaction.masking` on its way out: it may quote what was typed (`--date
    /// 700101-1234500`), and a personal number typed in the wrong place is not echoed.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((Redaction.masking(message) + "\n").utf8)) }
            Foundation.exit(code.rawValue)
        }
    }
}
