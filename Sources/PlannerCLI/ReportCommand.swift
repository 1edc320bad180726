import ArgumentParser
import BudgetReports
import Foundation
import PlanFiles
import PlannerCore
import PlannerStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report: the budget page, plan-versus-spent charts, results and settlement.",
        discussion: """
            No network and no external files: open it in any browser or print it on A4. The footer shows the
            day it was made (작성일, --made-on, default today) and the day its figures are as of (기준일, --as-of).
            Example: planner report Events/social-city-2017.yaml --out /tmp/social-city-2017.html
            """
    )

    @Argument(help: "The plan file (YAML).") var plan: String
    @Option(help: "The HTML file to write.") var out: String
    @OptionGroup var asOf: AsOfOption
    @Option(name: .customLong("made-on"), help: "The day the report is made (작성일), YYYY-MM-DD (default today).") var madeOn: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let madeOn, PlanReader.date(madeOn) == nil { throw ValidationError("--made-on expects a day like 2017-12-31, got \"\(madeOn)\"") }
    }

    func run() throws {
        try reportingStoreErrors {
            let made = try Earnings.day(madeOn)
            let context = try PlanContext.open(plan, store: store, access: .read)
            let day = asOf.day(for: context.plan)
            let status = try Actuals.status(context, asOf: day)
            let results = try Actuals.results(context)
            let settlement = day.month == 12 && day.day == 31
                ? try Actuals.settlement(context, year: context.plan.program.year, carriedIn: .zero, adjustment: .zero, carriedOut: .zero) : nil
            let html = HTMLReport.render(page: context.page, status: status, results: results, settlement: settlement, madeOn: made)
            // Written beside its destination and renamed into place: never a half-written report.
            try Console.writeFile(out) { try Data(html.utf8).write(to: URL(fileURLWithPath: $0)) }
            Console.out("wrote \(out): \(context.plan.program.name) \(context.plan.program.year), as of \(day), "
                + "spent \(MoneyFormat.won(status.total.spent)) of \(MoneyFormat.won(status.total.planned)) (\(Actuals.rate(status.total.rateBasisPoints)))\n")
        }
    }
}

struct RollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roll",
        abstract: "Print next year's draft plan: this year's figures as the previous-year column, the settlement appended, the lines copied.",
        discussion: """
            The planner never writes into Events/: redirect the draft where you want it.
            Example: planner roll Events/social-city-2017.yaml --to 2018 > Events/social-city-2018.yaml
            """
    )

    @Argument(help: "The plan file (YAML).") var plan: String
    @Option(help: "The year of the draft.") var to: Int
    @Flag(name: .customLong("with-settlement"), help: "Append this year's settlement row from the ledger (needs the database).")
    var withSettlement = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingStoreErrors {
            let (loaded, page) = try PlanInput.page(plan, nothing: "no draft", warnings: false)
            var settlement: SettlementEntry?
            if withSettlement {
                let context = try PlanContext.open(plan, store: store, access: .read)
                settlement = try Actuals.settlement(context, year: page.plan.program.year, carriedIn: .zero, adjustment: .zero, carriedOut: .zero)
            }
            let text = loaded.lines.joined(separator: "\n")
            switch PlanRoller.roll(text: text, file: loaded.file, plan: page.plan, budget: page.budget, settlement: settlement, toYear: to) {
            case .success(let draft): Console.out(draft.hasSuffix("\n") ? draft : draft + "\n")
            case .failure(let diagnostic):
                Console.error("planner: \(diagnostic.headline)\n")
                throw ExitCode(ExitStatus.dataError)
            }
        }
    }
}
