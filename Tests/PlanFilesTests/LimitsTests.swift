import Foundation
import PlanFiles
import PlannerCore
import Testing

/// Inputs past the limits that fuzzing with 64 KB inputs never reaches: numbers too large for the
/// money type, 50 MB lines, a million columns, YAML nested 100,000 levels deep, aliases that expand a
/// small file a billionfold. Each must end in a clear error, at a location, in bounded time and
/// memory: never a trap, a stack overflow or a hang. The guards are in `InputLimits`.
///
/// Each reader is timed. The bound asserted is generous (a busy machine, a debug build); without the
/// guards these took from 25 seconds to hours.
@Suite("Limits of the readers")
struct LimitsTests {
    static let bound = Duration.seconds(5)
    static let fiftyMB = 50 * 1024 * 1024

    /// `body`'s result, expecting it back within `bound`.
    func timed<T>(_ what: String, _ body: () -> T) -> T {
        var result: T?
        let elapsed = ContinuousClock().measure { result = body() }
        #expect(elapsed < Self.bound, "\(what) took \(elapsed)")
        return result!
    }

    func plan(_ text: String) -> LoadedPlan { PlanLoader.load(data: Data(text.utf8), file: "plan.yaml") }

    /// UTF-8 bytes through Foundation's encoder: `Data(text.utf8)` goes byte by byte in a debug build.
    static func bytes(_ text: String) -> Data { text.data(using: .utf8)! }

    static let committee = EventOrigin(id: "social-city-committee", name: "소셜특별시 자문위원회", kind: .advisory)
    static let events = [PlannedEvent(origin: committee, sessions: [PlannedSession(event: committee, number: 1, payableRoles: [.allowance])], source: nil)]

    static let overlong = "expected lines of at most 1,048,576 bytes, got a line of"

    // MARK: - Numbers too large

    @Test("a count of 10^15 in a plan overflows into an error at its line, not a trap")
    func hugeCount() throws {
        let loaded = plan("""
            program: 시험 사업
            year: 2017
            categories:
              - name: 사무관리비
                items:
                  - name: 회의
                    lines:
                      - name: 다과
                        unitPrice: 150,000원
                        factors: [1,000,000,000,000,000회]
            """)
        let read = try #require(loaded.plan)  // a big count is no error of its own
        let (page, findings) = BudgetPage.build(read)
        #expect(page == nil)
        #expect(findings.map(\.headline) == [
            "error: plan.yaml:8:13: categories[0].items[0].lines[0]: 150,000원*1,000,000,000,000,000회 is more than the planner can hold (9,223,372,036,854,775,807원)",
        ])
    }

    @Test("counts of 10^15 for an event kind overflow into an error, not a trap or 10^15 sessions")
    func hugeKindCount() throws {
        let loaded = timed("kind counts of 10^15") {
            plan("""
                program: 시험 사업
                year: 2017
                categories:
                  - name: 사무관리비
                    items:
                      - name: 자문위원회
                        lines:
                          - kind: advisory
                            name: 위원회
                            members: 1000000000000000
                            meetings: 1000000000000000
                            allowance: 150,000원
                """)
        }
        let read = try #require(loaded.plan)
        let (page, findings) = BudgetPage.build(read)
        #expect(page == nil)
        #expect(findings.contains { $0.severity == .error && $0.location?.line == 8 && $0.message.contains("is more than the planner can hold") })
    }

    @Test("an amount of 10^20 won is an error at the amount")
    func hugeAmount() {
        let loaded = plan("""
            program: 시험 사업
            year: 2017
            categories:
              - name: 사무관리비
                items:
                  - name: 회의
                    lines:
                      - name: 다과
                        amount: 100,000,000,000,000,000,000원
            """)
        #expect(loaded.plan == nil)
        #expect(loaded.diagnostics.map(\.headline) == [
            "error: plan.yaml:9:21: categories[0].items[0].lines[0].amount: expected an amount the planner can hold (up to 9,223,372,036,854,775,807원), got \"100,000,000,000,000,000,000원\"",
        ])
    }

    // MARK: - 50 MB on one line

    @Test("a plan with a 50 MB line is refused at that line")
    func planLongLine() {
        let data = Self.bytes("program: " + String(repeating: "가", count: Self.fiftyMB / 3) + "\nyear: 2017\n")
        let loaded = timed("plan, 50 MB line") { PlanLoader.load(data: data, file: "plan.yaml") }
        #expect(loaded.plan == nil)
        #expect(loaded.diagnostics.map(\.headline) == ["error: plan.yaml:1:1: \(Self.overlong) 52,428,807 bytes"])
        let text = String(decoding: data, as: UTF8.self)
        let (plan, diagnostics) = timed("plan text, 50 MB line") { PlanReader.read(text, file: "plan.yaml") }
        #expect(plan == nil)
        #expect(diagnostics.map(\.headline) == ["error: plan.yaml:1:1: \(Self.overlong) 52,428,807 bytes"])
    }

    @Test("a rate table with a 50 MB line is refused at that line")
    func ratesLongLine() {
        let text = "effective:\r\n  - from: 2016-01-01\r\n    rates:\r\n      committee.allowance: " + String(repeating: "1", count: Self.fiftyMB) + "원\r\n"
        let (table, diagnostics) = timed("rate table, 50 MB line") { RateTableReader.read(text, file: "rates.yaml") }
        #expect(table == nil)
        #expect(diagnostics.map(\.headline) == ["error: rates.yaml:4:1: \(Self.overlong) 52,428,830 bytes"])
    }

    @Test("a budget page with a 50 MB line is refused at that line, in UTF-8 and in CP949")
    func pageLongLine() throws {
        let text = "산출근거\r" + String(repeating: "- 강사료 500,000원*12회 = 6,000천원 ", count: Self.fiftyMB / 48) + "\n"
        let utf8 = Self.bytes(text)
        let (plan, diagnostics) = timed("page, 50 MB line") { BudgetPageReader.read(utf8, file: "page.txt") }
        #expect(plan == nil)
        #expect(diagnostics.map(\.headline) == ["error: page.txt:2:1: \(Self.overlong) 46,967,438 bytes"])
        let cp949 = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0422)))
        let (_, koreanDiagnostics) = timed("CP949 page, 50 MB line") { BudgetPageReader.read(cp949, file: "page.txt", encoding: .cp949) }
        #expect(koreanDiagnostics.count == 1)
        #expect(koreanDiagnostics.first?.headline.hasPrefix("error: page.txt:2:1: \(Self.overlong)") == true)
    }

    @Test("a roster with a 50 MB field or header is refused at that line")
    func rosterLongLine() {
        let field = String(repeating: "김", count: Self.fiftyMB / 3)
        let row = Self.bytes("name,role,event\n\(field),allowance,social-city-committee\n")
        let (entries, diagnostics) = timed("roster, 50 MB field") { RosterReader.read(row, file: "roster.csv", events: Self.events) }
        #expect(entries.isEmpty)
        #expect(diagnostics.map(\.headline) == ["error: roster.csv:2:1: \(Self.overlong) 52,428,830 bytes"])
        let header = Self.bytes(field + "\n")
        let (_, headerDiagnostics) = timed("roster, 50 MB header") { RosterReader.read(header, file: "roster.csv", events: Self.events) }
        #expect(headerDiagnostics.map(\.headline) == ["error: roster.csv:1:1: \(Self.overlong) 52,428,798 bytes"])
    }

    @Test("a sign-in sheet with a 50 MB field is refused at that line")
    func signInLongLine() {
        let data = Self.bytes("session,person,time\ns/1,김민수,\(String(repeating: "9", count: Self.fiftyMB))\n")
        let (rows, diagnostics) = timed("sign-in sheet, 50 MB field") { AttendanceSheetReader.read(data, file: "sign-in.csv") }
        #expect(rows.isEmpty)
        #expect(diagnostics.map(\.headline) == ["error: sign-in.csv:2:1: \(Self.overlong) 52,428,814 bytes"])
    }

    @Test("a 1.3 MB file of short lines ended by lone carriage returns is read, not refused")
    func longFileOfShortLines() {
        let data = Self.bytes("session,person,time\r" + String(repeating: "s/1,김민수,2017-03-15 14:00\r", count: 40_000))
        #expect(data.count > 1 << 20)
        let (rows, diagnostics) = timed("sign-in sheet, 40,000 rows") { AttendanceSheetReader.read(data, file: "sign-in.csv") }
        #expect(diagnostics.isEmpty)
        #expect(rows.count == 40_000)
        #expect(rows.last?.line == 40_001)
    }

    // MARK: - A million columns

    // A million columns of one character each make a line of 2 MB, refused as too long (above); empty
    // columns fit under the line limit.

    @Test("a roster header with a million columns is refused at the header")
    func rosterMillionColumns() {
        let data = Data(("name,role,event" + String(repeating: ",", count: 1_000_000) + "\n김민수,allowance,social-city-committee\n").utf8)
        let (_, diagnostics) = timed("roster, 10^6 columns") { RosterReader.read(data, file: "roster.csv", events: Self.events) }
        #expect(diagnostics.map(\.headline) == ["error: roster.csv:1:1: header: expected at most 1,000 columns, got 1,000,003"])
    }

    @Test("a sign-in row with a million columns, empty after the header's, is read (trailing commas)")
    func signInMillionColumns() {
        let data = Data(("session,person,time\ns/1,김민수,2017-03-15 14:00" + String(repeating: ",", count: 1_000_000) + "\n").utf8)
        let (rows, diagnostics) = timed("sign-in sheet, 10^6 columns") { AttendanceSheetReader.read(data, file: "sign-in.csv") }
        #expect(diagnostics.isEmpty)
        #expect(rows == [AttendanceSheetReader.Row(line: 2, session: "s/1", person: "김민수", time: "2017-03-15T14:00")])
    }

    @Test("a roster row with half a million values is an error at that row")
    func rosterManyValues() {
        let data = Data(("name,role,event\n김민수,allowance,social-city-committee" + String(repeating: ",1", count: 500_000) + "\n").utf8)
        let (_, diagnostics) = timed("roster, 500,003 values") { RosterReader.read(data, file: "roster.csv", events: Self.events) }
        #expect(diagnostics.map(\.headline) == ["error: roster.csv:2:1: row 1: expected 3 values (one per column of the header), got 500003"])
    }

    // MARK: - Deep nesting and alias expansion

    static let nesting = "nesting deeper than 1,000 levels: expected at most 1,000 levels of lists and mappings inside each other"

    @Test("YAML nested 100,000 levels deep in flow style is refused where it goes too deep")
    func deepFlow() {
        let text = "program: 시험\nyear: 2017\ncategories: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        let loaded = timed("plan, flow nesting") { plan(text) }
        #expect(loaded.diagnostics.map(\.headline) == ["error: plan.yaml:3:14: \(Self.nesting)"])
        let (_, diagnostics) = timed("rate table, flow nesting") { RateTableReader.read(text, file: "rates.yaml") }
        #expect(diagnostics.map(\.headline) == ["error: rates.yaml:3:14: \(Self.nesting)"])
    }

    @Test("YAML nested 100,000 levels deep in block style is refused where it goes too deep")
    func deepBlock() {
        let text = "program: 시험\nyear: 2017\ncategories:\n" + String(repeating: "- ", count: 100_000) + "x\n"
        let loaded = timed("plan, block nesting") { plan(text) }
        #expect(loaded.diagnostics.map(\.headline) == ["error: plan.yaml:4:1999: \(Self.nesting)"])
        var indented = "effective:\n"
        for level in 1...1_500 { indented += String(repeating: " ", count: level) + "k\(level):\n" }
        let (_, diagnostics) = timed("rate table, 1,500 levels of indentation") { RateTableReader.read(indented, file: "rates.yaml") }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.headline.hasSuffix(Self.nesting) == true)
    }

    @Test("YAML nested just under the limit is read without overflowing the stack")
    func nestingUnderLimit() {
        let text = "program: 시험\nyear: 2017\ncategories: " + String(repeating: "[", count: 998) + String(repeating: "]", count: 998) + "\n"
        let loaded = timed("plan, 998 levels") { plan(text) }
        #expect(loaded.diagnostics.map(\.headline) == [
            "error: plan.yaml:3:14: categories[0]: expected a budget category (code, name, items) as key: value lines, got a list",
        ])
    }

    @Test("aliases that expand a small file a billionfold are refused before they are expanded")
    func aliasExpansion() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (previous, name) in zip("abcdefghi", "bcdefghij") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let expected = "expected at most 1,000,000 values, got more once the aliases (*name) are expanded"
        let loaded = timed("plan, alias expansion") { plan(text) }
        #expect(loaded.diagnostics.map(\.headline) == ["error: plan.yaml: \(expected)"])
        let (_, diagnostics) = timed("rate table, alias expansion") { RateTableReader.read(text, file: "rates.yaml") }
        #expect(diagnostics.map(\.headline) == ["error: rates.yaml: \(expected)"])
    }

    /// Yams hashes every key of a mapping to find duplicates, before the expansion is counted: a key
    /// that is an alias of 10^9 values would take hours.
    @Test("an alias of a billionfold expansion used as a key is refused before Yams hashes it", arguments: [
        "? *j\n: 1\n", "*j : 1\n", "x: {*j : 1}\n", "? [*j, *j]\n: 1\n", "? - *j\n  - *j\n: 1\n", "x:\n  *i : 1\n  *j : 2\n",
    ])
    func aliasKey(_ key: String) {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for (previous, name) in zip("abcdefghi", "bcdefghij") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += key
        let loaded = timed("plan, alias key") { plan(text) }
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.message == "expected a key written out, got an alias (*name) in a key")
        #expect(loaded.diagnostics.first?.location?.line ?? 0 >= 11)
        let (_, diagnostics) = timed("rate table, alias key") { RateTableReader.read(text, file: "rates.yaml") }
        #expect(diagnostics.first?.message == "expected a key written out, got an alias (*name) in a key")
    }

    @Test("aliases of values, a * in text and & in names still read as before")
    func harmlessAliases() throws {
        let text = """
            program: R&D 사업 *시험*
            year: &year 2017
            categories:
              - name: 사무관리비
                items:
                  - name: "*회의* & 다과"
                    lines:
                      - name: 다과 500,000원*12회
                        amount: &amount 900,000원
                      - name: 다과 2
                        amount: *amount
            """
        let loaded = plan(text)
        #expect(loaded.diagnostics.isEmpty)
        let read = try #require(loaded.plan)
        #expect(read.program.name == "R&D 사업 *시험*")
        #expect(read.categories.first?.items.first?.name == "*회의* & 다과")
        #expect(read.categories.first?.items.first?.lines.map(\.unitPrice) == [Won(900_000), Won(900_000)])
    }
}
