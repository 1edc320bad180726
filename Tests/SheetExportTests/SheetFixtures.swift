import Foundation
import PlanFiles
import PlannerCore
import SheetExport
import Testing

/// Plans and sheets shared by the CSV, XML and UBL tests.
enum SheetFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let references = ["social-city-2017", "sns-communication-2021"]
    static let examples = ["advisory-committee-2026", "influencer-fam-tour-2026", "seoul-social-conference-2026", "staff-sns-education-2026"]

    /// The sheet of a plan in Events/; fails the test when the plan has errors.
    static func sheet(_ plan: String) throws -> ProcurementSheet {
        try sheet(PlanLoader.load(path: repository.appendingPathComponent("Events/\(plan).yaml").path, displayName: "Events/\(plan).yaml"))
    }

    static func sheet(_ loaded: LoadedPlan) throws -> ProcurementSheet {
        let plan = try #require(loaded.plan, "\(loaded.diagnostics.map(\.headline))")
        let (page, findings) = BudgetPage.build(plan)
        #expect(!findings.hasErrors, "\(findings.map(\.headline))")
        return ProcurementSheet.build(try #require(page))
    }

    /// The 2017 plan with 서울 미디어 메이트 운영 and 1인미디어 데이 bought as one contract, `홍보·운영`.
    static func groupedSheet() throws -> ProcurementSheet {
        let path = repository.appendingPathComponent("Events/social-city-2017.yaml").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for name in ["서울 미디어 메이트 운영", "1인미디어 데이"] {
            let line = "          - name: \(name)\n"
            #expect(text.contains(line), "the 2017 plan no longer has the line \(name)")
            text = text.replacingOccurrences(of: line, with: line + "            package: 홍보·운영\n")
        }
        let directory = repository.appendingPathComponent("Events").path
        return try sheet(PlanLoader.load(data: Data(text.utf8), file: "Events/social-city-2017.yaml",
                                         rates: PlanLoader.rateFinder(directory: directory, shownDirectory: "Events", defaultName: "rates.yaml")))
    }

    /// Runs `body` with a fresh empty folder, removed afterwards.
    static func inTemporaryDirectory<T>(_ prefix: String, _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }
}
