import ArgumentParser
import Foundation
import PlanFiles

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
