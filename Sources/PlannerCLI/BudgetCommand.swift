import ArgumentParser
import BudgetReports
import PlanFiles
import PlannerCore

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Print a plan's budget page: summary against last year, calculation basis, schedule, settlement.",
        discussion: """
            Amounts are computed from the plan's lines and rounded once to 천원 by the plan's policy.
            Warnings (such as a published previous year that does not add up) go to standard error;
            errors stop the page (exit 65).
            Example: planner budget Events/social-city-2017.yaml --format markdown
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, csv
    }

    @Argument(help: "The plan file (YAML), or - for standard input.")
    var plan: String

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    func run() throws {
        let (_, page) = try PlanInput.page(plan, nothing: "no budget page", warnings: true)
        switch format {
        case .text: Console.out(PlainTextWriter.write(BudgetPageLayout.blocks(page)))
        case .markdown: Console.out(MarkdownWriter.write(BudgetPageLayout.blocks(page)))
        case .json: Console.out(BudgetJSON.render(page))
        case .csv: Console.out(BudgetCSV.render(page.budget))
        }
    }
}
