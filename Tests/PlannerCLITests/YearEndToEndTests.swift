import Foundation
import Testing

/// The 2017 plan taken through its year: attendance and honoraria batches for the committee, vendor
/// payments for the conference and the fam tours, then status, results, settlement, report and roll.
@Suite("A year of the 2017 plan, end to end")
struct YearEndToEndTests {
    static let plan = AttendanceEndToEndTests.plan

    @Test("status, results, settlement and the report follow from what happened")
    func year() throws {
        try Sandbox.with { sandbox in
            let store = AttendanceEndToEndTests.Store(sandbox: sandbox)
            try sandbox.write("committee.csv", AttendanceEndToEndTests.roster)
            #expect(try store.run("roster", "import", Self.plan, "committee.csv").status == 0)
            // Meetings 1–6, two absences each (as in the attendance test): 78 attendances.
            var lines = ["session,person,time"]
            for meeting in 1...6 {
                for (i, name) in AttendanceEndToEndTests.names.enumerated() where i != meeting - 1 && i != (meeting + 5) % 15 {
                    lines.append("social-city-committee/\(meeting),\(name),2017-0\(meeting + 2)-15T14:00")
                }
            }
            try sandbox.write("sign-in.csv", lines.joined(separator: "\n"))
            #expect(try store.run("attend", Self.plan, "--sheet", "sign-in.csv").status == 0)
            // Two honoraria batches: through June (meetings 1–4 dated by the sheet) and the rest, paid in 2017.
            #expect(try store.run("pay", Self.plan, "--through", "2017-06-30", "--on", "2017-07-05").stdout.hasPrefix("payment batch 1 (draft): 52 payments"))
            #expect(try store.run("pay", Self.plan, "--approve", "1", "--on", "2017-07-06").status == 0)
            #expect(try store.run("pay", Self.plan, "--paid", "1", "--on", "2017-07-10").status == 0)
            #expect(try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2017-12-20").stdout.hasPrefix("payment batch 2 (draft): 26 payments"))
            #expect(try store.run("pay", Self.plan, "--approve", "2", "--on", "2017-12-21").status == 0)
            #expect(try store.run("pay", Self.plan, "--paid", "2", "--on", "2017-12-22").status == 0)
            // Vendors: the conference (committed, then paid in two parts), and the fam tours.
            let item = "국제(내)컨퍼런스 개최"
            #expect(try store.run("spend", Self.plan, item, "95,000,000원", "--date", "2017-09-01", "--commitment", "--vendor", "(주)행사대행").status == 0)
            #expect(try store.run("spend", Self.plan, item, "40,000,000원", "--date", "2017-10-20").status == 0)
            #expect(try store.run("spend", Self.plan, item, "55,000,000원", "--date", "2017-11-10").status == 0)
            let over = try store.run("spend", Self.plan, item, "6,000,000원", "--date", "2017-11-20")
            #expect(over.status == 65)
            #expect(over.stderr == "planner: error: 6,000,000원 would take \"국제(내)컨퍼런스 개최\" to 101,000,000원 spent, over its budget of 100,000,000원 by 1,000,000원\n  hint: spend over budget only with a documented transfer: --over-budget \"reason\"\n")
            #expect(try store.run("spend", Self.plan, "SNS 오피니언리더들과의 소통기반 강화", "18,000,000원", "--date", "2017-12-01", "--vendor", "여행사").status == 0)
            // A mistaken entry, corrected by reversing it.
            #expect(try store.run("spend", Self.plan, "SNS 오피니언리더들과의 소통기반 강화", "1,000,000원", "--date", "2017-12-02").status == 0)
            #expect(try store.run("spend", Self.plan, "--reverse", "5", "--date", "2017-12-03", "--note", "중복 입력").stdout == "ledger entry 6: reversed entry 5 (-1,000,000원) on 2017-12-03\n")

            let status = try store.run("status", Self.plan, "--format", "json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            let total = try #require(json["total"] as? [String: Any])
            // Spent: honoraria 78 × 150,000 = 11,700,000, conference 95,000,000, fam tours 18,000,000.
            #expect(total["planned"] as? Int == 234_400_000)
            #expect(total["spent"] as? Int == 124_700_000)
            #expect(total["remaining"] as? Int == 234_400_000 - 124_700_000)
            let categories = try #require(json["categories"] as? [[String: Any]])
            #expect(categories.map { $0["name"] as? String } == ["사무관리비", "행사운영비"])
            #expect(categories.map { $0["spent"] as? Int } == [29_700_000, 95_000_000])
            #expect(categories.map { $0["remaining"] as? Int } == [104_700_000, 5_000_000])

            let results = try store.run("results", Self.plan)
            #expect(results.stdout.contains("○ 소셜특별시 자문위원회 6회 (출석률 87%)\n"))

            let settle = try store.run("settle", Self.plan, "--format", "json")
            let row = try #require(try JSONSerialization.jsonObject(with: Data(settle.stdout.utf8)) as? [String: Any])
            #expect(row["finalBudget"] as? Int == 234_400_000)
            #expect(row["available"] as? Int == 234_400_000)
            #expect(row["spent"] as? Int == 124_700_000)
            #expect(row["unspent"] as? Int == 109_700_000)

            let report = try store.run("report", Self.plan, "--out", "report.html")
            #expect(report.status == 0)
            let html = try String(contentsOf: sandbox.directory.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("소셜특별시 프로젝트 추진"))
            #expect(!html.contains("https://") && !html.contains("src=\""))
            let badPath = try store.run("report", Self.plan, "--out", "missing/folder/report.html")
            #expect(badPath.status == 74)
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("missing").path))

            let roll = try store.run("roll", Self.plan, "--to", "2018", "--with-settlement")
            #expect(roll.status == 0)
            #expect(roll.stdout.contains("year: 2018"))
            #expect(roll.stdout.contains("    spent: 124,700천원\n"))
        }
    }

    @Test("results: an event with spending but no attendance records says 출석 기록 없음, not 0회; JSON flags it")
    func resultsWithoutAttendance() throws {
        try Sandbox.with { sandbox in
            let store = AttendanceEndToEndTests.Store(sandbox: sandbox)
            // Given the committee's first meeting attended by 13 of 15, and the fam tours paid but no attendance taken
            try sandbox.write("committee.csv", AttendanceEndToEndTests.roster)
            #expect(try store.run("roster", "import", Self.plan, "committee.csv").status == 0)
            let present = AttendanceEndToEndTests.names.prefix(13).map { "social-city-committee/1,\($0),2017-03-15T14:00" }
            try sandbox.write("sign-in.csv", (["session,person,time"] + present).joined(separator: "\n"))
            #expect(try store.run("attend", Self.plan, "--sheet", "sign-in.csv").status == 0)
            #expect(try store.run("spend", Self.plan, "SNS 오피니언리더들과의 소통기반 강화", "18,000,000원", "--date", "2017-12-01").status == 0)
            // When the results are printed
            let text = try store.run("results", Self.plan)
            // Then only the committee has a count; the others say no attendance was recorded
            #expect(text.stdout == """
                ○ 직원 소셜미디어 전문가 교육 (출석 기록 없음)
                ○ 소셜특별시 자문위원회 1회 (출석률 87%)
                ○ 1인미디어 팸투어 (출석 기록 없음)
                ○ 국제(내)컨퍼런스 (출석 기록 없음)

                """)
            #expect(text.status == 0)
            let json = try store.run("results", Self.plan, "--format", "json")
            let events = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(events.map { $0["attendanceRecorded"] as? Bool } == [false, true, false, false])
            #expect(events.map { $0["held"] as? Int } == [0, 1, 0, 0])
            #expect(events.map { $0["line"] as? String } == ["직원 소셜미디어 전문가 교육 (출석 기록 없음)", "소셜특별시 자문위원회 1회 (출석률 87%)",
                                                            "1인미디어 팸투어 (출석 기록 없음)", "국제(내)컨퍼런스 (출석 기록 없음)"])
        }
    }

    @Test("the report's footer shows 작성일 (--made-on) and 기준일 (--as-of) apart")
    func reportMadeOnAndAsOf() throws {
        try Sandbox.with { sandbox in
            let store = AttendanceEndToEndTests.Store(sandbox: sandbox)
            #expect(try store.run("spend", Self.plan, "국제(내)컨퍼런스 개최", "40,000,000원", "--date", "2017-10-20").status == 0)
            let report = try store.run("report", Self.plan, "--out", "report.html", "--as-of", "2017-10-31", "--made-on", "2017-11-03")
            #expect(report.status == 0)
            let html = try String(contentsOf: sandbox.directory.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("<footer><p>작성일 2017-11-03 · 기준일 2017-10-31 · planner가 계획 파일과 집행 대장에서 만든 보고서</p></footer>\n"))
            // Without --made-on the report is dated today, in Seoul (either side of a midnight during the run).
            func today() -> String {
                let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Seoul")!, from: Date())
                return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            }
            let before = today()
            #expect(try store.run("report", Self.plan, "--out", "today.html").status == 0)
            let after = today()
            let dated = try String(contentsOf: sandbox.directory.appendingPathComponent("today.html"), encoding: .utf8)
            #expect([before, after].contains { dated.contains("<footer><p>작성일 \($0) · 기준일 2017-12-31 · ") })
            // A day that is not a day is a usage error.
            let wrong = try store.run("report", Self.plan, "--out", "x.html", "--made-on", "2017-13-01")
            #expect(wrong.status == Exit.usage)
            #expect(wrong.stderr.hasPrefix("Error: --made-on expects a day like 2017-12-31, got \"2017-13-01\"\n"))
        }
    }
}
