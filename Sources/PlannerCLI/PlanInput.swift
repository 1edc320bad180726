import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore

/// Reads a plan named on the command line; `-` reads standard input.
enum PlanInput {
    static func load(_ path: String) -> LoadedPlan {
        if path != "-", PlanLoader.isRateTable(path: path) { return PlanLoader.loadRateTable(path: path) }
        guard path == "-" else { return PlanLoader.load(path: path) }
        // A plan from standard input takes its rates from the working folder: Events/rates.yaml.
        let cwd = FileManager.default.currentDirectoryPath
        return PlanLoader.load(data: FileHandle.standardInput.readDataToEndOfFile(), file: "<stdin>",
                               rates: PlanLoader.rateFinder(directory: cwd, shownDirectory: "", defaultName: "Events/rates.yaml"))
    }
}

extension PlanInput {
    /// Loads and prices a plan for a command that produces something from it. Reports the plan's
    /// findings (all of them, or only errors with `warnings: false`); when it has errors, says that
    /// `nothing` was produced and throws the exit code (65, or 74 for a file that can't be read).
    static func page(_ path: String, nothing: String, warnings: Bool) throws -> (loaded: LoadedPlan, page: BudgetPage) {
        let loaded = load(path)
        guard let parsed = loaded.plan else {
            Console.report(loaded.diagnostics, of: loaded)
            if loaded.readable { Console.noOutput(nothing, loaded.file, errors: loaded.diagnostics) }
            throw ExitCode(loaded.readable ? ExitStatus.dataError : ExitStatus.ioError)
        }
        let (built, pageFindings) = BudgetPage.build(parsed)
        let findings = (loaded.diagnostics + pageFindings).sortedBySource()
        Console.report(warnings ? findings : findings.filter { $0.severity == .error }, of: loaded)
        guard let page = built, !findings.hasErrors else {
            Console.noOutput(nothing, loaded.file, errors: findings)
            throw ExitCode(ExitStatus.dataError)
        }
        return (loaded, page)
    }
}
