import Foundation
import GRDB
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("Spending ledger")
struct SpendingTests {
    let folder: TemporaryFolder
    let database: AppDatabase
    let plan: Int64
    static let may10 = CalendarDate(year: 2017, month: 5, day: 10)!
    static let may20 = CalendarDate(year: 2017, month: 5, day: 20)!
    static let june1 = CalendarDate(year: 2017, month: 6, day: 1)!

    init() throws {
        folder = try TemporaryFolder()
        database = try AppDatabase.inMemory(keyFile: folder.keyFile, clock: fixedClock)
        plan = try database.planID(program: "social-city", year: 2017)
    }

    /// 1,200,000원 paid to the printer for the conference proceedings.
    func printing(amount: Int64 = 1_200_000, date: CalendarDate = may10, overBudgetReason: String? = nil) throws -> LedgerEntry {
        try database.recordSpending(planID: plan, itemKey: "categories[1].items[0]", itemName: "인쇄비", package: "printing", kind: .payment,
                                    amount: Won(amount), date: date, vendor: "한빛인쇄", contract: "2017-031", note: "자료집 300부",
                                    overBudgetReason: overBudgetReason, actor: "kim")
    }

    func rowCount(_ table: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    // MARK: - Schema

    /// What migration v2 adds. v2 has shipped once this test exists: change the ledger with a new
    /// migration, never by editing v2 or this text.
    static let v2 = """
        index spending_on_planID
        CREATE INDEX "spending_on_planID" ON "spending"("planID")
        index sqlite_autoindex_spending_1
        table spending
        CREATE TABLE "spending" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "planID" INTEGER NOT NULL REFERENCES "plan"("id") ON DELETE RESTRICT, "itemKey" TEXT NOT NULL CHECK (itemKey <> ''), "itemName" TEXT NOT NULL, "package" TEXT, "kind" TEXT NOT NULL CHECK (kind IN ('commitment', 'payment')), "amount" INTEGER NOT NULL CHECK (amount <> 0), "date" TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'), "vendor" TEXT, "contract" TEXT, "note" TEXT, "overBudgetReason" TEXT CHECK (overBudgetReason IS NULL OR trim(overBudgetReason) <> ''), "reverses" INTEGER UNIQUE REFERENCES "spending"("id") ON DELETE RESTRICT, "recordedAt" DATETIME NOT NULL, "recordedBy" TEXT NOT NULL, CHECK ((reverses IS NULL AND amount > 0) OR (reverses IS NOT NULL AND amount < 0)))
        trigger spending_never_deleted
        CREATE TRIGGER spending_never_deleted BEFORE DELETE ON spending
        BEGIN SELECT RAISE(ABORT, 'a spending entry is never deleted; reverse it instead'); END
        trigger spending_never_updated
        CREATE TRIGGER spending_never_updated BEFORE UPDATE ON spending
        BEGIN SELECT RAISE(ABORT, 'a spending entry is never changed; reverse it instead'); END
        trigger spending_reversal_matches
        CREATE TRIGGER spending_reversal_matches BEFORE INSERT ON spending
        WHEN NEW.reverses IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM spending r WHERE r.id = NEW.reverses AND r.reverses IS NULL AND r.planID = NEW.planID
            AND r.itemKey = NEW.itemKey AND r.package IS NEW.package AND r.kind = NEW.kind AND r.amount = -NEW.amount)
        BEGIN SELECT RAISE(ABORT, 'a reversal negates one entry of the same plan, item and kind that is not itself a reversal'); END
        """

    @Test("migration v2 adds exactly the ledger table, its index and its triggers")
    func v2Schema() throws {
        defer { folder.remove() }
        let schema = try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || coalesce(char(10) || sql, '') FROM sqlite_master WHERE tbl_name = 'spending' ORDER BY type, name
                """).joined(separator: "\n")
        }
        #expect(schema == Self.v2)
        #expect(Migrations.known.prefix(2) == ["v1", "v2"])
    }

    @Test("a file migrated to v1 only is migrated to v2 on opening, its data kept")
    func migrationFromV1() throws {
        defer { folder.remove() }
        // Given: a file that the shipped v1 migration created, with a plan and an audit entry.
        let path = folder.path("planner.sqlite")
        let old = try DatabasePool(path: path, configuration: AppDatabase.configuration())
        try Migrations.migrator.migrate(old, upTo: "v1")
        try old.write { db in
            try db.execute(sql: "INSERT INTO plan (program, year) VALUES ('social-city', 2017)")
            try db.execute(sql: """
                INSERT INTO auditLog (at, actor, action, planID, subject, detail)
                VALUES ('2017-03-02 01:00:00.000', 'kim', 'batch-created', 1, 'payment batch 1', 'from v1')
                """)
        }
        let before = try old.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), try db.tableExists("spending"))
        }
        #expect(before.0 == ["v1"])
        #expect(before.1 == false)
        try old.close()

        // When: the planner opens it.
        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile, clock: fixedClock)

        // Then: v2 is applied and the v1 data is still there.
        let migrations = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(migrations == Migrations.known)
        let plan = try #require(try database.existingPlanID(program: "social-city", year: 2017))
        #expect(plan == 1)
        #expect(try database.auditLog(planID: plan).map(\.detail) == ["from v1"])
        let entry = try database.recordSpending(planID: plan, itemKey: "categories[0].items[0]", itemName: "회의비", kind: .commitment,
                                                amount: Won(500_000), date: Self.may10, actor: "kim")
        #expect(entry.id == 1)
        try database.close()

        let again = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        #expect(try again.ledger(planID: plan).map(\.amount) == [Won(500_000)])
        try again.close()
    }

    // MARK: - Recording and listing

    @Test("an entry is stored as given, trimmed, listed in id order and audited")
    func record() throws {
        defer { folder.remove() }
        let first = try printing()
        let second = try database.recordSpending(planID: plan, itemKey: "categories[0].items[2]", itemName: "  회의장 임차료 ", kind: .commitment,
                                                 amount: Won(3_000_000), date: Self.may20, vendor: " 서울글로벌센터 ", contract: "  ",
                                                 note: nil, overBudgetReason: " 예산 전용 승인 (2017-05-18) ", actor: "lee")

        #expect(first == LedgerEntry(id: 1, itemKey: "categories[1].items[0]", itemName: "인쇄비", package: "printing", kind: .payment,
                                     amount: Won(1_200_000), date: Self.may10, vendor: "한빛인쇄", contract: "2017-031", note: "자료집 300부",
                                     overBudgetReason: nil, reverses: nil, recordedAt: fixedNow, recordedBy: "kim"))
        #expect(second == LedgerEntry(id: 2, itemKey: "categories[0].items[2]", itemName: "회의장 임차료", package: nil, kind: .commitment,
                                      amount: Won(3_000_000), date: Self.may20, vendor: "서울글로벌센터", contract: nil, note: nil,
                                      overBudgetReason: "예산 전용 승인 (2017-05-18)", reverses: nil, recordedAt: fixedNow, recordedBy: "lee"))
        #expect(try database.ledger(planID: plan) == [first, second])
        #expect(!first.isReversal)

        let log = try database.auditLog(planID: plan)
        #expect(log.map(\.action) == [.spendingRecorded, .spendingRecorded])
        #expect(log.map(\.actor) == ["kim", "lee"])
        #expect(log.map(\.subject) == ["spending entry 1 · 인쇄비", "spending entry 2 · 회의장 임차료"])
        #expect(log.map(\.detail) == [
            "payment of 1,200,000원 on 2017-05-10 for categories[1].items[0], package printing, vendor 한빛인쇄, contract 2017-031, note 자료집 300부",
            "commitment of 3,000,000원 on 2017-05-20 for categories[0].items[2], vendor 서울글로벌센터; over budget: 예산 전용 승인 (2017-05-18)",
        ])
    }

    @Test("each plan has its own ledger")
    func perPlan() throws {
        defer { folder.remove() }
        let other = try database.planID(program: "social-city", year: 2018)
        _ = try printing()
        let next = try database.recordSpending(planID: other, itemKey: "k", itemName: "인쇄비", kind: .payment, amount: Won(10),
                                               date: CalendarDate(year: 2018, month: 1, day: 2)!, actor: "kim")
        #expect(try database.ledger(planID: plan).map(\.id) == [1])
        #expect(try database.ledger(planID: other) == [next])
        #expect(try database.ledger(planID: 99).isEmpty)
    }

    // MARK: - Reversal

    @Test("a reversal negates the entry, keeps its item, package, kind, vendor and contract, and is audited")
    func reverse() throws {
        defer { folder.remove() }
        // Given: a payment recorded with the wrong amount.
        let wrong = try printing(amount: 12_000_000)

        // When: it is reversed and recorded again.
        let reversal = try database.reverseSpending(planID: plan, entryID: wrong.id, date: Self.may20, reason: "  금액 오기 (0 하나 더)  ", actor: "lee")
        let right = try printing(date: Self.may20)

        // Then
        #expect(reversal == LedgerEntry(id: 2, itemKey: "categories[1].items[0]", itemName: "인쇄비", package: "printing", kind: .payment,
                                        amount: Won(-12_000_000), date: Self.may20, vendor: "한빛인쇄", contract: "2017-031",
                                        note: "금액 오기 (0 하나 더)", overBudgetReason: nil, reverses: 1, recordedAt: fixedNow, recordedBy: "lee"))
        #expect(reversal.isReversal)
        let ledger = try database.ledger(planID: plan)
        #expect(ledger.map(\.id) == [1, 2, 3])
        #expect(ledger.map(\.amount).checkedSum() == Won(1_200_000))
        #expect(ledger.first == wrong)
        #expect(ledger.last == right)
        let log = try database.auditLog(planID: plan)
        #expect(log.map(\.action) == [.spendingRecorded, .spendingReversed, .spendingRecorded])
        #expect(log[1].actor == "lee")
        #expect(log[1].subject == "spending entry 2 · 인쇄비")
        #expect(log[1].detail == "reverses entry 1 (payment of 12,000,000원 on 2017-05-10) on 2017-05-20: 금액 오기 (0 하나 더)")
    }

    @Test("an over-budget entry's reason stays on it; its reversal carries none")
    func reverseOverBudget() throws {
        defer { folder.remove() }
        let entry = try printing(overBudgetReason: "예산 전용 승인")
        let reversal = try database.reverseSpending(planID: plan, entryID: entry.id, date: Self.may10, reason: "계약 해지", actor: "kim")
        #expect(try database.ledger(planID: plan).map(\.overBudgetReason) == ["예산 전용 승인", nil])
        #expect(reversal.date == Self.may10)
    }

    @Test("reversals that can't be made are refused, with nothing stored")
    func reversalRefusals() throws {
        defer { folder.remove() }
        let entry = try printing()
        let reversal = try database.reverseSpending(planID: plan, entryID: entry.id, date: Self.may20, reason: "중복 입력", actor: "kim")
        let other = try database.planID(program: "other", year: 2017)
        let kept = try printing()
        let count = try rowCount("spending")
        let audits = try rowCount("auditLog")

        #expect(throws: StoreError.spendingAlreadyReversed(entryID: entry.id, by: reversal.id)) {
            try database.reverseSpending(planID: plan, entryID: entry.id, date: Self.june1, reason: "again", actor: "kim")
        }
        #expect(throws: StoreError.reversingReversal(entryID: reversal.id, reverses: entry.id)) {
            try database.reverseSpending(planID: plan, entryID: reversal.id, date: Self.june1, reason: "undo the undo", actor: "kim")
        }
        #expect(throws: StoreError.unknownSpendingEntry(42)) {
            try database.reverseSpending(planID: plan, entryID: 42, date: Self.june1, reason: "typo", actor: "kim")
        }
        #expect(throws: StoreError.unknownSpendingEntry(kept.id)) {
            try database.reverseSpending(planID: other, entryID: kept.id, date: Self.june1, reason: "wrong plan", actor: "kim")
        }
        #expect(throws: StoreError.unknownPlan(77)) {
            try database.reverseSpending(planID: 77, entryID: kept.id, date: Self.june1, reason: "wrong plan", actor: "kim")
        }
        #expect(throws: StoreError.reasonRequired) {
            try database.reverseSpending(planID: plan, entryID: kept.id, date: Self.june1, reason: " \n", actor: "kim")
        }
        let may9 = CalendarDate(year: 2017, month: 5, day: 9)!
        #expect(throws: StoreError.reversalBeforeEntry(entryID: kept.id, entryDate: Self.may10, date: may9)) {
            try database.reverseSpending(planID: plan, entryID: kept.id, date: may9, reason: "early", actor: "kim")
        }
        let nextYear = CalendarDate(year: 2018, month: 1, day: 3)!
        #expect(throws: StoreError.spendingOutsidePlanYear(date: nextYear, year: 2017)) {
            try database.reverseSpending(planID: plan, entryID: kept.id, date: nextYear, reason: "late", actor: "kim")
        }
        #expect(try rowCount("spending") == count)
        #expect(try rowCount("auditLog") == audits)
    }

    // MARK: - Refusals

    static let may = CalendarDate(year: 2017, month: 5, day: 1)!
    static let refusals: [(itemKey: String, itemName: String, amount: Int64, date: CalendarDate, reason: String?, error: StoreError)] = [
        ("categories[1].items[0]", "인쇄비", 0, may, nil, .zeroSpending(item: "인쇄비")),
        ("categories[1].items[0]", "인쇄비", -50_000, may, nil, .negativeSpending(item: "인쇄비", amount: Won(-50_000))),
        ("categories[1].items[0]", "인쇄비", 50_000, CalendarDate(year: 2016, month: 12, day: 31)!, nil,
         .spendingOutsidePlanYear(date: CalendarDate(year: 2016, month: 12, day: 31)!, year: 2017)),
        ("categories[1].items[0]", "인쇄비", 50_000, CalendarDate(year: 2018, month: 1, day: 1)!, nil,
         .spendingOutsidePlanYear(date: CalendarDate(year: 2018, month: 1, day: 1)!, year: 2017)),
        ("categories[1].items[0]", "인쇄비", 50_000, may, "  ", .blankSpendingField("over-budget reason")),
        (" ", "인쇄비", 50_000, may, nil, .blankSpendingField("item key")),
        ("categories[1].items[0]", "", 50_000, may, nil, .blankSpendingField("item name")),
    ]

    @Test("entries that can't be recorded are refused, with nothing stored", arguments: refusals)
    func refused(_ itemKey: String, _ itemName: String, _ amount: Int64, _ date: CalendarDate, _ reason: String?, _ error: StoreError) throws {
        defer { folder.remove() }
        #expect(throws: error) {
            try database.recordSpending(planID: plan, itemKey: itemKey, itemName: itemName, kind: .payment, amount: Won(amount), date: date,
                                        overBudgetReason: reason, actor: "kim")
        }
        #expect(try rowCount("spending") == 0)
        #expect(try rowCount("auditLog") == 0)
    }

    @Test("an entry for an unknown plan is refused")
    func unknownPlan() throws {
        defer { folder.remove() }
        #expect(throws: StoreError.unknownPlan(5)) {
            try database.recordSpending(planID: 5, itemKey: "k", itemName: "인쇄비", kind: .payment, amount: Won(1), date: Self.may, actor: "kim")
        }
    }

    // MARK: - The database's own guards

    @Test("the database refuses to change or delete an entry")
    func neverEditedInDatabase() throws {
        defer { folder.remove() }
        _ = try printing()
        let update = #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "UPDATE spending SET amount = 1 WHERE id = 1") }
        }
        #expect(update?.message == "a spending entry is never changed; reverse it instead")
        let delete = #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "DELETE FROM spending") }
        }
        #expect(delete?.message == "a spending entry is never deleted; reverse it instead")
        #expect(try database.ledger(planID: plan).map(\.amount) == [Won(1_200_000)])
    }

    static let insert = """
        INSERT INTO spending (planID, itemKey, itemName, package, kind, amount, date, reverses, recordedAt, recordedBy)
        VALUES (?, ?, '인쇄비', ?, ?, ?, ?, ?, '2017-03-02 01:00:00.000', 'kim')
        """

    /// Rows written past the store's checks, each refused by a constraint or trigger of the schema.
    static let badRows: [(name: String, arguments: StatementArguments)] = [
        ("zero amount", [1, "categories[1].items[0]", "printing", "payment", 0, "2017-05-10", nil]),
        ("negative amount without reverses", [1, "categories[1].items[0]", "printing", "payment", -5, "2017-05-10", nil]),
        ("positive amount in a reversal", [1, "categories[1].items[0]", "printing", "payment", 1_200_000, "2017-05-10", 1]),
        ("reversal of a different amount", [1, "categories[1].items[0]", "printing", "payment", -1_000_000, "2017-05-10", 1]),
        ("reversal of another item", [1, "categories[1].items[1]", "printing", "payment", -1_200_000, "2017-05-10", 1]),
        ("reversal of another package", [1, "categories[1].items[0]", nil, "payment", -1_200_000, "2017-05-10", 1]),
        ("reversal of another kind", [1, "categories[1].items[0]", "printing", "commitment", -1_200_000, "2017-05-10", 1]),
        ("reversal in another plan", [2, "categories[1].items[0]", "printing", "payment", -1_200_000, "2017-05-10", 1]),
        ("reversal of a missing entry", [1, "categories[1].items[0]", "printing", "payment", -1_200_000, "2017-05-10", 9]),
        ("unknown kind", [1, "categories[1].items[0]", "printing", "refund", 5, "2017-05-10", nil]),
        ("date not YYYY-MM-DD", [1, "categories[1].items[0]", "printing", "payment", 5, "2017.5.10.", nil]),
        ("empty item key", [1, "", "printing", "payment", 5, "2017-05-10", nil]),
    ]

    @Test("the schema refuses rows that break the ledger's rules", arguments: badRows)
    func schemaRefuses(_ name: String, _ arguments: StatementArguments) throws {
        defer { folder.remove() }
        _ = try database.planID(program: "other", year: 2017)
        _ = try printing()
        #expect(throws: DatabaseError.self, "\(name)") {
            try database.writer.write { db in try db.execute(sql: Self.insert, arguments: arguments) }
        }
        #expect(try rowCount("spending") == 1)
    }

    @Test("the schema accepts a matching reversal once, and refuses reversing it")
    func schemaReversalOnce() throws {
        defer { folder.remove() }
        _ = try printing()
        let reversal: StatementArguments = [1, "categories[1].items[0]", "printing", "payment", -1_200_000, "2017-05-10", 1]
        try database.writer.write { db in try db.execute(sql: Self.insert, arguments: reversal) }
        #expect(try database.ledger(planID: plan).map(\.reverses) == [nil, 1])
        let twice = #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: Self.insert, arguments: reversal) }
        }
        #expect(twice?.resultCode == .SQLITE_CONSTRAINT)
        let ofReversal = #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: Self.insert, arguments: [1, "categories[1].items[0]", "printing", "payment", 1_200_000, "2017-05-10", 2])
            }
        }
        #expect(ofReversal?.resultCode == .SQLITE_CONSTRAINT)
        #expect(try rowCount("spending") == 2)
    }

    // MARK: - Honoraria paid in batches

    @Test("paid honoraria come only from batches marked paid, of this plan")
    func paidHonoraria() throws {
        defer { folder.remove() }
        // Given: three members at meeting 1 and 2; batch 1 (meeting 1) paid, batch 2 approved, batch 3 a draft.
        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 3), actor: "kim")
        for session in 1...2 {
            for person in Int64(1)...3 {
                _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/\(session)", personID: person, actor: "kim")
            }
        }
        func allowance(_ attendance: Int64, gross: Int64 = 150_000) -> PaymentItemDraft {
            PaymentItemDraft(attendanceID: attendance, role: .allowance, gross: Won(gross), incomeTax: Won(0), localTax: Won(0))
        }
        let march = CalendarDate(year: 2017, month: 3, day: 31)!
        let april10 = CalendarDate(year: 2017, month: 4, day: 10)!
        _ = try database.createPaymentBatch(planID: plan, through: march, payDay: april10, items: [allowance(3), allowance(1, gross: 200_000), allowance(2)], actor: "kim")
        _ = try database.createPaymentBatch(planID: plan, through: march, payDay: april10, items: [allowance(4)], actor: "kim")
        _ = try database.createPaymentBatch(planID: plan, through: march, payDay: april10, items: [allowance(5)], actor: "kim")
        try database.approveBatch(planID: plan, number: 1, on: april10, actor: "choi")
        try database.markBatchPaid(planID: plan, number: 1, on: april10, actor: "park")
        try database.approveBatch(planID: plan, number: 2, on: april10, actor: "choi")

        // And: another plan with a paid batch of its own.
        let other = try database.planID(program: "social-city", year: 2018)
        _ = try database.importRoster(planID: other, entries: try committeeRoster(count: 1), actor: "kim")
        _ = try database.recordAttendance(planID: other, sessionID: "advisory-committee/1", personID: 4, actor: "kim")
        _ = try database.createPaymentBatch(planID: other, through: march, payDay: april10, items: [allowance(7)], actor: "kim")
        try database.approveBatch(planID: other, number: 1, on: april10, actor: "choi")
        try database.markBatchPaid(planID: other, number: 1, on: april10, actor: "park")

        // Then: batch 1's items, in the order they were added; batch 2 once it is paid.
        #expect(try database.paidHonoraria(planID: plan) == [
            PaidHonorarium(sessionID: "advisory-committee/1", role: .allowance, personID: 3, gross: Won(150_000), paidOn: april10),
            PaidHonorarium(sessionID: "advisory-committee/1", role: .allowance, personID: 1, gross: Won(200_000), paidOn: april10),
            PaidHonorarium(sessionID: "advisory-committee/1", role: .allowance, personID: 2, gross: Won(150_000), paidOn: april10),
        ])
        let april20 = CalendarDate(year: 2017, month: 4, day: 20)!
        try database.markBatchPaid(planID: plan, number: 2, on: april20, actor: "park")
        #expect(try database.paidHonoraria(planID: plan).map(\.personID) == [3, 1, 2, 1])
        #expect(try database.paidHonoraria(planID: plan).last
                == PaidHonorarium(sessionID: "advisory-committee/2", role: .allowance, personID: 1, gross: Won(150_000), paidOn: april20))
        #expect(try database.paidHonoraria(planID: other)
                == [PaidHonorarium(sessionID: "advisory-committee/1", role: .allowance, personID: 4, gross: Won(150_000), paidOn: april10)])
    }
}
