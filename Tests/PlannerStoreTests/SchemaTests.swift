import Foundation
import GRDB
import Testing
@testable import PlannerStore

@Suite("Shipped schema")
struct SchemaTests {
    /// The schema migration v1 creates. v1 has shipped once this test exists: change the schema
    /// with a new migration, never by editing v1 or this text.
    static let v1 = """
        index attendance_on_personID
        CREATE INDEX "attendance_on_personID" ON "attendance"("personID")
        index auditLog_on_planID
        CREATE INDEX "auditLog_on_planID" ON "auditLog"("planID")
        index paymentItem_on_batchID
        CREATE INDEX "paymentItem_on_batchID" ON "paymentItem"("batchID")
        table attendance
        CREATE TABLE "attendance" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "planID" INTEGER NOT NULL REFERENCES "plan"("id") ON DELETE RESTRICT, "sessionID" TEXT NOT NULL, "personID" INTEGER NOT NULL REFERENCES "person"("id") ON DELETE RESTRICT, "time" TEXT, "recordedAt" DATETIME NOT NULL, "recordedBy" TEXT NOT NULL, "voidedAt" DATETIME, "voidReason" TEXT, "voidedBy" TEXT, UNIQUE ("planID", "sessionID", "personID"), CHECK ((voidedAt IS NULL) = (voidReason IS NULL) AND (voidedAt IS NULL) = (voidedBy IS NULL)))
        table auditLog
        CREATE TABLE "auditLog" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "at" DATETIME NOT NULL, "actor" TEXT NOT NULL, "action" TEXT NOT NULL, "planID" INTEGER REFERENCES "plan"("id") ON DELETE RESTRICT, "subject" TEXT NOT NULL, "detail" TEXT NOT NULL)
        table grdb_migrations
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)
        table meta
        CREATE TABLE "meta" ("key" TEXT PRIMARY KEY NOT NULL, "value" TEXT NOT NULL)
        table paymentBatch
        CREATE TABLE "paymentBatch" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "planID" INTEGER NOT NULL REFERENCES "plan"("id") ON DELETE RESTRICT, "number" INTEGER NOT NULL CHECK (number > 0), "throughDate" TEXT NOT NULL, "status" TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'paid')), "createdAt" DATETIME NOT NULL, "createdBy" TEXT NOT NULL, "approvedOn" TEXT, "approvedBy" TEXT, "paidOn" TEXT, "paidBy" TEXT, UNIQUE ("planID", "number"), CHECK ((status = 'draft') = (approvedOn IS NULL) AND (approvedOn IS NULL) = (approvedBy IS NULL)), CHECK ((status = 'paid') = (paidOn IS NOT NULL) AND (paidOn IS NULL) = (paidBy IS NULL)))
        table paymentItem
        CREATE TABLE "paymentItem" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "batchID" INTEGER NOT NULL REFERENCES "paymentBatch"("id") ON DELETE RESTRICT, "attendanceID" INTEGER NOT NULL REFERENCES "attendance"("id") ON DELETE RESTRICT, "role" TEXT NOT NULL, "gross" INTEGER NOT NULL CHECK (gross >= 0), "incomeTax" INTEGER NOT NULL CHECK (incomeTax >= 0), "localTax" INTEGER NOT NULL CHECK (localTax >= 0), "net" INTEGER NOT NULL CHECK (net >= 0), UNIQUE ("attendanceID", "role"), CHECK (net = gross - incomeTax - localTax))
        table person
        CREATE TABLE "person" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "planID" INTEGER NOT NULL REFERENCES "plan"("id") ON DELETE RESTRICT, "event" TEXT NOT NULL, "role" TEXT NOT NULL, "name" TEXT NOT NULL, "organization" TEXT, "email" TEXT, "residency" TEXT NOT NULL, "incomeType" TEXT NOT NULL, "treatyExempt" BOOLEAN NOT NULL, "rrnCipher" BLOB, "rrnMasked" TEXT, "rrnDigest" BLOB, "accountCipher" BLOB, "accountMasked" TEXT, "accountDigest" BLOB, "bank" TEXT, "phoneCipher" BLOB, "phoneMasked" TEXT, "phoneDigest" BLOB, "createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL, UNIQUE ("planID", "event", "role", "name"), CHECK ((rrnCipher IS NULL) = (rrnMasked IS NULL) AND (rrnCipher IS NULL) = (rrnDigest IS NULL)), CHECK ((accountCipher IS NULL) = (accountMasked IS NULL) AND (accountCipher IS NULL) = (accountDigest IS NULL)), CHECK ((phoneCipher IS NULL) = (phoneMasked IS NULL) AND (phoneCipher IS NULL) = (phoneDigest IS NULL)))
        table plan
        CREATE TABLE "plan" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "program" TEXT NOT NULL, "year" INTEGER NOT NULL, UNIQUE ("program", "year"))
        table sqlite_sequence
        CREATE TABLE sqlite_sequence(name,seq)
        trigger attendance_never_deleted
        CREATE TRIGGER attendance_never_deleted BEFORE DELETE ON attendance
        BEGIN SELECT RAISE(ABORT, 'an attendance is never deleted; void it instead'); END
        trigger auditLog_never_deleted
        CREATE TRIGGER auditLog_never_deleted BEFORE DELETE ON auditLog
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
        trigger auditLog_never_updated
        CREATE TRIGGER auditLog_never_updated BEFORE UPDATE ON auditLog
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
        trigger paymentItem_deleted_only_from_drafts
        CREATE TRIGGER paymentItem_deleted_only_from_drafts BEFORE DELETE ON paymentItem
        WHEN (SELECT status FROM paymentBatch WHERE id = OLD.batchID) <> 'draft'
        BEGIN SELECT RAISE(ABORT, 'a payment item of an approved or paid batch is never deleted'); END
        trigger paymentItem_never_updated
        CREATE TRIGGER paymentItem_never_updated BEFORE UPDATE ON paymentItem
        BEGIN SELECT RAISE(ABORT, 'a payment item is never changed'); END
        """

    @Test("migration v1 creates exactly the shipped schema")
    func v1Schema() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // v1 alone, as shipped: later migrations are pinned by their own tests.
        _ = folder
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try Migrations.migrator.migrate(queue, upTo: "v1")
        let schema = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || char(10) || sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name
                """).joined(separator: "\n")
        }
        #expect(schema == Self.v1)
    }

    @Test("migration v3 adds the batch's payment day and the plan's last batch number, keeping a v2 file's batches")
    func v3Migration() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Given: a file migrated up to v2 with a plan whose batches 1 and 3 exist (2 was discarded).
        let path = folder.path("planner.sqlite")
        let old = try DatabasePool(path: path, configuration: AppDatabase.configuration())
        try Migrations.migrator.migrate(old, upTo: "v2")
        try old.write { db in
            try db.execute(sql: "INSERT INTO plan (program, year) VALUES ('social-city', 2017)")
            for number in [1, 3] {
                try db.execute(sql: """
                    INSERT INTO paymentBatch (planID, number, throughDate, status, createdAt, createdBy)
                    VALUES (1, ?, '2017-06-30', 'draft', '2017-07-01 01:00:00.000', 'kim')
                    """, arguments: [number])
            }
        }
        try old.close()

        // When: the planner opens it.
        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile, creating: .never)
        defer { try? database.close() }

        // Then: the two columns, as shipped; the old batches have no payment day; the next batch is 4.
        let tables = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('plan', 'paymentBatch') ORDER BY name")
        }
        #expect(tables == [
            "CREATE TABLE \"paymentBatch\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"planID\" INTEGER NOT NULL REFERENCES \"plan\"(\"id\") ON DELETE RESTRICT, "
                + "\"number\" INTEGER NOT NULL CHECK (number > 0), \"throughDate\" TEXT NOT NULL, \"status\" TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'paid')), "
                + "\"createdAt\" DATETIME NOT NULL, \"createdBy\" TEXT NOT NULL, \"approvedOn\" TEXT, \"approvedBy\" TEXT, \"paidOn\" TEXT, \"paidBy\" TEXT, "
                + "\"payDay\" TEXT CHECK (payDay IS NULL OR payDay GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'), "
                // v4, applied on the way: the batch's over-budget reason.
                + "\"overBudgetReason\" TEXT CHECK (overBudgetReason IS NULL OR trim(overBudgetReason) <> ''), UNIQUE (\"planID\", \"number\"), "
                + "CHECK ((status = 'draft') = (approvedOn IS NULL) AND (approvedOn IS NULL) = (approvedBy IS NULL)), "
                + "CHECK ((status = 'paid') = (paidOn IS NOT NULL) AND (paidOn IS NULL) = (paidBy IS NULL)))",
            "CREATE TABLE \"plan\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"program\" TEXT NOT NULL, \"year\" INTEGER NOT NULL, "
                + "\"lastBatchNumber\" INTEGER NOT NULL DEFAULT 0, UNIQUE (\"program\", \"year\"))",
        ])
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT lastBatchNumber FROM plan WHERE id = 1") } == 3)
        #expect(try database.batches(planID: 1).map(\.payDay) == [nil, nil])
        // And v4: batches made before it have no over-budget reason; a blank one is refused.
        #expect(try database.batches(planID: 1).map(\.overBudgetReason) == [nil, nil])
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "UPDATE paymentBatch SET overBudgetReason = '  ' WHERE number = 1") }
        }
    }
}
