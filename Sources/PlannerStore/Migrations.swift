import GRDB

/// The schema, one migration per shipped version. A shipped migration is never edited: changes
/// come as a new migration ("v2", …). Migrations use only SQL and GRDB's schema builder, never the
/// app's record types, so that they keep meaning what they meant when they shipped.
enum Migrations {
    /// `PRAGMA application_id` of every planner database: "PLNR".
    static let applicationID: Int32 = 0x504C_4E52

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = 1347178066")  // 0x504C4E52, "PLNR"

            // Small facts about the database itself (the personal-data key's fingerprint).
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }

            try db.create(table: "plan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("program", .text).notNull()
                t.column("year", .integer).notNull()
                t.uniqueKey(["program", "year"])
            }

            // Personal numbers only as AES-GCM ciphertext, a masked form and a keyed digest.
            try db.create(table: "person") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("planID", .integer).notNull().references("plan", onDelete: .restrict)
                t.column("event", .text).notNull()
                t.column("role", .text).notNull()
                t.column("name", .text).notNull()
                t.uniqueKey(["planID", "event", "role", "name"])
                t.column("organization", .text)
                t.column("email", .text)
                t.column("residency", .text).notNull()
                t.column("incomeType", .text).notNull()
                t.column("treatyExempt", .boolean).notNull()
                t.column("rrnCipher", .blob)
                t.column("rrnMasked", .text)
                t.column("rrnDigest", .blob)
                t.column("accountCipher", .blob)
                t.column("accountMasked", .text)
                t.column("accountDigest", .blob)
                t.column("bank", .text)
                t.column("phoneCipher", .blob)
                t.column("phoneMasked", .text)
                t.column("phoneDigest", .blob)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.check(sql: "(rrnCipher IS NULL) = (rrnMasked IS NULL) AND (rrnCipher IS NULL) = (rrnDigest IS NULL)")
                t.check(sql: "(accountCipher IS NULL) = (accountMasked IS NULL) AND (accountCipher IS NULL) = (accountDigest IS NULL)")
                t.check(sql: "(phoneCipher IS NULL) = (phoneMasked IS NULL) AND (phoneCipher IS NULL) = (phoneDigest IS NULL)")
            }

            // Recording twice is one attendance; a correction voids, never deletes.
            try db.create(table: "attendance") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("planID", .integer).notNull().references("plan", onDelete: .restrict)
                t.column("sessionID", .text).notNull()
                t.column("personID", .integer).notNull().indexed().references("person", onDelete: .restrict)
                t.column("time", .text)
                t.column("recordedAt", .datetime).notNull()
                t.column("recordedBy", .text).notNull()
                t.column("voidedAt", .datetime)
                t.column("voidReason", .text)
                t.column("voidedBy", .text)
                t.uniqueKey(["planID", "sessionID", "personID"])
                t.check(sql: "(voidedAt IS NULL) = (voidReason IS NULL) AND (voidedAt IS NULL) = (voidedBy IS NULL)")
            }
            try db.execute(sql: """
                CREATE TRIGGER attendance_never_deleted BEFORE DELETE ON attendance
                BEGIN SELECT RAISE(ABORT, 'an attendance is never deleted; void it instead'); END
                """)

            // 지급 결의: draft → approved → paid, numbered 1, 2, … per plan.
            try db.create(table: "paymentBatch") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("planID", .integer).notNull().references("plan", onDelete: .restrict)
                t.column("number", .integer).notNull().check(sql: "number > 0")
                t.uniqueKey(["planID", "number"])
                t.column("throughDate", .text).notNull()
                t.column("status", .text).notNull().check(sql: "status IN ('draft', 'approved', 'paid')")
                t.column("createdAt", .datetime).notNull()
                t.column("createdBy", .text).notNull()
                t.column("approvedOn", .text)
                t.column("approvedBy", .text)
                t.column("paidOn", .text)
                t.column("paidBy", .text)
                t.check(sql: "(status = 'draft') = (approvedOn IS NULL) AND (approvedOn IS NULL) = (approvedBy IS NULL)")
                t.check(sql: "(status = 'paid') = (paidOn IS NOT NULL) AND (paidOn IS NULL) = (paidBy IS NULL)")
            }

            // Money as INTEGER won. One role of one attendance is paid at most once, across all batches.
            try db.create(table: "paymentItem") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchID", .integer).notNull().indexed().references("paymentBatch", onDelete: .restrict)
                t.column("attendanceID", .integer).notNull().references("attendance", onDelete: .restrict)
                t.column("role", .text).notNull()
                t.column("gross", .integer).notNull().check(sql: "gross >= 0")
                t.column("incomeTax", .integer).notNull().check(sql: "incomeTax >= 0")
                t.column("localTax", .integer).notNull().check(sql: "localTax >= 0")
                t.column("net", .integer).notNull().check(sql: "net >= 0")
                t.uniqueKey(["attendanceID", "role"])
                t.check(sql: "net = gross - incomeTax - localTax")
            }
            try db.execute(sql: """
                CREATE TRIGGER paymentItem_never_updated BEFORE UPDATE ON paymentItem
                BEGIN SELECT RAISE(ABORT, 'a payment item is never changed'); END
                """)
            try db.execute(sql: """
                CREATE TRIGGER paymentItem_deleted_only_from_drafts BEFORE DELETE ON paymentItem
                WHEN (SELECT status FROM paymentBatch WHERE id = OLD.batchID) <> 'draft'
                BEGIN SELECT RAISE(ABORT, 'a payment item of an approved or paid batch is never deleted'); END
                """)

            // Who did what, when, to what, why. Never personal numbers.
            try db.create(table: "auditLog") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("planID", .integer).indexed().references("plan", onDelete: .restrict)
                t.column("subject", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER auditLog_never_updated BEFORE UPDATE ON auditLog
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """)
            try db.execute(sql: """
                CREATE TRIGGER auditLog_never_deleted BEFORE DELETE ON auditLog
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """)
        }

        migrator.registerMigration("v2") { db in
            // The spending ledger: commitments and payments against a plan item, in won. Entries are
            // never edited or deleted; a correction is a reversing entry that carries the negated
            // amount of the entry it reverses (of the same plan, item, package and kind), at most once.
            try db.create(table: "spending") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("planID", .integer).notNull().indexed().references("plan", onDelete: .restrict)
                t.column("itemKey", .text).notNull().check(sql: "itemKey <> ''")
                t.column("itemName", .text).notNull()
                t.column("package", .text)
                t.column("kind", .text).notNull().check(sql: "kind IN ('commitment', 'payment')")
                t.column("amount", .integer).notNull().check(sql: "amount <> 0")
                t.column("date", .text).notNull().check(sql: "date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")
                t.column("vendor", .text)
                t.column("contract", .text)
                t.column("note", .text)
                t.column("overBudgetReason", .text).check(sql: "overBudgetReason IS NULL OR trim(overBudgetReason) <> ''")
                t.column("reverses", .integer).unique().references("spending", onDelete: .restrict)
                t.column("recordedAt", .datetime).notNull()
                t.column("recordedBy", .text).notNull()
                t.check(sql: "(reverses IS NULL AND amount > 0) OR (reverses IS NOT NULL AND amount < 0)")
            }
            try db.execute(sql: """
                CREATE TRIGGER spending_reversal_matches BEFORE INSERT ON spending
                WHEN NEW.reverses IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM spending r WHERE r.id = NEW.reverses AND r.reverses IS NULL AND r.planID = NEW.planID
                    AND r.itemKey = NEW.itemKey AND r.package IS NEW.package AND r.kind = NEW.kind AND r.amount = -NEW.amount)
                BEGIN SELECT RAISE(ABORT, 'a reversal negates one entry of the same plan, item and kind that is not itself a reversal'); END
                """)
            try db.execute(sql: """
                CREATE TRIGGER spending_never_updated BEFORE UPDATE ON spending
                BEGIN SELECT RAISE(ABORT, 'a spending entry is never changed; reverse it instead'); END
                """)
            try db.execute(sql: """
                CREATE TRIGGER spending_never_deleted BEFORE DELETE ON spending
                BEGIN SELECT RAISE(ABORT, 'a spending entry is never deleted; reverse it instead'); END
                """)
        }

        migrator.registerMigration("v3") { db in
            // The payment day a batch's withholding was computed for (`YYYY-MM-DD`); NULL for the
            // batches made before it was kept. Marking a batch paid on a day whose tax table withholds
            // differently is refused.
            try db.alter(table: "paymentBatch") { t in
                t.add(column: "payDay", .text).check(sql: "payDay IS NULL OR payDay GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")
            }
            // The highest batch number the plan has used: a cancelled batch's number is never given again.
            try db.alter(table: "plan") { t in
                t.add(column: "lastBatchNumber", .integer).notNull().defaults(to: 0)
            }
            try db.execute(sql: "UPDATE plan SET lastBatchNumber = coalesce((SELECT MAX(number) FROM paymentBatch b WHERE b.planID = plan.id), 0)")
        }

        migrator.registerMigration("v4") { db in
            // Why a payment batch was allowed to take a plan item over its budget (`--over-budget`), as
            // the spending ledger keeps it for an entry; NULL when the batch kept every item within budget.
            try db.alter(table: "paymentBatch") { t in
                t.add(column: "overBudgetReason", .text).check(sql: "overBudgetReason IS NULL OR trim(overBudgetReason) <> ''")
            }
        }

        return migrator
    }

    /// The identifiers this version knows, in order.
    static let known: [String] = ["v1", "v2", "v3", "v4"]
}
