import GRDB
import PlannerCore

/// Why the store refused to open a database or to make a change.
///
/// Messages are plain sentences a program officer can act on. They name files, sessions, people
/// and payment batches, but never a resident number, bank account or phone number, and never
/// the arguments of an SQL statement.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    // Opening a database file (the file is left untouched).
    /// The file exists but is not an SQLite database (or is damaged beyond reading).
    case notSQLite(path: String)
    /// The file is an SQLite database that belongs to another application.
    case foreignDatabase(path: String)
    /// The file was migrated by a newer planner: it lists migrations this version does not know.
    case newerDatabase(path: String, knownUpTo: String)
    /// The file exists but cannot be read (permissions, a folder in its place).
    case unreadableFile(path: String, reason: String)
    /// No database at the path (no file, or an empty one), for a command that only reads: nothing is created.
    case noDatabase(path: String, emptyFile: Bool)
    /// The database file (or its folder) could not be created.
    case cannotCreate(path: String, reason: String)

    // Faults of the disk and of the file (nothing was recorded).
    /// The disk (or the quota) is full: the transaction was rolled back.
    case diskFull(path: String)
    /// `PRAGMA quick_check` found the file damaged (or SQLite met a damaged page): nothing is written to it.
    case damagedDatabase(path: String)
    /// The file or its folder cannot be written: read commands work, recording doesn't.
    case readOnlyDatabase(path: String)
    /// Another connection held the write lock for the whole busy timeout (10 s).
    case databaseBusy(path: String)
    /// Any other I/O error of SQLite (`SQLITE_IOERR`, `SQLITE_CANTOPEN`, `SQLITE_PERM`).
    case databaseIOError(path: String)

    // The key file of the personal-data vault.
    /// The database holds encrypted personal data and the key file is missing.
    case keyMissing(path: String)
    /// The key file is not the key this database's personal data was encrypted with.
    case keyMismatch(path: String)
    /// The key file exists but does not hold a planner key (32 bytes).
    case keyFileInvalid(path: String)
    /// The key file could not be read or created.
    case keyFileUnusable(path: String, reason: String)
    /// The key file can be read (or written) by its group or others (`mode`, e.g. `0o644`): numbers
    /// are not revealed in full with it.
    case keyFileExposed(path: String, mode: UInt16)
    /// A stored ciphertext could not be decrypted (altered, or written with another key).
    case personalDataUnreadable(personID: Int64)

    // Rosters and people.
    case unknownPlan(Int64)
    case unknownPerson(Int64)
    /// The same person (name, role and event) appears on several rows of one roster.
    case duplicateRosterEntry(name: String, role: PayableRole, event: String, rows: [Int])
    /// A roster row gives a resident number that the plan's roster already holds under another name
    /// (compared through the keyed digests; the number itself is never in the message).
    case residentNumberUnderAnotherName(name: String, row: Int, holder: String)

    // Attendance.
    /// The session does not belong to the event the person is on the roster for.
    case sessionOutsideEvent(sessionID: String, person: String, event: String)
    /// A check-in for an attendance that was voided: it stays voided until restored.
    case attendanceVoided(sessionID: String, person: String)
    case attendanceNotFound(sessionID: String, person: String)
    case attendanceAlreadyVoided(sessionID: String, person: String)
    case attendanceNotVoided(sessionID: String, person: String)
    /// An attendance that is part of a payment batch cannot be voided.
    case attendanceInBatch(sessionID: String, person: String, batch: Int)
    /// Voiding or restoring needs a reason for the audit log.
    case reasonRequired

    // Payments.
    case unknownAttendance(Int64)
    case paymentForVoidedAttendance(sessionID: String, person: String)
    case paymentRoleMismatch(sessionID: String, person: String, expected: PayableRole, got: PayableRole)
    case duplicatePaymentItem(attendanceID: Int64, role: PayableRole)
    case invalidPaymentAmounts(sessionID: String, person: String, reason: String)
    case unknownBatch(number: Int)
    /// Only a draft batch can be approved.
    case batchNotDraft(number: Int, status: BatchStatus)
    /// Only an approved batch can be marked paid.
    case batchNotApproved(number: Int, status: BatchStatus)
    /// A paid batch is never cancelled.
    case batchPaid(number: Int, paidOn: CalendarDate?)
    /// The tax table of the day the batch is marked paid withholds otherwise than the batch, whose
    /// withholding was computed for `payDay` (nil: not recorded). `items` payments differ; the sums are in won.
    case withholdingDiffersOnPayDay(number: Int, through: CalendarDate?, payDay: CalendarDate?, paidOn: CalendarDate,
                                    batchWithholds: Won, dayWithholds: Won, items: Int)
    case paidBeforeApproval(number: Int, approved: CalendarDate, paid: CalendarDate)
    case amountOverflow
    /// A stored value this planner cannot read (edited outside the planner).
    case damagedRecord(table: String, id: Int64)

    // The spending ledger.
    /// No spending entry with this id on the plan.
    case unknownSpendingEntry(Int64)
    /// The entry to reverse is itself a reversal: record the spending again instead.
    case reversingReversal(entryID: Int64, reverses: Int64)
    /// The entry was already reversed, by the entry `by`.
    case spendingAlreadyReversed(entryID: Int64, by: Int64)
    /// A commitment or payment of 0원.
    case zeroSpending(item: String)
    /// A negative amount that is not a reversal.
    case negativeSpending(item: String, amount: Won)
    /// An amount above `Won.recordLimit` (10^15원), the most one entry holds.
    case spendingAboveLimit(item: String, amount: Won)
    /// The date is not in the plan's year.
    case spendingOutsidePlanYear(date: CalendarDate, year: Int)
    /// A reversal dated before the entry it reverses.
    case reversalBeforeEntry(entryID: Int64, entryDate: CalendarDate, date: CalendarDate)
    /// A text the entry needs (`item key`, `item name`, `over-budget reason`) is empty or blank.
    case blankSpendingField(String)

    public var description: String {
        switch self {
        case .notSQLite(let path):
            return "\(path) is not a planner database (it is not an SQLite database file); it was left unchanged"
        case .foreignDatabase(let path):
            return "\(path) is not a planner database (it is an SQLite database of another application); it was left unchanged"
        case .newerDatabase(let path, let known):
            return "\(path) was written by a newer planner; this one knows up to \(known); it was left unchanged"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .noDatabase(let path, let empty):
            return "no planner database at \(path)" + (empty ? " (the file is empty)" : "") + "; nothing has been recorded there"
        case .cannotCreate(let path, let reason):
            return "cannot create the database \(path): \(reason)"
        case .diskFull(let path):
            return "the disk holding \(path) is full; nothing was recorded, and what was recorded before is intact"
        case .damagedDatabase(let path):
            return "\(path) is damaged (SQLite's integrity check found errors); nothing was read from it or written to it"
        case .readOnlyDatabase(let path):
            return "\(path) is read-only (the file or its folder cannot be written); nothing was recorded"
        case .databaseBusy(let path):
            return "\(path) stayed locked for 10 seconds by another program writing to it (which one is unknown: "
                + "another planner, a backup, an sqlite3 shell); nothing was recorded"
        case .databaseIOError(let path):
            return "cannot read or write \(path) (an input/output error of the disk or file system); nothing was recorded"
        case .keyMissing(let path):
            return "the key file \(path) is missing, and this database holds personal data encrypted with it; "
                + "resident numbers, accounts and phone numbers can't be read or added until it is restored"
        case .keyMismatch(let path):
            return "the key file \(path) does not match this database; its personal data was encrypted with another key"
        case .keyFileInvalid(let path):
            return "the key file \(path) is not a planner key file (expected 32 bytes)"
        case .keyFileUnusable(let path, let reason):
            return "cannot use the key file \(path): \(reason)"
        case .keyFileExposed(let path, let mode):
            return "the key file \(path) can be read by other users (mode \(StoreError.octal(mode))); "
                + "resident numbers and accounts are not exported in full with it"
        case .personalDataUnreadable(let id):
            return "the encrypted personal data of person \(id) cannot be decrypted (it was altered or written with another key)"
        case .unknownPlan(let id):
            return "no plan with id \(id) in this database"
        case .unknownPerson(let id):
            return "no person with id \(id) on this plan's roster"
        case .duplicateRosterEntry(let name, let role, let event, let rows):
            return "\(name) appears more than once as \(role.rawValue) for \(event) (rows \(rows.map(String.init).joined(separator: ", ")))"
        case .residentNumberUnderAnotherName(let name, let row, let holder):
            return "row \(row) gives \(name) the resident number the roster already holds for \(holder); nothing was imported"
        case .sessionOutsideEvent(let session, let person, let event):
            return "session \(session) is not part of \(event), the event \(person) is on the roster for"
        case .attendanceVoided(let session, let person):
            return "the attendance of \(person) at \(session) was voided; restore it to count it again"
        case .attendanceNotFound(let session, let person):
            return "no attendance of \(person) at \(session) is recorded"
        case .attendanceAlreadyVoided(let session, let person):
            return "the attendance of \(person) at \(session) is already voided"
        case .attendanceNotVoided(let session, let person):
            return "the attendance of \(person) at \(session) is not voided"
        case .attendanceInBatch(let session, let person, let batch):
            return "the attendance of \(person) at \(session) is in payment batch \(batch) and cannot be voided"
        case .reasonRequired:
            return "a reason is required, for the audit log"
        case .unknownAttendance(let id):
            return "no attendance with id \(id) on this plan"
        case .paymentForVoidedAttendance(let session, let person):
            return "the attendance of \(person) at \(session) is voided and cannot be paid"
        case .paymentRoleMismatch(let session, let person, let expected, let got):
            return "\(person) attends \(session) as \(expected.rawValue), not as \(got.rawValue)"
        case .duplicatePaymentItem(let id, let role):
            return "attendance \(id) is listed twice as \(role.rawValue) in one payment batch"
        case .invalidPaymentAmounts(let session, let person, let reason):
            return "the payment to \(person) for \(session) is invalid: \(reason)"
        case .unknownBatch(let number):
            return "no payment batch \(number) on this plan"
        case .batchNotDraft(let number, let status):
            return "payment batch \(number) is \(status.phrase); only a draft batch can be approved"
        case .batchNotApproved(let number, let status):
            return "payment batch \(number) is \(status.phrase); only an approved batch can be marked paid"
        case .batchPaid(let number, let paidOn):
            return "payment batch \(number) was paid" + (paidOn.map { " on \($0)" } ?? "") + "; a paid batch is never cancelled"
        case .withholdingDiffersOnPayDay(let number, _, let payDay, let paidOn, let held, let due, let items):
            return "payment batch \(number) withholds \(MoneyFormat.won(held))"
                + (payDay.map { ", computed for payment on \($0)" } ?? "")
                + "; paid on \(paidOn), the tax table in force then withholds \(MoneyFormat.won(due))"
                + " (\(items) payment\(items == 1 ? "" : "s") differ\(items == 1 ? "s" : "")); nothing was changed"
        case .paidBeforeApproval(let number, let approved, let paid):
            return "payment batch \(number) was approved on \(approved); it cannot be paid earlier, on \(paid)"
        case .amountOverflow:
            return "the recorded amounts add up to more than this planner can count (\(MoneyFormat.won(Won(Int64.max)))); "
                + "each amount it records is at most \(MoneyFormat.won(Won.recordLimit)), so the database was edited by hand"
        case .damagedRecord(let table, let id):
            return "row \(id) of table \(table) holds a value this planner cannot read; was the database edited by hand?"
        case .unknownSpendingEntry(let id):
            return "no spending entry \(id) on this plan"
        case .reversingReversal(let id, let reverses):
            return "spending entry \(id) is the reversal of entry \(reverses) and cannot itself be reversed; record the spending again instead"
        case .spendingAlreadyReversed(let id, let by):
            return "spending entry \(id) was already reversed by entry \(by)"
        case .zeroSpending(let item):
            return "the amount for \(item) is 0원; a spending entry needs an amount"
        case .negativeSpending(let item, let amount):
            return "the amount for \(item) is negative (\(MoneyFormat.won(amount))); to correct an entry, reverse it"
        case .spendingAboveLimit(let item, let amount):
            return "the amount for \(item) is \(MoneyFormat.won(amount)), above \(MoneyFormat.won(Won.recordLimit)) (10^15원), "
                + "the most one spending entry holds; nothing was recorded"
        case .spendingOutsidePlanYear(let date, let year):
            return "\(date) is outside the plan's year \(year)"
        case .reversalBeforeEntry(let id, let entryDate, let date):
            return "spending entry \(id) is dated \(entryDate); it cannot be reversed earlier, on \(date)"
        case .blankSpendingField(let field):
            return "the spending entry's \(field) is blank"
        }
    }
}

extension StoreError {
    /// `0644`: permission bits as `ls` and `chmod` write them.
    public static func octal(_ mode: UInt16) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The store error of an SQLite fault that is no programming error (disk full, a damaged or
    /// read-only file, a lock held too long, an I/O error), or nil for any other error.
    public init?(fault error: any Error, path: String) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damagedDatabase(path: path)
        case .SQLITE_READONLY: self = .readOnlyDatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .databaseBusy(path: path)
        case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM: self = .databaseIOError(path: path)
        default: return nil
        }
    }
}

extension BatchStatus {
    /// `a draft`, `approved`, `paid`: how a sentence says where a batch is.
    var phrase: String { self == .draft ? "a draft" : rawValue }
}
