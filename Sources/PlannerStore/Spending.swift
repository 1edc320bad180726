import Foundation
import GRDB
import PlannerCore

/// Whether a ledger entry commits money (a contract, an order: 지출원인행위) or pays it out (지출).
public enum SpendingKind: String, Sendable, Codable, CaseIterable {
    case commitment, payment
}

/// One entry of a plan's spending ledger, as stored. Entries are never edited: a correction is a
/// second entry that reverses the first (``reverses`` set, the amount negated).
public struct LedgerEntry: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// The caller's key for the plan item, e.g. `categories[1].items[0]`; the store does not read it.
    public var itemKey: String
    /// The item's name when the entry was recorded, for display.
    public var itemName: String
    /// The procurement package the entry belongs to, if any.
    public var package: String?
    public var kind: SpendingKind
    /// In won. Positive, except in a reversal, where it is exactly the negated amount of the entry it reverses.
    public var amount: Won
    /// The day the money was committed or paid (or the correction took effect).
    public var date: CalendarDate
    public var vendor: String?
    public var contract: String?
    /// Free text; in a reversal, the reason for the correction.
    public var note: String?
    /// Why the entry was allowed to take its item over budget (the documented transfer), if it did.
    public var overBudgetReason: String?
    /// The id of the entry this one reverses, if it is a reversal.
    public var reverses: Int64?
    public var recordedAt: Date
    public var recordedBy: String

    public var isReversal: Bool { reverses != nil }

    /// The entry in the core's terms, for ``ExecutionStatus/compute(_:spending:honoraria:asOf:)``.
    public var spending: Spending {
        Spending(itemKey: itemKey, kind: kind == .commitment ? .commitment : .payment, amount: amount, date: date, overBudgetReason: overBudgetReason)
    }
}

/// An honorarium in a payment batch that was marked paid: what the ledger counts without an entry.
public struct PaidHonorarium: Sendable, Equatable {
    public var sessionID: String
    public var role: PayableRole
    public var personID: Int64
    /// In won, before withholding: what the budget line spends.
    public var gross: Won
    /// The day the batch was paid (for a batch not paid yet: its payment day).
    public var paidOn: CalendarDate
    /// The reason the batch was allowed over budget, as reports show it: `payment batch 2: …`.
    public var overBudgetReason: String?

    public init(sessionID: String, role: PayableRole, personID: Int64, gross: Won, paidOn: CalendarDate, overBudgetReason: String? = nil) {
        self.sessionID = sessionID
        self.role = role
        self.personID = personID
        self.gross = gross
        self.paidOn = paidOn
        self.overBudgetReason = overBudgetReason
    }

    /// `paid` with the event of each session, for ``ExecutionStatus/compute(_:spending:honoraria:asOf:)``.
    /// Honoraria for a session `sessions` doesn't hold (the plan changed) are left out: no item of
    /// the plan can count them.
    public static func amounts(_ paid: [PaidHonorarium], sessions: [PlannedSession]) -> [PaidHonorariumAmount] {
        let events = Dictionary(sessions.map { ($0.id, $0.event.id) }, uniquingKeysWith: { first, _ in first })
        return paid.compactMap { paid in
            events[paid.sessionID].map {
                PaidHonorariumAmount(eventID: $0, role: paid.role, gross: paid.gross, paidOn: paid.paidOn, overBudgetReason: paid.overBudgetReason)
            }
        }
    }
}

/// The spending ledger: commitments and payments an officer records against plan items, never
/// edited or deleted (the database refuses both), corrected only by reversing entries.
///
/// The store does not know the plan's items or budgets: the caller resolves the item, decides
/// whether the entry takes the item over budget, and passes the reason when it does. The store
/// checks what it can see: a positive amount, a date in the plan's year, and for a reversal an
/// entry of the same plan that is not a reversal and was not reversed before.
extension AppDatabase {
    /// Records a commitment or a payment against a plan item, with a `spending-recorded` audit entry.
    ///
    /// The item key is stored as given; the other texts are trimmed, and a blank vendor, contract,
    /// note or package is stored as none.
    ///
    /// ```swift
    /// let entry = try database.recordSpending(planID: plan, itemKey: "categories[1].items[0]", itemName: "인쇄비",
    ///                                         kind: .payment, amount: Won(1_200_000), date: day, vendor: "한빛인쇄", actor: "kim")
    /// ```
    ///
    /// - Parameters:
    ///   - amount: in won, VAT included; must be positive (a negative amount is only ever a reversal) and at most
    ///     `Won.recordLimit` (10^15원).
    ///   - date: must fall in the plan's year.
    ///   - overBudgetReason: the documented transfer that allows the entry to take the item over its
    ///     budget; the caller decides whether it is needed. Must not be blank when given.
    /// - Throws: ``StoreError/zeroSpending(item:)``, ``StoreError/negativeSpending(item:amount:)``, ``StoreError/spendingAboveLimit(item:amount:)``,
    ///   ``StoreError/blankSpendingField(_:)``, ``StoreError/unknownPlan(_:)``,
    ///   ``StoreError/spendingOutsidePlanYear(date:year:)``. Nothing is stored then.
    public func recordSpending(planID: Int64, itemKey: String, itemName: String, package: String? = nil, kind: SpendingKind, amount: Won,
                               date: CalendarDate, vendor: String? = nil, contract: String? = nil, note: String? = nil,
                               overBudgetReason: String? = nil, actor: String) throws -> LedgerEntry {
        try record(planID: planID, itemKey: itemKey, itemName: itemName, package: package, kind: kind, amount: amount, date: date,
                   vendor: vendor, contract: contract, note: note, actor: actor) { _ in overBudgetReason }
    }

    /// Records a commitment or a payment as the other `recordSpending` does, letting `admit` judge it
    /// against the plan's ledger and paid honoraria as they stand inside the same write transaction.
    ///
    /// `admit` runs after every entry committed before it and before this one is stored; it throws to
    /// refuse the entry (nothing is stored, the error is rethrown) and returns the over-budget reason to
    /// store with it (nil when the entry keeps its item within budget). SQLite lets one writer at a time
    /// in, so two planners spending on the same item at once are judged one after the other: they can't
    /// both pass a budget check that only one of them fits.
    ///
    /// ```swift
    /// try database.recordSpending(planID: plan, itemKey: key, itemName: name, kind: .payment, amount: amount, date: day, actor: "kim") { ledger, paid in
    ///     let status = ExecutionStatus.compute(page, spending: ledger, honoraria: PaidHonorarium.amounts(paid, sessions: sessions), asOf: yearEnd)
    ///     …   // throw to refuse; return the documented reason when over budget
    /// }
    /// ```
    public func recordSpending(planID: Int64, itemKey: String, itemName: String, package: String? = nil, kind: SpendingKind, amount: Won,
                               date: CalendarDate, vendor: String? = nil, contract: String? = nil, note: String? = nil, actor: String,
                               admit: (_ ledger: [Spending], _ paidHonoraria: [PaidHonorarium]) throws -> String?) throws -> LedgerEntry {
        try record(planID: planID, itemKey: itemKey, itemName: itemName, package: package, kind: kind, amount: amount, date: date,
                   vendor: vendor, contract: contract, note: note, actor: actor) { db in
            try admit(try ledger(db, planID: planID).map(\.spending), try batchedHonoraria(db, planID: planID, paidOnly: true))
        }
    }

    /// Both `recordSpending`s: `reason` runs inside the write transaction (the ledger is read only by
    /// the one that judges, so recording without a check stays one insert however long the ledger is).
    private func record(planID: Int64, itemKey: String, itemName: String, package: String?, kind: SpendingKind, amount: Won,
                        date: CalendarDate, vendor: String?, contract: String?, note: String?, actor: String,
                        reason judge: (Database) throws -> String?) throws -> LedgerEntry {
        guard !Self.trimmed(itemKey).isEmpty else { throw StoreError.blankSpendingField("item key") }
        let itemName = Self.trimmed(itemName)
        guard !itemName.isEmpty else { throw StoreError.blankSpendingField("item name") }
        guard amount != .zero else { throw StoreError.zeroSpending(item: itemName) }
        guard amount > .zero else { throw StoreError.negativeSpending(item: itemName, amount: amount) }
        guard amount <= Won.recordLimit else { throw StoreError.spendingAboveLimit(item: itemName, amount: amount) }
        return try writer.write { db in
            try requireDateInPlanYear(db, planID: planID, date: date)
            var reason: String?
            if let given = try judge(db) {
                reason = Self.trimmed(given)
                guard reason?.isEmpty == false else { throw StoreError.blankSpendingField("over-budget reason") }
            }
            var record = SpendingRecord(id: nil, planID: planID, itemKey: itemKey, itemName: itemName, package: Self.optional(package), kind: kind,
                                        amount: amount.value, date: date.description, vendor: Self.optional(vendor), contract: Self.optional(contract),
                                        note: Self.optional(note), overBudgetReason: reason, reverses: nil, recordedAt: clock(), recordedBy: actor)
            try record.insert(db)
            let entry = try ledgerEntry(record)
            try audit(db, planID: planID, actor: actor, action: .spendingRecorded, subject: "spending entry \(entry.id) · \(entry.itemName)",
                      detail: Self.auditText(entry))
            return entry
        }
    }

    /// Reverses an entry: writes a new entry of the same item, package, kind, vendor and contract with
    /// the amount negated, the reason as its note, and a `spending-reversed` audit entry.
    ///
    /// - Parameter date: when the correction takes effect; in the plan's year, not before the entry's date.
    /// - Returns: the reversing entry.
    /// - Throws: ``StoreError/reasonRequired``, ``StoreError/unknownSpendingEntry(_:)`` (also for an entry
    ///   of another plan), ``StoreError/reversingReversal(entryID:reverses:)``,
    ///   ``StoreError/spendingAlreadyReversed(entryID:by:)``, ``StoreError/spendingOutsidePlanYear(date:year:)``,
    ///   ``StoreError/reversalBeforeEntry(entryID:entryDate:date:)``.
    public func reverseSpending(planID: Int64, entryID: Int64, date: CalendarDate, reason: String, actor: String) throws -> LedgerEntry {
        let reason = Self.trimmed(reason)
        guard !reason.isEmpty else { throw StoreError.reasonRequired }
        return try writer.write { db in
            try requirePlan(db, planID)
            guard let original = try SpendingRecord.fetchOne(db, key: entryID), original.planID == planID else {
                throw StoreError.unknownSpendingEntry(entryID)
            }
            if let reversed = original.reverses { throw StoreError.reversingReversal(entryID: entryID, reverses: reversed) }
            if let reversal = try SpendingRecord.filter(SpendingRecord.Columns.reverses == entryID).fetchOne(db), let by = reversal.id {
                throw StoreError.spendingAlreadyReversed(entryID: entryID, by: by)
            }
            let entry = try ledgerEntry(original)
            try requireDateInPlanYear(db, planID: planID, date: date)
            guard date >= entry.date else { throw StoreError.reversalBeforeEntry(entryID: entryID, entryDate: entry.date, date: date) }

            var record = SpendingRecord(id: nil, planID: planID, itemKey: original.itemKey, itemName: original.itemName, package: original.package,
                                        kind: original.kind, amount: -original.amount, date: date.description, vendor: original.vendor,
                                        contract: original.contract, note: reason, overBudgetReason: nil, reverses: entryID,
                                        recordedAt: clock(), recordedBy: actor)
            try record.insert(db)
            let reversal = try ledgerEntry(record)
            try audit(db, planID: planID, actor: actor, action: .spendingReversed, subject: "spending entry \(reversal.id) · \(reversal.itemName)",
                      detail: "reverses entry \(entryID) (\(entry.kind.rawValue) of \(MoneyFormat.won(entry.amount)) on \(entry.date)) "
                        + "on \(date): \(reason)")
            return reversal
        }
    }

    /// The plan's ledger in the order it was recorded (by id), reversals included.
    public func ledger(planID: Int64) throws -> [LedgerEntry] {
        try writer.read { db in try ledger(db, planID: planID) }
    }

    func ledger(_ db: Database, planID: Int64) throws -> [LedgerEntry] {
        try SpendingRecord.filter(SpendingRecord.Columns.planID == planID).order(SpendingRecord.Columns.id).fetchAll(db).map(ledgerEntry)
    }

    /// The honoraria of the plan's batches that were marked paid, by payment date, then batch number,
    /// then the order they were added. Items of draft and approved batches are not included.
    public func paidHonoraria(planID: Int64) throws -> [PaidHonorarium] {
        try writer.read { db in try batchedHonoraria(db, planID: planID, paidOnly: true) }
    }

    /// The honoraria of the plan's paid batches, or with `paidOnly` false of every batch, a batch not
    /// paid yet dated by its payment day (or the day it was gathered through, for a batch from before
    /// payment days were kept). Each carries its batch's over-budget reason as `payment batch N: …`.
    /// An amount above `Won.recordLimit` (a database edited by hand) is refused as damaged.
    func batchedHonoraria(_ db: Database, planID: Int64, paidOnly: Bool) throws -> [PaidHonorarium] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.id, i.role, i.gross, a.sessionID, a.personID, b.id AS batchID, b.number,
                   coalesce(b.paidOn, b.payDay, b.throughDate) AS paidOn, b.overBudgetReason
            FROM paymentItem i JOIN paymentBatch b ON b.id = i.batchID JOIN attendance a ON a.id = i.attendanceID
            WHERE b.planID = ? AND (b.status = 'paid' OR NOT ?)
            ORDER BY 8, b.number, i.id
            """, arguments: [planID, paidOnly])
        return try rows.map { row in
            guard let role = PayableRole(rawValue: row["role"]) else {
                throw StoreError.damagedRecord(table: PaymentItemRecord.databaseTableName, id: row["id"])
            }
            guard let paidOn = (row["paidOn"] as String?).flatMap(CalendarDate.init(storeText:)) else {
                throw StoreError.damagedRecord(table: PaymentBatchRecord.databaseTableName, id: row["batchID"])
            }
            let gross = Won(row["gross"])
            guard gross <= Won.recordLimit else { throw StoreError.damagedRecord(table: PaymentItemRecord.databaseTableName, id: row["id"]) }
            let number: Int = row["number"]
            return PaidHonorarium(sessionID: row["sessionID"], role: role, personID: row["personID"], gross: gross, paidOn: paidOn,
                                  overBudgetReason: (row["overBudgetReason"] as String?).map { "payment batch \(number): \($0)" })
        }
    }

    // MARK: - Helpers

    private func requireDateInPlanYear(_ db: Database, planID: Int64, date: CalendarDate) throws {
        guard let plan = try PlanRecord.fetchOne(db, key: planID) else { throw StoreError.unknownPlan(planID) }
        guard date.year == plan.year else { throw StoreError.spendingOutsidePlanYear(date: date, year: plan.year) }
    }

    /// The entry of a stored row; a row with an amount beyond `Won.recordLimit` either way (written by
    /// hand: the planner never records one) is refused as damaged, so that no sum over it can trap.
    private func ledgerEntry(_ record: SpendingRecord) throws -> LedgerEntry {
        guard let id = record.id, let date = CalendarDate(storeText: record.date),
              record.amount <= Won.recordLimit.value, record.amount >= -Won.recordLimit.value else {
            throw StoreError.damagedRecord(table: SpendingRecord.databaseTableName, id: record.id ?? 0)
        }
        return LedgerEntry(id: id, itemKey: record.itemKey, itemName: record.itemName, package: record.package, kind: record.kind,
                           amount: Won(record.amount), date: date, vendor: record.vendor, contract: record.contract, note: record.note,
                           overBudgetReason: record.overBudgetReason, reverses: record.reverses, recordedAt: record.recordedAt,
                           recordedBy: record.recordedBy)
    }

    /// `payment of 1,200,000원 on 2017-05-10 for categories[1].items[0], package printing, vendor 한빛인쇄,
    /// contract 2017-031, note …; over budget: …`.
    private static func auditText(_ entry: LedgerEntry) -> String {
        var parts = ["\(entry.kind.rawValue) of \(MoneyFormat.won(entry.amount)) on \(entry.date) for \(entry.itemKey)"]
        if let package = entry.package { parts.append("package \(package)") }
        if let vendor = entry.vendor { parts.append("vendor \(vendor)") }
        if let contract = entry.contract { parts.append("contract \(contract)") }
        if let note = entry.note { parts.append("note \(note)") }
        let text = parts.joined(separator: ", ")
        return entry.overBudgetReason.map { text + "; over budget: " + $0 } ?? text
    }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    private static func optional(_ text: String?) -> String? {
        guard let text else { return nil }
        let clean = trimmed(text)
        return clean.isEmpty ? nil : clean
    }
}
