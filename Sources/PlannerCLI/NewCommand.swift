import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Print a commented starter plan for an event kind.",
        discussion: """
            The starter is a complete plan that `planner budget` accepts as is; save it in Events/ and edit it.
            Its year, period and dates are those of --year (default: this year).
            Example: planner new conference --year 2027 > Events/my-conference-2027.yaml
                     planner new advisory | planner budget -
            """
    )

    @Argument(help: "The kind of event: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: EventKind

    @Option(help: "The plan's year: its year:, period and every date (default: this year).")
    var year: Int?

    func validate() throws {
        if let year, !Starter.years.contains(year) {
            throw ValidationError("--year expects a year from \(Starter.years.lowerBound) to \(Starter.years.upperBound), got \(year)")
        }
    }

    func run() throws {
        Console.out(Starter.yaml(kind, year: year ?? Self.thisYear()) + "\n")
    }

    /// This year in Korea (the CLI is the one place that reads the clock).
    static func thisYear() -> Int {
        Today.inKorea().year
    }
}

extension EventKind: ExpressibleByArgument {}
