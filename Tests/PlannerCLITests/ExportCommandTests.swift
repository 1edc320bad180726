import Foundation
import Testing

/// `planner export` through the binary: golden exports, atomic placement, and its errors.
@Suite("planner export")
struct ExportCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(in directory: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: directory.appendingPathComponent($0))) })
    }

    @Test("the committed exports of the reference plans are what the planner writes today",
          arguments: ["social-city-2017", "sns-communication-2021"])
    func goldenExports(plan: String) throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("out")
            let export = try runPlanner(["export", "Events/\(plan).yaml", "--out", out.path], in: Self.repository)
            #expect(export.status == 0)
            let fresh = try Self.files(in: out)
            let committed = try Self.files(in: Self.repository.appendingPathComponent("Exports/\(plan)"))
            #expect(fresh.keys.sorted() == committed.keys.sorted(), "the files of Exports/\(plan) are stale: run bash .ci/update-golden")
            for (name, data) in fresh where committed[name] != data {
                Issue.record("Exports/\(plan)/\(name) is stale: run bash .ci/update-golden and review the diff")
            }
        }
    }

    @Test("the summary line says what was written and the procurement total")
    func summary() throws {
        try Sandbox.with { sandbox in
            let export = try runPlanner(["export", "Events/social-city-2017.yaml", "--out", sandbox.directory.appendingPathComponent("x").path],
                                        in: Self.repository)
            #expect(export.stdout == "planner: wrote procurement.csv, procurement.xml and 12 requests for quotation to \(sandbox.directory.appendingPathComponent("x").path)/: "
                + "12 procurement rows in 12 packages, procurement total 211,300,000원 (honoraria 23,100,000원, plan total 234,400,000원)\n")
            #expect(export.stderr == "", "warnings are check's business; export reports only errors")
        }
    }

    @Test("--format csv writes only the CSV; stale requests for quotation are removed by a UBL export")
    func formatsAndStaleFiles() throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try Data("old".utf8).write(to: out.appendingPathComponent("rfq-P999.xml"))
            let csv = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--format", "csv", "--out", out.path], in: Self.repository)
            #expect(csv.status == 0)
            #expect(try Self.files(in: out).keys.sorted() == ["procurement.csv", "rfq-P999.xml"])
            let ubl = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--format", "ubl", "--out", out.path], in: Self.repository)
            #expect(ubl.status == 0)
            let names = try Self.files(in: out).keys.sorted()
            #expect(!names.contains("rfq-P999.xml"))
            #expect(names.filter { $0.hasPrefix("rfq-") }.count == 10)
        }
    }

    @Test("a folder that can't be created is an I/O error and nothing is written")
    func unwritableFolder() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("blocker", "not a folder")
            let export = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", sandbox.directory.appendingPathComponent("blocker/out").path],
                                        in: Self.repository)
            #expect(export.status == 74)
            #expect(export.stdout == "")
            #expect(export.stderr == "planner: error: can't create the folder \(sandbox.directory.appendingPathComponent("blocker/out").path): "
                + "\(sandbox.directory.appendingPathComponent("blocker").path) is a file, not a folder\n  hint: choose another folder with --out\n")
        }
    }

    @Test("a file that can't be put in place leaves no partial file and no half of the batch")
    func failedCommitLeavesNothing() throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("out")
            // procurement.xml is a folder: the CSV and the UBL files could be placed, the XML not.
            try FileManager.default.createDirectory(at: out.appendingPathComponent("procurement.xml/inside"), withIntermediateDirectories: true)
            let export = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", out.path], in: Self.repository)
            #expect(export.status == 74)
            #expect(export.stderr.hasPrefix("planner: error: can't put \(out.path)/procurement.xml in place: "))
            let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(left.filter { $0.hasSuffix(".partial") } == [], "no temporary file is left behind")
        }
    }

    @Test("a character CP949 lacks is an error naming the row and column, and nothing is written")
    func cp949Failure() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2026
                categories:
                  - name: 사무관리비
                    items:
                      - name: 홍보
                        lines:
                          - name: 굿즈 😀 제작
                            amount: 1,000,000원
                """)
            let export = try sandbox.run("export", "plan.yaml", "--encoding", "cp949", "--out", "out")
            #expect(export.status == 65)
            #expect(export.stdout == "")
            #expect(export.stderr == """
                planner: error: the CSV can't be written in cp949:
                sheet row 1 (CSV line 2), column name (품명): "😀" (U+1F600) has no code in CP949
                  hint: export with --encoding utf8 (the default), which carries every character, or change the text in the plan

                """)
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.appendingPathComponent("out").path) == [])
        }
    }

    @Test("a plan with errors gets no sheets")
    func planWithErrors() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", "program: p\nyear: 2026\n")
            let export = try sandbox.run("export", "plan.yaml", "--out", "out")
            #expect(export.status == 65)
            #expect(export.stderr.hasSuffix("planner: no sheets: plan.yaml has 1 error\n"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("out").path))
        }
    }
}
