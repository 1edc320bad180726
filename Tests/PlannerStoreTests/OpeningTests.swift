import Foundation
import GRDB
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("Opening a database")
struct OpeningTests {
    @Test("in memory: the production configuration, application id and migrations")
    func inMemoryConfiguration() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try AppDatabase.inMemory(keyFile: folder.keyFile)
        try database.writer.read { db in
            #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0x504C_4E52)
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
            #expect(try Int.fetchOne(db, sql: "PRAGMA busy_timeout") == 10_000)
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == ["v1", "v2", "v3", "v4"])
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            #expect(tables == ["attendance", "auditLog", "grdb_migrations", "meta", "paymentBatch", "paymentItem", "person", "plan", "spending"])
        }
        #expect(!FileManager.default.fileExists(atPath: folder.keyFile.path))
    }

    @Test("a new file in a new folder is created in WAL mode, and opens again")
    func newFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("data/planner.sqlite")
        let first = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try first.planID(program: "social-city", year: 2017)
        let pragmas = try first.writer.read { db in
            [try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchOne(db, sql: "PRAGMA busy_timeout"),
             try String.fetchOne(db, sql: "PRAGMA foreign_keys")]
        }
        #expect(pragmas == ["wal", "10000", "1"])
        try first.close()

        let again = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        #expect(try again.existingPlanID(program: "social-city", year: 2017) == plan)
        #expect(try again.planID(program: "social-city", year: 2017) == plan)
        #expect(try again.existingPlanID(program: "social-city", year: 2018) == nil)
        try again.close()
    }

    @Test("opening for reading never creates: a missing or empty file is an error, and nothing appears")
    func readingNeverCreates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.path("data/typo.sqlite")
        #expect(throws: StoreError.noDatabase(path: missing, emptyFile: false)) {
            try AppDatabase.open(path: missing, keyFile: folder.keyFile, creating: .never)
        }
        let empty = folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(throws: StoreError.noDatabase(path: empty, emptyFile: true)) {
            try AppDatabase.open(path: empty, keyFile: folder.keyFile, creating: .never)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["empty.sqlite"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
    }

    @Test("a database created for recording is readable by its owner only, -wal and -shm too; its new folder 0700")
    func createdPrivate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("data/planner.sqlite")
        func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }

        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .ifMissing)
        #expect(database.created)
        _ = try database.planID(program: "social-city", year: 2017)
        #expect(try mode(path) == 0o600)
        #expect(try mode(path + "-wal") == 0o600)
        #expect(try mode(path + "-shm") == 0o600)
        #expect(try mode(folder.path("data")) == 0o700)
        // The key is not created by opening.
        #expect(!FileManager.default.fileExists(atPath: folder.keyFile.path))
        try database.close()

        let again = try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .ifMissing)
        #expect(!again.created)
        try again.close()
        let reading = try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .never)
        #expect(!reading.created)
        try reading.close()
    }

    @Test("createKeyIfNeeded makes the key once and binds it; an existing key is bound, not replaced")
    func keyCreatedOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try AppDatabase.open(path: folder.path("a.sqlite"), keyFile: folder.keyFile)
        #expect(try database.keyStatus() == .notCreated)
        #expect(try database.createKeyIfNeeded())
        #expect(try FileManager.default.attributesOfItem(atPath: folder.keyFile.path)[.posixPermissions] as? Int == 0o600)
        #expect(try database.keyStatus() == .ready)
        #expect(try database.createKeyIfNeeded() == false)
        try database.close()

        // A second database with the same key file: nothing is created, the key is not rewritten.
        let key = try Data(contentsOf: folder.keyFile)
        let other = try AppDatabase.open(path: folder.path("b.sqlite"), keyFile: folder.keyFile)
        #expect(try other.createKeyIfNeeded() == false)
        #expect(try Data(contentsOf: folder.keyFile) == key)
        try other.close()
    }

    @Test("an empty file is initialised")
    func emptyFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        #expect(try database.planID(program: "p", year: 2017) == 1)
        try database.close()
    }

    @Test("a text file is refused and left byte-identical")
    func textFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("roster.csv")
        let before = Data("name,role,event\n홍길동,allowance,advisory-committee\n".utf8)
        try before.write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.notSQLite(path: path)) { try AppDatabase.open(path: path, keyFile: folder.keyFile) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["roster.csv"])
    }

    @Test("another application's SQLite database is refused and left byte-identical")
    func foreignDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("notes.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
            try db.execute(sql: "INSERT INTO note (text) VALUES ('hello')")
        }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect(throws: StoreError.foreignDatabase(path: path)) { try AppDatabase.open(path: path, keyFile: folder.keyFile) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["notes.sqlite"])
    }

    @Test("a planner database from a newer version (rollback journal) is refused and left byte-identical")
    func newerDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("newer.sqlite")
        let newer = try DatabaseQueue(path: path)
        try newer.write { db in
            try db.execute(sql: "PRAGMA application_id = 1347178066")
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1'), ('v99')")
            try db.execute(sql: "CREATE TABLE plan (id INTEGER PRIMARY KEY, program TEXT, year INTEGER, currency TEXT)")
        }
        try newer.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect(throws: StoreError.newerDatabase(path: path, knownUpTo: "v4")) { try AppDatabase.open(path: path, keyFile: folder.keyFile) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["newer.sqlite"])
    }

    @Test("a WAL planner database that a newer version migrated is refused and left byte-identical")
    func newerWALDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        _ = try database.planID(program: "social-city", year: 2017)
        try database.writer.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99')") }
        try database.close()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        let before = try names.map { try Data(contentsOf: folder.url.appendingPathComponent($0)) }

        #expect(throws: StoreError.newerDatabase(path: path, knownUpTo: "v4")) { try AppDatabase.open(path: path, keyFile: folder.keyFile) }
        let namesAfter = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(namesAfter == names)
        #expect(try names.map { try Data(contentsOf: folder.url.appendingPathComponent($0)) } == before)
    }

    @Test("an SQLite header on a damaged file is refused")
    func damagedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("damaged.sqlite")
        let before = Data("SQLite format 3\0".utf8) + Data(repeating: 0xFF, count: 4096)
        try before.write(to: URL(fileURLWithPath: path))

        #expect(throws: StoreError.notSQLite(path: path)) { try AppDatabase.open(path: path, keyFile: folder.keyFile) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a folder in the database's place is refused")
    func folderInPlace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: StoreError.unreadableFile(path: folder.url.path, reason: "it is a folder")) {
            try AppDatabase.open(path: folder.url.path, keyFile: folder.keyFile)
        }
    }

    @Test("refusals read plainly")
    func refusalMessages() {
        #expect(StoreError.notSQLite(path: "notes.txt").description
                == "notes.txt is not a planner database (it is not an SQLite database file); it was left unchanged")
        #expect(StoreError.foreignDatabase(path: "photos.db").description
                == "photos.db is not a planner database (it is an SQLite database of another application); it was left unchanged")
        #expect(StoreError.newerDatabase(path: "planner.sqlite", knownUpTo: "v1").description
                == "planner.sqlite was written by a newer planner; this one knows up to v1; it was left unchanged")
    }

    @Test("migrations are registered in order and the last one is what refusals name")
    func knownMigrations() {
        #expect(Migrations.known == ["v1", "v2", "v3", "v4"])
        #expect(AppDatabase.latestMigration == "v4")
        #expect(AppDatabase.applicationID == 1_347_178_066)
    }
}
