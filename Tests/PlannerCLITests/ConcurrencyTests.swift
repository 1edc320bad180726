import Foundation
import GRDB
import Testing

/// Several `planner` processes writing into one database at once: every command succeeds (SQLite lets
/// one writer in at a time and the others wait), nothing is lost, nothing is recorded twice, and a
/// budget check can't be passed by two spenders that only one of them fits.
@Suite("Concurrent planners on one database", .serialized)
struct ConcurrencyTests {
    static let workers = 4

    /// The meetings of worker `k`'s own sheet: nine each, no two workers the same.
    static func ownMeetings(_ k: Int) -> ClosedRange<Int> { (9 * k + 1)...(9 * k + 9) }
    /// The meeting every worker's second sheet records: the same 150 check-ins, four times.
    static let sharedMeeting = 40

    static func sheet(_ meetings: some Sequence<Int>) -> String {
        var lines = ["session,person,time"]
        for meeting in meetings {
            for i in 0..<CrashSafetyTests.members { lines.append("big-committee/\(meeting),\(CrashSafetyTests.name(i)),") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `N recorded, M already recorded` from `planner attend --sheet`.
    static func counts(_ stdout: String) -> (recorded: Int, already: Int)? {
        let numbers = stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard stdout.contains(" recorded, "), numbers.count >= 2 else { return nil }
        return (numbers[numbers.count - 2], numbers[numbers.count - 1])
    }

    @Test("four planners recording attendance and spending at once lose nothing and duplicate nothing")
    func attendanceAndSpending() throws {
        try CrashSafetyTests.prepared { sandbox, environment in
            for k in 0..<Self.workers {
                try sandbox.write("own-\(k).csv", Self.sheet(Self.ownMeetings(k)))
                try sandbox.write("shared-\(k).csv", Self.sheet([Self.sharedMeeting]))
            }
            let directory = sandbox.directory
            let outcomes = try DispatchQueue.concurrentPerformRethrowing(count: Self.workers) { k -> [Outcome] in
                var outcomes = [try runPlanner(["attend", "plan.yaml", "--sheet", "own-\(k).csv"], in: directory, environment: environment)]
                for n in 0..<5 {
                    outcomes.append(try runPlanner(["spend", "plan.yaml", "홍보물 제작", "100,000원", "--date", "2026-0\(n + 3)-1\(k)", "--vendor", "인쇄소 \(k)"],
                                                   in: directory, environment: environment))
                }
                outcomes.append(try runPlanner(["attend", "plan.yaml", "--sheet", "shared-\(k).csv"], in: directory, environment: environment))
                return outcomes
            }
            for outcome in outcomes.joined() { #expect(outcome.status == 0 && outcome.stderr.isEmpty, "\(outcome)") }

            // What the commands said adds up: every check-in recorded once, the shared sheet three times "already".
            let sheets = outcomes.flatMap { [$0.first!, $0.last!] }.compactMap { Self.counts($0.stdout) }
            #expect(sheets.count == 2 * Self.workers)
            let members = CrashSafetyTests.members
            let distinct = (Self.workers * 9 + 1) * members
            #expect(sheets.map(\.recorded).reduce(0, +) == distinct)
            #expect(sheets.map(\.already).reduce(0, +) == (Self.workers - 1) * members)

            // And so does the database.
            let counts = try CrashSafetyTests.inspect(sandbox, [
                "SELECT COUNT(*) FROM attendance",
                "SELECT COUNT(*) FROM (SELECT 1 FROM attendance GROUP BY planID, sessionID, personID HAVING COUNT(*) > 1)",
                "SELECT COUNT(*) FROM spending",
                "SELECT SUM(amount) FROM spending",
                "SELECT COUNT(DISTINCT id) FROM spending",
            ])
            #expect(counts == [distinct, 0, Self.workers * 5, Self.workers * 5 * 100_000, Self.workers * 5])
        }
    }

    @Test("six planners racing for one budget: exactly those that fit are recorded, the others refused")
    func budgetRace() throws {
        try CrashSafetyTests.prepared { sandbox, environment in
            // 현수막 제작 has 1,000,000원: three payments of 300,000원 fit, a fourth doesn't.
            let directory = sandbox.directory
            let outcomes = try DispatchQueue.concurrentPerformRethrowing(count: 6) { k in
                try runPlanner(["spend", "plan.yaml", "현수막 제작", "300,000원", "--date", "2026-05-0\(k + 1)"], in: directory, environment: environment)
            }
            let recorded = outcomes.filter { $0.status == 0 }
            let refused = outcomes.filter { $0.status == Exit.dataError }
            #expect(recorded.count == 3, "\(outcomes)")
            #expect(refused.count == 3, "\(outcomes)")
            for outcome in refused {
                #expect(outcome.stderr == "planner: error: 300,000원 would take \"현수막 제작\" to 1,200,000원 spent, over its budget of 1,000,000원 by 200,000원\n"
                    + "  hint: spend over budget only with a documented transfer: --over-budget \"reason\"\n")
            }
            #expect(try CrashSafetyTests.inspect(sandbox, ["SELECT COUNT(*) FROM spending", "SELECT SUM(amount) FROM spending"]) == [3, 900_000])
        }
    }
}
