import Testing
@testable import PlannerCore

@Suite("SourceLocation and Diagnostic")
struct DiagnosticTests {
    @Test func locationsPrintTheWayEditorsJump() {
        #expect(SourceLocation(file: "Events/conference-2026.yaml", line: 42, column: 7).description == "Events/conference-2026.yaml:42:7")
        #expect(SourceLocation.wholeFile("Events/empty.yaml").description == "Events/empty.yaml")
        #expect(SourceLocation.wholeFile("Events/empty.yaml") == SourceLocation(file: "Events/empty.yaml", line: 0, column: 0))
    }

    @Test func locationsOrderByFileThenLineThenColumn() {
        #expect(at(2, 9) < at(10, 1))
        #expect(at(10, 1) < at(10, 2))
        #expect(at(99, 9, file: "Events/a.yaml") < at(1, 1, file: "Events/b.yaml"))
        #expect(!(at(3, 3) < at(3, 3)))
    }

    @Test func headlines() {
        #expect(Diagnostic.error(at: at(42, 7), path: "speakers[3].fee", "expected an amount in won like 500,000원, got \"오십만\"").headline
                == "error: Events/social.yaml:42:7: speakers[3].fee: expected an amount in won like 500,000원, got \"오십만\"")
        #expect(Diagnostic.warning(at: nil, "no history").headline == "warning: no history")
        #expect(Diagnostic.error(at: .wholeFile("Events/empty.yaml"), "expected at least one category").headline
                == "error: Events/empty.yaml: expected at least one category")
        #expect(Diagnostic.error(at: nil, path: "total", "declared 1천원").headline == "error: total: declared 1천원")
    }

    @Test func severities() {
        #expect(Diagnostic.Severity.warning < .error)
        #expect(!(Diagnostic.Severity.error < .warning))
        #expect(!(Diagnostic.Severity.error < .error))
        #expect([Diagnostic.warning(at: nil, "w")].hasErrors == false)
        #expect([Diagnostic.warning(at: nil, "w"), .error(at: nil, "e")].hasErrors)
        #expect([Diagnostic]().hasErrors == false)
    }

    @Test func sortsInFileOrderKeepingTiesAndPuttingUnlocatedFirst() {
        let diagnostics: [Diagnostic] = [
            .error(at: at(10, 3), "ten"),
            .warning(at: at(2, 1, file: "Events/z.yaml"), "z two"),
            .error(at: nil, "whole plan"),
            .error(at: at(2, 5), "two-five first"),
            .warning(at: at(2, 5), "two-five second"),
            .error(at: at(2, 1), "two-one"),
            .warning(at: nil, "whole plan again"),
        ]
        #expect(diagnostics.sortedBySource().map(\.message) == [
            "whole plan", "whole plan again", "two-one", "two-five first", "two-five second", "ten", "z two",
        ])
    }
}

@Suite("DiagnosticFormatter")
struct DiagnosticFormatterTests {
    @Test func excerptWithCaretUnderHangulLine() {
        // Given a finding at column 13 of a line with four Hangul syllables before it (12 scalars, 16 columns),
        let formatter = DiagnosticFormatter(prefix: "planner: ") { file, line in
            file == "Events/social.yaml" && line == 12 ? "    - 참석수당: 150,000원*15인*6회" : nil
        }
        let diagnostic = Diagnostic.error(at: at(12, 13), path: "categories[0].items[1].lines[0]",
                                          "declared 13,000천원 but 150,000원*15인*6회 = 13,500천원",
                                          hint: "fix the formula or the declared amount; they differ by 500천원")
        // Then the caret sits under the "1" of 150,000 in a monospaced terminal.
        #expect(formatter.format(diagnostic) == """
            planner: error: Events/social.yaml:12:13: categories[0].items[1].lines[0]: declared 13,000천원 but 150,000원*15인*6회 = 13,500천원
             12 |     - 참석수당: 150,000원*15인*6회
                |                 ^
              hint: fix the formula or the declared amount; they differ by 500천원

            """)
    }

    @Test func caretUnderAHangulCharacter() {
        let formatter = DiagnosticFormatter { _, _ in "  fee: 오십만" }
        let diagnostic = Diagnostic.error(at: at(7, 8), path: "speakers[3].fee", "expected an amount in won like 500,000원, got \"오십만\"")
        #expect(formatter.format(diagnostic) == """
            error: Events/social.yaml:7:8: speakers[3].fee: expected an amount in won like 500,000원, got "오십만"
             7 |   fee: 오십만
               |        ^

            """)
        let third = Diagnostic.error(at: at(7, 10), "here")
        #expect(formatter.format(third).split(separator: "\n").last == "   |            ^")
    }

    @Test func caretAtColumnOneAndPastTheEnd() {
        let formatter = DiagnosticFormatter { _, _ in "계: 1" }
        #expect(formatter.format(.warning(at: at(3, 1), "first")) == "warning: Events/social.yaml:3:1: first\n 3 | 계: 1\n   | ^\n")
        #expect(formatter.format(.warning(at: at(3, 40), "end")) == "warning: Events/social.yaml:3:40: end\n 3 | 계: 1\n   |      ^\n")
    }

    @Test func wholeFileProblemPrintsJustTheFile() {
        let formatter = DiagnosticFormatter(prefix: "planner: ") { _, _ in "should not be shown" }
        let diagnostic = Diagnostic.error(at: .wholeFile("Events/empty.yaml"), "expected at least one category",
                                          hint: "add a categories list")
        #expect(formatter.format(diagnostic) == """
            planner: error: Events/empty.yaml: expected at least one category
              hint: add a categories list

            """)
    }

    @Test func noExcerptWhenTheLineIsUnknown() {
        let formatter = DiagnosticFormatter()
        #expect(formatter.format(.error(at: at(5, 2), "gone")) == "error: Events/social.yaml:5:2: gone\n")
        #expect(formatter.format(.warning(at: nil, "nowhere", hint: "look")) == "warning: nowhere\n  hint: look\n")
    }

    @Test func formatsManyInOrder() {
        let formatter = DiagnosticFormatter()
        #expect(formatter.format([.error(at: nil, "a"), .warning(at: nil, "b")]) == "error: a\nwarning: b\n")
        #expect(formatter.format([Diagnostic]()) == "")
    }
}

@Suite("Suggestion")
struct SuggestionTests {
    static let lineKeys = ["name", "unitPrice", "factors", "declared", "lumpSum"]

    @Test(arguments: [
        ("unitprice", "unitPrice"),
        ("UNITPRICE", "unitPrice"),
        ("factor", "factors"),
        ("delcared", "declared"),
        ("nmae", "name"),
        ("lumpsum", "lumpSum"),
    ])
    func suggestsPlausibleTypos(_ word: String, _ suggestion: String) {
        #expect(Suggestion.closest(to: word, among: Self.lineKeys) == suggestion)
    }

    @Test(arguments: ["budget", "zzz", "categories", "", "단가", "lump"])
    func staysQuietForUnrelatedWords(_ word: String) {
        #expect(Suggestion.closest(to: word, among: Self.lineKeys) == nil)
    }

    @Test func suggestsPolicyNames() {
        #expect(Suggestion.closest(to: "half_up", among: RoundingRule.allCases.map(\.rawValue)) == "half-up")
        #expect(Suggestion.closest(to: "truncated", among: RoundingRule.allCases.map(\.rawValue)) == "truncate")
        #expect(Suggestion.closest(to: "round", among: RoundingRule.allCases.map(\.rawValue)) == nil)
        #expect(Suggestion.closest(to: "anything", among: []) == nil)
    }

    @Test(arguments: [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("kitten", "sitting", 3), ("factor", "factors", 1),
        ("사무관리비", "사무관리", 1), ("행사운영비", "사무관리비", 4), ("delcared", "declared", 2),
    ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(Suggestion.distance(a, b) == expected)
        #expect(Suggestion.distance(b, a) == expected)
    }
}
