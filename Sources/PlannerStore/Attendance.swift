import Foundation
import GRDB
import PlannerCore

/// Attendance: recorded once per person and session, corrected by voiding, never deleted.
///
/// Policy for a check-in after a void: the attendance stays voided and the check-in is refused
/// (``StoreError/attendanceVoided(sessionID:person:)``); a sign-in sheet lists such lines in
/// ``AttendanceSheetResult/stillVoided`` instead. Only ``AppDatabase/restoreAttendance(planID:sessionID:personID:reason:actor:)``
/// counts it again, with a reason in the audit log. So re-reading an old sign-in sheet can never
/// undo a correction.
extension AppDatabase {
    /// Records that a person attended a session (one check-in at the door).
    ///
    /// - Parameter time: the time written on the sheet, kept as written.
    /// - Returns: true when recorded now, false when it was already recorded.
    /// - Throws: ``StoreError/attendanceVoided(sessionID:person:)`` when it was voided;
    ///   ``StoreError/sessionOutsideEvent(sessionID:person:event:)`` when the session id is not
    ///   `<the person's event>/<number>`.
    @discardableResult
    public func recordAttendance(planID: Int64, sessionID: String, personID: Int64, time: String? = nil, actor: String) throws -> Bool {
        try writer.write { db in
            try requirePlan(db, planID)
            let person = try rosterPerson(db, planID: planID, personID: personID)
            switch try mark(db, planID: planID, sessionID: sessionID, person: person, time: time, actor: actor) {
            case .recorded: return true
            case .alreadyRecorded: return false
            case .voided: throw StoreError.attendanceVoided(sessionID: sessionID, person: person.name)
            }
        }
    }

    /// Records a whole sign-in sheet in one transaction: an unknown person or a session outside a
    /// person's event refuses the whole sheet; lines already recorded are counted, voided ones
    /// reported and left voided.
    ///
    /// The same checks and outcomes as ``recordAttendance(planID:sessionID:personID:time:actor:)`` line
    /// by line (the first refused line, in sheet order, is the error thrown), but through three cached
    /// statements and one roster lookup per distinct person, so a sheet of a million lines takes
    /// seconds, not minutes. Each line's `recordedAt` is still the clock when it was inserted, to the
    /// millisecond the column keeps (see `StoredTimestamp`).
    public func recordAttendanceSheet(planID: Int64, marks: [AttendanceMark], actor: String) throws -> AttendanceSheetResult {
        try writer.write { db in
            try requirePlan(db, planID)
            var result = AttendanceSheetResult(recorded: 0, alreadyRecorded: 0, stillVoided: [])
            let findPerson = try db.cachedStatement(sql: "SELECT planID, event, name FROM person WHERE id = ?")
            let findAttendance = try db.cachedStatement(sql: "SELECT voidedAt FROM attendance WHERE planID = ? AND sessionID = ? AND personID = ?")
            let insert = try db.cachedStatement(sql: """
                INSERT INTO attendance (planID, sessionID, personID, time, recordedAt, recordedBy) VALUES (?, ?, ?, ?, ?, ?)
                """)
            var recordedAt = StoredTimestamp()
            // Who each person is: the event their sessions must belong to, and the name errors show.
            var people: [Int64: (eventPrefix: String, event: String, name: String)] = [:]
            for line in marks {
                let person: (eventPrefix: String, event: String, name: String)
                if let known = people[line.personID] {
                    person = known
                } else {
                    guard let row = try Row.fetchOne(findPerson, arguments: [line.personID]), row[0] as Int64 == planID else {
                        throw StoreError.unknownPerson(line.personID)
                    }
                    let event: String = row[1]
                    person = (event + "/", event, row[2])
                    people[line.personID] = person
                }
                guard line.sessionID.hasPrefix(person.eventPrefix) else {
                    throw StoreError.sessionOutsideEvent(sessionID: line.sessionID, person: person.name, event: person.event)
                }
                let key: StatementArguments = [planID, line.sessionID, line.personID]
                if let existing = try Row.fetchOne(findAttendance, arguments: key) {
                    if existing.hasNull(atIndex: 0) { result.alreadyRecorded += 1 } else { result.stillVoided.append(line) }
                    continue
                }
                try insert.execute(arguments: key + [line.time, recordedAt.value(clock()), actor])
                result.recorded += 1
            }
            return result
        }
    }

    /// Voids an attendance: the row stays, with who voided it, when and why, and the audit log
    /// gets an `attendance-voided` entry. An attendance already in a payment batch can't be voided.
    public func voidAttendance(planID: Int64, sessionID: String, personID: Int64, reason: String, actor: String) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.reasonRequired }
        try writer.write { db in
            let person = try rosterPerson(db, planID: planID, personID: personID)
            var attendance = try recorded(db, planID: planID, sessionID: sessionID, person: person)
            guard attendance.voidedAt == nil else { throw StoreError.attendanceAlreadyVoided(sessionID: sessionID, person: person.name) }
            if let number = try Int.fetchOne(db, sql: """
                SELECT b.number FROM paymentItem i JOIN paymentBatch b ON b.id = i.batchID WHERE i.attendanceID = ? ORDER BY b.number LIMIT 1
                """, arguments: [attendance.id]) {
                throw StoreError.attendanceInBatch(sessionID: sessionID, person: person.name, batch: number)
            }
            attendance.voidedAt = clock()
            attendance.voidedBy = actor
            attendance.voidReason = reason
            try attendance.update(db)
            try audit(db, planID: planID, actor: actor, action: .attendanceVoided, subject: "\(sessionID) · \(person.auditName)", detail: reason)
        }
    }

    /// Counts a voided attendance again. The audit log gets an `attendance-restored` entry with
    /// the reason and the void it undoes (who, when, why).
    public func restoreAttendance(planID: Int64, sessionID: String, personID: Int64, reason: String, actor: String) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.reasonRequired }
        try writer.write { db in
            let person = try rosterPerson(db, planID: planID, personID: personID)
            var attendance = try recorded(db, planID: planID, sessionID: sessionID, person: person)
            guard let voidedAt = attendance.voidedAt else { throw StoreError.attendanceNotVoided(sessionID: sessionID, person: person.name) }
            let undone = "voided \(AuditTime.text(voidedAt)) by \(attendance.voidedBy ?? "?"): \(attendance.voidReason ?? "")"
            attendance.voidedAt = nil
            attendance.voidedBy = nil
            attendance.voidReason = nil
            try attendance.update(db)
            try audit(db, planID: planID, actor: actor, action: .attendanceRestored, subject: "\(sessionID) · \(person.auditName)",
                      detail: "\(reason) (was \(undone))")
        }
    }

    /// The plan's attendances in the order they were recorded.
    public func attendances(planID: Int64, includeVoided: Bool = false) throws -> [StoredAttendance] {
        try writer.read { db in try storedAttendances(db, planID: planID, includeVoided: includeVoided) }
    }

    func storedAttendances(_ db: Database, planID: Int64, includeVoided: Bool) throws -> [StoredAttendance] {
        var request = AttendanceRecord.filter(AttendanceRecord.Columns.planID == planID)
        if !includeVoided { request = request.filter(AttendanceRecord.Columns.voidedAt == nil) }
        let records = try request.order(AttendanceRecord.Columns.id).fetchAll(db)
        let people = try peopleByID(db, planID: planID)
        return records.compactMap { record in
            guard let id = record.id, let person = people[record.personID] else { return nil }
            return StoredAttendance(id: id, sessionID: record.sessionID, personID: record.personID, personName: person.name, role: person.role,
                                    event: person.event, time: record.time, recordedAt: record.recordedAt, recordedBy: record.recordedBy,
                                    voidedAt: record.voidedAt, voidedBy: record.voidedBy, voidReason: record.voidReason)
        }
    }

    func peopleByID(_ db: Database, planID: Int64) throws -> [Int64: PersonRecord] {
        let people = try PersonRecord.filter(PersonRecord.Columns.planID == planID).fetchAll(db)
        return Dictionary(people.compactMap { person in person.id.map { ($0, person) } }, uniquingKeysWith: { first, _ in first })
    }

    private enum MarkOutcome { case recorded, alreadyRecorded, voided }

    private func mark(_ db: Database, planID: Int64, sessionID: String, person: PersonRecord, time: String?, actor: String) throws -> MarkOutcome {
        guard sessionID.hasPrefix(person.event + "/") else {
            throw StoreError.sessionOutsideEvent(sessionID: sessionID, person: person.name, event: person.event)
        }
        if let existing = try existingAttendance(db, planID: planID, sessionID: sessionID, personID: person.id ?? 0) {
            return existing.voidedAt == nil ? .alreadyRecorded : .voided
        }
        var attendance = AttendanceRecord(id: nil, planID: planID, sessionID: sessionID, personID: person.id ?? 0, time: time,
                                          recordedAt: clock(), recordedBy: actor)
        try attendance.insert(db)
        return .recorded
    }

    func rosterPerson(_ db: Database, planID: Int64, personID: Int64) throws -> PersonRecord {
        guard let person = try PersonRecord.fetchOne(db, key: personID), person.planID == planID else {
            throw StoreError.unknownPerson(personID)
        }
        return person
    }

    private func existingAttendance(_ db: Database, planID: Int64, sessionID: String, personID: Int64) throws -> AttendanceRecord? {
        try AttendanceRecord
            .filter(AttendanceRecord.Columns.planID == planID && AttendanceRecord.Columns.sessionID == sessionID
                    && AttendanceRecord.Columns.personID == personID)
            .fetchOne(db)
    }

    private func recorded(_ db: Database, planID: Int64, sessionID: String, person: PersonRecord) throws -> AttendanceRecord {
        guard let attendance = try existingAttendance(db, planID: planID, sessionID: sessionID, personID: person.id ?? 0) else {
            throw StoreError.attendanceNotFound(sessionID: sessionID, person: person.name)
        }
        return attendance
    }
}

/// How audit details write a moment: `2017-03-02 10:15:00 UTC`.
enum AuditTime {
    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) UTC"
    }
}

/// A moment as the database stores it (GRDB's `yyyy-MM-dd HH:mm:ss.SSS` text, UTC), formatted once
/// per millisecond: Foundation's date formatting costs more than the insert itself, and the column
/// keeps milliseconds only, so moments within the same millisecond store the same text.
struct StoredTimestamp {
    private var millisecond = Double.nan
    private var text: DatabaseValue = .null

    mutating func value(_ date: Date) -> DatabaseValue {
        // The formatter rounds to the nearest millisecond; so does the key.
        let key = (date.timeIntervalSince1970 * 1_000).rounded()
        if key != millisecond {
            millisecond = key
            text = date.databaseValue
        }
        return text
    }
}
