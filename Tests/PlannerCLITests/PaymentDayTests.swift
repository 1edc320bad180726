import Foundation
import GRDB
import Testing

/// The store is created only by commands that record, and said so once; withholding follows the
/// payment day; finance gets a transfer file; payment sheets name sessions as people do.
@Suite("Databases, payment days and the transfer file, through the binary")
struct PaymentDayTests {
    static let plan = AttendanceEndToEndTests.plan

    /// A sandbox whose HOME and XDG folders are inside it; the database and key where `database`/`key` say (nil: the defaults).
    struct Store {
        let sandbox: Sandbox
        var database: String? = "data/planner.sqlite"
        var key: String? = "config/planner.key"
        var environment: [String: String] {
            let root = sandbox.directory
            return ["PLANNER_DATABASE": database.map { root.appendingPathComponent($0).path } ?? "",
                    "PLANNER_KEY_FILE": key.map { root.appendingPathComponent($0).path } ?? "", "USER": "tester",
                    "HOME": root.appendingPathComponent("home").path, "XDG_DATA_HOME": root.appendingPathComponent("xdg-data").path,
                    "XDG_CONFIG_HOME": root.appendingPathComponent("xdg-config").path]
        }
        func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
            try runPlanner(arguments, in: sandbox.directory, environment: environment, sourceLocation: sourceLocation)
        }
        func path(_ relative: String) -> String { sandbox.directory.appendingPathComponent(relative).path }
        func mode(_ relative: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path(relative))[.posixPermissions] as? Int }

        /// Every file and folder under the sandbox, relative.
        func contents() -> [String] {
            (FileManager.default.subpaths(atPath: sandbox.directory.path) ?? []).sorted()
        }

        /// The roster imported and the sample sign-in sheet recorded (78 attendances, 2017-03-15 … 2017-08-15).
        func recordCommittee() throws {
            try sandbox.write("committee.csv", AttendanceEndToEndTests.roster)
            #expect(try run("roster", "import", PaymentDayTests.plan, "committee.csv").status == 0)
            var lines = ["session,person,time"]
            for meeting in 1...6 {
                for (i, name) in AttendanceEndToEndTests.names.enumerated() where i != meeting - 1 && i != (meeting + 5) % 15 {
                    lines.append("social-city-committee/\(meeting),\(name),2017-0\(meeting + 2)-15T14:00")
                }
            }
            try sandbox.write("sign-in.csv", lines.joined(separator: "\n"))
            #expect(try run("attend", PaymentDayTests.plan, "--sheet", "sign-in.csv").status == 0)
        }

        func audit(_ action: String) throws -> [(subject: String, detail: String)] {
            let queue = try DatabaseQueue(path: path(database ?? ""), configuration: { var c = Configuration(); c.readonly = true; return c }())
            defer { try? queue.close() }
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT subject, detail FROM auditLog WHERE action = ? ORDER BY id", arguments: [action]).map { ($0["subject"], $0["detail"]) }
            }
        }
    }

    static let noDatabaseHint = "  hint: the first command that records creates it, e.g. planner roster import PLAN FILE.csv; "
        + "or name the database you meant with --database or $PLANNER_DATABASE\n"

    static let readOnly: [[String]] = [
        ["status", plan], ["honoraria", plan], ["results", plan], ["settle", plan], ["report", plan, "--out", "report.html"],
        ["roster", "list", plan], ["pay", plan, "--list"], ["pay", plan, "--export", "1"], ["pay", plan, "--approve", "1"],
        ["pay", plan, "--paid", "1", "--on", "2017-12-05"], ["pay", plan, "--cancel", "1", "--reason", "x"],
        ["roll", plan, "--to", "2018", "--with-settlement"],
    ]

    @Test("a command that only reads, on a database that isn't there, says so and creates nothing", arguments: readOnly)
    func readOnlyCreatesNothing(_ command: [String]) throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            // A mistyped --database.
            let typo = try runPlanner(command + ["--database", "typo.sqlite"], in: sandbox.directory, environment: store.environment)
            #expect(typo.status == Exit.ioError)
            #expect(typo.stdout == "")
            #expect(typo.stderr == "planner: error: no planner database at typo.sqlite; nothing has been recorded there\n" + Self.noDatabaseHint)
            // Nothing configured: the default place under XDG_DATA_HOME.
            let unset = Store(sandbox: sandbox, database: nil, key: nil)
            let defaults = try runPlanner(command, in: sandbox.directory, environment: unset.environment)
            #expect(defaults.status == Exit.ioError)
            #expect(defaults.stderr == "planner: error: no planner database at \(store.path("xdg-data/planner/planner.sqlite")); nothing has been recorded there\n"
                + Self.noDatabaseHint)
            // Neither run created a database, a key, a folder or the report.
            #expect(store.contents() == [])
        }
    }

    @Test("an empty file is not a database to read")
    func emptyFileIsNoDatabase() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("empty.sqlite", bytes: Data())
            let outcome = try runPlanner(["status", Self.plan, "--database", "empty.sqlite"], in: sandbox.directory,
                                         environment: Store(sandbox: sandbox).environment)
            #expect(outcome.status == Exit.ioError)
            #expect(outcome.stderr == "planner: error: no planner database at empty.sqlite (the file is empty); nothing has been recorded there\n" + Self.noDatabaseHint)
            #expect(try Data(contentsOf: sandbox.directory.appendingPathComponent("empty.sqlite")).isEmpty)
        }
    }

    @Test("the first command that records creates the database (0600) and the key, and says where, once")
    func recordingCreatesOnce() throws {
        try Sandbox.with { sandbox in
            // The default places: nothing configured but HOME and XDG.
            let store = Store(sandbox: sandbox, database: nil, key: nil)
            let database = store.path("xdg-data/planner/planner.sqlite"), key = store.path("xdg-config/planner/planner.key")
            let first = try store.run("spend", Self.plan, "국제(내)컨퍼런스 개최", "1,000,000원", "--date", "2017-09-01")
            #expect(first.status == 0)
            #expect(first.stdout.hasPrefix("ledger entry 1: "))
            #expect(first.stderr == "planner: created the database \(database) (readable by you only)\n"
                + "planner: created the key \(key); it encrypts the resident numbers, accounts and phone numbers in the database\n"
                + "  back up the key apart from the database: without it they can't be read, and whoever has both can read them\n")
            #expect(try store.mode("xdg-data/planner/planner.sqlite") == 0o600)
            #expect(try store.mode("xdg-data/planner") == 0o700)
            #expect(try store.mode("xdg-config/planner/planner.key") == 0o600)

            // The next commands, recording or reading, say nothing of it.
            let second = try store.run("spend", Self.plan, "국제(내)컨퍼런스 개최", "1,000,000원", "--date", "2017-09-02")
            #expect(second.status == 0 && second.stderr == "")
            let status = try store.run("status", Self.plan)
            #expect(status.status == 0 && status.stderr == "")
            #expect(try store.mode("xdg-data/planner/planner.sqlite") == 0o600)
        }
    }

    @Test("a new database beside an existing key names the key it uses; a failed import creates nothing")
    func existingKey() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("bad.csv", "name,role,event\n김민준,allowance,no-such-event")
            #expect(try store.run("roster", "import", Self.plan, "bad.csv").status == Exit.dataError)
            #expect(store.contents() == ["bad.csv"])

            try sandbox.write("committee.csv", AttendanceEndToEndTests.roster)
            let imported = try store.run("roster", "import", Self.plan, "committee.csv")
            #expect(imported.status == 0)
            #expect(imported.stderr.hasPrefix("planner: created the database \(store.path("data/planner.sqlite")) (readable by you only)\nplanner: created the key "))
            // Another database, same key file.
            let other = Store(sandbox: sandbox, database: "other/planner.sqlite", key: store.key)
            let outcome = try other.run("roster", "import", Self.plan, "committee.csv")
            #expect(outcome.status == 0)
            #expect(outcome.stderr == "planner: created the database \(store.path("other/planner.sqlite")) (readable by you only)\n"
                + "planner: the key is \(store.path("config/planner.key")); it encrypts the resident numbers, accounts and phone numbers in the database\n"
                + "  back up the key apart from the database: without it they can't be read, and whoever has both can read them\n")
        }
    }

    @Test("a database that can't be created is exit 73, and nothing is recorded")
    func cannotCreate() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("notes.txt", "not a folder")
            let outcome = try store.run("spend", Self.plan, "국제(내)컨퍼런스 개최", "1,000,000원", "--date", "2017-09-01", "--database", "notes.txt/planner.sqlite")
            #expect(outcome.status == 73)
            #expect(outcome.stdout == "")
            #expect(outcome.stderr == "planner: error: cannot create the database notes.txt/planner.sqlite: Not a directory\n")
            #expect(store.contents() == ["notes.txt"])
        }
    }

    // MARK: - Withholding by the payment day

    @Test("a batch is withheld for its payment day, printed; paying it on a day of other rules is refused with the way out")
    func payDay() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try store.recordCommittee()
            // Gathered for payment in 2026: 150,000원 withholds 13,200원 (60% deemed expenses).
            let made = try store.run("pay", Self.plan, "--through", "2017-06-30", "--on", "2026-12-01")
            #expect(made.stdout == "payment batch 1 (draft): 52 payments through 2017-06-30, withheld for payment on 2026-12-01 — "
                + "gross 7,800,000원, income tax 624,000원, local tax 62,400원, net 7,113,600원\n")
            #expect(try store.run("pay", Self.plan, "--approve", "1", "--on", "2017-12-01").status == 0)

            // Paid in 2017, when 80% was deemed expenses: 30,000원 of other income, nothing withheld. Refused, nothing changed.
            let refused = try store.run("pay", Self.plan, "--paid", "1", "--on", "2017-12-05")
            #expect(refused.status == Exit.dataError)
            #expect(refused.stdout == "")
            #expect(refused.stderr == "planner: error: payment batch 1 withholds 686,400원, computed for payment on 2026-12-01; paid on 2017-12-05, "
                + "the tax table in force then withholds 0원 (52 payments differ); nothing was changed\n"
                + "  hint: withholding is decided by the payment day; cancel the batch and gather it again for 2017-12-05, then approve it and mark it paid:\n"
                + "    planner pay \(Self.plan) --cancel 1 --reason \"paid on 2017-12-05\"\n"
                + "    planner pay \(Self.plan) --through 2017-06-30 --on 2017-12-05\n")
            #expect(try store.run("pay", Self.plan, "--list").stdout.hasPrefix("payment batch 1 (approved, approved 2017-12-01): "))

            // The way out, as the hint says.
            let cancelled = try store.run("pay", Self.plan, "--cancel", "1", "--reason", "paid on 2017-12-05")
            #expect(cancelled.stdout == "payment batch 1 cancelled: its 52 payments through 2017-06-30 are unpaid again (recorded in the audit log)\n")
            let again = try store.run("pay", Self.plan, "--through", "2017-06-30", "--on", "2017-12-05")
            #expect(again.stdout == "payment batch 2 (draft): 52 payments through 2017-06-30, withheld for payment on 2017-12-05 — "
                + "gross 7,800,000원, income tax 0원, local tax 0원, net 7,800,000원\n")
            #expect(try store.run("pay", Self.plan, "--approve", "2", "--on", "2017-12-01").status == 0)
            let paid = try store.run("pay", Self.plan, "--paid", "2", "--on", "2017-12-05")
            #expect(paid.stdout == "payment batch 2 (paid, approved 2017-12-01, paid 2017-12-05): 52 payments through 2017-06-30, "
                + "withheld for payment on 2017-12-05 — gross 7,800,000원, income tax 0원, local tax 0원, net 7,800,000원\n")

            // A paid batch is never cancelled; cancelling needs a reason.
            let never = try store.run("pay", Self.plan, "--cancel", "2", "--reason", "mistake")
            #expect(never.status == Exit.dataError)
            #expect(never.stderr == "planner: error: payment batch 2 was paid on 2017-12-05; a paid batch is never cancelled\n")
            let noReason = try store.run("pay", Self.plan, "--cancel", "2")
            #expect(noReason.status == Exit.usage)
            #expect(noReason.stderr.hasPrefix("Error: --cancel needs --reason \"…\" for the audit log\n"))
            #expect(try store.audit("batch-cancelled").map(\.detail) == [
                "52 items through 2017-06-30 (approved on 2017-12-01 by tester, for payment on 2026-12-01): gross 7,800,000원, "
                    + "income tax 624,000원, local tax 62,400원, net 7,113,600원; reason: paid on 2017-12-05",
            ])
        }
    }

    @Test("across 2018-12-31 / 2019-01-01 (70% → 60%) the day matters; across 2018-03-31 / 2018-04-01 150,000원 stays untaxed")
    func boundaries2018() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try store.recordCommittee()
            // Gathered for 2018-12-31 (70%: 45,000원 of other income, untaxed); paying on 2019-01-01 would withhold 13,200원 each.
            #expect(try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2018-12-31").stdout.contains("income tax 0원, local tax 0원"))
            #expect(try store.run("pay", Self.plan, "--approve", "1", "--on", "2018-12-20").status == 0)
            let refused = try store.run("pay", Self.plan, "--paid", "1", "--on", "2019-01-01")
            #expect(refused.status == Exit.dataError)
            #expect(refused.stderr.hasPrefix("planner: error: payment batch 1 withholds 0원, computed for payment on 2018-12-31; paid on 2019-01-01, "
                + "the tax table in force then withholds 1,029,600원 (78 payments differ); nothing was changed\n"))
            #expect(try store.run("pay", Self.plan, "--paid", "1", "--on", "2018-12-31").status == 0)

            // 80% until 2018-03-31 and 70% from 2018-04-01 both leave 150,000원 untaxed: either day is accepted.
            let other = Store(sandbox: sandbox, database: "other.sqlite", key: "config/other.key")
            try other.recordCommittee()
            #expect(try other.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2018-03-31").stdout.contains("income tax 0원"))
            #expect(try other.run("pay", Self.plan, "--approve", "1", "--on", "2018-03-30").status == 0)
            let accepted = try other.run("pay", Self.plan, "--paid", "1", "--on", "2018-04-01")
            #expect(accepted.status == 0)
            #expect(accepted.stdout.hasPrefix("payment batch 1 (paid, approved 2018-03-30, paid 2018-04-01): 78 payments through 2017-12-31, withheld for payment on 2018-03-31"))
        }
    }

    @Test("without --on, the payment day is today, and the confirmation says which day that is")
    func payDayDefaultsToToday() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try store.recordCommittee()
            let made = try store.run("pay", Self.plan, "--through", "2017-06-30")
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Seoul")!
            let today = calendar.dateComponents([.year, .month, .day], from: Date())
            let day = String(format: "%04d-%02d-%02d", today.year!, today.month!, today.day!)
            #expect(made.stdout.hasPrefix("payment batch 1 (draft): 52 payments through 2017-06-30, withheld for payment on \(day) — "))
        }
    }

    // MARK: - The transfer file and the payment sheet

    @Test("--for-transfer writes bank, full account, holder and net per payee, 0600, audited; ordinary exports stay masked")
    func transferFile() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try store.recordCommittee()
            #expect(try store.run("pay", Self.plan, "--through", "2017-06-30", "--on", "2017-07-10").status == 0)

            // Not from a draft; never to the terminal.
            let draft = try store.run("pay", Self.plan, "--export", "1", "--for-transfer", "--out", "transfer.csv")
            #expect(draft.status == Exit.dataError)
            #expect(draft.stderr == "planner: error: payment batch 1 is a draft; a transfer file is made from an approved batch\n"
                + "  hint: planner pay \(Self.plan) --approve 1 --on DAY\n")
            #expect(try store.run("pay", Self.plan, "--approve", "1", "--on", "2017-07-05").status == 0)
            let terminal = try store.run("pay", Self.plan, "--export", "1", "--for-transfer")
            #expect(terminal.status == Exit.usage)
            #expect(terminal.stdout == "")
            #expect(terminal.stderr.hasPrefix("Error: --for-transfer writes account numbers in full: give --out FILE (it is written readable by you only), never the terminal\n"))
            #expect(!FileManager.default.fileExists(atPath: store.path("transfer.csv")))
            #expect(try store.audit("accounts-revealed").isEmpty)

            // The file: one row per payee (이서연 missed meeting 2 of 1–4), account in full, net after withholding (none in 2017).
            let written = try store.run("pay", Self.plan, "--export", "1", "--for-transfer", "--out", "transfer.csv")
            #expect(written.stdout == "wrote transfer.csv: bank transfer of payment batch 1, 15 payees, 7,800,000원 "
                + "(account numbers in full; readable by you only; recorded in the audit log)\n")
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: store.path("transfer.csv"))), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n")
            #expect(lines[0] == "\u{FEFF}번호,은행,계좌번호,예금주,이체금액,지급건수")
            #expect(lines[1] == "1,신한은행,110401987601,이서연,450000,3")
            #expect(lines[16] == "합계,,,,7800000,52")
            for i in 0..<15 {
                let account = AttendanceEndToEndTests.member(i).account.filter(\.isNumber)
                #expect(text.contains(",\(account),\(AttendanceEndToEndTests.names[i]),"), "member \(i)'s account in full")
            }
            #expect(try store.mode("transfer.csv") == 0o600)
            #expect(try store.audit("accounts-revealed").map(\.detail) == ["purpose: bank transfer file of payment batch 1"])

            // XML, valid against its schema, also 0600.
            #expect(try store.run("pay", Self.plan, "--export", "1", "--for-transfer", "--format", "xml", "--out", "transfer.xml").status == 0)
            let xml = try String(contentsOfFile: store.path("transfer.xml"), encoding: .utf8)
            #expect(xml.contains("<account>110401987601</account>\n    <holder>이서연</holder>\n    <amount currency=\"KRW\">450000</amount>"))
            #expect(try store.mode("transfer.xml") == 0o600)
            #expect(try store.audit("accounts-revealed").count == 2)

            // The ordinary export names sessions by title and day, fills 일자 and 내용, and masks every account.
            for format in ["csv", "xml"] {
                let sheet = try store.run("pay", Self.plan, "--export", "1", "--format", format)
                #expect(sheet.status == 0)
                #expect(!AttendanceEndToEndTests().containsPersonalNumbers(Data(sheet.stdout.utf8)), "the \(format) export shows a number in full")
                #expect(sheet.stdout.contains("소셜특별시 자문위원회 1회 (2017-03-15)"))
                #expect(!sheet.stdout.contains("social-city-committee/1"))
            }
            let csv = try store.run("pay", Self.plan, "--export", "1").stdout.components(separatedBy: "\r\n")
            #expect(csv[1] == "1,이서연,710202-2******,기타소득,소셜특별시 자문위원회 1회 (2017-03-15),소셜특별시 자문위원회 참석수당,2017-03-15,참석수당,"
                + "150000,0,0,150000,신한은행,********7601")
        }
    }
}
