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

    /// Opens (or creates) the store; a file that isn't a planner database is refused, never changed.
    func open() throws -> AppDatabase {
        let path = databasePath
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            return try AppDatabase.open(path: path, keyFile: keyFile)
        } catch let error as StoreError {
            throw StoreFailure(error)
        } catch {
            Console.error("planner: error: can't open the database \(path): \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.ioError)
        }
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

    static func open(_ path: String, store: StoreOptions) throws -> PlanContext {
        let (_, page) = try PlanInput.page(path, nothing: "nothing was recorded", warnings: false)
        let database = try store.open()
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
