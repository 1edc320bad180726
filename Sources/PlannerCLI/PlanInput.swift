import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore

/// Reads a plan named on the command line; `-` reads standard input.
enum PlanInput {
    static func load(_ path: String) -> LoadedPlan {
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
    /// A rate table given where a plan belongs is one error saying so and what to run instead.
    static func page(_ path: String, nothing: String, warnings: Bool) throws -> (loaded: LoadedPlan, page: BudgetPage) {
        let loaded = load(path)
        if loaded.isRateTable {
            let refusal = Diagnostic.error(at: .wholeFile(loaded.file), "expected a plan, got a rate table (effective: blocks of standard rates)",
                hint: "`planner check \(path)` checks a rate table; `\(Invocation.command)` takes a plan, such as Events/social-city-2017.yaml")
            Console.report([refusal], of: loaded)
            Console.noOutput(nothing, loaded.file, errors: [refusal])
            throw ExitCode(ExitStatus.dataError)
        }
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

/// The command being run, as the user typed it, for messages that say what to run instead.
enum Invocation {
    /// `planner budget`, `planner roster import`: the subcommand words at the start of the arguments.
    static var command: String { command(in: Array(CommandLine.arguments.dropFirst())) }

    static func command(in arguments: [String]) -> String {
        var type: ParsableCommand.Type = Planner.self
        var words = ["planner"]
        for argument in arguments {
            guard let next = type.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            words.append(argument)
            type = next
        }
        return words.joined(separator: " ")
    }
}
