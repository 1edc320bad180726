import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The planner's database of what actually happened: rosters, attendance, payment batches and the
/// audit log. It owns the only writer and exposes intention-named operations; each write is one
/// transaction, so a failed operation leaves nothing behind.
///
/// Files are opened as a WAL `DatabasePool` with foreign keys on and a 10-second busy timeout, so
/// several `planner` processes can read and write the same file at once: a writer waits for the
/// other rather than failing. Every write transaction is `IMMEDIATE`. Commands that only read open
/// it through a read-only connection instead, which never takes the write lock (nor waits for it).
///
/// ```swift
/// let database = try AppDatabase.open(path: "planner.sqlite", keyFile: keyURL)
/// let plan = try database.planID(program: "social-city", year: 2017)
/// ```
public final class AppDatabase: Sendable {
    /// `PRAGMA application_id` of every planner database: 0x504C4E52, "PLNR".
    public static let applicationID: Int32 = Migrations.applicationID
    /// The newest migration this version knows.
    public static let latestMigration: String = Migrations.known.last ?? "v1"

    let writer: StoreConnection
    /// The key file and the keys derived from it.
    public let vault: PersonalDataVault
    /// The database file, or nil in memory.
    public let path: String?
    /// True when this `open` created the file (the first command that recorded anything there).
    public let created: Bool
    let clock: @Sendable () -> Date

    private init(writer: any DatabaseWriter, vault: PersonalDataVault, path: String?, created: Bool, clock: @escaping @Sendable () -> Date) {
        self.writer = StoreConnection(base: writer, path: path)
        self.vault = vault
        self.path = path
        self.created = created
        self.clock = clock
    }

    /// Whether `open` may create a database that is not there.
    public enum Creation: Sendable {
        /// Only open a database that exists: for commands that only read (a missing file is
        /// ``StoreError/noDatabase(path:emptyFile:)``, and nothing is created).
        case never
        /// Create the file (and its folder) when missing: for commands that record.
        case ifMissing
    }

    /// Opens the planner database at `path`, creating it when `creating` allows.
    ///
    /// A missing file is created with mode 0600 (readable by its owner only: it holds names,
    /// e-mail addresses and organisations), in a folder created with mode 0700 when missing; SQLite
    /// gives its `-wal` and `-shm` files the database file's mode. A missing or empty file is an
    /// error when `creating` is `.never`. An existing file is first inspected through a read-only
    /// connection and refused, unchanged, when it is not SQLite, when it is another application's
    /// database, or when a newer planner migrated it. A file that holds nothing yet (no application
    /// id, no table but an empty `grdb_migrations`, as a first command killed while creating it
    /// leaves) is new. A planner database in which `PRAGMA quick_check` finds damage is refused
    /// (``StoreError/damagedDatabase(path:)``) before anything is read or written. Only then is the file
    /// migrated to the latest schema: the application id and the first migration are one transaction.
    ///
    /// With `readOnly`, or when the file (or its folder) cannot be written, the database is opened
    /// through a read-only connection that never takes the write lock: reads work while another
    /// planner writes, and any write fails with ``StoreError/readOnlyDatabase(path:)``.
    /// SQLite's faults later on (disk full, damage, a read-only file, a writer that waited 10 s for
    /// the lock) are thrown as ``StoreError``s naming the file.
    /// The key file is not touched until personal data is stored or revealed (or ``createKeyIfNeeded()``).
    ///
    /// - Parameter clock: the time written to `recordedAt`, `createdAt` and the audit log.
    public static func open(path: String, keyFile: URL, creating: Creation = .ifMissing, readOnly: Bool = false,
                            clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        try inspectExistingFile(at: path)
        let manager = FileManager.default
        let exists = manager.fileExists(atPath: path)
        var created = false
        if creating == .never {
            let size = (try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard exists, size != 0 else { throw StoreError.noDatabase(path: path, emptyFile: exists) }
        } else if !exists {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            if !manager.fileExists(atPath: folder.path) {
                do {
                    try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    throw StoreError.cannotCreate(path: path, reason: "its folder cannot be created")
                }
            }
            created = try createPrivateFile(path)
        }
        let writable = isWritable(path)
        let database: any DatabaseWriter
        do {
            if readOnly || !writable {
                let queue = try readOnlyConnection(path: path, writable: writable)
                let migrated = try queue.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
                if migrated || !writable {
                    guard migrated else { throw StoreError.readOnlyDatabase(path: path) }
                    return AppDatabase(writer: queue, vault: PersonalDataVault(keyFile: keyFile), path: path, created: false, clock: clock)
                }
                try queue.close()  // An older schema: migrated once, through the writer below.
            }
            database = try openMigrated(path: path)
        } catch let error as DatabaseError {
            throw StoreError(fault: error, path: path) ?? error
        }
        return AppDatabase(writer: database, vault: PersonalDataVault(keyFile: keyFile), path: path, created: created, clock: clock)
    }

    /// Whether this process can write the file, and create its `-wal` and `-shm` files when missing.
    private static func isWritable(_ path: String) -> Bool {
        guard access(path, W_OK) == 0 else { return false }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(folder, W_OK) == 0 { return true }
        let companions: [String] = [path + "-wal", path + "-shm"]
        return companions.allSatisfy { companion in access(companion, W_OK) == 0 }
    }

    /// A connection that never writes: for commands that only read, and for a file this process
    /// cannot write (then `immutable` when no `-wal` file exists, as ``inspectionConnection(path:)``).
    private static func readOnlyConnection(path: String, writable: Bool) throws -> DatabaseQueue {
        if !writable { return try inspectionConnection(path: path, configuration: configuration()) }
        var readOnly = Self.configuration()
        readOnly.readonly = true
        return try DatabaseQueue(path: path, configuration: readOnly)
    }

    /// A database in memory with the production configuration and migrations, for tests.
    public static func inMemory(keyFile: URL, clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        try migrate(queue)
        return AppDatabase(writer: queue, vault: PersonalDataVault(keyFile: keyFile), path: nil, created: true, clock: clock)
    }

    /// Checkpoints the WAL into the main file and closes every connection. Further use throws.
    public func close() throws {
        // A read-only connection never checkpoints (it would wait for the write lock, and can't write).
        if path != nil, !writer.base.configuration.readonly {
            _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
        try writer.close()
    }

    /// The configuration of every planner connection, in files and in memory alike.
    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.publicStatementArguments = false
        configuration.label = "planner"
        return configuration
    }

    /// The file as a WAL pool, migrated. Several processes creating the same new file at once get
    /// in each other's way without SQLite waiting: switching the file to WAL is refused while another
    /// process holds it ("database is locked"), and a migration can meet another's schema half-made
    /// ("table already exists", "no such table"). Whoever fails finds the others' migrations applied,
    /// or opens the file again, every 50 ms for up to 5 s
    /// (a writer that waited the whole busy timeout is past the 5 s and is not retried).
    private static func openMigrated(path: String) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(5)
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration())
                try migrate(pool)
                return pool
            } catch let error as DatabaseError where Date() < deadline {
                _ = error
                usleep(50_000)
            }
        }
    }

    private static func migrate(_ writer: any DatabaseWriter) throws {
        let migrator = Migrations.migrator
        // Up to date: a plain SELECT on the writer's connection, outside any transaction, takes no
        // write lock, so that opening doesn't wait for another writer.
        func completed() throws -> Bool { try writer.writeWithoutTransaction { db in try migrator.hasCompletedMigrations(db) } }
        if try completed() { return }
        do {
            try migrator.migrate(writer)
        } catch {
            // Another process created the file at the same moment: its migrations are applied.
            guard try completed() else { throw error }
        }
    }

    /// Refuses, without writing anything, a file that must not be migrated or is damaged (`PRAGMA
    /// quick_check` of a planner database finds errors). A missing or empty
    /// file, or an SQLite database without an application id and without any table but an empty
    /// `grdb_migrations` (what a first command killed while creating the file leaves), is fine: it is new.
    static func inspectExistingFile(at path: String) throws {
        // The inspection takes no lock when no `-wal` file exists (see `inspectionConnection`), so it can
        // read a file another process is creating half-way through ("no such table"): it reads again.
        for attempt in 1... {
            do {
                return try inspectFile(at: path)
            } catch let error as DatabaseError where attempt < 20 {
                _ = error
                usleep(50_000)
            }
        }
    }

    private static func inspectFile(at path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard !isFolder.boolValue else { throw StoreError.unreadableFile(path: path, reason: "it is a folder") }
        let header: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            header = try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw StoreError.unreadableFile(path: path, reason: "permission denied or I/O error")
        }
        if header.isEmpty { return }
        guard header.count == 100, header.prefix(16) == Data("SQLite format 3\0".utf8) else {
            throw StoreError.notSQLite(path: path)
        }

        do {
            let queue = try inspectionConnection(path: path)
            defer { try? queue.close() }
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let objects = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
                guard applicationID == Migrations.applicationID else {
                    if applicationID == 0 && Set(objects).isSubset(of: ["grdb_migrations"]),
                       try objects.isEmpty || Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") == 0 { return }
                    throw StoreError.foreignDatabase(path: path)
                }
                guard objects.contains("grdb_migrations") else { return }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                if !Set(applied).isSubset(of: Migrations.known) {
                    throw StoreError.newerDatabase(path: path, knownUpTo: latestMigration)
                }
                // A damaged file is refused before anything is read from it or written to it.
                let findings: [String]
                do {
                    findings = try String.fetchAll(db, sql: "PRAGMA quick_check")
                } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
                    throw StoreError.damagedDatabase(path: path)
                }
                guard findings == ["ok"] else { throw StoreError.damagedDatabase(path: path) }
            }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw StoreError.notSQLite(path: path)
        }
    }

    /// A read-only connection that leaves no trace. A read-only connection to a WAL database
    /// creates `-wal` and `-shm` files when they are missing, so when no `-wal` file exists (no
    /// one has the database open) the file is opened `immutable` instead; when it exists, a plain
    /// read-only connection reads through it. Without URI support in SQLite, falls back to the latter.
    private static func inspectionConnection(path: String, configuration base: Configuration? = nil) throws -> DatabaseQueue {
        var configuration = base ?? Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = base?.label ?? "planner.inspection"
        if !FileManager.default.fileExists(atPath: path + "-wal") {
            let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
                .replacingOccurrences(of: "#", with: "%23")
            if let queue = try? DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: configuration) {
                return queue
            }
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    // MARK: - Keys

    enum KeyUse { case encrypt, decrypt }

    /// The vault's keys, checked against the fingerprint stored in the database. Creates the key
    /// file only to encrypt, and only when the database holds nothing encrypted yet; records the
    /// fingerprint on first encryption.
    func keys(_ db: Database, for use: KeyUse) throws -> VaultKeys {
        let stored = try MetaRecord.fetchOne(db, key: MetaRecord.keyFingerprint)?.value
        let keyPath = vault.keyFile.path
        let keys: VaultKeys
        if let existing = try vault.existingKeys() {
            if let stored, stored != existing.fingerprint { throw StoreError.keyMismatch(path: keyPath) }
            keys = existing
        } else {
            guard stored == nil, use == .encrypt else { throw StoreError.keyMissing(path: keyPath) }
            keys = try vault.keysCreatingFile()
        }
        if stored == nil, use == .encrypt {
            try MetaRecord(key: MetaRecord.keyFingerprint, value: keys.fingerprint).insert(db)
        }
        return keys
    }

    /// Creates the key file now, and binds it to this database, when neither the file nor any
    /// encrypted data exists yet: a command that records says where the key is the first time, rather
    /// than creating it silently later. Returns whether the key file was created (an existing key file
    /// is bound to the database, not replaced). A missing key for a database that has encrypted data
    /// is left missing (``StoreError/keyMissing(path:)`` when it is needed).
    public func createKeyIfNeeded() throws -> Bool {
        guard !vault.keyFileExists, try keyStatus() == .notCreated else { return false }
        try writer.write { db in _ = try keys(db, for: .encrypt) }
        return vault.createdKeyFile
    }

    /// Whether the key file can be used with this database; for a warning before it is needed.
    public func keyStatus() throws -> KeyStatus {
        let stored = try writer.read { db in try MetaRecord.fetchOne(db, key: MetaRecord.keyFingerprint)?.value }
        let existing: VaultKeys?
        do {
            existing = try vault.existingKeys()
        } catch StoreError.keyFileInvalid {
            return .mismatch
        }
        switch (existing, stored) {
        case (nil, nil): return .notCreated
        case (nil, _?): return .missing
        case (let keys?, let stored?): return keys.fingerprint == stored ? .ready : .mismatch
        case (_?, nil): return .ready
        }
    }

    // MARK: - Plans and the audit log

    /// The id of the plan `program` for `year`, created on first use.
    public func planID(program: String, year: Int) throws -> Int64 {
        try writer.write { db in
            if let id = try PlanRecord.filter(PlanRecord.Columns.program == program && PlanRecord.Columns.year == year).fetchOne(db)?.id {
                return id
            }
            var plan = PlanRecord(id: nil, program: program, year: year)
            try plan.insert(db)
            return plan.id ?? db.lastInsertedRowID
        }
    }

    /// The id of the plan `program` for `year`, or nil when nothing was stored for it yet.
    public func existingPlanID(program: String, year: Int) throws -> Int64? {
        try writer.read { db in
            try PlanRecord.filter(PlanRecord.Columns.program == program && PlanRecord.Columns.year == year).fetchOne(db)?.id
        }
    }

    /// The audit entries of a plan, oldest first.
    public func auditLog(planID: Int64) throws -> [AuditEntry] {
        try writer.read { db in
            try AuditRecord.filter(AuditRecord.Columns.planID == planID).order(AuditRecord.Columns.id).fetchAll(db).map(\.entry)
        }
    }

    func audit(_ db: Database, planID: Int64?, actor: String, action: AuditAction, subject: String, detail: String) throws {
        var record = AuditRecord(id: nil, at: clock(), actor: actor, action: action, planID: planID, subject: subject, detail: detail)
        try record.insert(db)
    }

    func requirePlan(_ db: Database, _ planID: Int64) throws {
        guard try PlanRecord.exists(db, key: planID) else { throw StoreError.unknownPlan(planID) }
    }
}

/// Creates an empty file with mode 0600, whatever the umask; false when another process created it
/// first. (Outside `AppDatabase`, whose `open` and `close` would shadow the system calls.)
private func createPrivateFile(_ path: String) throws -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
        let error = errno
        if error == EEXIST { return false }
        throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(error)))
    }
    defer { close(descriptor) }
    guard fchmod(descriptor, 0o600) == 0 else { throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno))) }
    return true
}

/// The database connection of an ``AppDatabase``: SQLite's faults (disk full, damage, a read-only
/// file, a writer that waited for the lock in vain) come out as ``StoreError``s naming the file;
/// every other error (constraints, the planner's own) passes through unchanged.
struct StoreConnection: Sendable {
    let base: any DatabaseWriter
    let path: String?

    func read<T>(_ value: (Database) throws -> T) throws -> T { try mapped { try base.read(value) } }
    func write<T>(_ updates: (Database) throws -> T) throws -> T { try mapped { try base.write(updates) } }
    func writeWithoutTransaction<T>(_ updates: (Database) throws -> T) throws -> T {
        try mapped { try base.writeWithoutTransaction(updates) }
    }
    func close() throws { try base.close() }

    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(fault: error, path: path ?? "the database") ?? error
        }
    }
}
