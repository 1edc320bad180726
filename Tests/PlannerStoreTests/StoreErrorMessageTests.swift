import PlannerCore
import Testing
@testable import PlannerStore

@Suite("Store error messages")
struct StoreErrorMessageTests {
    static let april3 = CalendarDate(year: 2017, month: 4, day: 3)!
    static let april2 = CalendarDate(year: 2017, month: 4, day: 2)!

    static let messages: [(StoreError, String)] = [
        (.notSQLite(path: "a.db"), "a.db is not a planner database (it is not an SQLite database file); it was left unchanged"),
        (.foreignDatabase(path: "a.db"), "a.db is not a planner database (it is an SQLite database of another application); it was left unchanged"),
        (.newerDatabase(path: "a.db", knownUpTo: "v1"), "a.db was written by a newer planner; this one knows up to v1; it was left unchanged"),
        (.unreadableFile(path: "a.db", reason: "it is a folder"), "cannot read a.db: it is a folder"),
        (.noDatabase(path: "typo.sqlite", emptyFile: false), "no planner database at typo.sqlite; nothing has been recorded there"),
        (.noDatabase(path: "empty.sqlite", emptyFile: true), "no planner database at empty.sqlite (the file is empty); nothing has been recorded there"),
        (.cannotCreate(path: "/data/planner.sqlite", reason: "Permission denied"), "cannot create the database /data/planner.sqlite: Permission denied"),
        (.diskFull(path: "/d/planner.sqlite"), "the disk holding /d/planner.sqlite is full; nothing was recorded, and what was recorded before is intact"),
        (.damagedDatabase(path: "/d/planner.sqlite"),
         "/d/planner.sqlite is damaged (SQLite's integrity check found errors); nothing was read from it or written to it"),
        (.readOnlyDatabase(path: "/d/planner.sqlite"), "/d/planner.sqlite is read-only (the file or its folder cannot be written); nothing was recorded"),
        (.databaseBusy(path: "/d/planner.sqlite"),
         "/d/planner.sqlite stayed locked for 10 seconds by another program writing to it (which one is unknown: "
            + "another planner, a backup, an sqlite3 shell); nothing was recorded"),
        (.databaseIOError(path: "/d/planner.sqlite"),
         "cannot read or write /d/planner.sqlite (an input/output error of the disk or file system); nothing was recorded"),
        (.keyFileExposed(path: "/k/planner.key", mode: 0o644),
         "the key file /k/planner.key can be read by other users (mode 0644); resident numbers and accounts are not exported in full with it"),
        (.keyMissing(path: "/k/planner.key"),
         "the key file /k/planner.key is missing, and this database holds personal data encrypted with it; "
            + "resident numbers, accounts and phone numbers can't be read or added until it is restored"),
        (.keyMismatch(path: "/k/planner.key"), "the key file /k/planner.key does not match this database; its personal data was encrypted with another key"),
        (.keyFileInvalid(path: "/k/planner.key"), "the key file /k/planner.key is not a planner key file (expected 32 bytes)"),
        (.keyFileUnusable(path: "/k/planner.key", reason: "it cannot be read"), "cannot use the key file /k/planner.key: it cannot be read"),
        (.personalDataUnreadable(personID: 4),
         "the encrypted personal data of person 4 cannot be decrypted (it was altered or written with another key)"),
        (.unknownPlan(3), "no plan with id 3 in this database"),
        (.unknownPerson(9), "no person with id 9 on this plan's roster"),
        (.duplicateRosterEntry(name: "홍길동", role: .allowance, event: "advisory-committee", rows: [2, 7]),
         "홍길동 appears more than once as allowance for advisory-committee (rows 2, 7)"),
        (.sessionOutsideEvent(sessionID: "staff-education/1", person: "홍길동", event: "advisory-committee"),
         "session staff-education/1 is not part of advisory-committee, the event 홍길동 is on the roster for"),
        (.attendanceVoided(sessionID: "advisory-committee/2", person: "홍길동"),
         "the attendance of 홍길동 at advisory-committee/2 was voided; restore it to count it again"),
        (.attendanceNotFound(sessionID: "advisory-committee/2", person: "홍길동"), "no attendance of 홍길동 at advisory-committee/2 is recorded"),
        (.attendanceAlreadyVoided(sessionID: "advisory-committee/2", person: "홍길동"),
         "the attendance of 홍길동 at advisory-committee/2 is already voided"),
        (.attendanceNotVoided(sessionID: "advisory-committee/2", person: "홍길동"), "the attendance of 홍길동 at advisory-committee/2 is not voided"),
        (.attendanceInBatch(sessionID: "advisory-committee/2", person: "홍길동", batch: 1),
         "the attendance of 홍길동 at advisory-committee/2 is in payment batch 1 and cannot be voided"),
        (.reasonRequired, "a reason is required, for the audit log"),
        (.unknownAttendance(12), "no attendance with id 12 on this plan"),
        (.paymentForVoidedAttendance(sessionID: "advisory-committee/2", person: "홍길동"),
         "the attendance of 홍길동 at advisory-committee/2 is voided and cannot be paid"),
        (.paymentRoleMismatch(sessionID: "staff-education/1", person: "홍길동", expected: .lecturer, got: .manuscript),
         "홍길동 attends staff-education/1 as lecturer, not as manuscript"),
        (.duplicatePaymentItem(attendanceID: 5, role: .allowance), "attendance 5 is listed twice as allowance in one payment batch"),
        (.invalidPaymentAmounts(sessionID: "advisory-committee/2", person: "홍길동", reason: "an amount is negative"),
         "the payment to 홍길동 for advisory-committee/2 is invalid: an amount is negative"),
        (.unknownBatch(number: 4), "no payment batch 4 on this plan"),
        (.batchNotDraft(number: 1, status: .approved), "payment batch 1 is approved; only a draft batch can be approved"),
        (.batchNotDraft(number: 2, status: .paid), "payment batch 2 is paid; only a draft batch can be approved"),
        (.batchNotApproved(number: 1, status: .draft), "payment batch 1 is a draft; only an approved batch can be marked paid"),
        (.batchPaid(number: 1, paidOn: CalendarDate(year: 2017, month: 12, day: 5)!), "payment batch 1 was paid on 2017-12-05; a paid batch is never cancelled"),
        (.withholdingDiffersOnPayDay(number: 1, through: CalendarDate(year: 2017, month: 6, day: 30)!, payDay: CalendarDate(year: 2026, month: 12, day: 1)!,
                                     paidOn: CalendarDate(year: 2017, month: 12, day: 5)!, batchWithholds: Won(686_400), dayWithholds: .zero, items: 52),
         "payment batch 1 withholds 686,400원, computed for payment on 2026-12-01; paid on 2017-12-05, the tax table in force then withholds 0원 "
            + "(52 payments differ); nothing was changed"),
        (.withholdingDiffersOnPayDay(number: 2, through: nil, payDay: nil, paidOn: CalendarDate(year: 2019, month: 1, day: 1)!,
                                     batchWithholds: .zero, dayWithholds: Won(13_200), items: 1),
         "payment batch 2 withholds 0원; paid on 2019-01-01, the tax table in force then withholds 13,200원 (1 payment differs); nothing was changed"),
        (.paidBeforeApproval(number: 1, approved: april3, paid: april2),
         "payment batch 1 was approved on 2017-04-03; it cannot be paid earlier, on 2017-04-02"),
        (.amountOverflow, "the recorded amounts add up to more than this planner can count (9,223,372,036,854,775,807원); "
            + "each amount it records is at most 1,000,000,000,000,000원, so the database was edited by hand"),
        (.spendingAboveLimit(item: "인쇄비", amount: Won(1_000_000_000_000_001)),
         "the amount for 인쇄비 is 1,000,000,000,000,001원, above 1,000,000,000,000,000원 (10^15원), the most one spending entry holds; nothing was recorded"),
        (.damagedRecord(table: "paymentBatch", id: 3), "row 3 of table paymentBatch holds a value this planner cannot read; was the database edited by hand?"),
        (.unknownSpendingEntry(42), "no spending entry 42 on this plan"),
        (.reversingReversal(entryID: 7, reverses: 4),
         "spending entry 7 is the reversal of entry 4 and cannot itself be reversed; record the spending again instead"),
        (.spendingAlreadyReversed(entryID: 4, by: 7), "spending entry 4 was already reversed by entry 7"),
        (.zeroSpending(item: "인쇄비"), "the amount for 인쇄비 is 0원; a spending entry needs an amount"),
        (.negativeSpending(item: "인쇄비", amount: Won(-50_000)), "the amount for 인쇄비 is negative (-50,000원); to correct an entry, reverse it"),
        (.spendingOutsidePlanYear(date: CalendarDate(year: 2018, month: 1, day: 5)!, year: 2017), "2018-01-05 is outside the plan's year 2017"),
        (.reversalBeforeEntry(entryID: 4, entryDate: CalendarDate(year: 2017, month: 5, day: 10)!, date: CalendarDate(year: 2017, month: 5, day: 9)!),
         "spending entry 4 is dated 2017-05-10; it cannot be reversed earlier, on 2017-05-09"),
        (.blankSpendingField("over-budget reason"), "the spending entry's over-budget reason is blank"),
    ]

    @Test("each error reads as expected", arguments: messages)
    func message(_ error: StoreError, _ expected: String) {
        #expect(error.description == expected)
    }
}
