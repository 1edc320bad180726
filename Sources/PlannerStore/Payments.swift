import Foundation
import GRDB
import PlannerCore

/// Payment batches (지급 결의): honoraria gathered into a numbered batch that moves
/// draft → approved → paid. One role of one attendance is paid at most once, across every batch
/// (a UNIQUE constraint backs this up even against two processes).
extension AppDatabase {
    /// The plan's non-voided attendances whose role is not in any payment batch yet: what is
    /// earned and unpaid, for the caller to price with the plan's rates and the tax table.
    public func unbatchedAttendanceRoles(planID: Int64) throws -> [StoredAttendance] {
        try writer.read { db in
            let batched = try batchedKeys(db, planID: planID)
            return try storedAttendances(db, planID: planID, includeVoided: false)
                .filter { !batched.contains(PaymentItemKey(attendanceID: $0.id, role: $0.role)) }
        }
    }

    /// Every (attendance, role) already in a batch of this plan, whatever the batch's status.
    public func batchedItemKeys(planID: Int64) throws -> Set<PaymentItemKey> {
        try writer.read { db in try batchedKeys(db, planID: planID) }
    }

    /// Gathers honoraria into a new draft batch numbered after the highest number the plan has
    /// used (a cancelled batch's number is not given again).
    ///
    /// Items whose (attendance, role) is already in a batch are skipped; when nothing is left,
    /// no batch is created and the result is nil. Refused (nothing stored): an attendance of
    /// another plan or a voided one, a role other than the person's, the same item twice, negative
    /// amounts or taxes above the gross. `net` is computed as gross − income tax − local tax.
    ///
    /// - Parameters:
    ///   - through: the date up to which attendance was gathered (recorded on the batch).
    ///   - payDay: the payment day the caller computed the withholding for (recorded on the batch;
    ///     ``markBatchPaid(planID:number:on:table:actor:)`` refuses a day whose table withholds otherwise).
    public func createPaymentBatch(planID: Int64, through: CalendarDate, payDay: CalendarDate, items: [PaymentItemDraft],
                                   actor: String) throws -> StoredBatch? {
        try createPaymentBatch(planID: planID, through: through, payDay: payDay, items: items, actor: actor) { _, _, _ in nil }
    }

    /// Gathers honoraria into a new draft batch as the other `createPaymentBatch` does, letting `admit`
    /// judge the batch against the plan's budget inside the same write transaction (the rule of
    /// `recordSpending(…admit:)`, applied to honoraria).
    ///
    /// `admit` gets the plan's ledger, the honoraria of every batch made before (paid ones dated by
    /// their payment, the others by their payment day, or the day they were gathered through: money
    /// gathered for payment is counted before it goes out) and the honoraria this batch would hold,
    /// dated by `payDay`. It throws to refuse the batch (nothing is stored, the error is rethrown) and
    /// returns the over-budget reason to store with the batch (nil when it keeps every item within
    /// budget). It is not called when nothing is left to gather.
    public func createPaymentBatch(planID: Int64, through: CalendarDate, payDay: CalendarDate, items: [PaymentItemDraft], actor: String,
                                   admit: (_ ledger: [Spending], _ batched: [PaidHonorarium], _ batch: [PaidHonorarium]) throws -> String?)
        throws -> StoredBatch? {
        var seen = Set<PaymentItemKey>()
        for item in items where !seen.insert(item.key).inserted {
            throw StoreError.duplicatePaymentItem(attendanceID: item.attendanceID, role: item.role)
        }
        return try writer.write { db -> StoredBatch? in
            try requirePlan(db, planID)
            let batched = try batchedKeys(db, planID: planID)
            var accepted: [(draft: PaymentItemDraft, net: Int64)] = []
            var honoraria: [PaidHonorarium] = []
            // One cached statement for every item: a batch can hold a year of attendances.
            let find = try db.cachedStatement(sql: """
                SELECT a.planID, a.sessionID, a.voidedAt IS NOT NULL, p.name, p.role, p.id
                FROM attendance a JOIN person p ON p.id = a.personID WHERE a.id = ?
                """)
            for item in items where !batched.contains(item.key) {
                guard let row = try Row.fetchOne(find, arguments: [item.attendanceID]), row[0] as Int64 == planID
                else { throw StoreError.unknownAttendance(item.attendanceID) }
                let attendance = (sessionID: row[1] as String, isVoided: row[2] as Bool)
                let person = (name: row[3] as String, role: PayableRole(rawValue: row[4] as String))
                guard !attendance.isVoided else {
                    throw StoreError.paymentForVoidedAttendance(sessionID: attendance.sessionID, person: person.name)
                }
                guard let role = person.role else {
                    throw StoreError.damagedRecord(table: PersonRecord.databaseTableName, id: row[5] as Int64)
                }
                guard item.role == role else {
                    throw StoreError.paymentRoleMismatch(sessionID: attendance.sessionID, person: person.name, expected: role, got: item.role)
                }
                func invalid(_ reason: String) -> StoreError {
                    .invalidPaymentAmounts(sessionID: attendance.sessionID, person: person.name, reason: reason)
                }
                guard item.gross.value >= 0, item.incomeTax.value >= 0, item.localTax.value >= 0 else { throw invalid("an amount is negative") }
                guard item.gross <= Won.recordLimit else {
                    throw invalid("the gross \(MoneyFormat.won(item.gross)) is above \(MoneyFormat.won(Won.recordLimit)) (10^15원), the most one record holds")
                }
                guard let taxes = item.incomeTax.adding(item.localTax), let net = item.gross.subtracting(taxes), net.value >= 0 else {
                    let taxes = "\(MoneyFormat.won(item.incomeTax)) + \(MoneyFormat.won(item.localTax))"
                    throw invalid("the taxes \(taxes) exceed the gross \(MoneyFormat.won(item.gross))")
                }
                accepted.append((item, net.value))
                honoraria.append(PaidHonorarium(sessionID: attendance.sessionID, role: role, personID: row[5] as Int64, gross: item.gross, paidOn: payDay))
            }
            guard !accepted.isEmpty else { return nil }
            var reason: String?
            if let given = try admit(try ledger(db, planID: planID).map(\.spending), try batchedHonoraria(db, planID: planID, paidOnly: false), honoraria) {
                reason = given.trimmingCharacters(in: .whitespacesAndNewlines)
                guard reason?.isEmpty == false else { throw StoreError.blankSpendingField("over-budget reason") }
            }

            let last = try Int.fetchOne(db, sql: """
                SELECT max(coalesce((SELECT MAX(number) FROM paymentBatch WHERE planID = ?1), 0), lastBatchNumber) FROM plan WHERE id = ?1
                """, arguments: [planID]) ?? 0
            var batch = PaymentBatchRecord(id: nil, planID: planID, number: last + 1, throughDate: through.description, status: .draft,
                                           createdAt: clock(), createdBy: actor, payDay: payDay.description, overBudgetReason: reason)
            try batch.insert(db)
            try db.execute(sql: "UPDATE plan SET lastBatchNumber = ? WHERE id = ?", arguments: [batch.number, planID])
            guard let batchID = batch.id else { return nil }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO paymentItem (batchID, attendanceID, role, gross, incomeTax, localTax, net) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (draft, net) in accepted {
                try insert.execute(arguments: [batchID, draft.attendanceID, draft.role.rawValue, draft.gross.value, draft.incomeTax.value,
                                               draft.localTax.value, net])
            }
            let stored = try storedBatches(db, planID: planID, number: batch.number).first
            if let stored {
                try audit(db, planID: planID, actor: actor, action: .batchCreated, subject: "payment batch \(stored.number)",
                          detail: "\(stored.items.count) items through \(through) for payment on \(payDay): " + Self.totalsText(stored.totals)
                            + (reason.map { "; over budget: " + $0 } ?? ""))
            }
            return stored
        }
    }

    /// Approves a draft batch on a date (지급 결의 승인).
    public func approveBatch(planID: Int64, number: Int, on date: CalendarDate, actor: String) throws {
        try writer.write { db in
            var batch = try batchRecord(db, planID: planID, number: number)
            guard batch.status == .draft else { throw StoreError.batchNotDraft(number: number, status: batch.status) }
            batch.status = .approved
            batch.approvedOn = date.description
            batch.approvedBy = actor
            try batch.update(db)
            try audit(db, planID: planID, actor: actor, action: .batchApproved, subject: "payment batch \(number)", detail: "approved on \(date)")
        }
    }

    /// Marks an approved batch paid on a date, not earlier than its approval.
    ///
    /// Withholding is decided by the payment day (소득세법 §127: tax is withheld when the income is
    /// paid): each item's withholding is recomputed with `table` for `date`, from its gross and the
    /// person's income type, and a day on which any item would have other taxes withheld than the
    /// batch holds is refused (``StoreError/withholdingDiffersOnPayDay(number:through:payDay:paidOn:batchWithholds:dayWithholds:items:)``)
    /// with nothing changed: the batch must be cancelled and gathered again for that day.
    public func markBatchPaid(planID: Int64, number: Int, on date: CalendarDate, table: TaxTable = .standard, actor: String) throws {
        try writer.write { db in
            var batch = try batchRecord(db, planID: planID, number: number)
            guard batch.status == .approved else { throw StoreError.batchNotApproved(number: number, status: batch.status) }
            if let approved = batch.approvedOn.flatMap(CalendarDate.init(storeText:)), date < approved {
                throw StoreError.paidBeforeApproval(number: number, approved: approved, paid: date)
            }
            try checkWithholding(db, batch: batch, on: date, table: table)
            batch.status = .paid
            batch.paidOn = date.description
            batch.paidBy = actor
            try batch.update(db)
            try audit(db, planID: planID, actor: actor, action: .batchPaid, subject: "payment batch \(number)", detail: "paid on \(date)")
        }
    }

    /// Throws when `table` withholds, on `date`, other taxes from any item of `batch` than the batch holds.
    private func checkWithholding(_ db: Database, batch: PaymentBatchRecord, on date: CalendarDate, table: TaxTable) throws {
        guard let batchID = batch.id else { return }
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.gross, i.incomeTax, i.localTax, p.incomeType, p.treatyExempt, p.id
            FROM paymentItem i JOIN attendance a ON a.id = i.attendanceID JOIN person p ON p.id = a.personID
            WHERE i.batchID = ? ORDER BY i.id
            """, arguments: [batchID])
        var held = Won.zero, due = Won.zero, differing = 0
        for row in rows {
            guard let incomeType = IncomeType(rawValue: row[3] as String) else {
                throw StoreError.damagedRecord(table: PersonRecord.databaseTableName, id: row[5] as Int64)
            }
            let stored = Withholding(incomeTax: Won(row[1] as Int64), localTax: Won(row[2] as Int64))
            let computed = table.withholding(gross: Won(row[0] as Int64), incomeType: incomeType, treatyExempt: row[4] as Bool, on: date)
            if computed != stored { differing += 1 }
            guard let heldNext = held.adding(stored.total), let dueNext = due.adding(computed.total) else { throw StoreError.amountOverflow }
            held = heldNext
            due = dueNext
        }
        guard differing > 0 else { return }
        throw StoreError.withholdingDiffersOnPayDay(number: batch.number, through: CalendarDate(storeText: batch.throughDate),
                                                    payDay: batch.payDay.flatMap(CalendarDate.init(storeText:)), paidOn: date,
                                                    batchWithholds: held, dayWithholds: due, items: differing)
    }

    /// Cancels a batch that is not paid (a draft, or an approved one whose payment day or content
    /// turned out wrong): its items become unpaid again, to be gathered into a new batch. The audit
    /// log keeps what it held, its state and the reason; its number is not given to another batch.
    /// A paid batch is never cancelled.
    public func cancelBatch(planID: Int64, number: Int, reason: String, actor: String) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.reasonRequired }
        try writer.write { db in
            var batch = try batchRecord(db, planID: planID, number: number)
            guard batch.status != .paid else {
                throw StoreError.batchPaid(number: number, paidOn: batch.paidOn.flatMap(CalendarDate.init(storeText:)))
            }
            guard let stored = try storedBatches(db, planID: planID, number: number).first, let batchID = batch.id else { return }
            var state = batch.status == .approved ? "approved on \(batch.approvedOn ?? "?") by \(batch.approvedBy ?? "?")" : "a draft"
            if let payDay = batch.payDay { state += ", for payment on \(payDay)" }
            if batch.status == .approved {
                // Items of an approved batch are never deleted (a trigger enforces it): back to a draft first, in this transaction.
                batch.status = .draft
                batch.approvedOn = nil
                batch.approvedBy = nil
                try batch.update(db)
            }
            try PaymentItemRecord.filter(PaymentItemRecord.Columns.batchID == batchID).deleteAll(db)
            _ = try PaymentBatchRecord.deleteOne(db, key: batchID)
            try audit(db, planID: planID, actor: actor, action: .batchCancelled, subject: "payment batch \(number)",
                      detail: "\(stored.items.count) items through \(stored.through) (\(state)): " + Self.totalsText(stored.totals)
                        + "; reason: \(reason)")
        }
    }

    /// The plan's batches by number, each with its items in the order they were added.
    public func batches(planID: Int64) throws -> [StoredBatch] {
        try writer.read { db in try storedBatches(db, planID: planID, number: nil) }
    }

    /// One batch of the plan.
    public func batch(planID: Int64, number: Int) throws -> StoredBatch {
        try writer.read { db in
            guard let batch = try storedBatches(db, planID: planID, number: number).first else { throw StoreError.unknownBatch(number: number) }
            return batch
        }
    }

    // MARK: - Reading

    private func batchRecord(_ db: Database, planID: Int64, number: Int) throws -> PaymentBatchRecord {
        guard let batch = try PaymentBatchRecord
            .filter(PaymentBatchRecord.Columns.planID == planID && PaymentBatchRecord.Columns.number == number)
            .fetchOne(db)
        else { throw StoreError.unknownBatch(number: number) }
        return batch
    }

    func batchedKeys(_ db: Database, planID: Int64) throws -> Set<PaymentItemKey> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.attendanceID, i.role FROM paymentItem i JOIN paymentBatch b ON b.id = i.batchID WHERE b.planID = ?
            """, arguments: [planID])
        return Set(rows.compactMap { row -> PaymentItemKey? in
            guard let role = PayableRole(rawValue: row["role"]) else { return nil }
            return PaymentItemKey(attendanceID: row["attendanceID"], role: role)
        })
    }

    func storedBatches(_ db: Database, planID: Int64, number: Int?) throws -> [StoredBatch] {
        var request = PaymentBatchRecord.filter(PaymentBatchRecord.Columns.planID == planID)
        if let number { request = request.filter(PaymentBatchRecord.Columns.number == number) }
        let batches = try request.order(PaymentBatchRecord.Columns.number).fetchAll(db)
        guard !batches.isEmpty else { return [] }
        let people = try peopleByID(db, planID: planID)
        let attendances = Dictionary(
            try AttendanceRecord.filter(AttendanceRecord.Columns.planID == planID).fetchAll(db).compactMap { a in a.id.map { ($0, a) } },
            uniquingKeysWith: { first, _ in first })
        return try batches.map { batch in
            let records = try PaymentItemRecord.filter(PaymentItemRecord.Columns.batchID == batch.id).order(PaymentItemRecord.Columns.id).fetchAll(db)
            let items = records.compactMap { item -> StoredPaymentItem? in
                guard let id = item.id, let attendance = attendances[item.attendanceID], let person = people[attendance.personID] else { return nil }
                return StoredPaymentItem(id: id, attendanceID: item.attendanceID, sessionID: attendance.sessionID, personID: attendance.personID,
                                         personName: person.name, role: item.role, gross: Won(item.gross), incomeTax: Won(item.incomeTax),
                                         localTax: Won(item.localTax), net: Won(item.net))
            }
            guard let gross = items.map(\.gross).checkedSum(), let incomeTax = items.map(\.incomeTax).checkedSum(),
                  let localTax = items.map(\.localTax).checkedSum(), let net = items.map(\.net).checkedSum()
            else { throw StoreError.amountOverflow }
            guard let through = CalendarDate(storeText: batch.throughDate) else {
                throw StoreError.damagedRecord(table: PaymentBatchRecord.databaseTableName, id: batch.id ?? 0)
            }
            return StoredBatch(id: batch.id ?? 0, number: batch.number, through: through, payDay: batch.payDay.flatMap(CalendarDate.init(storeText:)),
                               status: batch.status, createdAt: batch.createdAt, createdBy: batch.createdBy,
                               approvedOn: batch.approvedOn.flatMap(CalendarDate.init(storeText:)), approvedBy: batch.approvedBy,
                               paidOn: batch.paidOn.flatMap(CalendarDate.init(storeText:)), paidBy: batch.paidBy,
                               overBudgetReason: batch.overBudgetReason, items: items, totals: PaymentTotals(gross: gross, incomeTax: incomeTax, localTax: localTax, net: net))
        }
    }

    static func totalsText(_ totals: PaymentTotals) -> String {
        "gross \(MoneyFormat.won(totals.gross)), income tax \(MoneyFormat.won(totals.incomeTax)), "
            + "local tax \(MoneyFormat.won(totals.localTax)), net \(MoneyFormat.won(totals.net))"
    }
}
