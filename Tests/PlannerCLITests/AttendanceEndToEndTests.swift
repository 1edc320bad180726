import Foundation
import Testing

/// The 2017 plan's advisory committee run end to end through the binary: roster → attendance →
/// honoraria → payment batch, on a real database file, and what the file holds afterwards.
@Suite("Attendance and honoraria, end to end")
struct AttendanceEndToEndTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let plan = repository.appendingPathComponent("Events/social-city-2017.yaml").path
    static let names = ["김민준", "이서연", "박도윤", "최하은", "정시우", "강지아", "조하준", "윤서아", "장은우", "임지호", "한예린", "오건우", "서지민", "신유나", "권태윤"]

    /// Member i: a valid resident number, an account and a phone of its own.
    static func member(_ i: Int) -> (rrn: String, account: String, phone: String) {
        let month = String(format: "%02d", i % 12 + 1), day = String(format: "%02d", i + 1)
        return ("7\(i % 10)\(month)\(day)-\(i % 2 == 0 ? 1 : 2)\(String(format: "%06d", 234_500 + i))",
                "110-4\(String(format: "%02d", i))-9876\(String(format: "%02d", i))", "010-55\(String(format: "%02d", i))-12\(String(format: "%02d", i))")
    }

    static var roster: String {
        (["성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호"] + names.enumerated().map { i, name in
            let m = member(i)
            return "\(name),위원,social-city-committee,서울대학교,m\(i)@example.kr,\(m.phone),거주자,기타소득,\(m.rrn),신한은행,\(m.account)"
        }).joined(separator: "\n")
    }

    struct Store {
        let sandbox: Sandbox
        var environment: [String: String] {
            ["PLANNER_DATABASE": sandbox.directory.appendingPathComponent("db/planner.sqlite").path,
             "PLANNER_KEY_FILE": sandbox.directory.appendingPathComponent("keys/planner.key").path, "USER": "tester"]
        }
        func run(_ arguments: String..., stdin: Data? = nil) throws -> Outcome {
            try runPlanner(arguments, in: sandbox.directory, stdin: stdin, environment: environment)
        }
    }

    @Test("15 members, 6 meetings with absences: honoraria of 150,000원 with 13,200원 withheld each, one batch, nothing personal in clear")
    func committee() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("committee.csv", Self.roster)
            let imported = try store.run("roster", "import", Self.plan, "committee.csv")
            #expect(imported.stdout == "committee.csv: 15 people: 15 added, 0 updated, 0 unchanged\n")
            #expect(imported.status == 0)
            let again = try store.run("roster", "import", Self.plan, "committee.csv")
            #expect(again.stdout == "committee.csv: 15 people: 0 added, 0 updated, 15 unchanged\n")

            // Meeting n: everyone except members n-1 and n+5 (mod 15) came; two absences a meeting.
            var lines = ["session,person,time"]
            var attended = 0
            for meeting in 1...6 {
                for (i, name) in Self.names.enumerated() where i != meeting - 1 && i != (meeting + 5) % 15 {
                    lines.append("social-city-committee/\(meeting),\(name),2017-0\(meeting + 2)-15T14:00")
                    attended += 1
                }
            }
            try sandbox.write("sign-in.csv", lines.joined(separator: "\n"))
            let sheet = try store.run("attend", Self.plan, "--sheet", "sign-in.csv")
            #expect(sheet.stdout == "sign-in.csv: \(attended) recorded, 0 already recorded\n")
            #expect(sheet.status == 0)
            // The door check-in of someone already on the sheet is still one attendance.
            let door = try store.run("attend", Self.plan, "social-city-committee/2", "김민준")
            #expect(door.stdout == "already recorded: 김민준 (allowance) at social-city-committee/2\n")

            let honoraria = try store.run("honoraria", Self.plan, "--format", "json", "--on", "2026-11-21")
            #expect(honoraria.status == 0)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(honoraria.stdout.utf8)) as? [String: Any])
            let payments = try #require(json["payments"] as? [[String: Any]])
            #expect(payments.count == attended)
            #expect(payments.allSatisfy { ($0["gross"] as? Int) == 150_000 && ($0["incomeTax"] as? Int) == 12_000 && ($0["localTax"] as? Int) == 1_200 && ($0["net"] as? Int) == 136_800 })
            #expect(payments.allSatisfy { ($0["residentNumber"] as? String)?.hasSuffix("******") == true })
            // Scripts get the session's id; people its name.
            #expect(payments.allSatisfy { ($0["session"] as? String)?.hasPrefix("social-city-committee/") == true })
            #expect(payments.allSatisfy { ($0["sessionName"] as? String)?.hasPrefix("소셜특별시 자문위원회 ") == true })
            let totals = try #require(json["totals"] as? [String: Int])
            #expect(totals == ["count": attended, "gross": 150_000 * attended, "incomeTax": 12_000 * attended, "localTax": 1_200 * attended, "net": 136_800 * attended])

            let batch = try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21")
            #expect(batch.stdout == "payment batch 1 (draft): \(attended) payments through 2017-12-31, withheld for payment on 2026-11-21 — gross \(grouped(150_000 * attended))원, "
                + "income tax \(grouped(12_000 * attended))원, local tax \(grouped(1_200 * attended))원, net \(grouped(136_800 * attended))원\n")
            let none = try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21")
            #expect(none.stdout == "nothing to pay: every earned honorarium through 2017-12-31 is already in a batch\n")
            #expect(try store.run("pay", Self.plan, "--approve", "1", "--on", "2026-11-22").status == 0)
            #expect(try store.run("pay", Self.plan, "--paid", "1", "--on", "2026-11-25").status == 0)

            // The batch for finance: masked by default; in full only for the tax statement, which is audited.
            let masked = try store.run("pay", Self.plan, "--export", "1", "--format", "csv")
            #expect(!containsPersonalNumbers(Data(masked.stdout.utf8)))
            let full = try store.run("pay", Self.plan, "--export", "1", "--for-tax-statement", "--out", "tax.csv")
            #expect(full.status == 0)
            let statement = try String(contentsOf: sandbox.directory.appendingPathComponent("tax.csv"), encoding: .utf8)
            #expect(statement.contains(Self.member(1).rrn))

            // Nothing of the resident numbers, accounts or phones is in the database files in clear.
            let folder = sandbox.directory.appendingPathComponent("db")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
                #expect(!containsPersonalNumbers(bytes), "\(name) holds a personal number in clear")
            }
            // The key sits outside the database, readable by its owner only.
            let key = sandbox.directory.appendingPathComponent("keys/planner.key").path
            let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    /// Whether any member's resident number, account or phone appears, with or without hyphens.
    func containsPersonalNumbers(_ data: Data) -> Bool {
        let text = String(decoding: data, as: UTF8.self)
        return Self.names.indices.contains { i in
            let m = Self.member(i)
            return [m.rrn, m.account, m.phone].contains { text.contains($0) || text.contains($0.replacingOccurrences(of: "-", with: "")) }
        }
    }

    func grouped(_ value: Int) -> String {
        let digits = String(value)
        return digits.enumerated().map { ($0.offset > 0 && (digits.count - $0.offset) % 3 == 0 ? "," : "") + String($0.element) }.joined()
    }

    @Test("a roster with bad rows stores nothing and names the rows, never the numbers")
    func badRoster() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("committee.csv", """
                name,role,event,rrn
                김민준,allowance,social-city-committee,701301-1234567
                ,allowance,social-city-committee,
                이서연,allowance,social-city-committe,
                """)
            let imported = try store.run("roster", "import", Self.plan, "committee.csv")
            #expect(imported.status == 65)
            #expect(imported.stderr.contains("committee.csv:2:1: row 1.rrn: expected a resident number that starts with a real birth date (YYMMDD), got an impossible date"))
            #expect(imported.stderr.contains("committee.csv:3:1: row 2.name: "))
            #expect(imported.stderr.contains("committee.csv:4:1: row 3.event: "))
            #expect(!imported.stderr.contains("1234567") && !imported.stderr.contains("701301"))
            #expect(imported.stderr.hasSuffix("planner: nothing was imported: committee.csv has 3 errors\n"))
            // Nothing was stored, and no database was created for it.
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("db").path))
            #expect(!FileManager.default.fileExists(atPath: sandbox.directory.appendingPathComponent("keys").path))
        }
    }

    @Test("two planner processes recording attendance at once both succeed")
    func concurrentWriters() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("committee.csv", Self.roster)
            #expect(try store.run("roster", "import", Self.plan, "committee.csv").status == 0)
            let outcomes = try DispatchQueue.concurrentPerformRethrowing(count: 2) { index in
                try store.run("attend", Self.plan, "social-city-committee/\(index + 3)", Self.names[0], Self.names[1], Self.names[2], Self.names[3], Self.names[4])
            }
            #expect(outcomes.allSatisfy { $0.status == 0 && $0.stderr == "" })
            let honoraria = try store.run("honoraria", Self.plan, "--format", "json", "--on", "2026-11-21")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(honoraria.stdout.utf8)) as? [String: Any])
            #expect((json["payments"] as? [Any])?.count == 10)
        }
    }

    @Test("a file that is not a planner database is refused and left unchanged")
    func foreignDatabase() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("notes.txt", "not a database")
            let before = try Data(contentsOf: sandbox.directory.appendingPathComponent("notes.txt"))
            let outcome = try runPlanner(["roster", "list", Self.plan, "--database", "notes.txt"], in: sandbox.directory,
                                         environment: ["PLANNER_KEY_FILE": sandbox.directory.appendingPathComponent("k").path])
            #expect(outcome.status == 74)
            #expect(outcome.stderr == "planner: error: notes.txt is not a planner database (it is not an SQLite database file); it was left unchanged\n")
            #expect(try Data(contentsOf: sandbox.directory.appendingPathComponent("notes.txt")) == before)
        }
    }

    @Test("without the key, everything but personal numbers keeps working")
    func keyMissing() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("committee.csv", Self.roster)
            #expect(try store.run("roster", "import", Self.plan, "committee.csv").status == 0)
            try FileManager.default.removeItem(at: sandbox.directory.appendingPathComponent("keys/planner.key"))
            let list = try store.run("roster", "list", Self.plan)
            #expect(list.status == 0)
            #expect(list.stdout.contains("-1******") && list.stdout.contains("********"))
            #expect(try store.run("attend", Self.plan, "social-city-committee/1", Self.names[0]).status == 0)
            #expect(try store.run("pay", Self.plan, "--through", "2017-12-31", "--on", "2026-11-21").status == 0)
            let statement = try store.run("pay", Self.plan, "--export", "1", "--for-tax-statement")
            #expect(statement.status == 65)
            #expect(statement.stderr.hasPrefix("planner: error: the key file \(sandbox.directory.appendingPathComponent("keys/planner.key").path) is missing"))
        }
    }
}

extension DispatchQueue {
    /// Runs `body` `count` times in parallel and returns the results in index order.
    static func concurrentPerformRethrowing<T: Sendable>(count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        concurrentPerform(iterations: count) { index in shared[index] = Result { try body(index) } }
        return try results.map { try $0!.get() }
    }
}

@Suite("Attendance messages")
struct AttendanceMessageTests {
    static let plan = AttendanceEndToEndTests.plan

    func withRoster(_ body: (AttendanceEndToEndTests.Store, Sandbox) throws -> Void) throws {
        try Sandbox.with { sandbox in
            let store = AttendanceEndToEndTests.Store(sandbox: sandbox)
            try sandbox.write("committee.csv", AttendanceEndToEndTests.roster)
            #expect(try store.run("roster", "import", Self.plan, "committee.csv").status == 0)
            try body(store, sandbox)
        }
    }

    @Test("an unknown session or person is an error listing the close matches")
    func unknownSessionAndPerson() throws {
        try withRoster { store, _ in
            let session = try store.run("attend", Self.plan, "social-city-comittee/1", "김민준")
            #expect(session.status == 65)
            #expect(session.stderr == "planner: error: no session \"social-city-comittee/1\" in 소셜특별시 프로젝트 추진 2017\n  hint: did you mean \"social-city-committee/1\"?\n")
            let person = try store.run("attend", Self.plan, "social-city-committee/1", "김민중")
            #expect(person.status == 65)
            #expect(person.stderr == "planner: error: no \"김민중\" on the roster of social-city-committee\n  hint: did you mean \"김민준\"?\n")
        }
    }

    @Test("voiding needs a reason, keeps the record, and a later check-in of a voided attendance is refused")
    func voiding() throws {
        try withRoster { store, _ in
            let noReason = try store.run("attend", Self.plan, "--void", "social-city-committee/1", "김민준")
            #expect(noReason.status == 64)
            #expect(noReason.stderr.contains("--void needs --reason \"…\" for the audit log"))
            #expect(try store.run("attend", Self.plan, "social-city-committee/1", "김민준").stdout == "recorded: 김민준 (allowance) at social-city-committee/1\n")
            let void = try store.run("attend", Self.plan, "--void", "social-city-committee/1", "김민준", "--reason", "서명 착오")
            #expect(void.stdout == "voided: 김민준 (allowance) at social-city-committee/1\n")
            let again = try store.run("attend", Self.plan, "social-city-committee/1", "김민준")
            #expect(again.status == 65)
            #expect(again.stderr == "planner: error: the attendance of 김민준 at social-city-committee/1 was voided; restore it to count it again\n")
            let honoraria = try store.run("honoraria", Self.plan, "--format", "json", "--on", "2026-11-21")
            #expect(honoraria.stdout.contains("\"payments\": []"))
        }
    }

    @Test("a sign-in sheet naming someone not on the roster records nothing")
    func sheetWithUnknownPerson() throws {
        try withRoster { store, sandbox in
            try sandbox.write("sheet.csv", "session,person,time\nsocial-city-committee/1,김민준,2017-03-15T14:00\nsocial-city-committee/1,홍길동,2017-03-15T14:01")
            let sheet = try store.run("attend", Self.plan, "--sheet", "sheet.csv")
            #expect(sheet.status == 65)
            #expect(sheet.stderr == "planner: error: sheet.csv:3:1: no \"홍길동\" paid at social-city-committee/1\nplanner: nothing was recorded: sheet.csv has 1 error\n")
            let honoraria = try store.run("honoraria", Self.plan, "--format", "json", "--on", "2026-11-21")
            #expect(honoraria.stdout.contains("\"payments\": []"))
        }
    }
}
