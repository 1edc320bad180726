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
/// other rather than failing. Every write transaction is `IMMEDIATE`.
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

    let writer: any DatabaseWriter
    /// The key file and the keys derived from it.
    public let vault: PersonalDataVault
    /// The database file, or nil in memory.
    public let path: String?
    /// True when this `open` created the file (the first command that recorded anything there).
    public let created: Bool
    let clock: @Sendable () -> Date

    private init(writer: any DatabaseWriter, vault: PersonalDataVault, path: String?, created: Bool, clock: @escaping @Sendable () -> Date) {
        self.writer = writer
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
    /// database, or when a newer planner migrated it. Only then is it migrated to the latest schema.
    /// The key file is not touched until personal data is stored or revealed (or ``createKeyIfNeeded()``).
    ///
    /// - Parameter clock: the time written to `recordedAt`, `createdAt` and the audit log.
    public static func open(path: String, keyFile: URL, creating: Creation = .ifMissing,
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
        let pool = try DatabasePool(path: path, configuration: configuration())
        try migrate(pool)
        return AppDatabase(writer: pool, vault: PersonalDataVault(keyFile: keyFile), path: path, created: created, clock: clock)
    }

    /// A database in memory with the production configuration and migrations, for tests.
    public static func inMemory(keyFile: URL, clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        try migrate(queue)
        return AppDatabase(writer: queue, vault: PersonalDataVault(keyFile: keyFile), path: nil, created: true, clock: clock)
    }

    /// Checkpoints the WAL into the main file and closes every connection. Further use throws.
    public func close() throws {
        if path != nil {
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

    private static func migrate(_ writer: any DatabaseWriter) throws {
        let migrator = Migrations.migrator
        do {
            try migrator.migrate(writer)
        } catch {
            // Two processes creating the same new file: the one that lost the race finds the
            // other's migration applied when it retries.
            guard try writer.read({ db in try migrator.hasCompletedMigrations(db) }) else { throw error }
        }
    }

    /// Refuses, without writing anything, a file that must not be migrated. A missing or empty
    /// file, or an SQLite database without any table and without an application id, is fine.
    static func inspectExistingFile(at path: String) throws {
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
                    if applicationID == 0 && objects.isEmpty { return }
                    throw StoreError.foreignDatabase(path: path)
                }
                guard objects.contains("grdb_migrations") else { return }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                if !Set(applied).isSubset(of: Migrations.known) {
                    throw StoreError.newerDatabase(path: path, knownUpTo: latestMigration)
                }
            }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw StoreError.notSQLite(path: path)
        }
    }

    /// A read-only connection that leaves no trace. A read-only connection to a WAL database
    /// creates `-wal` and `-shm` files when they are missing, so when no `-wal` file exists (no
    /// one has the database open) the file is opened `immutable` instead; when it exists, a plain
    /// read-only connection reads through it. Without URI support in SQLite, falls back to the latter.
    private static func inspectionConnection(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "planner.inspection"
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
