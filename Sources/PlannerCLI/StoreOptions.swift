import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore
import PlannerStore

/// Where the store and the key are, and who is acting: shared by every command that records what happened.
struct StoreOptions: ParsableArguments {
    @Option(help: "The database file (default: $PLANNER_DATABASE, else ~/.local/share/planner/planner.sqlite).")
    var database: String?

    @Option(help: "Who is doing this, for the audit log (default: $USER).")
    var actor: String?

    /// `--database`, else `$PLANNER_DATABASE`, `$XDG_DATA_HOME/planner/planner.sqlite` or
    /// `~/.local/share/planner/planner.sqlite` (see `DefaultLocations`).
    var databasePath: String {
        database ?? DefaultLocations.database(environment: ProcessInfo.processInfo.environment)?.path ?? "planner.sqlite"
    }

    /// `$PLANNER_KEY_FILE`, else `$XDG_CONFIG_HOME/planner/planner.key` or `~/.config/planner/planner.key`:
    /// outside the database, so that a copied database file alone reveals nothing.
    var keyFile: URL {
        DefaultLocations.keyFile(environment: ProcessInfo.processInfo.environment) ?? URL(fileURLWithPath: "planner.key")
    }

    var who: String {
        actor ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    /// What a command does with the store: only read it, or record into it.
    enum Access {
        /// The database must exist and is opened read-only: nothing is created (not the database, its
        /// folder or the key), the write lock is never taken, and a read-only file is fine.
        case read
        /// The database must exist, and the command changes it (approving or exporting a batch).
        case change
        /// The database, its folder and the key are created when missing, and the user is told once.
        case record
    }

    /// Opens the store; a file that isn't a planner database is refused, never changed.
    ///
    /// With `.read` or `.change`, a missing (or empty) database is an error naming the path (exit 74). With
    /// `.record`, a missing database is created (mode 0600) and so is the key when there is none yet;
    /// the first time, standard error says where both are and that the key is backed up apart.
    /// A key file its group or others can read is warned about once, on standard error; a command
    /// that exports numbers in full (`fullNumbers`) is refused with it instead, when it reveals them.
    func open(_ access: Access, fullNumbers: Bool = false) throws -> AppDatabase {
        let path = databasePath
        do {
            let database = try AppDatabase.open(path: path, keyFile: keyFile, creating: access == .record ? .ifMissing : .never,
                                                readOnly: access == .read)
            if access == .record {
                let keyCreated = try database.createKeyIfNeeded()
                if database.created || keyCreated { announce(database: path, created: database.created, keyCreated: keyCreated) }
            }
            if !fullNumbers, let mode = database.vault.exposedMode {
                Console.error("planner: warning: the key file \(keyFile.path) can be read by other users (mode \(StoreError.octal(mode))); "
                    + "whoever reads it and the database can read the resident numbers, accounts and phone numbers\n"
                    + "  hint: chmod 600 \(keyFile.path)\n")
            }
            return database
        } catch let error as StoreError {
            throw StoreFailure(error)
        } catch {
            Console.error("planner: error: can't open the database \(path): \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.ioError)
        }
    }

    /// The notice of a new database or key, on standard error (standard output stays the command's own).
    private func announce(database path: String, created: Bool, keyCreated: Bool) {
        Console.error((created ? "planner: created the database \(path) (readable by you only)\n" : "")
            + "planner: " + (keyCreated ? "created the key \(keyFile.path)" : "the key is \(keyFile.path)")
            + "; it encrypts the resident numbers, accounts and phone numbers in the database\n"
            + "  back up the key apart from the database: without it they can't be read, and whoever has both can read them\n")
    }
}

/// A store error as the command line reports it.
struct StoreFailure: Error {
    let error: StoreError
    init(_ error: StoreError) { self.error = error }
}

extension ParsableCommand {
    /// Runs `body`, turning store errors into one plain line and an exit code.
    func reportingStoreErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as StoreFailure {
            throw Self.report(failure.error)
        } catch let error as StoreError {
            throw Self.report(error)
        }
    }

    static func report(_ error: StoreError) -> ExitCode {
        Console.error("planner: error: \(error.description)\n")
        switch error {
        case .diskFull:
            Console.error("  hint: free some space on that disk (or move the database and name it with --database), then run the command again\n")
            return ExitCode(ExitStatus.ioError)
        case .damagedDatabase(let path):
            Console.error("  hint: keep the damaged file aside (mv \(path) \(path).damaged), copy your latest backup "
                + "(made with sqlite3 \(path) \".backup COPY\") to \(path), and record again what was recorded since\n")
            return ExitCode(ExitStatus.ioError)
        case .readOnlyDatabase(let path):
            Console.error("  hint: read commands such as status still work; to record, make the file and its folder writable "
                + "(chmod u+w \(path)) or copy it somewhere writable and name it with --database\n")
            return ExitCode(ExitStatus.ioError)
        case .databaseBusy:
            Console.error("  hint: run the command again in a moment; if it stays locked, look for a program that has the database open\n")
            return ExitCode(ExitStatus.ioError)
        case .databaseIOError:
            return ExitCode(ExitStatus.ioError)
        case .keyFileExposed(let path, _):
            Console.error("  hint: chmod 600 \(path), then export again\n")
            return ExitCode(ExitStatus.ioError)
        case .noDatabase:
            Console.error("  hint: the first command that records creates it, e.g. planner roster import PLAN FILE.csv; "
                + "or name the database you meant with --database or $PLANNER_DATABASE\n")
            return ExitCode(ExitStatus.ioError)
        case .residentNumberUnderAnotherName:
            Console.error("  hint: one resident number is one person: check the row's number, or correct the other person's row in the same file\n")
            return ExitCode(ExitStatus.dataError)
        case .cannotCreate:
            return ExitCode(ExitStatus.cannotCreate)
        case .notSQLite, .foreignDatabase, .newerDatabase, .unreadableFile, .keyFileUnusable: return ExitCode(ExitStatus.ioError)
        default: return ExitCode(ExitStatus.dataError)
        }
    }
}

/// A plan and its place in the store.
struct PlanContext {
    let page: BudgetPage
    let database: AppDatabase
    let planID: Int64

    var plan: Plan { page.plan }
    var sessions: [PlannedSession] { plan.events.flatMap(\.sessions) }

    /// With `.read`, the plan is only looked up, never added: a plan with nothing recorded has no row,
    /// and its id is then 0, which no row has (ids start at 1), so every query finds nothing.
    static func open(_ path: String, store: StoreOptions, access: StoreOptions.Access, fullNumbers: Bool = false) throws -> PlanContext {
        let (_, page) = try PlanInput.page(path, nothing: "nothing was recorded", warnings: false)
        let database = try store.open(access, fullNumbers: fullNumbers)
        let program = page.plan.program
        let id = try access == .read ? database.existingPlanID(program: program.name, year: program.year) ?? 0
            : database.planID(program: program.name, year: program.year)
        return PlanContext(page: page, database: database, planID: id)
    }

    /// The session with this id, or an error listing the closest ids.
    func session(_ id: String) throws -> PlannedSession {
        if let session = sessions.first(where: { $0.id == id }) { return session }
        let ids = sessions.map(\.id)
        let close = Suggestion.closeMatches(id, ids)
        Console.error("planner: error: no session \(Redaction.quoted(id)) in \(plan.program.name) \(plan.program.year)\n"
            + "  hint: " + (close.isEmpty ? "planner sessions PLAN lists them" : "did you mean " + close.map { "\"\($0)\"" }.joined(separator: ", ") + "?") + "\n")
        throw ExitCode(ExitStatus.dataError)
    }

    /// The roster rows of `name` that `session` pays, or an error listing close names.
    func people(named name: String, at session: PlannedSession, among people: [StoredPerson]) throws -> [StoredPerson] {
        let onEvent = people.filter { $0.event == session.event.id }
        let matching = onEvent.filter { $0.name == name }
        let paid = matching.filter { session.payableRoles.contains($0.role) }
        if !paid.isEmpty { return paid }
        if let someone = matching.first {
            Console.error("planner: error: \(name) is on the roster of \(session.event.id) as \(someone.role.rawValue), which \(session.id) does not pay\n"
                + "  hint: \(session.id) pays " + session.payableRoles.map(\.rawValue).joined(separator: ", ") + "\n")
            throw ExitCode(ExitStatus.dataError)
        }
        let close = Suggestion.closeMatches(name, Array(Set(onEvent.map(\.name))).sorted())
        Console.error("planner: error: no \(Redaction.quoted(name)) on the roster of \(session.event.id)\n"
            + "  hint: " + (close.isEmpty ? "import the roster first: planner roster import PLAN FILE.csv" : "did you mean " + close.map { "\"\($0)\"" }.joined(separator: ", ") + "?") + "\n")
        throw ExitCode(ExitStatus.dataError)
    }
}
