import Foundation
import Testing

/// Golden tests of every message a person gets for a plan file that can't be read: the exact text on
/// standard error, nothing on standard output, and the exit code (65 from `budget`, 1 from `check`,
/// 74 when the file can't be read at all).
@Suite("Plan files that can't be read")
struct PlanFileErrorTests {
    // MARK: - Files that aren't there

    @Test("a missing file is an I/O error (74) with a hint where plans live")
    func missingFile() throws {
        try Sandbox.with { sandbox in
            let expected = """
                planner: error: nope.yaml: no such file
                  hint: plans live in Events/, e.g. Events/social-city-2017.yaml

                """
            let budget = try sandbox.run("budget", "nope.yaml")
            #expect(budget.stderr == expected)
            #expect(budget.stdout == "")
            #expect(budget.status == Exit.ioError)

            let check = try sandbox.run("check", "nope.yaml")
            #expect(check.stderr == expected)
            #expect(check.stdout == "nope.yaml: 1 error, 0 warnings\n")
            #expect(check.status == Exit.ioError)
        }
    }

    @Test("check still checks the other plans when one is missing, and exits 74")
    func missingFileAmongOthers() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 1,000,000원
                """)
            let check = try sandbox.run("check", "nope.yaml", "plan.yaml")
            #expect(check.stderr == """
                planner: error: nope.yaml: no such file
                  hint: plans live in Events/, e.g. Events/social-city-2017.yaml

                """)
            #expect(check.stdout == "nope.yaml: 1 error, 0 warnings\nplan.yaml: 0 errors, 0 warnings\n")
            #expect(check.status == Exit.ioError)
        }
    }

    @Test("a folder given as the plan is an I/O error (74)")
    func folder() throws {
        try Sandbox.with { sandbox in
            try FileManager.default.createDirectory(at: sandbox.directory.appendingPathComponent("Events"), withIntermediateDirectories: true)
            let budget = try sandbox.run("budget", "Events")
            #expect(budget.stderr == "planner: error: Events: this is a folder, not a plan file\n")
            #expect(budget.stdout == "")
            #expect(budget.status == Exit.ioError)
        }
    }

    // MARK: - A rate table where a plan belongs

    /// A command given a rate table, and what it says it did not produce.
    struct RateTableCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let nothing: String
        var testDescription: String { "planner " + arguments.joined(separator: " ") }
    }

    static let rateTableCases = [
        RateTableCase(arguments: ["budget", "rates.yaml"], nothing: "no budget page"),
        RateTableCase(arguments: ["export", "rates.yaml", "--out", "out"], nothing: "no sheets"),
        RateTableCase(arguments: ["sessions", "rates.yaml"], nothing: "no sessions"),
        RateTableCase(arguments: ["roll", "rates.yaml", "--to", "2018"], nothing: "no draft"),
        RateTableCase(arguments: ["status", "rates.yaml", "--database", "planner.sqlite"], nothing: "nothing was recorded"),
        RateTableCase(arguments: ["results", "rates.yaml", "--database", "planner.sqlite"], nothing: "nothing was recorded"),
        RateTableCase(arguments: ["settle", "rates.yaml", "--database", "planner.sqlite"], nothing: "nothing was recorded"),
        RateTableCase(arguments: ["report", "rates.yaml", "--out", "report.html", "--database", "planner.sqlite"], nothing: "nothing was recorded"),
        RateTableCase(arguments: ["spend", "rates.yaml", "운영경비", "1,000원", "--date", "2017-03-02", "--database", "planner.sqlite"],
                      nothing: "nothing was recorded"),
        RateTableCase(arguments: ["roster", "list", "rates.yaml", "--database", "planner.sqlite"], nothing: "nothing was recorded"),
    ]

    @Test("a rate table given to a command that takes a plan is one error saying so and what to run", arguments: rateTableCases)
    func rateTableWherePlanBelongs(_ example: RateTableCase) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("rates.yaml", """
                effective:
                  - from: 2016-01-01
                    basis: 테스트 기준
                    rates:
                      committee.allowance: 150,000원
                """)
            let command = example.arguments.prefix { $0 != "rates.yaml" }.joined(separator: " ")
            let outcome = try runPlanner(example.arguments, in: sandbox.directory)
            #expect(outcome.stderr == """
                planner: error: rates.yaml: expected a plan, got a rate table (effective: blocks of standard rates)
                  hint: `planner check rates.yaml` checks a rate table; `planner \(command)` takes a plan, such as Events/social-city-2017.yaml
                planner: \(example.nothing): rates.yaml has 1 error

                """)
            #expect(outcome.stdout == "")
            #expect(outcome.status == Exit.dataError)
            // Nothing was made: no export folder, no report, no database.
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path) == ["rates.yaml"])
            // `check` is the command that takes a rate table.
            let check = try sandbox.run("check", "rates.yaml")
            #expect(check.stdout == "rates.yaml: 0 errors, 0 warnings\n")
            #expect(check.stderr == "")
            #expect(check.status == Exit.ok)
        }
    }

    @Test("a rate table on standard input is told apart the same way")
    func rateTableOnStandardInput() throws {
        try Sandbox.with { sandbox in
            let table = Data("effective:\n  - from: 2016-01-01\n    rates:\n      committee.allowance: 150,000원\n".utf8)
            let budget = try sandbox.run("budget", "-", stdin: table)
            #expect(budget.stderr == """
                planner: error: <stdin>: expected a plan, got a rate table (effective: blocks of standard rates)
                  hint: `planner check -` checks a rate table; `planner budget` takes a plan, such as Events/social-city-2017.yaml
                planner: no budget page: <stdin> has 1 error

                """)
            #expect(budget.status == Exit.dataError)
        }
    }

    // MARK: - Encoding

    @Test("a plan saved in CP949 is refused with a clear not-UTF-8 error")
    func cp949() throws {
        try Sandbox.with { sandbox in
            let text = """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 1,000,000원

                """
            let cp949 = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0422)), "this Foundation can't encode CP949")
            try #require(String(data: cp949, encoding: .utf8) == nil, "the fixture must not be valid UTF-8")
            try sandbox.write("plan.yaml", bytes: cp949)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml: expected UTF-8 text, got bytes that are not UTF-8 (it looks like CP949/EUC-KR)
                  hint: save the plan as UTF-8

                """, errors: 1)
        }
    }

    @Test("bytes that are neither UTF-8 nor Korean are refused without guessing an encoding")
    func binaryBytes() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", bytes: Data([0xFF, 0xFE, 0x00, 0x01, 0x67, 0x61, 0x72, 0x80, 0x0A]))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml: expected UTF-8 text, got bytes that are not UTF-8
                  hint: save the plan as UTF-8

                """, errors: 1)
        }
    }

    @Test("a UTF-8 byte order mark is accepted")
    func byteOrderMark() throws {
        try Sandbox.with { sandbox in
            let text = """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 1,000,000원

                """
            try sandbox.write("plan.yaml", bytes: Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stderr == "")
            #expect(check.stdout == "plan.yaml: 0 errors, 0 warnings\n")
            #expect(check.status == Exit.ok)
        }
    }

    // MARK: - Empty plans

    struct EmptyPlan: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: String
        var testDescription: String { name }
    }

    @Test("an empty plan says what a plan needs", arguments: [
        EmptyPlan(name: "empty file", bytes: ""),
        EmptyPlan(name: "only comments", bytes: "# 계획서 초안\n\n# 아직 비어 있음\n"),
        EmptyPlan(name: "only blank lines", bytes: "\n\n   \n"),
        EmptyPlan(name: "only a document marker", bytes: "---\n"),
    ])
    func emptyPlan(_ plan: EmptyPlan) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", bytes: Data(plan.bytes.utf8))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml: the plan is empty; expected at least program, year and categories
                  hint: start from one of the plans in Events/

                """, errors: 1)
        }
    }

    @Test("a plan that is a list instead of key: value lines")
    func planIsAList() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                - program: 테스트 사업
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:1:1: expected a plan as key: value lines, got a list
                 1 | - program: 테스트 사업
                   | ^

                """, errors: 1)
        }
    }

    // MARK: - YAML syntax

    @Test("a tab in the indentation is named plainly, at its line")
    func tabIndentation() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                \titems: []
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:5:1: expected spaces for indentation, got a tab
                 5 | \titems: []
                   | ^
                  hint: YAML indents with spaces only

                """, errors: 1)
        }
    }

    @Test("a key written twice in one mapping")
    func duplicateKey() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                year: 2022
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 1,000,000원
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:2:1: the key "year" appears twice in one mapping
                 2 | year: 2021
                   | ^
                  hint: keep one of them

                """, errors: 1)
        }
    }

    struct SyntaxCase: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        var testDescription: String { name }
    }

    /// What holds for every YAML syntax error, whatever libyaml's wording: one located error,
    /// exit 65 from `budget`, 1 from `check`. The exact texts are in the tests below.
    @Test("a YAML syntax error is one located error", arguments: [
        SyntaxCase(name: "a key without its colon, before a sibling key", yaml: """
            program: 테스트 사업
            year: 2021
            categories:
              - code: 201-01
                name 사무관리비
                items:
                  - name: 자문회의
                    amount: 1,000,000원
            """),
        SyntaxCase(name: "a list item's first key without its colon", yaml: """
            program: 테스트 사업
            year: 2021
            categories:
              - name 사무관리비
                items: []
            """),
        SyntaxCase(name: "an unclosed [ at the end of the file", yaml: """
            program: 테스트 사업
            year: 2021
            categories:
              - name: 사무관리비
                items:
                  - name: 자문회의
                    lines:
                      - name: 참석수당
                        unitPrice: 150,000원
                        factors: [15인, 6회
            """),
        SyntaxCase(name: "an unclosed [ followed by more keys", yaml: """
            program: 테스트 사업
            year: 2021
            categories:
              - name: 사무관리비
                items:
                  - name: 자문회의
                    lines:
                      - name: 참석수당
                        unitPrice: 150,000원
                        factors: [15인, 6회
                        declared: 13,500천원
            """),
        SyntaxCase(name: "an unclosed quote", yaml: """
            program: "테스트 사업
            year: 2021
            """),
        SyntaxCase(name: "a key indented under a value", yaml: """
            program: 테스트 사업
              year: 2021
            """),
    ])
    func syntaxErrorContract(_ syntax: SyntaxCase) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", syntax.yaml)
            let budget = try sandbox.run("budget", "plan.yaml")
            #expect(budget.stderr.hasPrefix("planner: error: plan.yaml:"))
            #expect(budget.stderr.contains(": this is not valid YAML: "))
            #expect(budget.stderr.components(separatedBy: "planner: error: ").count == 2, "exactly one error")
            #expect(budget.stdout == "")
            #expect(budget.status == Exit.dataError)

            let check = try sandbox.run("check", "plan.yaml")
            #expect(check.stderr + "planner: no budget page: plan.yaml has 1 error\n" == budget.stderr)
            #expect(check.stdout == "plan.yaml: 1 error, 0 warnings\n")
            #expect(check.status == Exit.findings)
        }
    }

    @Test("a key without its colon is reported on its own line")
    func missingColonBeforeSibling() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - code: 201-01
                    name 사무관리비
                    items:
                      - name: 자문회의
                        amount: 1,000,000원
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:5:5: this is not valid YAML: could not find expected ':' (while scanning a simple key)
                 5 |     name 사무관리비
                   |     ^
                  hint: check the indentation and that every "key: value" has a space after the colon

                """, errors: 1)
        }
    }

    @Test("a list item's first key without its colon is reported on its own line")
    func missingColonInListItem() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name 사무관리비
                    items: []
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:4:5: this is not valid YAML: mapping values are not allowed in this context
                 4 |   - name 사무관리비
                   |     ^
                  hint: check the indentation and that every "key: value" has a space after the colon

                """, errors: 1)
        }
    }

    @Test("an unclosed [ is reported where it opens")
    func unclosedBracket() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150,000원
                            factors: [15인, 6회
                """)
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:10:22: this is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)
                 10 |             factors: [15인, 6회
                    |                      ^
                  hint: the list opened here with "[" needs a closing "]"

                """, errors: 1)
        }
    }

    // MARK: - Line endings

    @Test("a plan with CRLF line ends is read like one with LF")
    func crlfPlanIsRead() throws {
        try Sandbox.with { sandbox in
            let text = """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        amount: 1,000,000원

                """
            try sandbox.write("lf.yaml", bytes: Data(text.utf8))
            try sandbox.write("crlf.yaml", bytes: Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            let lf = try sandbox.run("budget", "lf.yaml")
            let crlf = try sandbox.run("budget", "crlf.yaml")
            #expect(crlf.stderr == "")
            #expect(crlf.status == Exit.ok)
            #expect(crlf.stdout == lf.stdout)
        }
    }

    @Test("errors in a CRLF plan show the offending line")
    func crlfExcerpt() throws {
        try Sandbox.with { sandbox in
            let text = """
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150000
                            factors: [15인, 6회]

                """
            try sandbox.write("plan.yaml", bytes: Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:9:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got "150000"
                 9 |             unitPrice: 150000
                   |                        ^
                  hint: write the unit (원 or 천원) so the amount can't be misread

                """, errors: 1)
        }
    }

    @Test("a tab in a CRLF plan is named plainly")
    func crlfTab() throws {
        try Sandbox.with { sandbox in
            let text = "program: 테스트 사업\r\nyear: 2021\r\ncategories:\r\n  - name: 사무관리비\r\n\titems: []\r\n"
            try sandbox.write("plan.yaml", bytes: Data(text.utf8))
            try sandbox.expectRejected(stderr: """
                planner: error: plan.yaml:5:1: expected spaces for indentation, got a tab
                 5 | \titems: []
                   | ^
                  hint: YAML indents with spaces only

                """, errors: 1)
        }
    }
}
