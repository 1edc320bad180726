import ArgumentParser
import Foundation
import PlanFiles

/// Reads a plan named on the command line; `-` reads standard input.
enum PlanInput {
    static func load(_ path: String) -> LoadedPlan {
        guard path == "-" else { return PlanLoader.load(path: path) }
        return PlanLoader.load(data: FileHandle.standardInput.readDataToEndOfFile(), file: "<stdin>")
    }
}
