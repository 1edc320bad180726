import ArgumentParser
import BudgetReports
import PlannerCore

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List the sessions a plan's events expand into: meetings, lectures, tours, conference days and speaker slots.",
        discussion: """
            Each session has a stable id (<event>/<number>) that attendance uses, the roles it pays and what
            one person in each role is paid for it.
            Example: planner sessions Events/social-city-2017.yaml --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The plan file (YAML), or - for standard input.")
    var plan: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let (_, page) = try PlanInput.page(plan, nothing: "no sessions", warnings: false)
        let sessions = page.plan.events.flatMap(\.sessions)
        switch format {
        case .json:
            Console.out(JSONValue.array(sessions.map(SessionsCommand.json)).serialized())
        case .text:
            let rows = sessions.map { session -> [String] in
                [session.id, session.event.kind.rawValue, session.title ?? "", session.date?.description ?? "",
                 session.headcount.map(String.init) ?? "",
                 session.payableRoles.map { role in role.rawValue + (session.fees[role].map { " " + MoneyFormat.won($0) } ?? "") }.joined(separator: ", ")]
            }
            let table = PageTable(headers: ["session", "kind", "title", "date", "headcount", "pays"],
                                  alignments: [.left, .left, .left, .left, .right, .left], rows: rows)
            Console.out(PlainTextWriter.write([.table(table)]))
        }
    }

    static func json(_ session: PlannedSession) -> JSONValue {
        .object([
            ("id", .string(session.id)),
            ("event", .string(session.event.id)),
            ("kind", .string(session.event.kind.rawValue)),
            ("title", .optional(session.title)),
            ("date", .optional(session.date?.description)),
            ("headcount", .optional(session.headcount.map(Int64.init))),
            ("payableRoles", .array(session.payableRoles.map { .string($0.rawValue) })),
            ("fees", .object(session.payableRoles.compactMap { role in session.fees[role].map { (role.rawValue, .int($0.value)) } })),
        ])
    }
}
