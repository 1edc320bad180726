import Foundation
import Testing

/// The plans in `Events/` as a user runs them, from the repository root. Read only: nothing is written there.
@Suite("Plans in Events/")
struct RepositoryPlanTests {
    static let socialCityWarning = """
        planner: warning: Events/social-city-2017.yaml:65:12: history[1].total: the published 2016 total (416,500천원) differs from its categories' sum (344,000천원) by 72,500천원
         65 |     total: 416,500천원
            |            ^
          hint: the page is reproduced as published; the comparison's 계 row uses 416,500천원

        """

    @Test("check social-city-2017: one warning about the published 2016 total, exit 0")
    func checkSocialCity() throws {
        let check = try runPlanner(["check", "Events/social-city-2017.yaml"], in: repositoryRoot)
        #expect(check.stdout == "Events/social-city-2017.yaml: 0 errors, 1 warning\n")
        #expect(check.stderr == Self.socialCityWarning)
        #expect(check.status == Exit.ok)
    }

    @Test("check sns-communication-2021: no findings")
    func checkSNSCommunication() throws {
        let check = try runPlanner(["check", "Events/sns-communication-2021.yaml"], in: repositoryRoot)
        #expect(check.stdout == "Events/sns-communication-2021.yaml: 0 errors, 0 warnings\n")
        #expect(check.stderr == "")
        #expect(check.status == Exit.ok)
    }

    @Test("check both plans at once: one summary line each, in argument order")
    func checkBoth() throws {
        let check = try runPlanner(["check", "Events/sns-communication-2021.yaml", "Events/social-city-2017.yaml"], in: repositoryRoot)
        #expect(check.stdout == """
            Events/sns-communication-2021.yaml: 0 errors, 0 warnings
            Events/social-city-2017.yaml: 0 errors, 1 warning

            """)
        #expect(check.stderr == Self.socialCityWarning)
        #expect(check.status == Exit.ok)
    }

    @Test("budget prints the page despite a warning, and the warning goes to standard error")
    func budgetWithWarning() throws {
        let budget = try runPlanner(["budget", "Events/social-city-2017.yaml"], in: repositoryRoot)
        #expect(budget.stdout.hasPrefix("소셜특별시 프로젝트 추진 (2017년 예산)\n"))
        #expect(budget.stdout.contains("  - 자문회의 참석수당 150,000원*15인*6회 = 13,500천원\n"))
        #expect(budget.stderr == Self.socialCityWarning)
        #expect(budget.status == Exit.ok)
    }

    @Test("the warning names the path of the published total, like every other message")
    func warningHasPath() throws {
        let check = try runPlanner(["check", "Events/social-city-2017.yaml"], in: repositoryRoot)
        #expect(check.stderr == """
            planner: warning: Events/social-city-2017.yaml:65:12: history[1].total: the published 2016 total (416,500천원) differs from its categories' sum (344,000천원) by 72,500천원
             65 |     total: 416,500천원
                |            ^
              hint: the page is reproduced as published; the comparison's 계 row uses 416,500천원

            """)
    }
}

/// Reading a plan from standard input, and the machine-readable output.
@Suite("Standard input and formats")
struct StandardInputTests {
    static let minimalPlan = """
        program: 테스트 사업
        year: 2021
        categories:
          - name: 사무관리비
            items:
              - name: 자문회의
                lines:
                  - name: 참석수당
                    unitPrice: 150,000원
                    factors: [15인, 6회]

        """

    @Test("budget - reads the plan from standard input and prints the same page as from a file")
    func budgetFromStandardInput() throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", bytes: Data(Self.minimalPlan.utf8))
            let piped = try sandbox.run("budget", "-", stdin: Data(Self.minimalPlan.utf8))
            #expect(piped.stderr == "")
            #expect(piped.status == Exit.ok)
            #expect(piped.stdout.hasPrefix("테스트 사업 (2021년 예산)\n"))
            #expect(piped.stdout.contains("  - 참석수당 150,000원*15인*6회 = 13,500천원\n"))

            let fromFile = try sandbox.run("budget", "plan.yaml")
            #expect(piped.stdout == fromFile.stdout)
        }
    }

    @Test("--format json is JSON with the total as an integer number of won")
    func json() throws {
        try Sandbox.with { sandbox in
            let budget = try sandbox.run("budget", "-", "--format", "json", stdin: Data(Self.minimalPlan.utf8))
            #expect(budget.stderr == "")
            #expect(budget.status == Exit.ok)
            let object = try JSONSerialization.jsonObject(with: Data(budget.stdout.utf8))
            let page = try #require(object as? [String: Any])
            #expect(page["total"] as? Int == 13_500_000)
            #expect(page["year"] as? Int == 2021)
            #expect(page["program"] as? String == "테스트 사업")
            // An integer, not 13500000.0 or 1.35e7: as written in the text.
            #expect(budget.stdout.contains("\n  \"total\": 13500000,\n"))
        }
    }

    @Test("errors in a plan from standard input are located in <stdin>")
    func errorsFromStandardInput() throws {
        try Sandbox.with { sandbox in
            let plan = Data("""
                program: 테스트 사업
                year: 2021
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문회의
                        lines:
                          - name: 참석수당
                            unitPrice: 150,000원
                            factors: [15인, 6회]
                            declared: 13,000천원

                """.utf8)
            let expected = """
                planner: error: <stdin>:11:23: categories[0].items[0].lines[0].declared: declared 13,000천원 but 150,000원*15인*6회 = 13,500천원
                 11 |             declared: 13,000천원
                    |                       ^
                  hint: fix the formula or the declared amount; they differ by 500천원

                """
            let check = try sandbox.run("check", "-", stdin: plan)
            #expect(check.stderr == expected)
            #expect(check.stdout == "<stdin>: 1 error, 0 warnings\n")
            #expect(check.status == Exit.findings)

            let budget = try sandbox.run("budget", "-", stdin: plan)
            #expect(budget.stderr == expected + "planner: no budget page: <stdin> has 1 error\n")
            #expect(budget.stdout == "")
            #expect(budget.status == Exit.dataError)
        }
    }

    @Test("empty standard input is an empty plan")
    func emptyStandardInput() throws {
        try Sandbox.with { sandbox in
            let budget = try sandbox.run("budget", "-", stdin: Data())
            #expect(budget.stderr == """
                planner: error: <stdin>: the plan is empty; expected at least program, year and categories
                  hint: start from one of the plans in Events/
                planner: no budget page: <stdin> has 1 error

                """)
            #expect(budget.stdout == "")
            #expect(budget.status == Exit.dataError)
        }
    }
}

/// Command lines that don't make sense: exit 64 and a usage message, never a stack trace.
@Suite("Usage errors")
struct UsageTests {
    struct UsageCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let stderr: String
        var testDescription: String { "planner " + arguments.joined(separator: " ") }
    }

    @Test("a usage error exits 64 with a usage message", arguments: [
        UsageCase(arguments: ["budget", "plan.yaml", "--format", "xml"], stderr: """
            Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'markdown', 'json' or 'csv'.
            Help:  --format <format>  Output format: text, markdown, json, csv.
            Usage: planner budget <plan> [--format <format>]
              See 'planner budget --help' for more information.

            """),
        UsageCase(arguments: ["budget", "plan.yaml", "--format"], stderr: """
            Error: Missing value for '--format <format>'
            Help:  --format <format>  Output format: text, markdown, json, csv.
            Usage: planner budget <plan> [--format <format>]
              See 'planner budget --help' for more information.

            """),
        UsageCase(arguments: ["budget", "plan.yaml", "--frmat", "json"], stderr: """
            Error: Unknown option '--frmat'. Did you mean '--format'?
            Usage: planner budget <plan> [--format <format>]
              See 'planner budget --help' for more information.

            """),
        UsageCase(arguments: ["budget"], stderr: """
            Error: Missing expected argument '<plan>'
            Help:  <plan>  The plan file (YAML), or - for standard input.
            Usage: planner budget <plan> [--format <format>]
              See 'planner budget --help' for more information.

            """),
        UsageCase(arguments: ["budget", "a.yaml", "b.yaml"], stderr: """
            Error: Unexpected argument 'b.yaml'
            Usage: planner budget <plan> [--format <format>]
              See 'planner budget --help' for more information.

            """),
        UsageCase(arguments: ["check"], stderr: """
            Error: Missing expected argument '<plans> ...'
            Help:  <plans>  Plan files (YAML) or budget pages (text); - for a plan on standard input.
            Usage: planner check <plans> ... [--format <format>] [--rounding <rounding>] [--encoding <encoding>]
              See 'planner check --help' for more information.

            """),
        UsageCase(arguments: ["bogus"], stderr: """
            Error: Unexpected argument 'bogus'
            Usage: planner <subcommand>
              See 'planner --help' for more information.

            """),
    ])
    func usage(_ usage: UsageCase) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", StandardInputTests.minimalPlan)
            let outcome = try runPlanner(usage.arguments, in: sandbox.directory)
            #expect(outcome.stderr == usage.stderr)
            #expect(outcome.stdout == "")
            #expect(outcome.status == Exit.usage)
        }
    }
}

/// Inputs chosen to hit edge cases of every reader. Whatever the tool thinks of them, it must answer
/// with a message and one of its exit codes; `runPlanner` also fails the test on any crash report.
@Suite("No crashes")
struct NoCrashTests {
    struct Hostile: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        var testDescription: String { name }
    }

    @Test("odd input never crashes the binary", arguments: [
        Hostile(name: "null document", yaml: "~"),
        Hostile(name: "a bare word", yaml: "hello"),
        Hostile(name: "aliases", yaml: """
            base: &b {name: 가, amount: 1,000원}
            program: *b
            year: 2021
            categories: [*b, *b]
            """),
        Hostile(name: "every amount at the limit", yaml: """
            program: 테스트 사업
            year: 2021
            total: 9,223,372,036,854,775,807원
            funding:
              national: 9,223,372,036,854,775,807원
              city: 9,223,372,036,854,775,807원
            categories:
              - name: 사무관리비
                declared: 9,223,372,036,854,775,807원
                items:
                  - name: 가
                    amount: 9,223,372,036,854,775,807원
                    declared: 9,223,372,036,854,775,807원
            history:
              - year: 2020
                total: 9,223,372,036,854,775,807원
                categories:
                  사무관리비: 9,223,372,036,854,775,807원
                  행사운영비: 9,223,372,036,854,775,807원
            schedule:
              - step: 가
                period: 2021
                amount: 9,223,372,036,854,775,807원
              - step: 나
                period: 2021
                amount: 9,223,372,036,854,775,807원
            settlement:
              - year: 2019
                finalBudget: 9,223,372,036,854,775,807원
                carriedIn: 9,223,372,036,854,775,807원
                spent: 9,223,372,036,854,775,807원
            """),
        Hostile(name: "zero everywhere", yaml: """
            program: 테스트 사업
            year: 2021
            categories:
              - name: 사무관리비
                items:
                  - name: 가
                    lines:
                      - name: 없음
                        unitPrice: 0원
                        factors: [0회]
            history:
              - year: 2020
                total: 0원
                categories:
                  사무관리비: 0원
            settlement:
              - year: 2019
                finalBudget: 0원
                spent: 0원
            """),
        Hostile(name: "year out of range and a period backwards", yaml: """
            program: 테스트 사업
            year: 99999999999999999999
            period: 2021-12-31 ~ 2021-01-01
            categories: 가
            """),
        Hostile(name: "deep nesting", yaml: String(repeating: "[", count: 500) + String(repeating: "]", count: 500)),
        Hostile(name: "a long line", yaml: "program: " + String(repeating: "가", count: 100_000)),
    ])
    func oddInput(_ input: Hostile) throws {
        try Sandbox.with { sandbox in
            try sandbox.write("plan.yaml", input.yaml)
            for format in ["text", "markdown", "json", "csv"] {
                let budget = try sandbox.run("budget", "plan.yaml", "--format", format)
                #expect([Exit.ok, Exit.dataError].contains(budget.status), "\(budget)")
                if budget.status != Exit.ok { #expect(budget.stderr.hasPrefix("planner: error: plan.yaml"), "\(budget)") }
            }
            let check = try sandbox.run("check", "plan.yaml")
            #expect([Exit.ok, Exit.findings].contains(check.status), "\(check)")
        }
    }
}
