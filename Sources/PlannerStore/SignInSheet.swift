import Foundation
import PlannerCore

/// Turns the rows of a sign-in sheet into attendance marks for
/// ``AppDatabase/recordAttendanceSheet(planID:marks:actor:)``: each row's session must be one of the
/// plan's, and its person a roster row of that session's event in a role the session pays.
///
/// What `planner attend PLAN --sheet FILE.csv` and the benchmark both run, so that the two can't drift.
public enum SignInSheet {
    /// Resolves every row; the caller records the marks only when `problems` is empty (all or nothing).
    ///
    /// A person on the roster in two paid roles of the session (a lecturer who also writes the
    /// manuscript) gives two marks, in roster order. Problems read
    /// `FILE:LINE:1: no session "x"; did you mean "y"?` and `FILE:LINE:1: no "name" paid at SESSION`,
    /// one per bad row in file order, without the `planner: error:` prefix. Runs in time linear in
    /// the rows plus the roster.
    ///
    /// ```swift
    /// let (marks, problems) = SignInSheet.marks(lines, file: "sign-in.csv", sessions: plan.events.flatMap(\.sessions), people: roster)
    /// ```
    public static func marks(_ lines: [SignInLine], file: String, sessions: [PlannedSession], people: [StoredPerson])
        -> (marks: [AttendanceMark], problems: [String]) {
        // The first session with an id wins, as a linear search would find it.
        var sessionsByID: [String: PlannedSession] = [:]
        sessionsByID.reserveCapacity(sessions.count)
        for session in sessions where sessionsByID[session.id] == nil { sessionsByID[session.id] = session }
        // Roster rows by event and name, in roster order.
        struct Key: Hashable { var event: String, name: String }
        var byEventAndName: [Key: [StoredPerson]] = [:]
        byEventAndName.reserveCapacity(people.count)
        for person in people { byEventAndName[Key(event: person.event, name: person.name), default: []].append(person) }
        var namesOnEvent: [String: [String]] = [:]  // only built for error messages

        var marks: [AttendanceMark] = []
        marks.reserveCapacity(lines.count)
        var problems: [String] = []
        for row in lines {
            guard let session = sessionsByID[row.session] else {
                let close = Suggestion.closeMatches(row.session, sessions.map(\.id))
                problems.append("\(file):\(row.line):1: no session \(Redaction.quoted(row.session))" + didYouMean(close))
                continue
            }
            let matching = (byEventAndName[Key(event: session.event.id, name: row.person)] ?? []).filter { session.payableRoles.contains($0.role) }
            if matching.isEmpty {
                let names = namesOnEvent[session.event.id] ?? {
                    let names = Array(Set(people.filter { $0.event == session.event.id }.map(\.name))).sorted()
                    namesOnEvent[session.event.id] = names
                    return names
                }()
                let close = Suggestion.closeMatches(row.person, names)
                // What was typed may be a resident number in the wrong column: never echoed in clear.
                problems.append("\(file):\(row.line):1: no \(Redaction.quoted(row.person)) paid at \(session.id)" + didYouMean(close))
            }
            for person in matching { marks.append(AttendanceMark(sessionID: session.id, personID: person.id, time: row.time)) }
        }
        return (marks, problems)
    }

    /// `; did you mean "a", "b"?`, or nothing.
    static func didYouMean(_ close: [String]) -> String {
        close.isEmpty ? "" : "; did you mean " + close.map { "\"\($0)\"" }.joined(separator: ", ") + "?"
    }
}
