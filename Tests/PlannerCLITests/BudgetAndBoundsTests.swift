import Foundation
import GRDB
import Testing

/// Honoraria keep the budget rule of `spend`; amounts are bounded and sums checked so that no stored
/// data makes a command trap; `pay` and `settle` say what they mean.
@Suite("Honoraria against the budget, bounded amounts, through the binary")
struct BudgetAndBoundsTests {
    static let plan = AttendanceEndToEndTests.plan
    typealias Store = AttendanceEndToEndTests.Store

    /// 30 members, where the plan has 15: the first 15 are the test roster's, 15 more of their own.
    static var roster: String {
        let extra = (0..<15).map { i -> String in
            let m = AttendanceEndToEndTests.member(i + 15)
            return "추가위원\(["가", "나", "다", "라", "마", "바", "사", "아", "자", "차", "카", "타", "파", "하", "거"][i]),위원,social-city-committee,서울대학교,"
                + "x\(i)@example.kr,\(m.phone),거주자,기타소득,\(m.rrn),신한은행,\(m.account)"
        }
        return ([AttendanceEndToEndTests.roster] + extra).joined(separator: "\n")
    }

    static var names: [String] {
        AttendanceEndToEndTests.names + ["가", "나", "다", "라", "마", "바", "사", "아", "자", "차", "카", "타", "파", "하", "거"].map { "추가위원" + $0 }
    }

    @Test("30 members at 6 meetings planned for 15: attend warns, the batch is refused without --over-budget, and its reason shows in status and the report")
    func batchOverBudget() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("committee.csv", Self.roster)
            #expect(try store.run("roster", "import", Self.plan, "committee.csv").status == 0)
            var lines = ["session,person,time"]
            for meeting in 1...6 {
                for name in Self.names { lines.append("social-city-committee/\(meeting),\(name),2017-0\(meeting + 2)-15T14:00") }
            }
            try sandbox.write("sign-in.csv", lines.joined(separator: "\n"))

            // When: 180 check-ins. Then: recorded, with one warning per meeting.
            let sheet = try store.run("attend", Self.plan, "--sheet", "sign-in.csv")
            #expect(sheet.status == 0)
            #expect(sheet.stdout == "sign-in.csv: 180 recorded, 0 already recorded\n")
            #expect(sheet.stderr == (1...6).map {
                "planner: warning: 30 paid people are recorded at social-city-committee/\($0), more than the 15 the plan has for it; "
                    + "recorded all the same, but a payment batch that takes the item over its budget needs --over-budget \"reason\"\n"
            }.joined())
            let door = try store.run("attend", Self.plan, "social-city-committee/1", "김민준")
            #expect(door.stdout == "already recorded: 김민준 (allowance) at social-city-committee/1\n")
            #expect(door.stderr == "planner: warning: 30 paid people are recorded at social-city-committee/1, more than the 15 the plan has for it; "
                + "recorded all the same, but a payment batch that takes the item over its budget needs --over-budget \"reason\"\n")

            // When: the batch of 27,000,000원 without a reason. Then: refused, nothing made.
            let refused = try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21")
            #expect(refused.status == 65)
            #expect(refused.stdout == "")
            #expect(refused.stderr == "planner: error: a batch of 27,000,000원 through 2017-12-31 would take \"소셜미디어 활성화를 위한 민간 네트워크 구축\" to 27,000,000원 spent "
                + "with the spending and batches before it, over its budget of 14,400,000원 by 12,600,000원; no batch was made\n"
                + "  hint: pay over budget only with a documented transfer: planner pay \(Self.plan) --through 2017-12-31 --over-budget \"reason\"\n")
            #expect(try store.run("pay", Self.plan, "--list").stdout == "")

            // When: with a reason. Then: the batch carries it, and status and the report show it once.
            let batch = try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21", "--over-budget", "위원 15명 추가 위촉(전용 승인 제12호)")
            #expect(batch.status == 0)
            #expect(batch.stdout.hasSuffix("; over budget: 위원 15명 추가 위촉(전용 승인 제12호)\n"))
            #expect(try store.run("pay", Self.plan, "--approve", "1", "--on", "2026-11-21").status == 0)
            #expect(try store.run("pay", Self.plan, "--paid", "1", "--on", "2026-11-21").status == 0)
            let status = try store.run("status", Self.plan, "--as-of", "2026-11-30")
            #expect(status.status == 0)
            #expect(status.stdout.contains("○ 소셜미디어 활성화를 위한 민간 네트워크 구축: 예산 초과 집행 사유 — payment batch 1: 위원 15명 추가 위촉(전용 승인 제12호)"))
            let report = try store.run("report", Self.plan, "--as-of", "2026-11-30", "--out", "report.html")
            #expect(report.status == 0)
            let html = try String(contentsOf: sandbox.directory.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("(초과 12,600천원) — 사유: payment batch 1: 위원 15명 추가 위촉(전용 승인 제12호)</li>"))
            #expect(html.contains("초과 사유: payment batch 1: 위원 15명 추가 위촉(전용 승인 제12호)</td>"))

            // And: a spend on the item, now over budget, is still refused.
            let spend = try store.run("spend", Self.plan, "소셜미디어 활성화를 위한 민간 네트워크 구축", "100,000원", "--date", "2017-12-01")
            #expect(spend.status == 65)
            #expect(spend.stderr == "planner: error: 100,000원 would take \"소셜미디어 활성화를 위한 민간 네트워크 구축\" to 27,100,000원 spent, over its budget of 14,400,000원 by 12,700,000원\n"
                + "  hint: spend over budget only with a documented transfer: --over-budget \"reason\"\n")
        }
    }

    static let conference = "국제(내)컨퍼런스 개최"

    @Test("an amount above 10^15원 is refused with the bound, and nothing is recorded", arguments: ["9,223,372,036,854,775,807원", "1,000,000,000,000,001원"])
    func spendAboveBound(amount: String) throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            let refused = try store.run("spend", Self.plan, Self.conference, amount, "--date", "2017-10-20", "--over-budget", "x")
            #expect(refused.status == 65)
            // (The first command that records creates the database and says so on its line.)
            #expect(refused.stderr.split(separator: "\n", omittingEmptySubsequences: false).suffix(2).joined(separator: "\n") == "planner: error: the amount for \(Self.conference) is \(amount), above 1,000,000,000,000,000원 (10^15원), "
                + "the most one spending entry holds; nothing was recorded\n")
            let bound = try store.run("spend", Self.plan, Self.conference, "1,000,000,000,000,000원", "--date", "2017-10-20", "--over-budget", "x")
            #expect(bound.status == 0)
            #expect(bound.stdout.hasPrefix("ledger entry 1: paid 1,000,000,000,000,000원"))
            #expect(try store.run("status", Self.plan).stdout.contains("1,000,000,000,000,000"))
        }
    }

    /// Every command that adds up the ledger, on a database holding `rows` written by hand.
    func commandsOnHandWrittenRows(_ insert: (Database, Int64) throws -> Void, expect message: String) throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            #expect(try store.run("spend", Self.plan, Self.conference, "1,000원", "--date", "2017-10-20").status == 0)
            let queue = try DatabaseQueue(path: sandbox.directory.appendingPathComponent("db/planner.sqlite").path)
            try queue.write { db in
                let plan = try Int64.fetchOne(db, sql: "SELECT id FROM plan") ?? 0
                try insert(db, plan)
            }
            try queue.close()
            for command in [["status", Self.plan], ["settle", Self.plan], ["report", Self.plan, "--out", "report.html"],
                            ["roll", Self.plan, "--to", "2018", "--with-settlement"], ["spend", Self.plan, "직원 소셜미디어 전문가 교육", "1,000원", "--date", "2017-10-21"]] {
                let outcome = try runPlanner(command, in: sandbox.directory, environment: store.environment)
                #expect(!outcome.crashed, "\(command[0]) trapped: \(outcome.stderr)")
                #expect(outcome.status == 65, "\(command[0])")
                #expect(outcome.stderr == message, "\(command[0])")
                #expect(outcome.stdout == "", "\(command[0])")
            }
        }
    }

    @Test("two entries of 9,223,372,036,854,775,807원 written into the database by hand: every command refuses the row, none traps")
    func handWrittenHugeRows() throws {
        try commandsOnHandWrittenRows({ db, plan in
            for _ in 0..<2 {
                try db.execute(sql: """
                    INSERT INTO spending (planID, itemKey, itemName, kind, amount, date, overBudgetReason, recordedAt, recordedBy)
                    VALUES (?, 'categories[1].items[0]', '국제(내)컨퍼런스 개최', 'payment', 9223372036854775807, '2017-10-20', 'x', '2017-10-20 00:00:00', 'hand')
                    """, arguments: [plan])
            }
        }, expect: "planner: error: row 2 of table spending holds a value this planner cannot read; was the database edited by hand?\n")
    }

    @Test("9,300 entries of 10^15원 written by hand add up past 64 bits: every command says so, none traps")
    func handWrittenSumOverflows() throws {
        try commandsOnHandWrittenRows({ db, plan in
            let insert = try db.makeStatement(sql: """
                INSERT INTO spending (planID, itemKey, itemName, kind, amount, date, overBudgetReason, recordedAt, recordedBy)
                VALUES (?, 'categories[1].items[0]', '국제(내)컨퍼런스 개최', 'payment', 1000000000000000, '2017-10-20', 'x', '2017-10-20 00:00:00', 'hand')
                """)
            for _ in 0..<9_300 { try insert.execute(arguments: [plan]) }
        }, expect: "planner: error: the recorded amounts add up to more than this planner can count (9,223,372,036,854,775,807원); "
            + "each amount it records is at most 1,000,000,000,000,000원, so the database was edited by hand\n")
    }

    @Test("settle --year names the plan's year only")
    func settleOtherYear() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            #expect(try store.run("spend", Self.plan, Self.conference, "1,000원", "--date", "2017-10-20").status == 0)
            for year in ["0", "2016", "99999"] {
                let outcome = try store.run("settle", Self.plan, "--year", year)
                #expect(outcome.status == 64)
                #expect(outcome.stdout == "")
                #expect(outcome.stderr == "planner: error: --year \(year): this plan's ledger is of 2017, the only year it can settle\n"
                    + "  hint: settle \(year) from the plan of \(year), or leave --year out\n")
            }
            #expect(try store.run("settle", Self.plan, "--year", "2017").status == 0)
        }
    }

    @Test("pay --through with nothing earned says so; with everything batched says that")
    func payNothingEarned() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("committee.csv", AttendanceEndToEndTests.roster)
            #expect(try store.run("roster", "import", Self.plan, "committee.csv").status == 0)
            let nothing = try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21")
            #expect(nothing.status == 0)
            #expect(nothing.stdout == "nothing to pay: nothing earned through 2017-12-31\n")
            #expect(try store.run("attend", Self.plan, "social-city-committee/1", "김민준").status == 0)
            #expect(try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21").status == 0)
            let again = try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21")
            #expect(again.stdout == "nothing to pay: every earned honorarium through 2017-12-31 is already in a batch\n")
        }
    }
}
