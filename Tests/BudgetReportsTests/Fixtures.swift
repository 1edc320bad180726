import Foundation
import PlanFiles
import PlannerCore

/// Paths of the repository and of the shared reference folder, found from this file's location so
/// that tests don't depend on the working directory.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// `../shared` beside the repository, or `PLANNER_SHARED`. A user's clone has none.
    static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["PLANNER_SHARED"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return repository.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static var referenceAvailable: Bool {
        FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference").path)
    }

    static func reference(_ name: String) throws -> String {
        try String(contentsOf: shared.appendingPathComponent("reference").appendingPathComponent(name), encoding: .utf8)
    }

    /// Loads a plan from Events/ and builds its page; fails the test when the plan has errors.
    static func page(_ plan: String) throws -> BudgetPage {
        let loaded = PlanLoader.load(path: repository.appendingPathComponent("Events/\(plan).yaml").path, displayName: "Events/\(plan).yaml")
        guard let parsed = loaded.plan else { throw FixtureError.invalid(loaded.diagnostics.map(\.headline)) }
        let (page, findings) = BudgetPage.build(parsed)
        guard let page, !findings.hasErrors else { throw FixtureError.invalid(findings.map(\.headline)) }
        return page
    }

    enum FixtureError: Error { case invalid([String]) }
}
