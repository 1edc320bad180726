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
            #expect(export.stdout == "planner: wrote procurement.csv, procurement.xml and 8 requests for quotation to \(sandbox.directory.appendingPathComponent("x").path)/: "
                + "12 procurement rows in 8 packages, procurement total 211,300,000원 (honoraria 23,100,000원, plan total 234,400,000원)\n")
            #expect(export.stderr == "", "warnings are check's business; export reports only errors")
        }
    }

    @Test("lines of classes that are not purchases (업무추진비) are left out of the sheets, and the summary says so")
    func notPurchasesLeftOut() throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("x")
            let export = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", out.path], in: Self.repository)
            #expect(export.status == 0)
            #expect(export.stdout == "planner: wrote procurement.csv, procurement.xml and 9 requests for quotation to \(out.path)/: "
                + "9 procurement rows in 9 packages, procurement total 424,960,000원 (honoraria 0원, "
                + "left out as not purchases 2,700,000원 (203-02 시책추진업무추진비), plan total 427,660,000원)\n")
            let files = try Self.files(in: out)
            for (name, data) in files {
                #expect(!String(decoding: data, as: UTF8.self).contains("업무추진비"), "\(name) names 업무추진비")
            }
        }
    }

    @Test("requests for quotation are due 7 days after the issue day, or on --due")
    func dueDate() throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("x")
            // The issue day is the plan's first day (2021-01-01) unless --issue-date says otherwise.
            _ = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--format", "ubl", "--out", out.path], in: Self.repository)
            #expect(try String(contentsOf: out.appendingPathComponent("rfq-P001.xml"), encoding: .utf8).contains("<cbc:SubmissionDueDate>2021-01-08</cbc:SubmissionDueDate>"))
            _ = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--format", "ubl", "--out", out.path, "--issue-date", "2021-12-28"], in: Self.repository)
            #expect(try String(contentsOf: out.appendingPathComponent("rfq-P001.xml"), encoding: .utf8).contains("<cbc:SubmissionDueDate>2022-01-04</cbc:SubmissionDueDate>"))
            let due = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--format", "ubl", "--out", out.path,
                                      "--issue-date", "2021-03-02", "--due", "2021-03-16"], in: Self.repository)
            #expect(due.status == 0)
            let text = try String(contentsOf: out.appendingPathComponent("rfq-P001.xml"), encoding: .utf8)
            #expect(text.contains("<cbc:IssueDate>2021-03-02</cbc:IssueDate>\n  <cbc:IssueTime>00:00:00+09:00</cbc:IssueTime>\n  <cbc:SubmissionDueDate>2021-03-16</cbc:SubmissionDueDate>"))
        }
    }

    @Test("a due day before the issue day, or not a day, is refused and nothing is written", arguments: [
        (["--due", "2020-12-31"], 64, "planner: error: --due: expected a day on or after the issue day 2021-01-01 (the plan's first day), got 2020-12-31\n"
            + "  hint: quotations can't be due before they are asked for; give a later --due or an earlier --issue-date\n"),
        (["--issue-date", "2021-03-02", "--due", "2021-03-01"], 64, "planner: error: --due: expected a day on or after the issue day 2021-03-02, got 2021-03-01\n"
            + "  hint: quotations can't be due before they are asked for; give a later --due or an earlier --issue-date\n"),
    ] as [([String], Int32, String)])
    func dueBeforeIssue(arguments: [String], status: Int32, message: String) throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("x")
            let export = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", out.path] + arguments, in: Self.repository)
            #expect(export.status == status)
            #expect(export.stderr == message)
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    @Test("--due that is not a day is a usage error")
    func dueNotADay() throws {
        try Sandbox.with { sandbox in
            let export = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", sandbox.directory.path, "--due", "next week"], in: Self.repository)
            #expect(export.status == 64)
            #expect(export.stderr.hasPrefix("Error: --due expects a day like 2017-01-08, got \"next week\"\n"))
        }
    }

    @Test("--format csv writes only the CSV; a file the planner didn't write is kept, whatever its name")
    func formatsAndForeignFiles() throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try Data("vendor's own".utf8).write(to: out.appendingPathComponent("rfq-vendorA.xml"))
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("notes").path, withDestinationPath: "/etc/hostname")
            let csv = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--format", "csv", "--out", out.path], in: Self.repository)
            #expect(csv.status == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".planner-export.json", "notes", "procurement.csv", "rfq-vendorA.xml"])
            let ubl = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--format", "ubl", "--out", out.path], in: Self.repository)
            #expect(ubl.status == 0)
            #expect(!ubl.stdout.contains("removed"))
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(try Data(contentsOf: out.appendingPathComponent("rfq-vendorA.xml")) == Data("vendor's own".utf8))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("notes").path) == "/etc/hostname")
            #expect(names.contains("procurement.csv"), "the CSV of the first export is kept by a UBL export")
            #expect(names.filter { $0.hasPrefix("rfq-P") }.count == 9)
            let manifest = try String(contentsOf: out.appendingPathComponent(".planner-export.json"), encoding: .utf8)
            #expect(manifest.contains("\"plan\" : \"소셜미디어를 통한 시민과의 소통 활성화 2021\""))
            #expect(manifest.contains("\"procurement.csv\"") && manifest.contains("\"rfq-P009.xml\"") && !manifest.contains("vendorA"))
        }
    }

    @Test("files the previous export of the same plan listed and this one no longer writes are removed, and the summary says so; another plan's are kept")
    func manifestStaleFiles() throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("out")
            #expect(try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", out.path], in: Self.repository).status == 0)
            // As if the previous export had written a package the plan has since lost.
            let manifestURL = out.appendingPathComponent(".planner-export.json")
            let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
            try manifest.replacingOccurrences(of: "\"rfq-P009.xml\"", with: "\"rfq-P009.xml\",\n    \"rfq-P010.xml\"").write(to: manifestURL, atomically: true, encoding: .utf8)
            try Data("old".utf8).write(to: out.appendingPathComponent("rfq-P010.xml"))
            try Data("mine".utf8).write(to: out.appendingPathComponent("rfq-P011.xml"))
            let again = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", out.path], in: Self.repository)
            #expect(again.status == 0)
            #expect(again.stdout.hasSuffix("plan total 427,660,000원)\n"
                + "planner: removed rfq-P010.xml: written by the previous export of this plan, no longer part of it\n"))
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(!names.contains("rfq-P010.xml"))
            #expect(names.contains("rfq-P011.xml"), "a file no manifest listed is the user's")
            #expect(try String(contentsOf: manifestURL, encoding: .utf8) == manifest)

            // The manifest of another plan: its files are not this plan's to remove.
            try manifest.replacingOccurrences(of: "소셜미디어를 통한 시민과의 소통 활성화 2021", with: "다른 사업 2021")
                .replacingOccurrences(of: "\"rfq-P009.xml\"", with: "\"rfq-P009.xml\",\n    \"rfq-P011.xml\"").write(to: manifestURL, atomically: true, encoding: .utf8)
            let other = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", out.path], in: Self.repository)
            #expect(other.status == 0)
            #expect(!other.stdout.contains("removed"))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rfq-P011.xml").path))
        }
    }

    @Test("a folder holding a subfolder of the user's is exported into file by file, the subfolder kept; no staging folder is left")
    func subfolderKept() throws {
        try Sandbox.with { sandbox in
            let out = sandbox.directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out.appendingPathComponent("drafts"), withIntermediateDirectories: true)
            try Data("draft".utf8).write(to: out.appendingPathComponent("drafts/rfq-P001.xml"))
            let export = try runPlanner(["export", "Events/sns-communication-2021.yaml", "--out", out.path], in: Self.repository)
            #expect(export.status == 0)
            #expect(try Data(contentsOf: out.appendingPathComponent("drafts/rfq-P001.xml")) == Data("draft".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 13)
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path) == ["out"])
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
