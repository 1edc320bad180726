import ArgumentParser
import PlanFiles
import PlannerCore

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Print a commented starter plan for an event kind.",
        discussion: """
            The starter is a complete plan that `planner budget` accepts as is; save it in Events/ and edit it.
            Example: planner new conference > Events/my-conference-2026.yaml
                     planner new advisory | planner budget -
            """
    )

    @Argument(help: "The kind of event: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: EventKind

    func run() throws {
        switch kind {
        case .advisory: Console.out(AdvisoryStarter.yaml + "\n")
        case .education: Console.out(EducationStarter.yaml + "\n")
        case .famTour: Console.out(FamTourStarter.yaml + "\n")
        case .conference: Console.out(ConferenceStarter.yaml + "\n")
        }
    }
}

extension EventKind: ExpressibleByArgument {}
