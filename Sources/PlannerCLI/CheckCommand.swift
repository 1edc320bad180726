import ArgumentParser
import PlanFiles
import PlannerCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check plans: every arithmetic and consistency finding, with file:line.",
        discussion: """
            Exits 1 when any plan has errors; warnings alone exit 0.
            Example: planner check Events/*.yaml
            """
    )

    @Argument(help: "Plan files (YAML); - for standard input.")
    var plans: [String]

    func run() throws {
        var anyErrors = false, anyUnreadable = false
        for path in plans {
            let loaded = PlanInput.load(path)
            var findings = loaded.diagnostics
            if let plan = loaded.plan {
                findings = (loaded.diagnostics + BudgetPage.build(plan).findings).sortedBySource()
            }
            Console.report(findings, of: loaded)
            anyErrors = anyErrors || findings.hasErrors
            anyUnreadable = anyUnreadable || !loaded.readable
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            let notes = findings.filter { $0.severity == .note }.count
            let unread = findings.filter { $0.severity == .unread }.count
            Console.out("\(loaded.file): \(count(errors, "error")), \(count(warnings, "warning"))" + (notes > 0 ? ", \(count(notes, "note"))" : "")
                        + (unread > 0 ? ", \(unread) unread line\(unread == 1 ? "" : "s")" : "") + "\n")
        }
        if anyUnreadable { throw ExitCode(ExitStatus.ioError) }
        if anyErrors { throw ExitCode(ExitStatus.findings) }
    }

    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
