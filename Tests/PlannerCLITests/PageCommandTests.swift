import Foundation
import Testing

/// `planner check FILE.txt` and `planner import` on budget pages.
@Suite("Budget pages: check and import")
struct PageCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let planted = repository.appendingPathComponent("Tests/PlanFilesTests/Pages/planted-errors-2017.txt").path
    static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["PLANNER_SHARED"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return repository.deletingLastPathComponent().appendingPathComponent("shared")
    }()
    static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference").path) }

    @Test("a page with planted errors: every one at its line, exit 1, and JSON findings with severity and line")
    func planted() throws {
        let check = try runPlanner(["check", Self.planted], in: Self.repository)
        #expect(check.status == 1)
        #expect(check.stdout == "\(Self.planted): 7 errors, 0 warnings\n")
        for line in [8, 18, 19, 24, 32, 42, 62] {
            #expect(check.stderr.contains("planted-errors-2017.txt:\(line):"), "line \(line)")
        }
        let json = try runPlanner(["check", Self.planted, "--format", "json"], in: Self.repository)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["line"] as? Int } == [8, 18, 19, 24, 32, 42, 62])
        #expect(findings.allSatisfy { $0["severity"] as? String == "error" })
        #expect((object["totals"] as? [String: Any])?["total"] as? Int == 234_400_000)
    }

    @Test("the 2017 reference page: exactly the 2016 warning", .enabled(if: referenceAvailable, "the reference documents are not here (../shared/reference or PLANNER_SHARED)"))
    func reference2017() throws {
        let page = Self.shared.appendingPathComponent("reference/000_ca13da2687c4299f.txt").path
        let check = try runPlanner(["check", page], in: Self.repository)
        #expect(check.status == 0)
        #expect(check.stdout == "\(page): 0 errors, 1 warning\n")
        #expect(check.stderr.hasPrefix("planner: warning: \(page):43:13: history[1].total: the published 2016 total (416,500천원) differs from its categories' sum (344,000천원) by 72,500천원\n"))
    }

    @Test("the 2021 reference page imports to a plan whose budget has the page's figures", .enabled(if: referenceAvailable, "the reference documents are not here (../shared/reference or PLANNER_SHARED)"))
    func import2021() throws {
        try Sandbox.with { sandbox in
            let page = Self.shared.appendingPathComponent("reference/001_38ba539b69dbdf40.txt").path
            let imported = try runPlanner(["import", page, "--out", "imported.yaml"], in: sandbox.directory)
            #expect(imported.status == 0)
            #expect(imported.stdout == "wrote imported.yaml: 소셜미디어를 통한 시민과의 소통 활성화 2021, 2 categories, 9 lines\n")
            let check = try sandbox.run("check", "imported.yaml")
            #expect(check.stdout == "imported.yaml: 0 errors, 0 warnings\n")
            let json = try sandbox.run("budget", "imported.yaml", "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["total"] as? Int == 427_660_000)
            let rows = try #require((object["comparison"] as? [String: Any])?["rows"] as? [[String: Any]])
            #expect(rows.map { $0["percent"] as? Int } == [-20, -20, -10])
            // Never overwritten without --force.
            let again = try runPlanner(["import", page, "--out", "imported.yaml"], in: sandbox.directory)
            #expect(again.status == Exit.cantCreate)
            #expect(again.stderr == "planner: error: imported.yaml already exists; nothing was written\n  hint: choose another --out, or add --force to replace it\n")
        }
    }

    @Test("import --out onto an existing file: nothing is written, exit 73 (can't create), and --force replaces it")
    func importOntoExistingFile() throws {
        try Sandbox.with { sandbox in
            // Given a file already at the --out path
            let page = Self.repository.appendingPathComponent("Tests/PlanFilesTests/Pages/county-book-2013.txt").path
            try sandbox.write("imported.yaml", "# mine")
            // When the page is imported onto it without --force
            let refused = try runPlanner(["import", page, "--out", "imported.yaml"], in: sandbox.directory)
            // Then it is left alone, with a message saying so and how to replace it
            #expect(refused.status == Exit.cantCreate)
            #expect(refused.stdout == "")
            #expect(refused.stderr == "planner: error: imported.yaml already exists; nothing was written\n  hint: choose another --out, or add --force to replace it\n")
            #expect(try String(contentsOf: sandbox.directory.appendingPathComponent("imported.yaml"), encoding: .utf8) == "# mine\n")
            let forced = try runPlanner(["import", page, "--out", "imported.yaml", "--force"], in: sandbox.directory)
            #expect(forced.status == Exit.ok)
            #expect(forced.stdout == "wrote imported.yaml: 읍면 행정정보망 운영 2013, 2 categories, 5 lines\n")
        }
    }
}
