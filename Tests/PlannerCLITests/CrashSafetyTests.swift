import Foundation
import GRDB
import Testing

/// `planner` killed with SIGKILL at random moments while it writes: the database stays sound and holds
/// all or nothing of what the command was recording; an export never leaves a half file under its name.
///
/// Each run is killed after a random delay drawn between 0 and a little more than the time the same
/// command takes when left alone, so kills land before, during and after the write. The delays are in
/// every failure message, to reproduce one.
@Suite("Crash safety: killed while writing", .serialized)
struct CrashSafetyTests {
    static let members = 150
    static let meetings = 40
    static var checkIns: Int { members * meetings }
    static let kills = 12

    static let plan = """
        program: 시민 자문단 운영
        year: 2026
        division: 뉴미디어담당관
        period: 2026-01-01 ~ 2026-12-31
        categories:
          - code: 201-01
            name: 사무관리비
            items:
              - name: 시민 자문단 운영
                lines:
                  - kind: advisory
                    id: big-committee
                    name: 시민 자문단
                    members: \(members)
                    meetings: \(meetings)
                    allowance: { amount: 150,000원, reason: "2시간 회의 기준" }
                    operatingCost: { amount: 10,000원, reason: "다과" }
              - name: 홍보물 제작
                lines:
                  - name: 리플릿 인쇄
                    amount: 10,000,000원
              - name: 현수막 제작
                lines:
                  - name: 현수막
                    amount: 1,000,000원
        """

    static let surnames = Array("김이박최정강조윤장임한오서신권황안송류홍")
    static let given = Array("민서도하시지은예건유태윤수현준우아린진영")

    /// Member i: a unique Korean name and well-formed fictional personal numbers.
    static func name(_ i: Int) -> String {
        String([surnames[i % surnames.count], given[(i / surnames.count) % given.count], given[(i / 7 + i) % given.count]])
    }

    static var roster: String {
        let names = (0..<members).map(name)
        precondition(Set(names).count == members, "member names must be unique")
        return (["성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호"] + names.enumerated().map { i, name in
            let rrn = String(format: "8%d%02d%02d-%d%06d", i % 10, i % 12 + 1, i % 28 + 1, i % 2 + 1, 100_000 + i)
            return "\(name),위원,big-committee,시민단체,m\(i)@example.kr,010-7\(String(format: "%03d", i % 1000))-\(String(format: "%04d", i)),거주자,기타소득,\(rrn),국민은행,123-45-\(String(format: "%06d", i))"
        }).joined(separator: "\n")
    }

    static var sheet: String {
        var lines = ["session,person,time"]
        for meeting in 1...meetings {
            for i in 0..<members { lines.append("big-committee/\(meeting),\(name(i)),2026-\(String(format: "%02d", meeting % 12 + 1))-15T14:00") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A sandbox with the plan, the roster imported, and the sign-in sheet; the database is closed.
    static func prepared(_ body: (Sandbox, [String: String]) throws -> Void) throws {
        try Sandbox.with { sandbox in
            let environment = ["PLANNER_DATABASE": sandbox.directory.appendingPathComponent("db/planner.sqlite").path,
                               "PLANNER_KEY_FILE": sandbox.directory.appendingPathComponent("keys/planner.key").path, "USER": "tester"]
            try sandbox.write("plan.yaml", plan)
            try sandbox.write("roster.csv", roster)
            try sandbox.write("sheet.csv", sheet)
            let imported = try runPlanner(["roster", "import", "plan.yaml", "roster.csv"], in: sandbox.directory, environment: environment)
            try #require(imported.status == 0, "\(imported)")
            try body(sandbox, environment)
        }
    }

    /// Starts `planner arguments`, kills it with SIGKILL after `delay` seconds unless it ended first,
    /// and says whether it was killed.
    static func runKilled(_ arguments: [String], in directory: URL, environment: [String: String], after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = try PlannerBinary.require()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { usleep(1_000) }
        var killed = false
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            killed = true
        }
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    /// How long `planner arguments` takes when left alone (it must succeed).
    static func timed(_ arguments: [String], in sandbox: Sandbox, environment: [String: String]) throws -> Double {
        let start = Date()
        let outcome = try runPlanner(arguments, in: sandbox.directory, environment: environment)
        try #require(outcome.status == 0, "\(outcome)")
        return Date().timeIntervalSince(start)
    }

    /// Copies the database (closed, so the WAL is checkpointed) to restore it before each kill.
    static func snapshot(_ sandbox: Sandbox) throws -> Data {
        try Data(contentsOf: sandbox.directory.appendingPathComponent("db/planner.sqlite"))
    }

    static func restore(_ data: Data, in sandbox: Sandbox) throws {
        let database = sandbox.directory.appendingPathComponent("db/planner.sqlite")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
        try data.write(to: database)
    }

    /// Opens the database as the next `planner` would (recovering the WAL), checks its integrity and
    /// returns `query`'s integer.
    static func inspect(_ sandbox: Sandbox, _ queries: [String]) throws -> [Int] {
        let queue = try DatabaseQueue(path: sandbox.directory.appendingPathComponent("db/planner.sqlite").path)
        return try queue.read { db in
            let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            #expect(check == ["ok"], "integrity_check: \(check)")
            return try queries.map { try Int.fetchOne(db, sql: $0) ?? -1 }
        }
    }

    static let attendanceQueries = [
        "SELECT COUNT(*) FROM attendance",
        "SELECT COUNT(*) FROM (SELECT 1 FROM attendance GROUP BY planID, sessionID, personID HAVING COUNT(*) > 1)",
    ]

    @Test("a sign-in sheet killed at random points is recorded wholly or not at all, never in part or twice")
    func attendanceSheet() throws {
        try Self.prepared { sandbox, environment in
            let pristine = try Self.snapshot(sandbox)
            let full = try Self.timed(["attend", "plan.yaml", "--sheet", "sheet.csv"], in: sandbox, environment: environment)
            #expect(try Self.inspect(sandbox, Self.attendanceQueries) == [Self.checkIns, 0])
            var killedDuring = 0
            for round in 0..<Self.kills {
                try Self.restore(pristine, in: sandbox)
                let delay = Double.random(in: 0...(full * 1.2))
                let killed = try Self.runKilled(["attend", "plan.yaml", "--sheet", "sheet.csv"], in: sandbox.directory, environment: environment, after: delay)
                let counts = try Self.inspect(sandbox, Self.attendanceQueries)
                #expect(counts[0] == 0 || counts[0] == Self.checkIns, "round \(round), killed after \(delay) s: \(counts[0]) of \(Self.checkIns) check-ins")
                #expect(counts[1] == 0, "round \(round): duplicated attendances")
                if killed && counts[0] == 0 { killedDuring += 1 }
                // Reading the sheet again afterwards completes it, without duplicates.
                if round % 4 == 0 {
                    let again = try runPlanner(["attend", "plan.yaml", "--sheet", "sheet.csv"], in: sandbox.directory, environment: environment)
                    #expect(again.status == 0, "\(again)")
                    #expect(try Self.inspect(sandbox, Self.attendanceQueries) == [Self.checkIns, 0])
                }
            }
            // At least one kill must have cut an import short, or the test proved nothing.
            #expect(killedDuring > 0, "no kill landed before the sheet was committed (a full import took \(full) s)")
        }
    }

    static let batchQueries = [
        "SELECT COUNT(*) FROM paymentBatch",
        "SELECT COUNT(*) FROM paymentItem",
        "SELECT COUNT(*) FROM (SELECT 1 FROM paymentItem GROUP BY attendanceID, role HAVING COUNT(*) > 1)",
    ]

    @Test("a payment batch killed at random points exists with all its items or not at all")
    func paymentBatch() throws {
        try Self.prepared { sandbox, environment in
            let recorded = try runPlanner(["attend", "plan.yaml", "--sheet", "sheet.csv"], in: sandbox.directory, environment: environment)
            try #require(recorded.status == 0, "\(recorded)")
            let pristine = try Self.snapshot(sandbox)
            let arguments = ["pay", "plan.yaml", "--through", "2026-12-31", "--on", "2026-12-31"]
            let full = try Self.timed(arguments, in: sandbox, environment: environment)
            #expect(try Self.inspect(sandbox, Self.batchQueries) == [1, Self.checkIns, 0])
            var killedBefore = 0
            for round in 0..<Self.kills {
                try Self.restore(pristine, in: sandbox)
                let delay = Double.random(in: 0...(full * 1.2))
                let killed = try Self.runKilled(arguments, in: sandbox.directory, environment: environment, after: delay)
                let counts = try Self.inspect(sandbox, Self.batchQueries)
                let whole = counts[0] == 1 && counts[1] == Self.checkIns
                let nothing = counts[0] == 0 && counts[1] == 0
                #expect(whole || nothing, "round \(round), killed after \(delay) s: \(counts[0]) batches, \(counts[1]) items")
                #expect(counts[2] == 0, "round \(round): an attendance paid twice")
                if killed && nothing { killedBefore += 1 }
            }
            #expect(killedBefore > 0, "no kill landed before the batch was committed (a full run took \(full) s)")
        }
    }

    /// A plan of 2,000 procurement lines, so that an export takes long enough to be cut short.
    static var largePlan: String {
        var text = """
            program: 대형 구매 계획
            year: 2026
            division: 뉴미디어담당관
            period: 2026-01-01 ~ 2026-12-31
            categories:
              - code: 201-01
                name: 사무관리비
                items:

            """
        for item in 1...200 {
            text += "      - name: 홍보물 제작 \(item)\n        lines:\n"
            for line in 1...10 {
                text += "          - name: 리플릿 인쇄 \(item)-\(line)\n            unitPrice: 1,500원\n            factors: [\(line * 100)부]\n"
            }
        }
        return text
    }

    @Test("an export killed at random points leaves the old set of sheets or the new one, never a half file or a mix; the next export clears the leftovers")
    func export() throws {
        try Sandbox.with { sandbox in
            // Two versions of the plan whose every file differs, exported in turn over each other.
            let plans = ["large.yaml", "large-b.yaml"]
            try sandbox.write(plans[0], Self.largePlan)
            try sandbox.write(plans[1], Self.largePlan.replacingOccurrences(of: "unitPrice: 1,500원", with: "unitPrice: 1,700원"))
            // The complete sets, for comparison.
            var sets: [[String: Data]] = []
            for (i, plan) in plans.enumerated() {
                let first = try runPlanner(["export", plan, "--out", "complete-\(i)"], in: sandbox.directory)
                try #require(first.status == 0, "\(first)")
                let complete = sandbox.directory.appendingPathComponent("complete-\(i)")
                let names = try FileManager.default.contentsOfDirectory(atPath: complete.path)
                sets.append(try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: complete.appendingPathComponent($0))) }))
            }
            for name in sets[0].keys where name != ".planner-export.json" {
                try #require(sets[0][name] != sets[1][name], "\(name) is the same in both versions: the test couldn't tell them apart")
            }
            let start = Date()
            #expect(try runPlanner(["export", plans[0], "--out", "out"], in: sandbox.directory).status == 0)
            let full = Date().timeIntervalSince(start)
            let out = sandbox.directory.appendingPathComponent("out")
            var cutShort = 0
            for round in 0..<Self.kills {
                // Alternately the other version over the present one; now and then into no folder at all.
                if round % 4 == 3 { try? FileManager.default.removeItem(at: out) }
                let delay = Double.random(in: 0...(full * 1.2))
                _ = try Self.runKilled(["export", plans[(round + 1) % 2], "--out", "out"], in: sandbox.directory, environment: [:], after: delay)
                let listed = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
                let present = listed.filter { !$0.hasSuffix(".partial") }
                let files = try Dictionary(uniqueKeysWithValues: present.map { ($0, try Data(contentsOf: out.appendingPathComponent($0))) })
                #expect(files.isEmpty || files == sets[0] || files == sets[1],
                        "round \(round), killed after \(delay) s: the folder holds neither the old set nor the new one: \(present.sorted())")
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path) + listed
                if leftovers.contains(where: { $0.hasSuffix(".partial") }) { cutShort += 1 }
            }
            // At least one kill must have landed while the sheets were being written, or the test proved nothing.
            #expect(cutShort > 0, "no kill landed while the sheets were being written (a full export took \(full) s)")
            // The next export removes what killed exports left behind, beside the folder and in it.
            #expect(try runPlanner(["export", plans[0], "--out", "out"], in: sandbox.directory).status == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == sets[0].keys.sorted())
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path).filter { $0.hasSuffix(".partial") } == [])
        }
    }
}
