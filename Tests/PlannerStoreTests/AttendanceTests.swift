import Foundation
import GRDB
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("Attendance")
struct AttendanceTests {
    let folder: TemporaryFolder
    let database: AppDatabase
    let plan: Int64

    init() throws {
        folder = try TemporaryFolder()
        database = try AppDatabase.inMemory(keyFile: folder.keyFile, clock: fixedClock)
        plan = try database.planID(program: "social-city", year: 2017)
        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 3), actor: "kim")
    }

    @Test("recording the same attendance twice is one attendance")
    func twiceIsOnce() throws {
        defer { folder.remove() }
        #expect(try database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, time: "14:02", actor: "kim"))
        #expect(try !database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, time: "14:30", actor: "lee"))

        #expect(try database.attendances(planID: plan) == [
            StoredAttendance(id: 1, sessionID: "advisory-committee/1", personID: 1, personName: "위원01", role: .allowance,
                             event: "advisory-committee", time: "14:02", recordedAt: fixedNow, recordedBy: "kim",
                             voidedAt: nil, voidedBy: nil, voidReason: nil),
        ])
        let count = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance") }
        #expect(count == 1)
    }

    @Test("a sign-in sheet is recorded at once, duplicates counted once")
    func sheet() throws {
        defer { folder.remove() }
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, actor: "kim")
        let sheet = [
            AttendanceMark(sessionID: "advisory-committee/1", personID: 1, time: "14:00"),
            AttendanceMark(sessionID: "advisory-committee/1", personID: 2, time: "14:05"),
            AttendanceMark(sessionID: "advisory-committee/1", personID: 2, time: "14:05"),
            AttendanceMark(sessionID: "advisory-committee/2", personID: 3),
        ]
        #expect(try database.recordAttendanceSheet(planID: plan, marks: sheet, actor: "kim")
                == AttendanceSheetResult(recorded: 2, alreadyRecorded: 2, stillVoided: []))
        #expect(try database.attendances(planID: plan).map(\.sessionID) == ["advisory-committee/1", "advisory-committee/1", "advisory-committee/2"])
        #expect(try database.attendances(planID: plan).map(\.personID) == [1, 2, 3])
    }

    @Test("a sheet with an unknown person stores nothing")
    func sheetAllOrNothing() throws {
        defer { folder.remove() }
        let sheet = [AttendanceMark(sessionID: "advisory-committee/1", personID: 1), AttendanceMark(sessionID: "advisory-committee/1", personID: 42)]
        #expect(throws: StoreError.unknownPerson(42)) { try database.recordAttendanceSheet(planID: plan, marks: sheet, actor: "kim") }
        #expect(try database.attendances(planID: plan, includeVoided: true).isEmpty)
    }

    @Test("a session outside the person's event, or a person of another plan, is refused")
    func refusals() throws {
        defer { folder.remove() }
        #expect(throws: StoreError.sessionOutsideEvent(sessionID: "staff-education/1", person: "위원01", event: "advisory-committee")) {
            try database.recordAttendance(planID: plan, sessionID: "staff-education/1", personID: 1, actor: "kim")
        }
        #expect(throws: StoreError.sessionOutsideEvent(sessionID: "advisory-committee-2/1", person: "위원01", event: "advisory-committee")) {
            try database.recordAttendance(planID: plan, sessionID: "advisory-committee-2/1", personID: 1, actor: "kim")
        }
        let other = try database.planID(program: "social-city", year: 2018)
        #expect(throws: StoreError.unknownPerson(1)) {
            try database.recordAttendance(planID: other, sessionID: "advisory-committee/1", personID: 1, actor: "kim")
        }
        #expect(throws: StoreError.unknownPlan(77)) {
            try database.recordAttendance(planID: 77, sessionID: "advisory-committee/1", personID: 1, actor: "kim")
        }
    }

    @Test("voiding keeps the row and logs who, when and why")
    func void() throws {
        defer { folder.remove() }
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/2", personID: 2, time: "14:00", actor: "kim")

        try database.voidAttendance(planID: plan, sessionID: "advisory-committee/2", personID: 2, reason: "signed for a colleague; left before the meeting", actor: "lee")

        #expect(try database.attendances(planID: plan).isEmpty)
        #expect(try database.attendances(planID: plan, includeVoided: true) == [
            StoredAttendance(id: 1, sessionID: "advisory-committee/2", personID: 2, personName: "위원02", role: .allowance,
                             event: "advisory-committee", time: "14:00", recordedAt: fixedNow, recordedBy: "kim", voidedAt: fixedNow,
                             voidedBy: "lee", voidReason: "signed for a colleague; left before the meeting"),
        ])
        #expect(try database.auditLog(planID: plan).last == AuditEntry(
            id: 2, at: fixedNow, actor: "lee", action: .attendanceVoided, planID: plan,
            subject: "advisory-committee/2 · 위원02 (allowance, advisory-committee)", detail: "signed for a colleague; left before the meeting"))
    }

    @Test("a check-in after a void is refused; a sheet leaves it voided; restoring counts it again")
    func afterVoid() throws {
        defer { folder.remove() }
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/2", personID: 2, actor: "kim")
        try database.voidAttendance(planID: plan, sessionID: "advisory-committee/2", personID: 2, reason: "left early", actor: "lee")

        #expect(throws: StoreError.attendanceVoided(sessionID: "advisory-committee/2", person: "위원02")) {
            try database.recordAttendance(planID: plan, sessionID: "advisory-committee/2", personID: 2, actor: "kim")
        }
        let mark = AttendanceMark(sessionID: "advisory-committee/2", personID: 2, time: "14:00")
        #expect(try database.recordAttendanceSheet(planID: plan, marks: [mark], actor: "kim")
                == AttendanceSheetResult(recorded: 0, alreadyRecorded: 0, stillVoided: [mark]))
        #expect(try database.attendances(planID: plan).isEmpty)

        try database.restoreAttendance(planID: plan, sessionID: "advisory-committee/2", personID: 2, reason: "the minutes show 위원02 stayed", actor: "park")

        #expect(try database.attendances(planID: plan).map(\.id) == [1])
        #expect(try database.attendances(planID: plan).first?.isVoided == false)
        #expect(try database.auditLog(planID: plan).last == AuditEntry(
            id: 3, at: fixedNow, actor: "park", action: .attendanceRestored, planID: plan,
            subject: "advisory-committee/2 · 위원02 (allowance, advisory-committee)",
            detail: "the minutes show 위원02 stayed (was voided 2017-03-02 01:00:00 UTC by lee: left early)"))
    }

    @Test("void and restore refuse what makes no sense")
    func voidRefusals() throws {
        defer { folder.remove() }
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, actor: "kim")
        #expect(throws: StoreError.reasonRequired) {
            try database.voidAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, reason: "  ", actor: "lee")
        }
        #expect(throws: StoreError.attendanceNotFound(sessionID: "advisory-committee/3", person: "위원01")) {
            try database.voidAttendance(planID: plan, sessionID: "advisory-committee/3", personID: 1, reason: "mistake", actor: "lee")
        }
        #expect(throws: StoreError.attendanceNotVoided(sessionID: "advisory-committee/1", person: "위원01")) {
            try database.restoreAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, reason: "mistake", actor: "lee")
        }
        try database.voidAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, reason: "mistake", actor: "lee")
        #expect(throws: StoreError.attendanceAlreadyVoided(sessionID: "advisory-committee/1", person: "위원01")) {
            try database.voidAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, reason: "mistake", actor: "lee")
        }
    }

    @Test("an attendance in a payment batch cannot be voided")
    func voidBatched() throws {
        defer { folder.remove() }
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, actor: "kim")
        let item = PaymentItemDraft(attendanceID: 1, role: .allowance, gross: Won(150_000), incomeTax: Won(12_000), localTax: Won(1_200))
        _ = try database.createPaymentBatch(planID: plan, through: CalendarDate(year: 2017, month: 3, day: 31)!,
                                            payDay: CalendarDate(year: 2026, month: 4, day: 10)!, items: [item], actor: "kim")

        #expect(throws: StoreError.attendanceInBatch(sessionID: "advisory-committee/1", person: "위원01", batch: 1)) {
            try database.voidAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, reason: "mistake", actor: "lee")
        }
        #expect(try database.attendances(planID: plan).count == 1)
    }

    @Test("the database itself refuses to delete an attendance")
    func neverDeleted() throws {
        defer { folder.remove() }
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, actor: "kim")
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "DELETE FROM attendance") }
        }
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "DELETE FROM auditLog") }
        }
        #expect(try database.attendances(planID: plan).count == 1)
    }
}
