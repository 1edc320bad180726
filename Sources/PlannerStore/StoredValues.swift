import Foundation
import PlannerCore

/// What a roster import did: people added, people whose row changed, people whose row was identical.
public struct RosterImportResult: Sendable, Equatable {
    public var added: Int
    public var updated: Int
    public var unchanged: Int

    public init(added: Int, updated: Int, unchanged: Int) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// A person on a plan's roster as the store keeps it: personal numbers only in masked form.
///
/// One person is one (name, role, event): someone who both lectures and writes a manuscript for
/// the same education event is two rows.
public struct StoredPerson: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var role: PayableRole
    /// The event id, as `planner sessions` shows it.
    public var event: String
    public var organization: String?
    public var email: String?
    public var residency: Residency
    public var incomeType: IncomeType
    public var treatyExempt: Bool
    /// `711231-1******`.
    public var rrnMasked: String?
    public var bank: String?
    /// `*******1234`: the account's digits with all but the last four hidden.
    public var accountMasked: String?
    /// `*******5678`.
    public var phoneMasked: String?

    public var hasResidentNumber: Bool { rrnMasked != nil }
}

/// A recorded attendance of a person at a session, voided or not.
public struct StoredAttendance: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var sessionID: String
    public var personID: Int64
    public var personName: String
    /// The role the person attends in (from the roster).
    public var role: PayableRole
    public var event: String
    /// The time written on the sign-in sheet, as written (`14:05`), if any.
    public var time: String?
    public var recordedAt: Date
    public var recordedBy: String
    public var voidedAt: Date?
    public var voidedBy: String?
    public var voidReason: String?

    public var isVoided: Bool { voidedAt != nil }

    /// The day of the sign-in (`time` is stored as `YYYY-MM-DDTHH:MM`), or nil without a time.
    public var day: CalendarDate? {
        time.flatMap { CalendarDate(storeText: String($0.prefix(10))) }
    }
}

/// One line of a sign-in sheet: a person at a session.
public struct AttendanceMark: Sendable, Equatable {
    public var sessionID: String
    public var personID: Int64
    public var time: String?

    public init(sessionID: String, personID: Int64, time: String? = nil) {
        self.sessionID = sessionID
        self.personID = personID
        self.time = time
    }
}

/// What recording a sign-in sheet did.
public struct AttendanceSheetResult: Sendable, Equatable {
    /// New attendances.
    public var recorded: Int
    /// Lines whose attendance was already recorded (a sheet imported twice).
    public var alreadyRecorded: Int
    /// Lines whose attendance was voided earlier: they stay voided.
    public var stillVoided: [AttendanceMark]
}

/// Identifies what a payment item pays: one role for one attendance. Paid at most once, ever.
public struct PaymentItemKey: Sendable, Hashable {
    public var attendanceID: Int64
    public var role: PayableRole

    public init(attendanceID: Int64, role: PayableRole) {
        self.attendanceID = attendanceID
        self.role = role
    }
}

/// An honorarium the caller computed (gross from the plan's rate, withholding from the tax table),
/// to be put into a payment batch. All amounts in won.
public struct PaymentItemDraft: Sendable, Equatable {
    public var attendanceID: Int64
    public var role: PayableRole
    public var gross: Won
    public var incomeTax: Won
    public var localTax: Won

    public init(attendanceID: Int64, role: PayableRole, gross: Won, incomeTax: Won, localTax: Won) {
        self.attendanceID = attendanceID
        self.role = role
        self.gross = gross
        self.incomeTax = incomeTax
        self.localTax = localTax
    }

    public var key: PaymentItemKey { PaymentItemKey(attendanceID: attendanceID, role: role) }
}

/// Where a payment batch (지급 결의) is: created as a draft, approved on a date, paid on a date.
public enum BatchStatus: String, Sendable, Codable, CaseIterable {
    case draft, approved, paid
}

/// Sums of a batch's items, in won.
public struct PaymentTotals: Sendable, Equatable {
    public var gross: Won
    public var incomeTax: Won
    public var localTax: Won
    public var net: Won

    public init(gross: Won, incomeTax: Won, localTax: Won, net: Won) {
        self.gross = gross
        self.incomeTax = incomeTax
        self.localTax = localTax
        self.net = net
    }
}

/// One honorarium in a payment batch, in won. `net` is `gross - incomeTax - localTax`.
public struct StoredPaymentItem: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var attendanceID: Int64
    public var sessionID: String
    public var personID: Int64
    public var personName: String
    public var role: PayableRole
    public var gross: Won
    public var incomeTax: Won
    public var localTax: Won
    public var net: Won
}

/// A payment batch with its items (ordered as they were added).
public struct StoredBatch: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// 1, 2, … per plan.
    public var number: Int
    /// Attendance up to this date was gathered.
    public var through: CalendarDate
    /// The payment day the withholding was computed for; nil for a batch made before it was recorded.
    public var payDay: CalendarDate?
    public var status: BatchStatus
    public var createdAt: Date
    public var createdBy: String
    public var approvedOn: CalendarDate?
    public var approvedBy: String?
    public var paidOn: CalendarDate?
    public var paidBy: String?
    /// Why the batch was allowed to take a plan item over its budget (`--over-budget`), if it was.
    public var overBudgetReason: String?
    public var items: [StoredPaymentItem]
    public var totals: PaymentTotals
}

/// A bank account, decrypted. `description` is masked so that interpolation can't leak it.
public struct BankAccount: Sendable, Equatable, CustomStringConvertible {
    public var bank: String?
    /// The account number's digits (hyphens and spaces removed on import). Handle with care.
    public var number: String

    public init(bank: String?, number: String) {
        self.bank = bank
        self.number = number
    }

    public var masked: String { Masking.tail(number) }
    public var description: String { (bank.map { $0 + " " } ?? "") + masked }
}

/// What an audit entry records.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case rosterImported = "roster-imported"
    case personUpdated = "person-updated"
    case attendanceVoided = "attendance-voided"
    case attendanceRestored = "attendance-restored"
    case batchCreated = "batch-created"
    case batchApproved = "batch-approved"
    case batchPaid = "batch-paid"
    /// A draft discarded (written by earlier versions; cancellations are `batch-cancelled`).
    case batchDiscarded = "batch-discarded"
    /// A draft or approved batch cancelled, its items unpaid again.
    case batchCancelled = "batch-cancelled"
    case residentNumbersRevealed = "resident-numbers-revealed"
    case accountsRevealed = "accounts-revealed"
    case spendingRecorded = "spending-recorded"
    case spendingReversed = "spending-reversed"
}

/// One line of the audit log: who did what, when, to what, and why. Never holds personal numbers.
public struct AuditEntry: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var action: AuditAction
    public var planID: Int64?
    public var subject: String
    public var detail: String
}

/// Whether personal numbers can be encrypted and decrypted with the configured key file.
public enum KeyStatus: Sendable, Equatable {
    /// The key file exists and matches the database (or the database holds no encrypted data yet).
    case ready
    /// No key file yet and nothing encrypted yet: the key file is created when first needed.
    case notCreated
    /// The database holds encrypted data but the key file is missing.
    case missing
    /// The key file is not the one the database's data was encrypted with.
    case mismatch
}
