import Foundation
import Testing

/// Every kind of input file given to every command, most of them expecting another kind: a roster
/// where a plan belongs, a plan where a sign-in sheet belongs, a budget page where a roster belongs.
/// Whatever the planner says about a file it can't use, it never prints a resident number, an account
/// or a phone number in any spelling, and never a message line wider than 200 columns (an excerpt is
/// one line, cut; never the whole file).
///
/// The checks do not depend on the database: each command runs against a database in the sandbox,
/// which the first command creates, and only what the planner prints is judged.
@Suite("Wrong kinds of input never print personal numbers")
struct WrongInputKindTests {
    /// A fictional person whose numbers the secret files hold in every spelling.
    static let residentNumber = "850412-1938274"
    static let account = "357-918264-73501"
    static let phone = "010-7391-4826"

    /// `850412-1938274` → `８５０４１２－１９３８２７４`.
    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "0"..."9": Unicode.Scalar(scalar.value - 0x30 + 0xFF10)!
            case "-": "\u{FF0D}"
            default: scalar
            }
        }))
    }

    /// Every way a number may be written: as given, digits only, groups joined by spaces or dots,
    /// full-width (with and without the full-width hyphen), and mixed.
    static func spellings(_ number: String) -> [String] {
        let groups = number.split(separator: "-").map(String.init)
        return [
            number, groups.joined(), groups.joined(separator: " "), groups.joined(separator: "."),
            fullWidth(number), fullWidth(groups.joined()), groups.joined(separator: "\u{FF0D}"),
            fullWidth(groups[0]) + "-" + groups.dropFirst().joined(separator: "-"),
        ]
    }

    /// The digits whose appearance in any output is a leak: each number whole, and the parts that the
    /// masked listings hide (`850412-1******` hides the last six digits of a resident number,
    /// `*******3501` all but the last four of an account or a phone). The numbers of the sample roster
    /// in Events/rosters are personal data by the same rule.
    static var secretDigits: [(what: String, digits: String)] {
        var secrets: [(String, String)] = []
        for (what, number) in [("resident number", residentNumber), ("account", account), ("phone", phone)] {
            let digits = number.filter(\.isNumber)
            secrets.append((what, digits))
            secrets.append(("the hidden part of the \(what)", what == "resident number" ? String(digits.suffix(6)) : String(digits.dropLast(4))))
        }
        for line in sampleRoster.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let rrn = fields[8].filter(\.isNumber), account = fields[10].filter(\.isNumber)
            secrets.append(("\(fields[0])'s resident number", rrn))
            secrets.append(("the hidden part of \(fields[0])'s resident number", String(rrn.suffix(6))))
            secrets.append(("\(fields[0])'s account", account))
        }
        return secrets
    }

    /// The secrets found in `text`, looked for in the text as printed and with every decimal digit
    /// made ASCII and the hyphens, dashes, spaces and dots between digits taken out, so that no
    /// spelling (mixed ones included) hides a number.
    static func leaks(in text: String) -> [String] {
        var found = Set<String>()
        for (what, number) in [("resident number", residentNumber), ("account", account), ("phone", phone)] {
            for spelling in spellings(number) where text.contains(spelling) { found.insert("\(what) as \(spelling)") }
        }
        let joiners: Set<Character> = ["-", " ", ".", "\u{FF0D}", "\u{FF0E}", "\u{3000}", "\u{00A0}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]
        let characters = Array(text)
        var normalised = ""
        for (index, character) in characters.enumerated() {
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.properties.numericType == .decimal,
               let digit = character.wholeNumberValue {
                normalised += String(digit)
            } else if joiners.contains(character), index > 0, index + 1 < characters.count,
                      characters[index - 1].wholeNumberValue != nil, characters[index + 1].wholeNumberValue != nil {
                continue
            } else {
                normalised.append(character)
            }
        }
        for (what, digits) in secretDigits where normalised.contains(digits) { found.insert(what) }
        return found.sorted()
    }

    /// Terminal columns of `line`: Hangul, CJK and full-width forms take two.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    static let sampleRoster = (try? String(contentsOf: repositoryRoot.appendingPathComponent("Events/rosters/social-city-committee-2017.csv"), encoding: .utf8)) ?? ""

    /// A roster with the person's numbers in their columns and in the wrong ones, in every spelling.
    static var secretRoster: String {
        let r = spellings(residentNumber), a = spellings(account), p = spellings(phone)
        return """
            성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호
            가람솔,위원,social-city-committee,가상대학교,a@example.kr,\(p[0]),거주자,기타소득,\(r[0]),가상은행,\(a[0])
            나래빛,\(r[2]),social-city-committee,가상대학교,b@example.kr,\(p[1]),\(r[1]),\(a[2]),\(r[4]),가상은행,\(a[1])
            다온결,\(p[4]),\(a[3]),가상대학교,c@example.kr,\(p[2]),\(r[6]),\(p[3]),\(r[7]),가상은행,\(a[6])
            라온별,\(r[5]),social-city-committee,\(r[3]),d@example.kr,\(p[6]),거주자,\(p[5]),\(r[0]),가상은행,\(a[4])
            """
    }

    /// A roster that is right but for numbers in the columns kept in clear (name, organization, bank).
    static var secretNames: String {
        let r = spellings(residentNumber), a = spellings(account), p = spellings(phone)
        return """
            성명,역할,행사,소속,주민등록번호,은행,계좌번호
            \(r[2]),위원,social-city-committee,가상대학교,\(r[0]),가상은행,\(a[0])
            \(p[4]),위원,social-city-committee,\(a[2]),,\(a[1]),
            """
    }

    /// Numbers where a sign-in sheet names sessions and people (they reach the database's messages)…
    static var secretSignIn: String {
        let r = spellings(residentNumber), a = spellings(account), p = spellings(phone)
        return """
            session,person,time
            social-city-committee/1,\(r[0]),2017-03-15 14:00
            \(r[2]),가람솔,2017-03-15 14:00
            social-city-committee/1,\(r[4]),2017-03-15 14:00
            social-city-committee/1,\(a[2]),2017-03-15 14:00
            \(p[4]),\(r[7]),2017-03-15 14:00
            """
    }

    /// …and where it has times (they stop at the sheet's reader).
    static var secretSignInTimes: String {
        let r = spellings(residentNumber), a = spellings(account), p = spellings(phone)
        return """
            session,person,time
            social-city-committee/1,가람솔,\(r[0])
            social-city-committee/1,가람솔,\(r[1])
            social-city-committee/1,가람솔,\(r[4])
            social-city-committee/1,가람솔,\(a[3])
            social-city-committee/1,가람솔,\(p[2])
            """
    }

    /// A plan with the numbers as values a reader complains about.
    static var secretPlan: String {
        let r = spellings(residentNumber), a = spellings(account), p = spellings(phone)
        return """
            program: \(r[0])
            year: \(r[1])
            rates: \(a[2])
            period: \(r[4])
            \(r[6]): x
            officers:
              - director: \(p[0])
                phone: \(p[2])
            categories:
              - name: \(r[2])
                code: \(a[0])
                items:
                  - name: \(p[1])
                    lines:
                      - name: \(a[3])
                        unitPrice: \(r[7])
                        factors: [\(r[1]), \(p[4])]
                        \(a[1]): x
            """
    }

    /// A budget page with lines the page reader can't read, holding the numbers.
    static var secretPage: String {
        let r = spellings(residentNumber), a = spellings(account), p = spellings(phone)
        let page = (try? String(contentsOf: repositoryRoot.appendingPathComponent("Tests/PlanFilesTests/Pages/county-book-2013.txt"), encoding: .utf8)) ?? ""
        return page + "\n주민 \(r[0]) 계좌 \(a[2])\n연락처 \(p[4]) \(r[1])\n\(r[5]) \(a[4]) \(p[3])\n"
    }

    /// The input files, each under the name the commands are given.
    static let inputs = ["plan.yaml", "rates.yaml", "roster.csv", "sign-in.csv", "page.txt",
                         "secret-roster.csv", "secret-names.csv", "secret-sign-in.csv", "secret-sign-in-times.csv", "secret-plan.yaml", "secret-page.txt"]

    static func text(of input: String) -> String {
        func file(_ path: String) -> String { (try? String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)) ?? "" }
        switch input {
        case "plan.yaml": return file("Events/social-city-2017.yaml")
        case "rates.yaml": return file("Events/rates.yaml")
        case "roster.csv": return sampleRoster
        case "sign-in.csv": return file("Events/rosters/social-city-committee-2017-sign-in.csv")
        case "page.txt": return file("Tests/PlanFilesTests/Pages/county-book-2013.txt")
        case "secret-roster.csv": return secretRoster
        case "secret-names.csv": return secretNames
        case "secret-sign-in.csv": return secretSignIn
        case "secret-sign-in-times.csv": return secretSignInTimes
        case "secret-plan.yaml": return secretPlan
        default: return secretPage
        }
    }

    /// Every command, with `FILE` where the file under test goes; the other files are of the kind the
    /// command expects there.
    static let commands: [[String]] = [
        ["budget", "FILE"], ["check", "FILE"], ["export", "FILE", "--out", "out/export"],
        ["import", "FILE", "--out", "out/imported.yaml", "--force"], ["roll", "FILE", "--to", "2018"], ["sessions", "FILE"],
        ["new", "FILE"],
        ["roster", "import", "FILE", "roster.csv"], ["roster", "import", "plan.yaml", "FILE"], ["roster", "list", "FILE"],
        ["attend", "FILE", "social-city-committee/1", "김민준"], ["attend", "plan.yaml", "--sheet", "FILE"],
        ["attend", "FILE", "--sheet", "sign-in.csv"],
        ["honoraria", "FILE"], ["status", "FILE"], ["results", "FILE"], ["settle", "FILE"],
        ["report", "FILE", "--out", "out/report.html"],
        ["pay", "FILE", "--through", "2017-12-31"], ["pay", "FILE", "--export", "1", "--out", "out/batch.csv"],
        ["spend", "FILE", "직원 소셜미디어 전문가 교육", "10,000원", "--date", "2017-03-01"],
    ]

    static let databaseCommands: Set<String> = ["roster", "attend", "honoraria", "status", "results", "settle", "report", "pay", "spend", "roll"]

    @Test("the fake numbers are in the inputs, in every spelling, so the scan can find them")
    func scanFindsTheNumbers() {
        for text in [Self.secretRoster, Self.secretNames, Self.secretSignIn, Self.secretSignInTimes, Self.secretPlan, Self.secretPage] {
            #expect(Self.leaks(in: text).contains("resident number"), "\(text)")
        }
        for spelling in Self.spellings(Self.residentNumber) + Self.spellings(Self.account) + Self.spellings(Self.phone) {
            #expect(!Self.leaks(in: "x \(spelling) x").isEmpty, "\(spelling)")
        }
        #expect(Self.leaks(in: "850412-1****** ******3501 ***-****-4826 2017-03-15 14:00") == [])
        #expect(Self.leaks(in: Self.sampleRoster).contains("김민준's resident number"))
    }

    @Test("every command given the wrong kind of file prints no personal number and no overlong line",
          arguments: inputs)
    func wrongKinds(_ name: String) throws {
        try Sandbox.with { sandbox in
            let root = sandbox.directory
            for folder in ["home", "config", "data", "out", "db"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for input in Self.inputs where input == name || ["plan.yaml", "rates.yaml", "roster.csv", "sign-in.csv"].contains(input) {
                try sandbox.write(input, Self.text(of: input))
            }
            let environment = ["HOME": root.appendingPathComponent("home").path, "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
                               "XDG_DATA_HOME": root.appendingPathComponent("data").path, "PLANNER_KEY_FILE": root.appendingPathComponent("db/planner.key").path,
                               "PLANNER_DATABASE": "", "USER": "tester"]
            let database = ["--database", "db/planner.sqlite"]
            // The right kinds first, so that the database has people and sessions whose messages can echo a name.
            _ = try runPlanner(["roster", "import", "plan.yaml", "roster.csv"] + database, in: root, environment: environment)

            // Then what the database holds, listed, whatever the commands before could record.
            let listings = [["roster", "list", "plan.yaml"], ["honoraria", "plan.yaml"], ["pay", "plan.yaml", "--list"], ["status", "plan.yaml"]]
            for command in Self.commands + listings {
                let arguments = command.map { $0 == "FILE" ? name : $0 } + (Self.databaseCommands.contains(command[0]) ? database : [])
                let shown = "planner " + arguments.joined(separator: " ")
                let outcome = try runPlanner(arguments, in: root, environment: environment)
                let printed = outcome.stdout + outcome.stderr
                #expect(Self.leaks(in: printed) == [], "\(shown)\n\(outcome)")
                // The file was read and named, unless the command could use it.
                #expect(outcome.status == Exit.ok || printed.contains(name) || !command.contains("FILE"), "\(shown)\n\(outcome)")
                // Messages and the excerpts under them, the lines that quote the file, stay readable.
                let quoting = outcome.stderr.split(separator: "\n").filter { line in
                    let gutter = line.drop { $0 == " " }.drop(while: \.isNumber)
                    return line.hasPrefix("planner: ") || gutter.hasPrefix(" | ") || gutter.hasPrefix("| ")
                }
                for line in quoting {
                    #expect(Self.columns(line) <= 200, "a line of \(Self.columns(line)) columns from \(shown): \(line.prefix(120))…")
                }
            }
        }
    }

    /// The message the issue was filed about, in full: one line of the roster, cut, with the rest of the
    /// file and its numbers left out.
    @Test("a roster given as a plan is quoted by its first line, cut")
    func rosterAsPlan() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("roster.csv", Self.sampleRoster)
            let budget = try sandbox.run("budget", "roster.csv")
            #expect(budget.stderr == """
                planner: error: roster.csv:1:1: expected a plan as key: value lines, got "성명,역할,행사,소속,이메일,연락처,거주구분,소득…"
                 1 | 성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호
                   | ^
                planner: no budget page: roster.csv has 1 error

                """)
            #expect(budget.status == Exit.dataError && budget.stdout == "")

            // Without a header, the first line holds the numbers: masked in the quote and in the excerpt.
            try sandbox.write("people.csv", Self.sampleRoster.split(separator: "\n").dropFirst().joined(separator: "\n"))
            let check = try sandbox.run("check", "people.csv")
            #expect(check.stderr == """
                planner: error: people.csv:1:1: expected a plan as key: value lines, got "김민준,위원,social-city-committee,가상대학교,me…"
                 1 | 김민준,위원,social-city-committee,가상대학교,member1@example.kr,***-****-****,…
                   | ^

                """)
            #expect(check.stdout == "people.csv: 1 error, 0 warnings\n" && check.status == Exit.findings)
        }
    }
}
