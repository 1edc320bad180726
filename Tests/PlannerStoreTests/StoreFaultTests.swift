import Foundation
import GRDB
import PlannerCore
import Testing
@testable import PlannerStore

/// What the store does when the disk, the file or another process gets in the way: a killed first
/// command, a full disk, a damaged page, a read-only or locked database, a key file others can read.
@Suite("Store faults")
struct StoreFaultTests {
    @Test("a database left by a first command killed while creating it (an empty grdb_migrations) is new: opened and migrated")
    func killedFirstCommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        // What the first command had done when it was killed: WAL mode, GRDB's table of migrations, nothing else.
        let left = try DatabasePool(path: path)
        try left.writeWithoutTransaction { db in try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
        try left.close()

        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .never)
        let (applicationID, migrations) = try database.writer.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id"), try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(applicationID == AppDatabase.applicationID)
        #expect(migrations == Migrations.known)
        #expect(try database.planID(program: "social-city", year: 2017) == 1)
        try database.close()
    }

    @Test("a grdb_migrations table that lists migrations, without the planner's application id, is still another application's")
    func foreignMigrations() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("other.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1')")
        }
        try other.close()
        #expect(throws: StoreError.foreignDatabase(path: path)) { try AppDatabase.open(path: path, keyFile: folder.keyFile) }
    }

    @Test("disk full (SQLite's max_page_count reached): StoreError.diskFull, and what was recorded before is intact")
    func diskFull() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let first = try database.planID(program: "social-city", year: 2017)
        // No page beyond those the file has: the next write that needs one fails with SQLITE_FULL.
        try database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        var stored = 0
        #expect(throws: StoreError.diskFull(path: path)) {
            for year in 2018...3000 {
                _ = try database.planID(program: String(repeating: "사업", count: 200), year: year)
                stored += 1
            }
        }
        let (check, plans) = try database.writer.read { db in
            (try String.fetchAll(db, sql: "PRAGMA quick_check"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan"))
        }
        #expect(check == ["ok"])
        #expect(plans == 1 + stored)
        #expect(try database.existingPlanID(program: "social-city", year: 2017) == first)
        try database.close()
    }

    /// A planner database with one plan, closed, whose `person` table's page is overwritten.
    static func damagedDatabase(_ folder: TemporaryFolder) throws -> String {
        let path = folder.path("planner.sqlite")
        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        _ = try database.planID(program: "social-city", year: 2017)
        try database.close()
        let queue = try DatabaseQueue(path: path)
        let (root, size) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'person'") ?? 0,
             try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
        try queue.close()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * size))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 64))
        try handle.close()
        return path
    }

    @Test("a damaged page: refused by quick_check for writers and readers alike, and the file is left byte-identical")
    func damaged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.damagedDatabase(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.damagedDatabase(path: path)) { try AppDatabase.open(path: path, keyFile: folder.keyFile) }
        #expect(throws: StoreError.damagedDatabase(path: path)) {
            try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .never, readOnly: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("opened read-only: reads work, a write is StoreError.readOnlyDatabase")
    func readOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let writing = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try writing.planID(program: "social-city", year: 2017)
        try writing.close()

        let reading = try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .never, readOnly: true)
        #expect(try reading.existingPlanID(program: "social-city", year: 2017) == plan)
        #expect(throws: StoreError.readOnlyDatabase(path: path)) { try reading.planID(program: "social-city", year: 2018) }
        try reading.close()
    }

    @Test("a reader neither waits for nor needs the write lock another connection holds")
    func readerIgnoresLock() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let writing = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try writing.planID(program: "social-city", year: 2017)
        try writing.close()

        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let start = Date()
            let reading = try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .never, readOnly: true)
            #expect(try reading.existingPlanID(program: "social-city", year: 2017) == plan)
            #expect(try reading.keyStatus() == .notCreated)
            try reading.close()
            #expect(Date().timeIntervalSince(start) < 5)
            try db.execute(sql: "ROLLBACK")
        }
        try holder.close()
    }

    @Test("a key file its group or others can read is not used to reveal numbers in full; 0600 is")
    func exposedKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try AppDatabase.open(path: folder.path("planner.sqlite"), keyFile: folder.keyFile)
        let plan = try database.planID(program: "social-city", year: 2017)
        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 1), actor: "kim")
        let ids = try database.people(planID: plan).map(\.id)
        let key = folder.keyFile.path

        #expect(database.vault.exposedMode == nil)
        #expect(chmod(key, 0o644) == 0)
        #expect(database.vault.exposedMode == 0o644)
        #expect(throws: StoreError.keyFileExposed(path: key, mode: 0o644)) {
            try database.revealResidentNumbers(personIDs: ids, purpose: "원천징수영수증", actor: "kim")
        }
        #expect(chmod(key, 0o640) == 0)
        #expect(throws: StoreError.keyFileExposed(path: key, mode: 0o640)) {
            try database.revealAccounts(personIDs: ids, purpose: "이체", actor: "kim")
        }
        #expect(chmod(key, 0o600) == 0)
        #expect(try database.revealResidentNumbers(personIDs: ids, purpose: "원천징수영수증", actor: "kim").count == 1)
        try database.close()
    }

    @Test("SQLite faults map to store errors; other database errors don't")
    func faultMapping() {
        #expect(StoreError(fault: DatabaseError(resultCode: .SQLITE_FULL), path: "a.db") == .diskFull(path: "a.db"))
        #expect(StoreError(fault: DatabaseError(resultCode: .SQLITE_CORRUPT), path: "a.db") == .damagedDatabase(path: "a.db"))
        #expect(StoreError(fault: DatabaseError(resultCode: .SQLITE_READONLY), path: "a.db") == .readOnlyDatabase(path: "a.db"))
        #expect(StoreError(fault: DatabaseError(resultCode: .SQLITE_BUSY), path: "a.db") == .databaseBusy(path: "a.db"))
        #expect(StoreError(fault: DatabaseError(resultCode: .SQLITE_IOERR), path: "a.db") == .databaseIOError(path: "a.db"))
        #expect(StoreError(fault: DatabaseError(resultCode: .SQLITE_CONSTRAINT), path: "a.db") == nil)
        #expect(StoreError(fault: StoreError.reasonRequired, path: "a.db") == nil)
    }
}
