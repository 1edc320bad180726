import Foundation
import PlanFiles
import PlannerCore
import Testing

@Suite("Plan reader")
struct PlanReaderTests {
    static let minimal = """
        program: 시험 사업
        year: 2026
        categories:
          - code: 201-01
            name: 사무관리비
            items:
              - name: 자문위원회 운영
                declared: 14,400천원
                lines:
                  - name: 자문회의 참석수당
                    unitPrice: 150,000원
                    factors: [15인, 6회]
                    declared: 13,500천원
                  - name: 운영경비
                    amount: 900,000원
        """

    func read(_ text: String) -> (Plan?, [Diagnostic]) { PlanReader.read(text, file: "plan.yaml") }

    @Test("a minimal plan reads into categories, items and lines with their locations")
    func minimalPlan() throws {
        let (plan, diagnostics) = read(Self.minimal)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(plan)
        #expect(parsed.program.name == "시험 사업")
        #expect(parsed.program.year == 2026)
        #expect(parsed.policies == RoundingPolicies(amounts: .halfUp, percent: .halfUp))
        let line = try #require(parsed.categories.first?.items.first?.lines.first)
        #expect(line.unitPrice == Won(150_000))
        #expect(line.factors == [Factor(count: 15, unit: "인"), Factor(count: 6, unit: "회")])
        #expect(line.declared == Won(13_500_000))
        #expect(line.path == "categories[0].items[0].lines[0]")
        #expect(line.source == SourceLocation(file: "plan.yaml", line: 10, column: 13))
        #expect(line.declaredSource == SourceLocation(file: "plan.yaml", line: 13, column: 23))
        let lump = try #require(parsed.categories.first?.items.first?.lines.last)
        #expect(lump.isLumpSum && lump.unitPrice == Won(900_000) && lump.factors.isEmpty)
    }

    @Test("outlines nest, contacts split name and phone, the period is read as days")
    func metadata() throws {
        let text = Self.minimal + """

            officers:
              - director: 신병규 2133-6480
                officer: 김 은영
            period: 2026-01-01 ~ 2026-12-31
            content:
              - 시 대표 SNS 운영:
                  - 주요 시정 게재
                  - 재난 정보 전파
              - "총사업비 : 234,400천원"
            policy: { rounding: truncate, percent: truncate }
            """
        let (plan, diagnostics) = read(text)
        #expect(diagnostics.isEmpty)
        let parsed = try #require(plan)
        #expect(parsed.program.officers.first?.director == Contact(name: "신병규", phone: "2133-6480"))
        #expect(parsed.program.officers.first?.officer == Contact(name: "김 은영", phone: nil))
        #expect(parsed.program.period?.start.description == "2026-01-01")
        #expect(parsed.program.period?.end.dotted == "2026.12.31.")
        #expect(parsed.program.content == [OutlineEntry("시 대표 SNS 운영", children: [OutlineEntry("주요 시정 게재"), OutlineEntry("재난 정보 전파")]),
                                           OutlineEntry("총사업비 : 234,400천원")])
        #expect(parsed.policies == RoundingPolicies(amounts: .truncate, percent: .truncate))
    }

    @Test("problems are collected across the whole file, in file order, and no plan comes back")
    func collectsAll() {
        let text = """
            program: 시험 사업
            year: twenty
            policy:
              rounding: half_up
            categories:
              - name: 사무관리비
                items:
                  - name: 교육
                    lines:
                      - name: 강사료
                        unitPrice: 500,000
                        factors: [12회, 3.5시간]
                      - name: 교재
                        amount: 1,000원
                        unitPrice: 1,000원
            """
        let (plan, diagnostics) = read(text)
        #expect(plan == nil)
        #expect(diagnostics.map(\.headline) == [
            "error: plan.yaml:2:7: year: expected the budget year like 2017, got \"twenty\"",
            "error: plan.yaml:4:13: policy.rounding: expected one of half-up, truncate, got \"half_up\"",
            "error: plan.yaml:11:24: categories[0].items[0].lines[0].unitPrice: expected an amount in won like 150,000원 or 13,500천원, got \"500,000\"",
            "error: plan.yaml:12:28: categories[0].items[0].lines[0].factors[1]: expected a count with its unit like 15인, 6회 or 주1회, got \"3.5시간\"",
            "error: plan.yaml:13:13: categories[0].items[0].lines[1]: a line has either amount (a lump sum) or unitPrice with factors, not both",
        ])
        #expect(diagnostics[1].hint == "did you mean \"half-up\"? the choices are half-up, truncate")
        #expect(diagnostics[2].hint == "write the unit (원 or 천원) so the amount can't be misread")
        #expect(diagnostics[3].hint == "counts are whole numbers; split the line or change its unit")
    }

    @Test("an item needs lines or an amount, not both and not neither")
    func itemShape() {
        let neither = """
            program: p
            year: 2026
            categories:
              - name: 사무관리비
                items:
                  - name: 빈 항목
            """
        #expect(read(neither).1.map(\.headline) == ["error: plan.yaml:6:9: categories[0].items[0]: expected the item's lines (or a single amount), got none"])
        let both = """
            program: p
            year: 2026
            categories:
              - name: 사무관리비
                items:
                  - name: 두 가지
                    amount: 1,000원
                    lines:
                      - name: a
                        amount: 1,000원
            """
        #expect(read(both).1.map(\.headline) == ["error: plan.yaml:6:9: categories[0].items[0]: an item has either lines or an amount of its own, not both"])
    }

    @Test("amounts with thousands separators inside [ ] and { } are read whole; spaced pieces are explained")
    func flowCommas() throws {
        let text = """
            program: p
            year: 2026
            categories:
              - name: 사무관리비
                items:
                  - name: 항목
                    lines:
                      - { name: 운영비, amount: 1,000원 }
                      - { name: 광고, unitPrice: 1,000,000원, factors: [1,000건, 4분기] }
            """
        let (plan, diagnostics) = read(text)
        #expect(diagnostics.isEmpty)
        let lines = try #require(plan?.categories.first?.items.first?.lines)
        #expect(lines.map(\.formula) == ["1,000원", "1,000,000원*1,000건*4분기"])

        let spaced = text.replacingOccurrences(of: "amount: 1,000원", with: "amount: 1, 000원")
        let problems = read(spaced).1
        #expect(problems.map(\.headline) == [
            "error: plan.yaml:8:34: categories[0].items[0].lines[0].amount: expected an amount in won like 150,000원 or 13,500천원, got \"1\"",
        ])
        #expect(problems.first?.hint == "if you meant a number with a thousands comma, quote it (\"1,000원\"): inside [ ] and { } a comma separates entries")
    }

    @Test("an amount with two groups of 000 inside { } is read whole, not as a key written twice")
    func flowCommasRepeatedGroups() throws {
        let text = """
            program: p
            year: 2026
            categories:
              - name: 사무관리비
                items:
                  - name: 항목
                    lines:
                      - { name: 운영비, amount: 1,000,000,000원 }
                      - { name: 광고, unitPrice: 1,500,500원, factors: [1,000,000건] }
            """
        let (plan, diagnostics) = read(text)
        #expect(diagnostics.map(\.headline) == [])
        let lines = try #require(plan?.categories.first?.items.first?.lines)
        #expect(lines.map(\.formula) == ["1,000,000,000원", "1,500,500원*1,000,000건"])
    }

    @Test("a key written twice is an error at its mapping")
    func duplicateKey() {
        let (plan, diagnostics) = read("program: a\nprogram: b\nyear: 2026\n")
        #expect(plan == nil)
        #expect(diagnostics.map(\.headline) == ["error: plan.yaml:1:1: the key \"program\" appears twice in one mapping"])
    }

    @Test("a UTF-8 byte-order mark is accepted; CP949 bytes are refused with a plain message")
    func encodings() throws {
        let withBOM = Data([0xEF, 0xBB, 0xBF]) + Data(Self.minimal.utf8)
        #expect(PlanLoader.load(data: withBOM, file: "bom.yaml").plan != nil)
        let cp949 = try #require(Self.minimal.data(using: String.Encoding(rawValue: 0x8000_0422)))
        let loaded = PlanLoader.load(data: cp949, file: "cp949.yaml")
        #expect(loaded.plan == nil)
        #expect(loaded.diagnostics.map(\.headline) == ["error: cp949.yaml: expected UTF-8 text, got bytes that are not UTF-8 (it looks like CP949/EUC-KR)"])
    }

    @Test("a byte-order mark after the start of a plan or a rate table is an error at its line and column, not 1:1 or another line")
    func strayByteOrderMark() {
        let lines = Self.minimal.components(separatedBy: "\n")
        let midLine = (lines[..<5] + ["\u{FEFF}" + lines[5]] + lines[6...]).joined(separator: "\n")
        let inValue = Self.minimal.replacingOccurrences(of: "year: 2026", with: "year: 2026\u{FEFF}")
        for (text, at) in [(midLine, "6:1"), (inValue, "2:11"), ("\u{FEFF}" + inValue, "2:11")] {
            for loaded in [PlanLoader.load(data: Data(text.utf8), file: "plan.yaml"), PlanLoader.load(data: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), file: "plan.yaml")] {
                #expect(loaded.plan == nil)
                #expect(loaded.diagnostics.map(\.headline) == ["error: plan.yaml:\(at): expected text, got a byte-order mark (U+FEFF) inside the file"])
            }
        }
        let rates = RateTableReader.read("- from: 2016-01-01\n\u{FEFF}  basis: x\n", file: "rates.yaml")
        #expect(rates.diagnostics.map(\.headline) == ["error: rates.yaml:2:1: expected text, got a byte-order mark (U+FEFF) inside the file"])
    }

    @Test("tabs in indentation get a plain message at their line")
    func tabs() {
        let loaded = PlanLoader.load(data: Data("program: p\nyear: 2026\ncategories:\n\t- name: x\n".utf8), file: "tab.yaml")
        #expect(loaded.diagnostics.map(\.headline) == ["error: tab.yaml:4:1: expected spaces for indentation, got a tab"])
    }

    @Test("the plan example in the README is a valid plan with no findings")
    func readmeExample() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let (plan, diagnostics) = read(String(readme[start.upperBound..<end.lowerBound]))
        #expect(diagnostics.map(\.headline) == [])
        let page = BudgetPage.build(try #require(plan))
        #expect(page.findings.map(\.headline) == [])
        #expect(page.page?.budget.total == Won(6_000_000 + 13_500_000 + 10_400_000))
    }
}
