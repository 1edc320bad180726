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
        /// The database must exist; nothing is created (not the database, its folder or the key).
        case read
        /// The database, its folder and the key are created when missing, and the user is told once.
        case record
    }

    /// Opens the store; a file that isn't a planner database is refused, never changed.
    ///
    /// With `.read`, a missing (or empty) database is an error naming the path (exit 74). With
    /// `.record`, a missing database is created (mode 0600) and so is the key when there is none yet;
    /// the first time, standard error says where both are and that the key is backed up apart.
    func open(_ access: Access) throws -> AppDatabase {
        let path = databasePath
        do {
            let database = try AppDatabase.open(path: path, keyFile: keyFile, creating: access == .record ? .ifMissing : .never)
            if access == .record {
                let keyCreated = try database.createKeyIfNeeded()
                if database.created || keyCreated { announce(database: path, created: database.created, keyCreated: keyCreated) }
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

    static func open(_ path: String, store: StoreOptions, access: StoreOptions.Access) throws -> PlanContext {
        let (_, page) = try PlanInput.page(path, nothing: "nothing was recorded", warnings: false)
        let database = try store.open(access)
        let id = try database.planID(program: page.plan.program.name, year: page.plan.program.year)
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
