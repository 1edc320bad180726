import Foundation
import GRDB
import Testing

/// Resident numbers, bank accounts and phone numbers (PIPA §24-2, DOMAIN.md "Personal data") run
/// through every command of the 2017 plan's year, on a real database file, and then searched for in
/// every byte the planner left behind: the database and its `-wal`/`-shm` files (during the run and
/// after a checkpoint), every file it wrote (exports, the HTML report, temporary files, anything under
/// the sandbox's HOME, TMPDIR and XDG folders, where a log would go), and everything it printed.
///
/// The only place a number may appear in clear is the explicit `pay --export … --for-tax-statement`
/// file, which must hold the resident numbers in full and be recorded in the audit log.
@Suite("Personal data never leaks")
struct PersonalDataLeakTests {
    static let plan = AttendanceEndToEndTests.plan

    /// A fictional person with well-formed personal numbers (real birth dates, century digits 1–4).
    struct Person {
        let name: String
        let role: String
        let event: String
        let rrn: String
        let account: String
        let phone: String

        /// Every way the three numbers could show up: as written, without separators, with spaces or
        /// dots, and the parts the masked forms hide (`850412-1******` hides the last six digits,
        /// `*******4826` all but the last four).
        var secrets: [(what: String, text: String)] {
            let rrnDigits = rrn.filter(\.isNumber), accountDigits = account.filter(\.isNumber), phoneDigits = phone.filter(\.isNumber)
            var out: [(String, String)] = [
                ("\(name)'s resident number", rrn), ("\(name)'s resident number without hyphen", rrnDigits),
                ("the hidden part of \(name)'s resident number", String(rrnDigits.suffix(6))),
                ("\(name)'s account", account), ("\(name)'s account without hyphens", accountDigits),
                ("\(name)'s account with spaces", account.replacingOccurrences(of: "-", with: " ")),
                ("the hidden part of \(name)'s account", String(accountDigits.dropLast(4))),
                ("\(name)'s phone", phone), ("\(name)'s phone without hyphens", phoneDigits),
                ("\(name)'s phone with spaces", phone.replacingOccurrences(of: "-", with: " ")),
                ("\(name)'s phone with dots", phone.replacingOccurrences(of: "-", with: ".")),
                ("the hidden part of \(name)'s phone", String(phoneDigits.dropLast(4))),
            ]
            // The hidden groups with their separator (`010-7391`).
            out.append(("\(name)'s phone prefix", phone.split(separator: "-").dropLast().joined(separator: "-")))
            return out
        }
    }

    /// Two committee members on a UTF-8 roster, two lecturers on a CP949 one; phones unlike the
    /// officers' `2133-xxxx` numbers in the plan, which are public.
    static let committee = [
        Person(name: "가람솔", role: "위원", event: "social-city-committee", rrn: "850412-1938274", account: "357-918264-73501", phone: "010-7391-4826"),
        Person(name: "나래빛", role: "위원", event: "social-city-committee", rrn: "920817-2746139", account: "482-73-9163825", phone: "010-6284-1957"),
    ]
    static let lecturers = [
        Person(name: "다온결", role: "강사", event: "staff-sns-education", rrn: "780925-1583620", account: "1002-748-395162", phone: "010-4827-3619"),
        Person(name: "라온별", role: "강사", event: "staff-sns-education", rrn: "030611-3862517", account: "264-910385-27401", phone: "011-583-2946"),
    ]
    static var everyone: [Person] { committee + lecturers }
    /// 가람솔's new phone, given by a second import of the committee's roster.
    static let changed = Person(name: "가람솔", role: "위원", event: "social-city-committee", rrn: "850412-1938274",
                                account: "357-918264-73501", phone: "010-9152-7730")
    static let secrets = (everyone + [changed]).flatMap(\.secrets)

    static let header = "성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호"

    static func rosterLine(_ p: Person, phone: String? = nil) -> String {
        "\(p.name),\(p.role),\(p.event),가상대학교,\(p.name.unicodeScalars.first!.value)@example.kr,\(phone ?? p.phone),거주자,기타소득,\(p.rrn),가상은행,\(p.account)"
    }

    static let cp949 = String.Encoding(rawValue: 0x8000_0422)

    /// Where something was found: "the hidden part of 가람솔's account in tax/…".
    static func leaks(in data: Data) -> [String] {
        var found: [String] = []
        let encodings: [(String, String.Encoding)] = [("", .utf8), (" (UTF-16LE)", .utf16LittleEndian), (" (UTF-16BE)", .utf16BigEndian)]
        for (what, text) in secrets {
            for (label, encoding) in encodings where data.range(of: text.data(using: encoding)!) != nil && !found.contains(what + label) {
                found.append(what + label)
            }
        }
        return found
    }

    static func leaks(in text: String) -> [String] { leaks(in: Data(text.utf8)) }

    /// A sandbox whose HOME, TMPDIR and XDG folders are inside it, so that every file the planner
    /// could write, a log included, is found by `scan`.
    struct Store {
        let sandbox: Sandbox
        var root: URL { sandbox.directory }
        var database: URL { root.appendingPathComponent("data/db/planner.sqlite") }
        var keyFile: URL { root.appendingPathComponent("config/keys/planner.key") }
        var environment: [String: String] {
            ["PLANNER_DATABASE": database.path, "PLANNER_KEY_FILE": keyFile.path, "USER": "tester", "HOME": root.appendingPathComponent("home").path,
             "TMPDIR": root.appendingPathComponent("tmp").path, "XDG_DATA_HOME": root.appendingPathComponent("xdg-data").path,
             "XDG_CONFIG_HOME": root.appendingPathComponent("xdg-config").path, "XDG_CACHE_HOME": root.appendingPathComponent("xdg-cache").path,
             "XDG_STATE_HOME": root.appendingPathComponent("xdg-state").path]
        }

        /// Folders that hold numbers on purpose: the rosters given to the planner, the tax statements.
        static let exempt: Set<String> = ["input", "tax"]

        final class Log {
            var outcomes: [(command: String, outcome: Outcome)] = []
            var filesSeen: Set<String> = []
        }
        let log = Log()

        init(_ sandbox: Sandbox) throws {
            self.sandbox = sandbox
            for folder in ["home", "tmp", "input", "tax", "out"] {
                try FileManager.default.createDirectory(at: sandbox.directory.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        }

        @discardableResult
        func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
            let outcome = try runPlanner(arguments, in: root, environment: environment, sourceLocation: sourceLocation)
            let command = arguments.map { $0.hasPrefix("/") ? ($0 as NSString).lastPathComponent : $0 }.joined(separator: " ")
            log.outcomes.append((command, outcome))
            // What it printed, then every file in the sandbox as it is now.
            #expect(PersonalDataLeakTests.leaks(in: outcome.stdout) == [], "standard output of planner \(command)", sourceLocation: sourceLocation)
            #expect(PersonalDataLeakTests.leaks(in: outcome.stderr) == [], "standard error of planner \(command)", sourceLocation: sourceLocation)
            try scan(after: command, sourceLocation: sourceLocation)
            return outcome
        }

        /// Every regular file under the sandbox except the exempt folders, raw bytes.
        func scan(after command: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let manager = FileManager.default
            guard let walker = manager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
            let prefix = root.resolvingSymlinksInPath().path + "/"
            for case let url as URL in walker {
                let relative = url.resolvingSymlinksInPath().path.replacingOccurrences(of: prefix, with: "")
                if let top = relative.split(separator: "/").first, Self.exempt.contains(String(top)) { continue }
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                      let bytes = try? Data(contentsOf: url) else { continue }
                log.filesSeen.insert(relative)
                let found = PersonalDataLeakTests.leaks(in: bytes)
                #expect(found == [], "\(relative) after planner \(command)", sourceLocation: sourceLocation)
            }
        }

        func file(_ relative: String) throws -> Data {
            try Data(contentsOf: root.appendingPathComponent(relative))
        }

        func text(_ relative: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        }
    }

    @Test("a year of rosters, attendance, honoraria, payments, spending and reports leaves no personal number in clear")
    func wholeYear() throws {
        try Sandbox.with { sandbox in
            let store = try Store(sandbox)
            let plan = Self.plan

            // Rosters: UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), and CP949 (Excel's Korean "CSV").
            let utf8 = ([Self.header] + Self.committee.map { Self.rosterLine($0) }).joined(separator: "\r\n") + "\r\n"
            try sandbox.write("input/committee.csv", bytes: Data([0xEF, 0xBB, 0xBF]) + Data(utf8.utf8))
            let legacy = ([Self.header] + Self.lecturers.map { Self.rosterLine($0) }).joined(separator: "\r\n") + "\r\n"
            try sandbox.write("input/lecturers.csv", bytes: try #require(legacy.data(using: Self.cp949)))
            #expect(try store.run("roster", "import", plan, "input/committee.csv").stdout == "input/committee.csv: 2 people: 2 added, 0 updated, 0 unchanged\n")
            #expect(try store.run("roster", "import", plan, "input/lecturers.csv").stdout == "input/lecturers.csv: 2 people: 2 added, 0 updated, 0 unchanged\n")
            #expect(try store.run("roster", "import", plan, "input/committee.csv").stdout.contains("0 added, 0 updated, 2 unchanged"))

            // From here on a connection of this test stays open, so the planner's writes pile up in the
            // -wal file instead of being checkpointed away when each process closes: it is scanned as written.
            var configuration = Configuration()
            configuration.readonly = false
            let watcher = try DatabaseQueue(path: store.database.path, configuration: configuration)

            // A changed phone: an update, written to the audit log by field name only.
            let changed = ([Self.header] + [Self.rosterLine(Self.committee[0], phone: Self.changed.phone)] + [Self.rosterLine(Self.committee[1])])
                .joined(separator: "\n")
            try sandbox.write("input/committee-changed.csv", changed)
            #expect(try store.run("roster", "import", plan, "input/committee-changed.csv").stdout.contains("0 added, 1 updated, 1 unchanged"))

            for format in ["text", "json"] {
                let list = try store.run("roster", "list", plan, "--format", format)
                #expect(list.stdout.contains("850412-1******") && list.stdout.contains("*3501"))
            }
            try store.run("sessions", plan)

            // Attendance: one check-in at the door, a sign-in sheet, a void.
            try store.run("attend", plan, "social-city-committee/1", "가람솔", "나래빛", "--time", "2017-03-15T14:00")
            try sandbox.write("input/sign-in.csv", """
                session,person,time
                social-city-committee/2,가람솔,2017-05-17T14:00
                social-city-committee/2,나래빛,2017-05-17 14:02
                staff-sns-education/1,다온결,2017-04-12T10:00
                staff-sns-education/2,라온별,2017-04-19T10:00
                """)
            #expect(try store.run("attend", plan, "--sheet", "input/sign-in.csv").stdout == "input/sign-in.csv: 4 recorded, 0 already recorded\n")
            #expect(try store.run("attend", plan, "--void", "social-city-committee/1", "나래빛", "--reason", "서명 착오").status == 0)

            // Honoraria in every format.
            for format in ["text", "csv", "xml", "json"] {
                let honoraria = try store.run("honoraria", plan, "--format", format, "--on", "2026-11-21")
                #expect(honoraria.status == 0)
                #expect(honoraria.stdout.contains("850412-1******"))
            }
            try store.run("honoraria", plan, "--format", "csv", "--headers", "en", "--on", "2026-11-21")

            // A payment batch through its states, exported for finance without --for-tax-statement.
            #expect(try store.run("pay", plan, "--through", "2017-12-31", "--on", "2026-11-21").stdout.hasPrefix("payment batch 1 (draft): 5 payments"))
            try store.run("pay", plan, "--list")
            try store.run("pay", plan, "--approve", "1", "--on", "2026-11-22")
            try store.run("pay", plan, "--paid", "1", "--on", "2026-11-25")
            for format in ["csv", "xml"] {
                #expect(try store.run("pay", plan, "--export", "1", "--format", format).stdout.contains("850412-1******"))
                #expect(try store.run("pay", plan, "--export", "1", "--format", format, "--out", "out/batch-1.\(format)").status == 0)
            }
            try store.run("pay", plan, "--export", "1", "--format", "csv", "--headers", "en", "--out", "out/batch-1-en.csv")

            // Spending, status, results, settlement, the report, next year's draft, the procurement exports.
            try store.run("spend", plan, "국제(내)컨퍼런스 개최", "95,000,000원", "--date", "2017-09-01", "--commitment", "--vendor", "(주)가상행사")
            try store.run("spend", plan, "국제(내)컨퍼런스 개최", "40,000,000원", "--date", "2017-10-20", "--note", "1차 지급")
            for format in ["text", "json", "csv"] { try store.run("status", plan, "--format", format) }
            for format in ["text", "json"] { try store.run("results", plan, "--format", format) }
            for format in ["text", "json", "yaml"] { try store.run("settle", plan, "--format", format) }
            #expect(try store.run("report", plan, "--out", "out/report.html").status == 0)
            try store.run("roll", plan, "--to", "2018", "--with-settlement")
            #expect(try store.run("export", plan, "--out", "out/exports").status == 0)
            #expect(try store.run("export", plan, "--format", "csv", "--encoding", "cp949", "--out", "out/exports-cp949").status == 0)
            for format in ["text", "json", "csv"] { try store.run("budget", plan, "--format", format) }

            // The tax statement: resident numbers in full, on purpose, and audited.
            for format in ["csv", "xml"] {
                let statement = try store.run("pay", plan, "--export", "1", "--format", format, "--for-tax-statement", "--out", "tax/statement.\(format)")
                #expect(statement.stdout == "wrote tax/statement.\(format): payment batch 1, 5 payments (resident numbers in full; recorded in the audit log)\n")
                let text = try store.text("tax/statement.\(format)")
                for person in Self.everyone { #expect(text.contains(person.rrn), "the tax statement (\(format)) lacks \(person.name)'s resident number") }
                // Accounts and phones are not needed for the statement and stay masked there too.
                let found = Self.leaks(in: Data(text.utf8))
                #expect(found.contains("가람솔's resident number") && found.contains("the hidden part of 라온별's resident number"))
                #expect(found.filter { !$0.contains("resident number") } == [], "tax/statement.\(format)")
                // Readable by its owner only, whatever the umask, like the key.
                let mode = try FileManager.default.attributesOfItem(atPath: sandbox.directory.appendingPathComponent("tax/statement.\(format)").path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "tax/statement.\(format) has mode \(String(mode ?? 0, radix: 8))")
            }
            // The bank transfer file: accounts in full, on purpose, and nothing else personal; owner-only.
            let transfer = try store.run("pay", plan, "--export", "1", "--for-transfer", "--out", "tax/transfer.csv")
            #expect(transfer.status == 0)
            let inTransfer = Self.leaks(in: try store.file("tax/transfer.csv"))
            #expect(!inTransfer.isEmpty && inTransfer.allSatisfy { $0.contains("account") }, "tax/transfer.csv: \(inTransfer)")
            #expect(try FileManager.default.attributesOfItem(atPath: sandbox.directory.appendingPathComponent("tax/transfer.csv").path)[.posixPermissions] as? Int == 0o600)
            // To standard output: the same numbers, and no temporary file left behind.
            let printed = try runPlanner(["pay", plan, "--export", "1", "--format", "xml", "--for-tax-statement"], in: sandbox.directory, environment: store.environment)
            #expect(printed.status == 0 && printed.stdout.contains(Self.lecturers[1].rrn))
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.appendingPathComponent("tmp").path) == [])
            // The scanner finds the numbers where they are on purpose: the rosters, UTF-8 and CP949.
            #expect(Self.leaks(in: try store.file("input/committee.csv")).contains("나래빛's account"))
            #expect(Self.leaks(in: try store.file("input/lecturers.csv")).contains("다온결's phone"))

            // The file the planner wrote must have been seen by the scan, the WAL among them.
            for expected in ["data/db/planner.sqlite", "out/report.html", "out/batch-1.csv", "out/batch-1.xml", "out/exports/procurement.csv",
                             "out/exports/procurement.xml", "out/exports-cp949/procurement.csv"] {
                #expect(store.log.filesSeen.contains(expected), "\(expected) was never scanned")
            }
            #expect(store.log.filesSeen.contains("data/db/planner.sqlite-wal"), "no -wal file was ever scanned")
            #expect(store.log.filesSeen.contains("data/db/planner.sqlite-shm"), "no -shm file was ever scanned")
            // No log, no stray temporary file: only the database, the key and what was asked for.
            let written = store.log.filesSeen.filter { !$0.hasPrefix("out/") && !$0.hasPrefix("data/db/planner.sqlite") && !$0.hasPrefix("config/keys/") }
            #expect(written.isEmpty, "unexpected files: \(written.sorted())")

            // The audit log records both tax-statement exports, with their purpose, and nothing personal.
            let audit = try watcher.read { db in
                try Row.fetchAll(db, sql: "SELECT action, subject, detail FROM auditLog ORDER BY id").map { row -> (String, String, String) in
                    (row["action"], row["subject"], row["detail"])
                }
            }
            let reveals = audit.filter { $0.0 == "resident-numbers-revealed" }
            #expect(reveals.count == 3)  // two files and standard output
            #expect(reveals.allSatisfy { $0.2 == "purpose: withholding-tax statement of payment batch 1" && $0.1.contains("가람솔") && $0.1.contains("라온별") })
            #expect(audit.contains { $0.0 == "person-updated" && $0.2 == "changed phone" })
            #expect(audit.allSatisfy { Self.leaks(in: $0.0 + $0.1 + $0.2) == [] })

            // After a checkpoint and with every connection closed, the files still hold nothing in clear.
            try watcher.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try watcher.close()
            try store.scan(after: "a checkpoint")
            let main = try Data(contentsOf: store.database)
            #expect(main.range(of: Data("850412-1******".utf8)) != nil, "the masked form is stored for listing without the key")

            // The key: a separate file, 32 bytes, readable by its owner only, in a folder of its own.
            let attributes = try FileManager.default.attributesOfItem(atPath: store.keyFile.path)
            #expect(attributes[.posixPermissions] as? Int == 0o600)
            #expect(attributes[.size] as? Int == 32)
            let folder = try FileManager.default.attributesOfItem(atPath: store.keyFile.deletingLastPathComponent().path)
            #expect(folder[.posixPermissions] as? Int == 0o700)
            #expect(Self.leaks(in: try Data(contentsOf: store.keyFile)) == [])
        }
    }

    @Test("without the key, or with another one, the numbers can't be shown; everything else works")
    func withoutTheKey() throws {
        try Sandbox.with { sandbox in
            let store = try Store(sandbox)
            let plan = Self.plan
            try sandbox.write("input/committee.csv", ([Self.header] + Self.committee.map { Self.rosterLine($0) }).joined(separator: "\n"))
            #expect(try store.run("roster", "import", plan, "input/committee.csv").status == 0)
            try store.run("attend", plan, "social-city-committee/1", "가람솔", "--time", "2017-03-15T14:00")
            #expect(try store.run("pay", plan, "--through", "2017-12-31", "--on", "2026-11-21").status == 0)
            let key = try Data(contentsOf: store.keyFile)

            // No key: masked listings and exports still work; the full numbers are refused with a reason.
            try FileManager.default.removeItem(at: store.keyFile)
            let list = try store.run("roster", "list", plan)
            #expect(list.status == 0 && list.stdout.contains("850412-1******"))
            #expect(try store.run("honoraria", plan, "--on", "2026-11-21").status == 0)
            #expect(try store.run("pay", plan, "--export", "1", "--format", "xml").status == 0)
            let missing = try store.run("pay", plan, "--export", "1", "--for-tax-statement", "--out", "tax/statement.csv")
            #expect(missing.status == Exit.dataError)
            #expect(missing.stderr.hasPrefix("planner: error: the key file \(store.keyFile.path) is missing"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("tax/statement.csv").path))
            // A new person can't be added without it either (nothing is stored unencrypted).
            try sandbox.write("input/lecturers.csv", ([Self.header] + Self.lecturers.map { Self.rosterLine($0) }).joined(separator: "\n"))
            let importing = try store.run("roster", "import", plan, "input/lecturers.csv")
            #expect(importing.status != 0)
            #expect(!FileManager.default.fileExists(atPath: store.keyFile.path), "a new key was made for a database that has data sealed with another")

            // Another key: refused as not matching, never used.
            try Data(repeating: 7, count: 32).write(to: store.keyFile)
            let wrong = try store.run("pay", plan, "--export", "1", "--for-tax-statement", "--out", "tax/statement.csv")
            #expect(wrong.status == Exit.dataError || wrong.status == Exit.ioError)
            #expect(wrong.stderr.contains("does not match this database"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("tax/statement.csv").path))

            // The right key back, but with the umask's mode (0644): refused until only its owner can read it.
            try key.write(to: store.keyFile)
            let loose = try store.run("pay", plan, "--export", "1", "--for-tax-statement", "--out", "tax/statement.csv")
            #expect(loose.status == Exit.ioError && loose.stderr.contains("hint: chmod 600 \(store.keyFile.path), then export again"), "\(loose)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("tax/statement.csv").path))
            // Made 0600: the statement is written.
            #expect(chmod(store.keyFile.path, 0o600) == 0)
            #expect(try store.run("pay", plan, "--export", "1", "--for-tax-statement", "--out", "tax/statement.csv").status == 0)
            #expect(try store.text("tax/statement.csv").contains("850412-1938274"))
        }
    }

    @Test("rosters with bad rows name the rows and columns but never print a number in clear, UTF-8 or CP949")
    func badRosters() throws {
        try Sandbox.with { sandbox in
            let store = try Store(sandbox)
            let plan = Self.plan
            let a = Self.committee[0], b = Self.committee[1], c = Self.lecturers[0], d = Self.lecturers[1]
            // Numbers in the wrong columns (the messages quote those columns' values), in every spelling,
            // and impossible resident numbers next to valid accounts and phones (the excerpt shows the row).
            let rows = [
                "\(a.name),\(a.rrn),\(a.event),가상대학교,,\(a.phone),거주자,기타소득,\(a.rrn),가상은행,\(a.account)",
                "\(b.name),위원,\(b.account),가상대학교,,\(b.phone.replacingOccurrences(of: "-", with: " ")),\(b.phone.replacingOccurrences(of: "-", with: " ")),기타소득,\(b.rrn),가상은행,\(b.account.replacingOccurrences(of: "-", with: " "))",
                "\(c.name),강사,\(c.event),가상대학교,,\(c.phone.replacingOccurrences(of: "-", with: ".")),거주자,\(c.phone.replacingOccurrences(of: "-", with: ".")),781325-1583620,가상은행,\(c.account)",
                "\(d.name),강사,\(d.event),가상대학교,,\(d.phone.filter(\.isNumber)),\(d.account.filter(\.isNumber)),\(d.phone),\(d.rrn.filter(\.isNumber))0,가상은행,\(d.account.replacingOccurrences(of: "-", with: " "))",
                "\(a.name),위원,\(a.event),가상대학교,,\(a.phone),\(a.rrn.replacingOccurrences(of: "-", with: " ")),기타소득,\(a.rrn.replacingOccurrences(of: "-", with: " ")),가상은행,\(a.account)",
                "\(b.name),\(b.phone),\(b.event),가상대학교,,,거주자,기타소득,\(b.rrn),\(b.account),\(b.rrn.dropLast())",
            ]
            let text = ([Self.header] + rows).joined(separator: "\n")
            try sandbox.write("input/bad.csv", text)
            try sandbox.write("input/bad-cp949.csv", bytes: try #require(text.data(using: Self.cp949)))
            for file in ["input/bad.csv", "input/bad-cp949.csv"] {
                let outcome = try store.run("roster", "import", plan, file)
                #expect(outcome.status == Exit.dataError)
                #expect(outcome.stdout == "")
                #expect(outcome.stderr.contains("\(file):2:1: row 1.역할: expected a role"))
                #expect(outcome.stderr.contains("\(file):4:1: row 3.주민등록번호: expected a resident number that starts with a real birth date"))
                // The last row's account in the bank column (kept in clear) is an error of its own.
                #expect(outcome.stderr.contains("\(file):7:1: row 6.은행: expected a bank's name, got a number like a resident number, an account or a phone"))
                #expect(outcome.stderr.hasSuffix("planner: nothing was imported: \(file) has 12 errors\n"), "\(outcome.stderr)")
            }
            // Nothing was stored: not even a database was created.
            #expect(!FileManager.default.fileExists(atPath: store.database.path))
            #expect(try store.run("roster", "list", plan, "--format", "json").status == Exit.ioError)
            // A data row where the header belongs, and headers that are numbers (quoted as unknown columns).
            try sandbox.write("input/no-header.csv", Self.rosterLine(a))
            #expect(try store.run("roster", "import", plan, "input/no-header.csv").status == Exit.dataError)
            try sandbox.write("input/number-header.csv", "name,role,event,\(a.phone.replacingOccurrences(of: "-", with: " ")),\(a.account),\(b.phone)\n\(a.name),위원,\(a.event),,,")
            let header = try store.run("roster", "import", plan, "input/number-header.csv")
            #expect(header.status == Exit.dataError)
            #expect(header.stderr.contains("unknown column"))
        }
    }

    /// Input echoed by messages outside the roster reader: a person named by a number at the door or on
    /// a sign-in sheet. The messages quote the name as typed (`no "…" on the roster`), through
    /// `Redaction.quoted`, so a resident number typed in place of a name is never printed in clear.
    @Test("a resident number or an account typed where a name belongs is not echoed in clear")
    func numbersTypedAsNames() throws {
        try Sandbox.with { sandbox in
            let store = try Store(sandbox)
            let plan = Self.plan
            let a = Self.committee[0]
            try sandbox.write("input/committee.csv", ([Self.header] + Self.committee.map { Self.rosterLine($0) }).joined(separator: "\n"))
            #expect(try store.run("roster", "import", plan, "input/committee.csv").status == 0)
            // The attendance sheet's own reader masks what it quotes.
            try sandbox.write("input/sheet-time.csv", "session,person,time\nsocial-city-committee/2,\(a.name),\(a.phone)")
            let time = try runPlanner(["attend", plan, "--sheet", "input/sheet-time.csv"], in: sandbox.directory, environment: store.environment)
            #expect(time.status == Exit.dataError)
            #expect(Self.leaks(in: time.stderr) == [])

            try sandbox.write("input/sheet.csv", "session,person,time\nsocial-city-committee/2,\(a.rrn),2017-05-17T14:00")
            let door = try runPlanner(["attend", plan, "social-city-committee/1", a.rrn], in: sandbox.directory, environment: store.environment)
            let sheet = try runPlanner(["attend", plan, "--sheet", "input/sheet.csv"], in: sandbox.directory, environment: store.environment)
            #expect(door.status == Exit.dataError && sheet.status == Exit.dataError)
            #expect(Self.leaks(in: door.stderr) == [], "planner attend PLAN SESSION <resident number>: \(door.stderr)")
            #expect(Self.leaks(in: sheet.stderr) == [], "planner attend --sheet with a resident number as the person: \(sheet.stderr)")

            // An account of short groups written with spaces, in a column whose value the roster reader
            // quotes: hidden like any number of seven or more digits, whatever joins its groups.
            try sandbox.write("input/short-groups.csv", "name,role,event,residency\n\(a.name),위원,\(a.event),110 401 9876\n")
            let short = try runPlanner(["roster", "import", plan, "input/short-groups.csv"], in: sandbox.directory, environment: store.environment)
            #expect(short.status == Exit.dataError)
            #expect(short.stderr.contains(" | 가람솔,위원,social-city-committee,*** *** ****\n"), "the excerpt is masked")
            #expect(!short.stderr.contains("110 401 9876"), "\(short.stderr)")
        }
    }
}
