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
        let loaded = PlanInput.load(plan)
        guard let parsed = loaded.plan else {
            Console.report(loaded.diagnostics, of: loaded)
            if loaded.readable { Console.noPage(loaded.file, errors: loaded.diagnostics) }
            throw ExitCode(loaded.readable ? ExitStatus.dataError : ExitStatus.ioError)
        }
        let (page, pageFindings) = BudgetPage.build(parsed)
        let findings = (loaded.diagnostics + pageFindings).sortedBySource()
        Console.report(findings, of: loaded)
        guard let page, !findings.hasErrors else {
            Console.noPage(loaded.file, errors: findings)
            throw ExitCode(ExitStatus.dataError)
        }
        switch format {
        case .text: Console.out(PlainTextWriter.write(BudgetPageLayout.blocks(page)))
        case .markdown: Console.out(MarkdownWriter.write(BudgetPageLayout.blocks(page)))
        case .json: Console.out(BudgetJSON.render(page))
        case .csv: Console.out(BudgetCSV.render(page.budget))
        }
    }
}
