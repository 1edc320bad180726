import Foundation
import Testing

/// What an adversarial run found getting past the mask: resident numbers typed where an item, a
/// session, a name or an option value belongs, written in full-width digits, or put in a roster
/// column kept in clear, and one number under two names. Each case runs the binary and then scans
/// everything it printed, and every file it left in the sandbox (the database and its `-wal`), for
/// the fake numbers in ASCII and full-width digits.
@Suite("Personal numbers typed in the wrong place are never echoed or stored in clear")
struct MaskingGapTests {
    static let plan = AttendanceEndToEndTests.plan
    typealias Store = AttendanceEndToEndTests.Store

    /// The fake numbers of this suite, as digits; each is searched for whole and by its hidden tail.
    static let numbers = ["7001011234500", "7102022234501"]

    /// `7001011234500` → `７００１０１１２３４５００`.
    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { ("0"..."9").contains($0) ? Unicode.Scalar($0.value - 0x30 + 0xFF10)! : $0 }))
    }

    /// Every place one of the numbers shows in `text`, or in `text` with separators removed.
    static func leaks(_ text: String) -> [String] {
        let compact = String(text.unicodeScalars.filter { !"-－ .".unicodeScalars.contains($0) }.map(Character.init))
        var found: [String] = []
        for number in numbers {
            for form in [number, String(number.suffix(7)), fullWidth(number), fullWidth(String(number.suffix(7)))]
            where text.contains(form) || compact.contains(form) {
                found.append(form)
            }
        }
        return found
    }

    /// The leaks in every file under the sandbox (the database, its `-wal`, anything written).
    static func fileLeaks(_ sandbox: Sandbox) -> [String] {
        guard let walker = FileManager.default.enumerator(at: sandbox.directory, includingPropertiesForKeys: nil) else { return [] }
        var found: [String] = []
        for case let url as URL in walker where !url.pathExtension.hasSuffix("csv") {
            guard let data = try? Data(contentsOf: url) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            found += leaks(text).map { "\(url.lastPathComponent): \($0)" }
        }
        return found
    }

    static let why = "got a number like a resident number, an account or a phone in"
    static let hint = "  hint: resident numbers, accounts and phones go in their own columns (rrn, account, phone), which are kept encrypted\n"

    @Test("a roster with numbers in the e-mail, organization and name columns is refused with each row and column, masked, and nothing is stored")
    func numbersInClearColumns() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("roster.csv", """
                성명,역할,행사,소속,이메일
                김민준,위원,social-city-committee,소속 710202-2234501,700101-1234500
                김민준7001011234500,위원,social-city-committee,서울대학교,member1@example.kr
                이서연,위원,social-city-committee,서울대학교 (2017-03-15),m2@example.kr
                """)
            let imported = try store.run("roster", "import", Self.plan, "roster.csv")
            #expect(imported.stderr == """
                planner: error: roster.csv:2:1: row 1.소속: expected an organization, \(Self.why) "소속 ******-*******"
                 2 | 김민준,위원,social-city-committee,소속 ******-*******,******-*******
                   | ^
                \(Self.hint)planner: error: roster.csv:2:1: row 1.이메일: expected an e-mail address, \(Self.why) "******-*******"
                 2 | 김민준,위원,social-city-committee,소속 ******-*******,******-*******
                   | ^
                \(Self.hint)planner: error: roster.csv:3:1: row 2.성명: expected the person's name, \(Self.why) "김민준*************"
                 3 | 김민준*************,위원,social-city-committee,서울대학교,member1@example.kr
                   | ^
                \(Self.hint)planner: nothing was imported: roster.csv has 3 errors

                """)
            #expect(imported.status == Exit.dataError)
            #expect(imported.stdout == "")
            #expect(Self.leaks(imported.stdout + imported.stderr).isEmpty)
            #expect(Self.fileLeaks(sandbox).isEmpty)

            // The rows without numbers import; the listing shows no number in clear.
            try sandbox.write("roster.csv", "성명,역할,행사,소속,이메일\n이서연,위원,social-city-committee,서울대학교 (2017-03-15),m2@example.kr")
            #expect(try store.run("roster", "import", Self.plan, "roster.csv").status == Exit.ok)
            let list = try store.run("roster", "list", Self.plan)
            #expect(list.stdout.contains("서울대학교 (2017-03-15)") && Self.leaks(list.stdout).isEmpty)
            #expect(Self.fileLeaks(sandbox).isEmpty)
        }
    }

    @Test("one resident number under two names: refused in one file, and against the roster already stored, never naming the number")
    func oneNumberTwoNames() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("both.csv", "성명,역할,행사,주민등록번호\n김민준,위원,social-city-committee,700101-1234500\n이서연,위원,social-city-committee,7001011234500")
            let both = try store.run("roster", "import", Self.plan, "both.csv")
            #expect(both.stderr == """
                planner: error: both.csv:3:1: row 2.주민등록번호: expected each resident number under one name, got the resident number of row 1 (김민준) under the name "이서연"
                 3 | 이서연,위원,social-city-committee,*************
                   | ^
                  hint: check the resident numbers of both rows, and write one person's name the same way on every row
                planner: nothing was imported: both.csv has 1 error

                """)
            #expect(both.status == Exit.dataError)

            try sandbox.write("first.csv", "성명,역할,행사,주민등록번호\n김민준,위원,social-city-committee,700101-1234500")
            try sandbox.write("second.csv", "성명,역할,행사,주민등록번호\n이서연,위원,social-city-committee,700101-1234500")
            #expect(try store.run("roster", "import", Self.plan, "first.csv").status == Exit.ok)
            let second = try store.run("roster", "import", Self.plan, "second.csv")
            #expect(second.stderr == "planner: error: row 1 gives 이서연 the resident number the roster already holds for 김민준; nothing was imported\n"
                + "  hint: one resident number is one person: check the row's number, or correct the other person's row in the same file\n")
            #expect(second.status == Exit.dataError)
            #expect(try store.run("roster", "list", Self.plan).stdout.components(separatedBy: "\n").filter { $0.contains("이서연") }.isEmpty)

            // A number that moves from one person to another in one file is judged where it ends up.
            try sandbox.write("moved.csv", "성명,역할,행사,주민등록번호\n이서연,위원,social-city-committee,700101-1234500\n김민준,위원,social-city-committee,710202-2234501")
            #expect(try store.run("roster", "import", Self.plan, "moved.csv").stdout == "moved.csv: 2 people: 1 added, 1 updated, 0 unchanged\n")
            #expect(Self.fileLeaks(sandbox).isEmpty)
        }
    }

    @Test("a resident number typed as an item, a session, a name, an option value or in a sign-in sheet is echoed masked", arguments: [
        (["spend", "PLAN", "700101-1234500", "1,000원", "--date", "2017-03-01"], Exit.dataError,
         "planner: error: no item \"******-*******\" in 소셜특별시 프로젝트 추진 2017\n"),
        (["attend", "PLAN", "700101-1234500/1", "김민준"], Exit.dataError,
         "planner: error: no session \"******-*******/1\" in 소셜특별시 프로젝트 추진 2017\n  hint: planner sessions PLAN lists them\n"),
        (["attend", "PLAN", "social-city-committee/1", "７００１０１－１２３４５００"], Exit.dataError,
         "planner: error: no \"＊＊＊＊＊＊－＊＊＊＊＊＊＊\" on the roster of social-city-committee\n"),
        (["spend", "PLAN", "x", "1,000원", "--date", "７００１０１－１２３４５００"], Exit.usage,
         "Error: --date expects a day like 2017-10-20, got \"＊＊＊＊＊＊－＊＊＊＊＊＊＊\"\n"),
        (["status", "PLAN", "--as-of", "7001011234500"], Exit.usage,
         "Error: --as-of expects a day like 2017-06-30, got \"*************\"\n"),
        (["attend", "PLAN", "--sheet", "sheet.csv"], Exit.dataError,
         "planner: error: sheet.csv:2:1: no session \"******-*******\"\nplanner: error: sheet.csv:3:1: no \"＊＊＊＊＊＊＊＊＊＊＊＊＊\" paid at social-city-committee/1\n"),
    ])
    func echoes(arguments: [String], status: Int32, expected: String) throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("roster.csv", "성명,역할,행사\n김민준,위원,social-city-committee")
            #expect(try store.run("roster", "import", Self.plan, "roster.csv").status == Exit.ok)
            try sandbox.write("sheet.csv", "session,name\n700101-1234500,김민준\nsocial-city-committee/1,７００１０１１２３４５００")
            let outcome = try runPlanner(arguments.map { $0 == "PLAN" ? Self.plan : $0 }, in: sandbox.directory, environment: store.environment)
            #expect(outcome.stderr.hasPrefix(expected), "\(outcome)")
            #expect(outcome.status == status)
            #expect(Self.leaks(outcome.stdout + outcome.stderr).isEmpty, "\(outcome)")
            #expect(Self.fileLeaks(sandbox).isEmpty)
        }
    }

    @Test("a name with a line break inside its quotes is refused at import, so every name on the roster can be typed")
    func lineBreakInName() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            try sandbox.write("roster.csv", "성명,역할,행사\n\"김민\n준\",위원,social-city-committee\n이서연,위원,social-city-committee")
            let imported = try store.run("roster", "import", Self.plan, "roster.csv")
            #expect(imported.stderr == """
                planner: error: roster.csv:2:1: row 1.성명: expected the person's name on one line, got a line break inside "김민…"
                 2 | "김민
                   | ^
                  hint: remove the line break from the cell (Alt+Enter in Excel)
                planner: nothing was imported: roster.csv has 1 error

                """)
            #expect(imported.status == Exit.dataError)
        }
    }

    @Test("a byte-order mark in the middle of a plan, a roster or a sign-in sheet is reported where it is")
    func byteOrderMarkInside() throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            let plan = try String(contentsOfFile: Self.plan, encoding: .utf8)
            try sandbox.write("plan.yaml", bytes: Data([0xEF, 0xBB, 0xBF]) + Data(plan.replacingOccurrences(of: "\nyear: 2017", with: "\n\u{FEFF}year: 2017").utf8))
            let line = plan.components(separatedBy: "\n").firstIndex(of: "year: 2017")! + 1
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stderr == """
                planner: error: plan.yaml:\(line):1: expected text, got a byte-order mark (U+FEFF) inside the file
                 \(line) | \u{FEFF}year: 2017
                    | ^
                  hint: it is invisible in most editors and is left where two files were joined; delete it

                """)
            #expect(check.status == Exit.findings)

            try sandbox.write("sheet.csv", "session,name\nsocial-city-committee/1,김민준\n\u{FEFF}social-city-committee/1,이서연")
            let sheet = try store.run("attend", Self.plan, "--sheet", "sheet.csv")
            #expect(sheet.stderr.contains("planner: error: sheet.csv:3:1: expected text, got a byte-order mark (U+FEFF) inside the file\n"))
            #expect(sheet.status == Exit.dataError)
        }
    }

    @Test("a field of a megabyte gives an error of a few lines that says how much of it was left out", arguments: ["plan", "roster", "sheet", "page"])
    func boundedErrors(kind: String) throws {
        try Sandbox.with { sandbox in
            let store = Store(sandbox: sandbox)
            let field = String(repeating: "y", count: 1_000_000)
            let outcome: Outcome
            switch kind {
            case "plan":
                try sandbox.write("plan.yaml", "program: x\nyear: 2017\ncategories:\n  - code: 201-01\n    \(field): 1")
                outcome = try sandbox.run("check", "plan.yaml")
            case "roster":
                try sandbox.write("roster.csv", "성명,역할,행사\n김민준,위원,\(field)")
                outcome = try store.run("roster", "import", Self.plan, "roster.csv")
            case "sheet":
                try sandbox.write("roster.csv", "성명,역할,행사\n김민준,위원,social-city-committee")
                #expect(try store.run("roster", "import", Self.plan, "roster.csv").status == Exit.ok)
                try sandbox.write("sheet.csv", "session,name\nsocial-city-committee/1,\(field)")
                outcome = try store.run("attend", Self.plan, "--sheet", "sheet.csv")
            default:
                // A page whose unreadable line is reported (the page is still imported).
                let page = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/PlanFilesTests/Pages/unreadable-line-2021.txt"), encoding: .utf8)
                try sandbox.write("page.txt", page.replacingOccurrences(of: "▒▒▒ ◈◈ 3#4@@ ?? ▒▒", with: "▒▒▒ " + field))
                outcome = try sandbox.run("import", "page.txt", "--out", "plan.yaml")
            }
            #expect(kind == "page" ? outcome.stdout.hasPrefix("wrote plan.yaml") : outcome.status != Exit.ok, "\(outcome.stderr.prefix(2_000))")
            #expect(outcome.stderr.utf8.count < 1_500, "\(outcome.stderr.prefix(2_000))")
            #expect(outcome.stderr.split(separator: "\n").allSatisfy { columns(of: $0) <= 200 })
            #expect(outcome.stderr.contains(" more characters)"), "\(outcome.stderr.prefix(2_000))")
        }
    }
}

/// Display columns of a line of output (Hangul two, everything else one), to bound message widths.
private func columns(of line: Substring) -> Int {
    line.unicodeScalars.reduce(0) { $0 + ((0x1100...0x115F).contains($1.value) || (0xAC00...0xD7A3).contains($1.value) || (0xFF01...0xFF60).contains($1.value) ? 2 : 1) }
}
