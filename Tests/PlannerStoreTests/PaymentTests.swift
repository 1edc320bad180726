import Foundation
import GRDB
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("Payment batches")
struct PaymentTests {
    let folder: TemporaryFolder
    let database: AppDatabase
    let plan: Int64
    let march = CalendarDate(year: 2017, month: 3, day: 31)!
    let april = CalendarDate(year: 2017, month: 4, day: 30)!
    /// The payment day of the batches: in 2017, 80% of a 기타소득 payment was deemed expenses.
    let payDay = CalendarDate(year: 2017, month: 4, day: 10)!

    init() throws {
        folder = try TemporaryFolder()
        database = try AppDatabase.inMemory(keyFile: folder.keyFile, clock: fixedClock)
        plan = try database.planID(program: "social-city", year: 2017)
        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 3), actor: "kim")
    }

    /// An allowance of 300,000원 paid in 2017: 20% of 60,000원 (the 20% not deemed expenses) = 12,000 + 1,200 withheld.
    func allowance(_ attendance: Int64) -> PaymentItemDraft {
        PaymentItemDraft(attendanceID: attendance, role: .allowance, gross: Won(300_000), incomeTax: Won(12_000), localTax: Won(1_200))
    }

    func attend(_ session: Int, _ person: Int64) throws {
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/\(session)", personID: person, actor: "kim")
    }

    @Test("admit sees the ledger, every earlier batch (paid or not) and this batch's honoraria; a refusal stores nothing; the reason is kept")
    func admitJudgesInTheTransaction() throws {
        defer { folder.remove() }
        struct Refused: Error {}
        for person in Int64(1)...3 { try attend(1, person) }
        _ = try database.recordSpending(planID: plan, itemKey: "categories[0].items[0]", itemName: "운영", kind: .payment, amount: Won(5_000),
                                        date: march, actor: "kim")
        // Given: batch 1, a draft, holds attendance 1.
        _ = try #require(try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1)], actor: "kim"))

        // When: batch 2 is judged. Then: admit is given the ledger, batch 1 (a draft, dated by its payment day) and batch 2's items.
        var seen: (ledger: [Won], batched: [Int64], batch: [Int64])?
        #expect(throws: Refused.self) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(2), allowance(3)], actor: "kim") { ledger, batched, batch in
                seen = (ledger.map(\.amount), batched.map(\.personID), batch.map(\.personID))
                #expect(batched.map(\.paidOn) == [payDay])
                #expect(batch.map(\.gross) == [Won(300_000), Won(300_000)])
                throw Refused()
            }
        }
        #expect(seen?.ledger == [Won(5_000)])
        #expect(seen?.batched == [1])
        #expect(seen?.batch == [2, 3])
        #expect(try database.batches(planID: plan).map(\.number) == [1])

        // When: admitted with a reason. Then: the batch keeps it (trimmed) and the audit log says so.
        let second = try #require(try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(2)],
                                                                  actor: "kim") { _, _, _ in "  위원 추가 위촉  " })
        #expect(second.overBudgetReason == "위원 추가 위촉")
        #expect(try database.batches(planID: plan).map(\.overBudgetReason) == [nil, "위원 추가 위촉"])
        // And: a blank reason is refused.
        #expect(throws: StoreError.blankSpendingField("over-budget reason")) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(3)], actor: "kim") { _, _, _ in " " }
        }
    }

    @Test("a batch gathers items once; a later batch never repeats them; nothing left gives no batch")
    func neverTwice() throws {
        defer { folder.remove() }
        // Given: meeting 1 attended by all three members.
        for person in Int64(1)...3 { try attend(1, person) }
        let first = try #require(try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1), allowance(2)], actor: "kim"))

        #expect(first.number == 1)
        #expect(first.status == .draft)
        #expect(first.through == march)
        #expect(first.createdBy == "kim")
        #expect(first.items.map(\.attendanceID) == [1, 2])
        #expect(first.items.map(\.personName) == ["위원01", "위원02"])
        #expect(first.items.map(\.net) == [Won(286_800), Won(286_800)])
        #expect(first.payDay == payDay)
        #expect(first.totals == PaymentTotals(gross: Won(600_000), incomeTax: Won(24_000), localTax: Won(2_400), net: Won(573_600)))
        #expect(try database.unbatchedAttendanceRoles(planID: plan).map(\.id) == [3])
        #expect(try database.batchedItemKeys(planID: plan) == [PaymentItemKey(attendanceID: 1, role: .allowance),
                                                               PaymentItemKey(attendanceID: 2, role: .allowance)])

        // When: meeting 2 happens and the caller offers everything again.
        try attend(2, 1)
        let second = try #require(try database.createPaymentBatch(planID: plan, through: april, payDay: payDay,
                                                                  items: [allowance(1), allowance(2), allowance(3), allowance(4)], actor: "kim"))

        // Then: only what was not in batch 1.
        #expect(second.number == 2)
        #expect(second.items.map(\.attendanceID) == [3, 4])
        #expect(try database.createPaymentBatch(planID: plan, through: april, payDay: payDay, items: [allowance(1), allowance(4)], actor: "kim") == nil)
        let keys = try database.batches(planID: plan).flatMap(\.items).map(\.attendanceID)
        #expect(keys == [1, 2, 3, 4])
        #expect(try database.unbatchedAttendanceRoles(planID: plan).isEmpty)
        #expect(try database.auditLog(planID: plan).filter { $0.action == .batchCreated }.map(\.detail) == [
            "2 items through 2017-03-31 for payment on 2017-04-10: gross 600,000원, income tax 24,000원, local tax 2,400원, net 573,600원",
            "2 items through 2017-04-30 for payment on 2017-04-10: gross 600,000원, income tax 24,000원, local tax 2,400원, net 573,600원",
        ])
    }

    @Test("the database refuses a second payment of the same attendance and role")
    func uniqueInDatabase() throws {
        defer { folder.remove() }
        try attend(1, 1)
        let batch = try #require(try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1)], actor: "kim"))
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO paymentItem (batchID, attendanceID, role, gross, incomeTax, localTax, net)
                    VALUES (?, 1, 'allowance', 300000, 12000, 1200, 286800)
                    """, arguments: [batch.id])
            }
        }
    }

    @Test("draft → approved → paid, and nothing else")
    func stateMachine() throws {
        defer { folder.remove() }
        try attend(1, 1)
        _ = try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1)], actor: "kim")
        let approvedOn = CalendarDate(year: 2017, month: 4, day: 3)!
        let paidOn = CalendarDate(year: 2017, month: 4, day: 10)!

        #expect(throws: StoreError.batchNotApproved(number: 1, status: .draft)) {
            try database.markBatchPaid(planID: plan, number: 1, on: paidOn, actor: "park")
        }
        try database.approveBatch(planID: plan, number: 1, on: approvedOn, actor: "choi")
        #expect(throws: StoreError.batchNotDraft(number: 1, status: .approved)) {
            try database.approveBatch(planID: plan, number: 1, on: approvedOn, actor: "choi")
        }
        #expect(throws: StoreError.paidBeforeApproval(number: 1, approved: approvedOn, paid: CalendarDate(year: 2017, month: 4, day: 2)!)) {
            try database.markBatchPaid(planID: plan, number: 1, on: CalendarDate(year: 2017, month: 4, day: 2)!, actor: "park")
        }
        try database.markBatchPaid(planID: plan, number: 1, on: paidOn, actor: "park")
        #expect(throws: StoreError.batchNotApproved(number: 1, status: .paid)) {
            try database.markBatchPaid(planID: plan, number: 1, on: paidOn, actor: "park")
        }
        #expect(throws: StoreError.batchNotDraft(number: 1, status: .paid)) {
            try database.approveBatch(planID: plan, number: 1, on: approvedOn, actor: "choi")
        }
        #expect(throws: StoreError.batchPaid(number: 1, paidOn: paidOn)) {
            try database.cancelBatch(planID: plan, number: 1, reason: "이중 지급", actor: "choi")
        }
        #expect(throws: StoreError.unknownBatch(number: 2)) {
            try database.approveBatch(planID: plan, number: 2, on: approvedOn, actor: "choi")
        }

        let batch = try database.batch(planID: plan, number: 1)
        #expect(batch.status == .paid)
        #expect(batch.approvedOn == approvedOn)
        #expect(batch.approvedBy == "choi")
        #expect(batch.paidOn == paidOn)
        #expect(batch.paidBy == "park")
        let log = try database.auditLog(planID: plan).suffix(2)
        #expect(log.map(\.action) == [.batchApproved, .batchPaid])
        #expect(log.map(\.detail) == ["approved on 2017-04-03", "paid on 2017-04-10"])
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "DELETE FROM paymentItem") }
        }
    }

    @Test("a cancelled draft frees its items for the next batch, which gets a new number")
    func cancelDraft() throws {
        defer { folder.remove() }
        try attend(1, 1)
        try attend(1, 2)
        _ = try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1), allowance(2)], actor: "kim")

        try database.cancelBatch(planID: plan, number: 1, reason: "지급일 변경", actor: "choi")

        #expect(try database.batches(planID: plan).isEmpty)
        #expect(try database.unbatchedAttendanceRoles(planID: plan).map(\.id) == [1, 2])
        let last = try #require(try database.auditLog(planID: plan).last)
        #expect(last.action == .batchCancelled)
        #expect(last.subject == "payment batch 1")
        #expect(last.detail == "2 items through 2017-03-31 (a draft, for payment on 2017-04-10): "
                + "gross 600,000원, income tax 24,000원, local tax 2,400원, net 573,600원; reason: 지급일 변경")
        let again = try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1)], actor: "kim")
        #expect(again?.number == 2)
    }

    @Test("an approved batch can be cancelled (with a reason, audited); a paid one never")
    func cancelApproved() throws {
        defer { folder.remove() }
        try attend(1, 1)
        _ = try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1)], actor: "kim")
        try database.approveBatch(planID: plan, number: 1, on: CalendarDate(year: 2017, month: 4, day: 3)!, actor: "choi")

        #expect(throws: StoreError.reasonRequired) { try database.cancelBatch(planID: plan, number: 1, reason: "  ", actor: "choi") }
        #expect(try database.batch(planID: plan, number: 1).status == .approved)
        try database.cancelBatch(planID: plan, number: 1, reason: "지급일 변경", actor: "choi")

        #expect(try database.batches(planID: plan).isEmpty)
        #expect(try database.auditLog(planID: plan).last?.detail == "1 items through 2017-03-31 (approved on 2017-04-03 by choi, for payment on 2017-04-10): "
                + "gross 300,000원, income tax 12,000원, local tax 1,200원, net 286,800원; reason: 지급일 변경")
        #expect(throws: StoreError.unknownBatch(number: 1)) { try database.cancelBatch(planID: plan, number: 1, reason: "again", actor: "choi") }
    }

    /// A member's 2017 allowance batch, approved, computed for `payDay` with the standard table.
    func approvedBatch(gross: Int64, payDay: CalendarDate) throws -> StoredBatch {
        try attend(1, 1)
        let tax = TaxTable.standard.withholding(gross: Won(gross), incomeType: .other, treatyExempt: false, on: payDay)
        let draft = PaymentItemDraft(attendanceID: 1, role: .allowance, gross: Won(gross), incomeTax: tax.incomeTax, localTax: tax.localTax)
        let batch = try #require(try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [draft], actor: "kim"))
        try database.approveBatch(planID: plan, number: batch.number, on: CalendarDate(year: 2017, month: 6, day: 1)!, actor: "choi")
        return batch
    }

    static let boundaries: [(gross: Int64, payDay: CalendarDate, paidOn: CalendarDate, withheld: Int64, then: Int64)] = [
        // 80% deemed expenses until 2018-03-31, 70% from 2018-04-01: 200,000원 → 40,000 (untaxed) then 60,000 (12,000 + 1,200).
        (200_000, CalendarDate(year: 2018, month: 3, day: 31)!, CalendarDate(year: 2018, month: 4, day: 1)!, 0, 13_200),
        (200_000, CalendarDate(year: 2018, month: 4, day: 1)!, CalendarDate(year: 2018, month: 3, day: 31)!, 13_200, 0),
        // 70% until 2018-12-31, 60% from 2019-01-01: 150,000원 → 45,000 (untaxed) then 60,000 (13,200).
        (150_000, CalendarDate(year: 2018, month: 12, day: 31)!, CalendarDate(year: 2019, month: 1, day: 1)!, 0, 13_200),
        (150_000, CalendarDate(year: 2019, month: 1, day: 1)!, CalendarDate(year: 2018, month: 12, day: 31)!, 13_200, 0),
        // 2017 committee allowances computed with 2026's table, paid in 2017.
        (150_000, CalendarDate(year: 2026, month: 12, day: 1)!, CalendarDate(year: 2017, month: 12, day: 5)!, 13_200, 0),
    ]

    @Test("marking paid on a day whose tax table withholds otherwise is refused, across the 2018 boundaries", arguments: boundaries)
    func payDayRefused(_ example: (gross: Int64, payDay: CalendarDate, paidOn: CalendarDate, withheld: Int64, then: Int64)) throws {
        defer { folder.remove() }
        let batch = try approvedBatch(gross: example.gross, payDay: example.payDay)
        #expect(batch.totals.incomeTax.value + batch.totals.localTax.value == example.withheld)
        let log = try database.auditLog(planID: plan).count

        #expect(throws: StoreError.withholdingDiffersOnPayDay(number: 1, through: march, payDay: example.payDay, paidOn: example.paidOn,
                                                              batchWithholds: Won(example.withheld), dayWithholds: Won(example.then), items: 1)) {
            try database.markBatchPaid(planID: plan, number: 1, on: example.paidOn, actor: "park")
        }
        // Nothing changed: still approved, not paid, nothing in the audit log.
        #expect(try database.batch(planID: plan, number: 1).status == .approved)
        #expect(try database.auditLog(planID: plan).count == log)
    }

    static let sameWithholding: [(gross: Int64, payDay: CalendarDate, paidOn: CalendarDate)] = [
        // Both sides of a boundary withhold the same for this gross: nothing to refuse.
        (150_000, CalendarDate(year: 2018, month: 3, day: 31)!, CalendarDate(year: 2018, month: 4, day: 1)!),
        (500_000, CalendarDate(year: 2019, month: 1, day: 1)!, CalendarDate(year: 2026, month: 12, day: 5)!),
        (150_000, CalendarDate(year: 2017, month: 6, day: 30)!, CalendarDate(year: 2017, month: 12, day: 5)!),
    ]

    @Test("a payment day whose table withholds the same is accepted", arguments: sameWithholding)
    func payDayAccepted(_ example: (gross: Int64, payDay: CalendarDate, paidOn: CalendarDate)) throws {
        defer { folder.remove() }
        _ = try approvedBatch(gross: example.gross, payDay: example.payDay)
        try database.markBatchPaid(planID: plan, number: 1, on: example.paidOn, actor: "park")
        let paid = try database.batch(planID: plan, number: 1)
        #expect(paid.status == .paid)
        #expect(paid.paidOn == example.paidOn)
        #expect(paid.payDay == example.payDay)
    }

    @Test("items that can't be paid refuse the whole batch")
    func refusals() throws {
        defer { folder.remove() }
        try attend(1, 1)
        try attend(1, 2)
        try database.voidAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 2, reason: "absent", actor: "lee")
        let other = try database.planID(program: "other", year: 2017)

        #expect(throws: StoreError.paymentForVoidedAttendance(sessionID: "advisory-committee/1", person: "위원02")) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1), allowance(2)], actor: "kim")
        }
        #expect(throws: StoreError.paymentRoleMismatch(sessionID: "advisory-committee/1", person: "위원01", expected: .allowance, got: .lecturer)) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [
                PaymentItemDraft(attendanceID: 1, role: .lecturer, gross: Won(300_000), incomeTax: Won(0), localTax: Won(0)),
            ], actor: "kim")
        }
        #expect(throws: StoreError.invalidPaymentAmounts(sessionID: "advisory-committee/1", person: "위원01",
                                                         reason: "the taxes 150,000원 + 1,200원 exceed the gross 150,000원")) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [
                PaymentItemDraft(attendanceID: 1, role: .allowance, gross: Won(150_000), incomeTax: Won(150_000), localTax: Won(1_200)),
            ], actor: "kim")
        }
        #expect(throws: StoreError.invalidPaymentAmounts(sessionID: "advisory-committee/1", person: "위원01", reason: "an amount is negative")) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [
                PaymentItemDraft(attendanceID: 1, role: .allowance, gross: Won(-1), incomeTax: Won(0), localTax: Won(0)),
            ], actor: "kim")
        }
        #expect(throws: StoreError.duplicatePaymentItem(attendanceID: 1, role: .allowance)) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1), allowance(1)], actor: "kim")
        }
        #expect(throws: StoreError.unknownAttendance(1)) {
            try database.createPaymentBatch(planID: other, through: march, payDay: payDay, items: [allowance(1)], actor: "kim")
        }
        #expect(throws: StoreError.unknownAttendance(9)) {
            try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(9)], actor: "kim")
        }
        #expect(try database.batches(planID: plan).isEmpty)
        #expect(try database.batches(planID: other).isEmpty)
    }

    @Test("batch numbers count per plan")
    func numbering() throws {
        defer { folder.remove() }
        let other = try database.planID(program: "social-city", year: 2018)
        _ = try database.importRoster(planID: other, entries: try committeeRoster(count: 1), actor: "kim")
        try attend(1, 1)
        _ = try database.recordAttendance(planID: other, sessionID: "advisory-committee/1", personID: 4, actor: "kim")

        let a = try database.createPaymentBatch(planID: plan, through: march, payDay: payDay, items: [allowance(1)], actor: "kim")
        let b = try database.createPaymentBatch(planID: other, through: march, payDay: payDay, items: [allowance(2)], actor: "kim")

        #expect(a?.number == 1)
        #expect(b?.number == 1)
        #expect(b?.items.map(\.personID) == [4])
    }
}
