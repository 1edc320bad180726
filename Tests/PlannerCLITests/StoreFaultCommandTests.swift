import Foundation
import GRDB
import Testing

/// The binary against a database in trouble: created by eight processes at once, damaged, locked by
/// another writer, read-only; and a key file others can read.
@Suite("Store faults, from the command line", .serialized)
struct StoreFaultCommandTests {
    static func databasePath(_ sandbox: Sandbox) -> String { sandbox.directory.appendingPathComponent("db/planner.sqlite").path }
    static func keyPath(_ sandbox: Sandbox) -> String { sandbox.directory.appendingPathComponent("keys/planner.key").path }

    @Test("eight planners starting on a new database at once all succeed, round after round")
    func concurrentCreation() throws {
        for round in 1...5 {
            try Sandbox.with { sandbox in
                try sandbox.write("plan.yaml", CrashSafetyTests.plan)
                let environment = ["PLANNER_DATABASE": Self.databasePath(sandbox), "PLANNER_KEY_FILE": Self.keyPath(sandbox), "USER": "tester"]
                let directory = sandbox.directory
                let outcomes = try DispatchQueue.concurrentPerformRethrowing(count: 8) { k in
                    try runPlanner(["spend", "plan.yaml", "홍보물 제작", "100,000원", "--date", "2026-03-0\(k + 1)"], in: directory, environment: environment)
                }
                for outcome in outcomes { #expect(outcome.status == 0, "round \(round): \(outcome)") }
                #expect(outcomes.filter { $0.stderr.contains("created the database") }.count == 1, "round \(round)")
                #expect(try CrashSafetyTests.inspect(sandbox, ["SELECT COUNT(*) FROM spending", "PRAGMA application_id"]) == [8, 0x504C_4E52])
            }
        }
    }

    @Test("a database left by a first command killed while creating it is taken as new by the next command")
    func killedFirstCommand() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", CrashSafetyTests.plan)
            let path = Self.databasePath(sandbox)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let left = try DatabasePool(path: path)
            try left.writeWithoutTransaction { db in try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
            try left.close()
            let environment = ["PLANNER_DATABASE": path, "PLANNER_KEY_FILE": Self.keyPath(sandbox), "USER": "tester"]
            let spend = try runPlanner(["spend", "plan.yaml", "홍보물 제작", "100,000원", "--date", "2026-03-02"], in: sandbox.directory, environment: environment)
            #expect(spend.status == 0, "\(spend)")
            #expect(try CrashSafetyTests.inspect(sandbox, ["SELECT COUNT(*) FROM spending"]) == [1])
        }
    }

    /// Overwrites the first bytes of the page of `table`.
    static func damage(_ sandbox: Sandbox, table: String) throws {
        let path = databasePath(sandbox)
        let queue = try DatabaseQueue(path: path)
        let (root, size) = try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            return (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) ?? 0,
                    try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
        try queue.close()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * size))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
        try handle.close()
    }

    @Test("a damaged database: status and spend refuse it (exit 74), say how to restore, and write nothing")
    func damaged() throws {
        try CrashSafetyTests.prepared { sandbox, environment in
            try Self.damage(sandbox, table: "spending")
            let path = Self.databasePath(sandbox)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let expected = "planner: error: \(path) is damaged (SQLite's integrity check found errors); nothing was read from it or written to it\n"
                + "  hint: keep the damaged file aside (mv \(path) \(path).damaged), copy your latest backup "
                + "(made with sqlite3 \(path) \".backup COPY\") to \(path), and record again what was recorded since\n"
            let status = try runPlanner(["status", "plan.yaml"], in: sandbox.directory, environment: environment)
            #expect(status.status == Exit.ioError && status.stdout.isEmpty && status.stderr == expected, "\(status)")
            let spend = try runPlanner(["spend", "plan.yaml", "홍보물 제작", "100,000원", "--date", "2026-03-02"], in: sandbox.directory, environment: environment)
            #expect(spend.status == Exit.ioError && spend.stderr == expected, "\(spend)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("another writer holds the database: status reads at once; spend waits 10 s, then says so (exit 74)")
    func locked() throws {
        try CrashSafetyTests.prepared { sandbox, environment in
            let path = Self.databasePath(sandbox)
            let holder = try DatabaseQueue(path: path)
            try holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                let start = Date()
                let status = try runPlanner(["status", "plan.yaml"], in: sandbox.directory, environment: environment)
                #expect(status.status == 0 && status.stderr.isEmpty, "\(status)")
                #expect(Date().timeIntervalSince(start) < 8)
                let spend = try runPlanner(["spend", "plan.yaml", "홍보물 제작", "100,000원", "--date", "2026-03-02"], in: sandbox.directory, environment: environment)
                #expect(spend.status == Exit.ioError, "\(spend)")
                #expect(spend.stderr == "planner: error: \(path) stayed locked for 10 seconds by another program writing to it (which one is unknown: "
                    + "another planner, a backup, an sqlite3 shell); nothing was recorded\n"
                    + "  hint: run the command again in a moment; if it stays locked, look for a program that has the database open\n")
                try db.execute(sql: "ROLLBACK")
            }
            try holder.close()
            #expect(try CrashSafetyTests.inspect(sandbox, ["SELECT COUNT(*) FROM spending"]) == [0])
        }
    }

    /// File modes don't stop root, who can write a 0400 file: there the file is not read-only, and the
    /// store's read-only connection is tested in PlannerStoreTests instead.
    @Test("a read-only database file or folder: status works; spend says the file is read-only (exit 74)",
          .enabled(if: getuid() != 0, "root writes read-only files"))
    func readOnly() throws {
        try CrashSafetyTests.prepared { sandbox, environment in
            let path = Self.databasePath(sandbox)
            let folder = (path as NSString).deletingLastPathComponent
            let expected = "planner: error: \(path) is read-only (the file or its folder cannot be written); nothing was recorded\n"
                + "  hint: read commands such as status still work; to record, make the file and its folder writable "
                + "(chmod u+w \(path)) or copy it somewhere writable and name it with --database\n"
            for (target, mode) in [(path, 0o400), (folder, 0o500)] {
                #expect(chmod(target, mode_t(mode)) == 0)
                defer { chmod(target, target == path ? 0o600 : 0o700) }
                let status = try runPlanner(["status", "plan.yaml"], in: sandbox.directory, environment: environment)
                #expect(status.status == 0 && status.stderr.isEmpty, "\(target): \(status)")
                let spend = try runPlanner(["spend", "plan.yaml", "홍보물 제작", "100,000원", "--date", "2026-03-02"], in: sandbox.directory, environment: environment)
                #expect(spend.status == Exit.ioError && spend.stderr == expected, "\(target): \(spend)")
            }
        }
    }

    @Test("a key file others can read: full-number exports are refused with chmod 600; other commands warn once")
    func exposedKey() throws {
        try CrashSafetyTests.prepared { sandbox, environment in
            try sandbox.write("one.csv", "session,person,time\nbig-committee/1,\(CrashSafetyTests.name(0)),2026-02-15T14:00\n")
            let directory = sandbox.directory
            func run(_ arguments: String...) throws -> Outcome { try runPlanner(arguments, in: directory, environment: environment) }
            #expect(try run("attend", "plan.yaml", "--sheet", "one.csv").status == 0)
            let batch = try run("pay", "plan.yaml", "--through", "2026-12-31", "--on", "2026-12-31")
            #expect(batch.status == 0, "\(batch)")
            #expect(try run("pay", "plan.yaml", "--approve", "1", "--on", "2026-12-31").status == 0)
            let key = Self.keyPath(sandbox)
            #expect(chmod(key, 0o644) == 0)

            let warning = "planner: warning: the key file \(key) can be read by other users (mode 0644); "
                + "whoever reads it and the database can read the resident numbers, accounts and phone numbers\n"
                + "  hint: chmod 600 \(key)\n"
            let list = try run("pay", "plan.yaml", "--list")
            #expect(list.status == 0 && list.stderr == warning, "\(list)")
            let masked = try run("pay", "plan.yaml", "--export", "1", "--format", "csv")
            #expect(masked.status == 0 && masked.stderr == warning, "\(masked)")

            let refused = "planner: error: the key file \(key) can be read by other users (mode 0644); "
                + "resident numbers and accounts are not exported in full with it\n"
                + "  hint: chmod 600 \(key), then export again\n"
            for option in ["--for-tax-statement", "--for-transfer"] {
                let full = try run("pay", "plan.yaml", "--export", "1", option, "--out", "full.csv")
                #expect(full.status == Exit.ioError && full.stderr == refused, "\(option): \(full)")
                #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("full.csv").path))
            }
            #expect(chmod(key, 0o600) == 0)
            let allowed = try run("pay", "plan.yaml", "--export", "1", "--for-tax-statement", "--out", "full.csv")
            #expect(allowed.status == 0 && allowed.stderr.isEmpty, "\(allowed)")
        }
    }
}
