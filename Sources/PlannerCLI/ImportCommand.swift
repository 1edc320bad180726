import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore
import SheetExport

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a budget page (text converted from an office document) into a plan file.",
        discussion: """
            The page's printed amounts are kept as declared amounts, so `planner check` keeps verifying
            them. An existing file is never overwritten without --force (exit 73).
            Example: planner import page-2017.txt --out Events/social-city-2017-imported.yaml
            """
    )

    @Argument(help: "The budget page (text, UTF-8 or CP949).") var file: String
    @Option(help: "The plan file to write (default: standard output).") var out: String?
    @Flag(help: "Overwrite --out if it exists.") var force = false
    @Option(help: "How the page rounded line amounts to 천원 (half-up or truncate).") var rounding: RoundingRule = .halfUp
    @Option(help: "The page's text encoding (automatic, utf8 or cp949).") var encoding: PageEncodingOption = .automatic

    func run() throws {
        let loaded = PageInput.load(file, rounding: rounding, encoding: encoding.value)
        guard let plan = loaded.plan else {
            Console.report(loaded.diagnostics, of: loaded)
            throw ExitCode(loaded.readable ? ExitStatus.dataError : ExitStatus.ioError)
        }
        // Findings go to standard error; the plan is written anyway, declared amounts and all, so that
        // `planner check` on it shows the same findings.
        Console.report((loaded.diagnostics + BudgetPage.build(plan).findings).sortedBySource(), of: loaded)
        let yaml = PlanWriter.yaml(plan, source: file)
        guard let out else {
            Console.out(yaml)
            return
        }
        // A pipe or device (`--out /dev/stdout`) is written into, not replaced: only a file needs --force.
        if case .file = (try? OutputTarget.of(out)) ?? .file(path: out), FileManager.default.fileExists(atPath: out), !force {
            Console.error("planner: error: \(out) already exists; nothing was written\n  hint: choose another --out, or add --force to replace it\n")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        try Console.writeFile(out) { try Data(yaml.utf8).write(to: URL(fileURLWithPath: $0)) }
        Console.out("wrote \(out): \(plan.program.name) \(plan.program.year), \(plan.categories.count) categories, "
                    + "\(plan.categories.flatMap(\.items).flatMap(\.lines).count) lines\n")
    }
}
