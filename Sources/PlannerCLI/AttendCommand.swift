import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore
import PlannerStore

struct AttendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attend",
        abstract: "Record who came: a check-in at the door, a whole sign-in sheet, or a correction.",
        discussion: """
            planner attend PLAN SESSION PERSON...          one check-in (recording it twice is one attendance)
            planner attend PLAN --sheet FILE.csv           a sign-in sheet: session, person, time (all or nothing)
            planner attend PLAN --void SESSION PERSON --reason "…"   void a mistaken attendance (never deleted)
            Sessions are the ids `planner sessions PLAN` shows; people are names on the roster.
            """
    )

    @Argument(help: "The plan file (YAML).") var plan: String
    @Argument(help: "The session id, then one or more names.") var arguments: [String] = []
    @Option(help: "A sign-in sheet (CSV: session, person, time).") var sheet: String?
    @Flag(help: "Void the attendance of SESSION PERSON instead of recording it.") var void = false
    @Option(help: "Why an attendance is voided (required with --void), for the audit log.") var reason: String?
    @Option(help: "When the person checked in, e.g. 2017-03-15T14:00.") var time: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if sheet != nil && !arguments.isEmpty { throw ValidationError("give either a sheet or SESSION PERSON..., not both") }
        if sheet == nil && arguments.count < 2 { throw ValidationError("name a session and at least one person, e.g. planner attend PLAN social-city-committee/1 김민준") }
        if void && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--void needs --reason \"…\" for the audit log") }
        if let time, case .failure(let problem) = AttendanceSheetReader.time(time) { throw ValidationError("--time: \(problem.message)") }
    }

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store, access: .record)
            let people = try context.database.people(planID: context.planID)
            if let sheet { return try recordSheet(sheet, context: context, people: people) }
            let session = try context.session(arguments[0])
            for name in arguments.dropFirst() {
                for person in try context.people(named: name, at: session, among: people) {
                    if void {
                        try context.database.voidAttendance(planID: context.planID, sessionID: session.id, personID: person.id,
                                                            reason: reason ?? "", actor: store.who)
                        Console.out("voided: \(name) (\(person.role.rawValue)) at \(session.id)\n")
                    } else {
                        let normalized = try time.map { try AttendanceSheetReader.time($0).get() }
                        let new = try context.database.recordAttendance(planID: context.planID, sessionID: session.id, personID: person.id,
                                                                        time: normalized, actor: store.who)
                        Console.out((new ? "recorded: " : "already recorded: ") + "\(name) (\(person.role.rawValue)) at \(session.id)\n")
                    }
                }
            }
            if !void { try warnOverHeadcount([session], context: context) }
        }
    }

    /// Warns (stderr, exit 0) for each session with more paid people recorded than the plan has for it.
    func warnOverHeadcount(_ sessions: [PlannedSession], context: PlanContext) throws {
        let attendances = try context.database.attendances(planID: context.planID).filter { !$0.isVoided }
        for session in sessions {
            let paid = Set(attendances.filter { $0.sessionID == session.id && session.payableRoles.contains($0.role) }.map(\.personID))
            if let warning = session.overHeadcountWarning(paidPeople: paid.count) { Console.error("planner: warning: \(warning)\n") }
        }
    }

    /// Resolves every row first; a sheet with any unknown session or person records nothing.
    func recordSheet(_ path: String, context: PlanContext, people: [StoredPerson]) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.error("planner: error: \(path): no such file, or it can't be read\n")
            throw ExitCode(ExitStatus.ioError)
        }
        let (rows, diagnostics) = AttendanceSheetReader.read(data, file: path)
        Console.report(diagnostics, file: path, data: data)
        guard !diagnostics.hasErrors else {
            Console.noOutput("nothing was recorded", path, errors: diagnostics)
            throw ExitCode(ExitStatus.dataError)
        }
        let (marks, problems) = SignInSheet.marks(rows, file: path, sessions: context.sessions, people: people)
        guard problems.isEmpty else {
            Console.error(problems.map { "planner: error: \($0)\n" }.joined())
            Console.error("planner: nothing was recorded: \(path) has \(problems.count) error\(problems.count == 1 ? "" : "s")\n")
            throw ExitCode(ExitStatus.dataError)
        }
        let result = try context.database.recordAttendanceSheet(planID: context.planID, marks: marks, actor: store.who)
        let touched = Set(marks.map(\.sessionID))
        try warnOverHeadcount(context.sessions.filter { touched.contains($0.id) }, context: context)
        Console.out("\(path): \(result.recorded) recorded, \(result.alreadyRecorded) already recorded"
            + (result.stillVoided.isEmpty ? "" : ", \(result.stillVoided.count) left voided (restore them first)") + "\n")
    }
}
