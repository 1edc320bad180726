import Foundation
@testable import PlanFiles
import PlannerCore
import Testing

@Suite("Rolling a plan to next year's draft")
struct RollTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let events = repository.appendingPathComponent("Events")
    static let rates = PlanLoader.rateFinder(directory: events.path, shownDirectory: "Events", defaultName: "rates.yaml")

    /// A plan of Events/ with its text and priced budget; fails the test when it has errors.
    struct Source {
        let file: String
        let text: String
        let plan: Plan
        let budget: PricedBudget
    }

    static func source(_ name: String) throws -> Source {
        let file = "Events/\(name).yaml"
        let path = events.appendingPathComponent("\(name).yaml").path
        let loaded = PlanLoader.load(path: path, displayName: file)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.headline))")
        let plan = try #require(loaded.plan)
        let page = try #require(BudgetPage.build(plan).page)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return Source(file: file, text: text, plan: plan, budget: page.budget)
    }

    static func roll(_ source: Source, to year: Int, settlement: SettlementEntry? = nil) throws -> String {
        try PlanRoller.roll(text: source.text, file: source.file, plan: source.plan, budget: source.budget,
                            settlement: settlement, toYear: year).get()
    }

    /// Reads a rolled draft as `planner check` would where no rate table is beside it: the draft must
    /// carry the rates it needs.
    static func read(_ text: String, file: String) -> LoadedPlan {
        PlanLoader.load(data: Data(text.utf8), file: file)
    }

    /// Runs `body` with a fresh empty folder outside the repository, removed afterwards.
    static func inTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roll-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// Every priced line, flattened: what the page prints and exports.
    static func pricedLines(_ budget: PricedBudget) -> [String] {
        budget.categories.flatMap { category in
            category.items.flatMap { item in
                item.lines.map { "\(category.category.name) / \(item.item.name) / \($0.line.name) \($0.line.formula) = \($0.exact.value) → \($0.budgeted.value)" }
                    + ["\(category.category.name) / \(item.item.name) = \(item.total.value)"]
            }
        }
    }

    static let settlement2021 = SettlementEntry(year: 2021, finalBudget: Won(427_660_000), adjustment: Won(-1_000_000),
                                                spent: Won(400_123_456))

    @Test("every plan of Events/ rolls to a draft that reads without errors and prices to the same lines",
          arguments: [("social-city-2017", 2018), ("sns-communication-2021", 2022),
                      ("seoul-social-conference-2026", 2027), ("staff-sns-education-2026", 2027),
                      ("advisory-committee-2026", 2027), ("influencer-fam-tour-2026", 2027)])
    func rollsEveryPlan(name: String, toYear: Int) throws {
        // Given a plan of Events/ and, for the 2021 one, the year's settlement from the ledger
        let source = try Self.source(name)
        let year = source.plan.program.year
        let settlement = year == 2021 ? Self.settlement2021 : nil

        // When it is rolled to the next year and the draft is saved in a folder with no rate table and read back
        let text = try Self.roll(source, to: toYear, settlement: settlement)
        let loaded = try Self.inTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("\(name)-\(toYear).yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return PlanLoader.load(path: path)
        }
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.headline))")
        let draft = try #require(loaded.plan)
        let (built, findings) = BudgetPage.build(draft)
        let page = try #require(built)

        // Then `planner check` finds no errors, and the lines, items and totals are this year's
        #expect(!findings.hasErrors, "\(findings.filter { $0.severity == .error }.map(\.headline))")
        // with the same findings about rates (notes on departures) as the plan beside Events/rates.yaml
        let rateNotes = { (diagnostics: [Diagnostic]) in diagnostics.filter { $0.severity == .note }.map(\.message) }
        #expect(rateNotes(loaded.diagnostics) == rateNotes(PlanLoader.load(data: Data(source.text.utf8), file: "x", rates: Self.rates).diagnostics))
        // it says what it is instead of repeating last year's header, and a new program (신규) continues (계속)
        #expect(text.hasPrefix("# Draft of the \(toYear) plan, made by planner roll from Events/\(name).yaml (\(year)).\n"))
        #expect(draft.program.nature == source.plan.program.nature.map { $0 == "신규" ? "계속" : $0 })
        // the rates it uses are in the draft, as in force on its first day
        if let used = source.plan.rates {
            #expect(text.contains("\nrates:\n  effective:\n"))
            #expect(draft.rates?.keys.sorted() == used.keys.sorted())
        }
        #expect(draft.program.year == toYear)
        #expect(Self.pricedLines(page.budget) == Self.pricedLines(source.budget))
        #expect(page.budget.total == source.budget.total)
        // the declared figures are comments now
        #expect(draft.declaredTotal == nil && draft.funding == nil)
        #expect(draft.categories.allSatisfy { $0.declared == nil && $0.items.allSatisfy { $0.declared == nil } })
        // this year's computed budget is (A) of the comparison, after the years the plan already had
        #expect(draft.history.map(\.year) == source.plan.history.map(\.year) + [year])
        let added = try #require(draft.history.last)
        #expect(added.total == source.budget.total)
        #expect(added.categories.map(\.category) == source.budget.categories.map(\.category.name))
        #expect(added.categories.map(\.amount) == source.budget.categories.map(\.total))
        #expect(page.comparison.previousYear == year)
        #expect(page.comparison.rows.allSatisfy { $0.previous == $0.current && $0.change == .zero })
        // the period, the schedule and the events' dates move by a year; the results stay
        #expect(draft.program.period.map { [$0.start.year, $0.end.year] } == source.plan.program.period.map { [$0.start.year + 1, $0.end.year + 1] })
        #expect(draft.schedule.map(\.period) == source.plan.schedule.map { $0.period.replacingOccurrences(of: String(year), with: String(toYear)) })
        #expect(draft.results == source.plan.results)
        let sessionDates = { (plan: Plan) in plan.events.flatMap(\.sessions).map { $0.date.map { [$0.year, $0.month, $0.day] } } }
        #expect(sessionDates(draft) == sessionDates(source.plan).map { $0.map { [$0[0] + 1, $0[1], $0[2]] } })
        // the settlement row is appended to the ones the plan had
        #expect(draft.settlement.map(\.year) == source.plan.settlement.map(\.year) + (settlement.map { [$0.year] } ?? []))
    }

    @Test("the 2017 plan's own figures are appended to its history, as published figures in 천원")
    func historyBlock() throws {
        let source = try Self.source("social-city-2017")
        let text = try Self.roll(source, to: 2018)
        #expect(text.contains("""
                  사무관리비: 194,000천원
                  행사운영비: 150,000천원
              # 2017 as planned; correct it if the final budget (최종예산) differed
              - year: 2017
                total: 234,400천원
                categories:
                  사무관리비: 134,400천원
                  행사운영비: 100,000천원

            # 단가 기준: the standard rates this draft's events use, as in force on 2018-01-01 in Events/rates.yaml,
            """))
    }

    @Test("the 2017 draft changes the header, year, nature, period, schedule, copied figures and text period, adds the rates, and nothing else")
    func editedLines() throws {
        // Given the 2017 plan rolled to 2018
        let source = try Self.source("social-city-2017")
        let text = try Self.roll(source, to: 2018)
        var before = source.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var after = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        // Then the 12 lines of the plan's header (its sources) are replaced by two that say what the draft is
        #expect(before[0] == "# Source: shared/reference/000_ca13da2687c4299f.txt" && before[12] == "")
        #expect(Array(after.prefix(3)) == [
            "# Draft of the 2018 plan, made by planner roll from Events/social-city-2017.yaml (2017).",
            "# Last year's header notes on its sources are not copied: say here where the 2018 figures come from.",
            "",
        ])
        before.removeFirst(12)
        after.removeFirst(2)

        // and the lines that changed, old → new, are exactly these: a line of the original that is
        // still to come is kept; one that never comes again was replaced
        #expect(after.count == before.count + 21)  // the history entry, the rates with their comment, the results reminder
        var changes: [String] = []
        var index = 0
        for (position, line) in after.enumerated() {
            if index < before.count, before[index] == line {
                index += 1
            } else if index < before.count, !after[position...].contains(before[index]) {
                changes.append("\(before[index]) → \(line)")
                index += 1
            } else {
                changes.append("+ \(line)")
            }
        }
        #expect(changes == [
            "year: 2017 → year: 2018",
            "nature: [신규, 경상] → nature: [계속, 경상]",
            "period: 2017-01-01 ~ 2017-12-31 → period: 2018-01-01 ~ 2018-12-31",
            "total: 234,400천원 → # total: 234,400천원 (last year's; recompute)",
            "funding: → # funding: (last year's; recompute)",
            "  city: 234,400천원 →   # city: 234,400천원",
            "  subsidyRate: 0 →   # subsidyRate: 0",
            "+   # 2017 as planned; correct it if the final budget (최종예산) differed",
            "+   - year: 2017",
            "+     total: 234,400천원",
            "+     categories:",
            "+       사무관리비: 134,400천원",
            "+       행사운영비: 100,000천원",
            "+ # 단가 기준: the standard rates this draft's events use, as in force on 2018-01-01 in Events/rates.yaml,",
            "+ # written here so that the draft checks wherever it is saved. Bring them up to this year's standards,",
            "+ # or replace the block with rates: and the path of a rate table (relative to the plan's folder).",
            "+ rates:",
            "+   effective:",
            "+     - from: 2016-01-01",
            "+       basis: 2017년 예산서 산출기초 (소셜특별시 프로젝트 추진)",
            "+       rates:",
            "+         committee.allowance: 150,000원",
            "+         committee.operating: 10,000원",
            "+         lecturer.grade1.extraHour: 200,000원",
            "+         lecturer.grade1.firstHour: 300,000원",
            "+         lecturer.manuscript: 300,000원",
            "+ ",
            "    declared: 134,400천원 →     # declared: 134,400천원 (last year's; recompute)",
            "        declared: 20,000천원 →         # declared: 20,000천원 (last year's; recompute)",
            "        declared: 14,400천원 →         # declared: 14,400천원 (last year's; recompute)",
            "        declared: 80,000천원 →         # declared: 80,000천원 (last year's; recompute)",
            "            declared: 48,000천원 →             # declared: 48,000천원 (last year's; recompute)",
            "            declared: 4,000천원 →             # declared: 4,000천원 (last year's; recompute)",
            "            declared: 10,000천원 →             # declared: 10,000천원 (last year's; recompute)",
            "        declared: 20,000천원 →         # declared: 20,000천원 (last year's; recompute)",
            "            declared: 20,000천원 →             # declared: 20,000천원 (last year's; recompute)",
            "    declared: 100,000천원 →     # declared: 100,000천원 (last year's; recompute)",
            "        declared: 100,000천원 →         # declared: 100,000천원 (last year's; recompute)",
            "  - \"사업기간 : 2017.1.1. ~ 2017.12.31.\" →   - \"사업기간 : 2018.1.1. ~ 2018.12.31.\"",
            "  - \"총사업비 : 234,400천원\" →   - \"총사업비 : 234,400천원\"  # (last year's; recompute)",
            "# 2017년도 추진일정 → # 2018년도 추진일정",
            "    period: 2017.01~2017.12 →     period: 2018.01~2018.12",
            "+   # add the 2017 results (planner results Events/social-city-2017.yaml)",
        ])
    }

    @Test("the rolled 2017 plan compares 2018 with the 2017 figures as column (A)")
    func comparison() throws {
        let source = try Self.source("social-city-2017")
        let loaded = Self.read(try Self.roll(source, to: 2018), file: "draft.yaml")
        let draft = try #require(loaded.plan)
        let page = try #require(BudgetPage.build(draft).page)
        let comparison = page.comparison
        #expect(comparison.currentYear == 2018)
        #expect(comparison.previousYear == 2017)
        #expect(comparison.earlierYears == [2015, 2016])
        #expect(comparison.rows.map(\.name) == ["계", "사무관리비", "행사운영비"])
        #expect(comparison.rows.map(\.previous) == [Won(234_400_000), Won(134_400_000), Won(100_000_000)])
        #expect(comparison.rows.map { $0.earlier.last ?? nil } == [Won(416_500_000), Won(194_000_000), Won(150_000_000)])
        #expect(comparison.rows.map(\.percent) == [0, 0, 0])
    }

    @Test("the settlement row is appended after the plan's own, in 천원, or in won when not whole thousands")
    func settlementAppended() throws {
        let source = try Self.source("sns-communication-2021")
        let text = try Self.roll(source, to: 2022, settlement: Self.settlement2021)
        #expect(text.hasSuffix("""
                unspent: 7,788천원
              - year: 2021
                finalBudget: 427,660천원
                carriedIn: 0천원
                adjustment: △1,000천원
                available: 426,660천원
                spent: 400,123,456원
                carriedOut: 0천원
                unspent: 26,536,544원

            """))
        let loaded = Self.read(text, file: "draft.yaml")
        let draft = try #require(loaded.plan)
        let added = try #require(draft.settlement.last)
        #expect(added.year == 2021 && added.finalBudget == Won(427_660_000) && added.adjustment == Won(-1_000_000))
        #expect(added.spent == Won(400_123_456) && added.declaredUnspent?.value == Won(26_536_544))
        #expect(SettlementCheck.check(draft.settlement).isEmpty)
    }

    @Test("a plan without a settlement gets the key at the end of the file")
    func settlementCreated() throws {
        let source = try Self.source("social-city-2017")
        let entry = SettlementEntry(year: 2017, finalBudget: Won(234_400_000), carriedIn: Won(0), spent: Won(230_000_000), carriedOut: Won(1_000_000))
        let text = try Self.roll(source, to: 2018, settlement: entry)
        #expect(text.hasSuffix("""
              - 소셜미디어를 통하여 시민과의 소통 활성화, 시 행정 소셜역량 강화, 시민,전문가 협력기반 구축으로 시민 삶이 향상되는 행복도시 서울 구현

            # 결산 현황 (천원)
            settlement:
              - year: 2017
                finalBudget: 234,400천원
                carriedIn: 0천원
                adjustment: 0천원
                available: 234,400천원
                spent: 230,000천원
                carriedOut: 1,000천원
                unspent: 3,400천원

            """))
        let loaded = Self.read(text, file: "draft.yaml")
        #expect(!loaded.diagnostics.hasErrors)
        #expect(try #require(loaded.plan).settlement.map(\.year) == [2017])
    }

    @Test("a year that is not after the plan's is refused", arguments: [
        (2016, "error: Events/social-city-2017.yaml: expected a year after 2017, got 2016"),
        (2017, "error: Events/social-city-2017.yaml: expected a year after 2017, got 2017"),
        (3000, "error: Events/social-city-2017.yaml: expected a year up to 2999, got 3000"),
    ])
    func refusesEarlierYears(toYear: Int, message: String) throws {
        let source = try Self.source("social-city-2017")
        let result = PlanRoller.roll(text: source.text, file: source.file, plan: source.plan, budget: source.budget, settlement: nil, toYear: toYear)
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a refusal, got a draft")
            return
        }
        #expect(diagnostic.headline == message)
    }

    @Test("a settlement year the plan already has is refused at the plan's row")
    func refusesDuplicateSettlement() throws {
        let source = try Self.source("sns-communication-2021")
        let entry = SettlementEntry(year: 2019, finalBudget: Won(1_000), spent: Won(0))
        let result = PlanRoller.roll(text: source.text, file: source.file, plan: source.plan, budget: source.budget, settlement: entry, toYear: 2022)
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a refusal, got a draft")
            return
        }
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        let key = try #require(lines.firstIndex(of: "settlement:"))
        let line = try #require(lines[key...].firstIndex(of: "  - year: 2019"))
        #expect(diagnostic.headline == "error: Events/sns-communication-2021.yaml:\(line + 1):5: settlement[2]: the settlement of 2019 is already in the plan")
        #expect(diagnostic.hint == "remove it from the plan to roll in the new figures, or roll without a settlement")
    }

    // MARK: - Inline fixtures

    static let fixture = """
        # 시험 사업 (a fixture)
        program: 시험 사업
        year: 2023
        period: 2023-03-01 ~ 2024-02-29   # 회계연도와 다르다
        total: 1,140천원  # 총사업비
        funding: { city: 1,140천원 }

        # 산출근거
        categories:
          - code: 201-01
            name: "사무관리비: 기타"
            items:
              - declared: 1,140천원
                name: 자문위원회 운영
                lines:
                  - kind: advisory
                    id: fixture-committee
                    name: 자문위원회
                    members: 2
                    meetings: 2
                    allowance: 150,000원
                    operatingCost: 10,000원
                    dates:
                      - 2023-05-10
                      - 2024-02-29
                  - name: 자료 인쇄
                    unitPrice: 50,000원
                    factors: [10부]
                    declared: 500천원   # as printed
        schedule:
          - { step: 위원 위촉, period: "'23.3" }
          - step: 회의
            period: 2023.05~2024.02
        """

    @Test("dates in block lists and flow mappings move, 29 February becomes 28, a list's first declared becomes a comment")
    func fixtureRolls() throws {
        // Given a plan with a year that doesn't follow the calendar and no history
        let (read, findings) = PlanReader.read(Self.fixture, file: "fixture.yaml", rates: Self.rates)
        #expect(!findings.hasErrors, "\(findings.map(\.headline))")
        let plan = try #require(read)
        let budget = try #require(BudgetPage.build(plan).page).budget

        // When it is rolled two years on
        let text = try PlanRoller.roll(text: Self.fixture, file: "fixture.yaml", plan: plan, budget: budget, settlement: nil, toYear: 2025).get()

        // Then the text is edited line by line, a draft header above the comment that introduces the first
        // key, history and the rates the committee used (those in force on 2025-03-01) before the categories
        #expect(text == """
            # Draft of the 2025 plan, made by planner roll from fixture.yaml (2023).
            # The 2023 plan's header notes on its sources are not copied: say here where the 2025 figures come from.

            # 시험 사업 (a fixture)
            program: 시험 사업
            year: 2025
            period: 2025-03-01 ~ 2026-02-28   # 회계연도와 다르다
            # total: 1,140천원 (2023's; recompute)  # 총사업비
            # funding: { city: 1,140천원 } (2023's; recompute)

            # 예산 총괄: earlier years (천원)
            history:
              # 2023 as planned; correct it if the final budget (최종예산) differed
              - year: 2023
                total: 1,140천원
                categories:
                  "사무관리비: 기타": 1,140천원

            # 단가 기준: the standard rates this draft's events use, as in force on 2025-03-01 in Events/rates.yaml,
            # written here so that the draft checks wherever it is saved. Bring them up to this year's standards,
            # or replace the block with rates: and the path of a rate table (relative to the plan's folder).
            rates:
              effective:
                - from: 2024-01-01
                  basis: illustrative update for plans from 2024 (replace with the current standard)
                  rates:
                    committee.allowance: 200,000원
                    committee.operating: 15,000원

            # 산출근거
            categories:
              - code: 201-01
                name: "사무관리비: 기타"
                items:
                  - # declared: 1,140천원 (2023's; recompute)
                    name: 자문위원회 운영
                    lines:
                      - kind: advisory
                        id: fixture-committee
                        name: 자문위원회
                        members: 2
                        meetings: 2
                        allowance: 150,000원
                        operatingCost: 10,000원
                        dates:
                          - 2025-05-10
                          - 2026-02-28
                      - name: 자료 인쇄
                        unitPrice: 50,000원
                        factors: [10부]
                        # declared: 500천원 (2023's; recompute)  # as printed
            schedule:
              - { step: 위원 위촉, period: "'25.3" }
              - step: 회의
                period: 2025.05~2026.02

            """)
        // and the draft reads without a rate table, prices the same and compares with 2023
        let (rolled, rolledFindings) = PlanReader.read(text, file: "draft.yaml")
        #expect(!rolledFindings.hasErrors, "\(rolledFindings.map(\.headline))")
        let draft = try #require(rolled)
        let page = try #require(BudgetPage.build(draft).page)
        #expect(Self.pricedLines(page.budget) == Self.pricedLines(budget))
        #expect(page.comparison.previousYear == 2023)
        #expect(draft.events.flatMap(\.sessions).map { $0.date?.description } == ["2025-05-10", "2026-02-28"])
    }

    @Test("flow-style dates and date keys move; an empty history list is extended")
    func flowDates() throws {
        let text = """
            program: 시험 사업
            year: 2026
            categories:
              - name: 사무관리비
                items:
                  - name: 교육
                    lines:
                      - kind: education
                        id: fixture-education
                        name: 교육
                        grade: grade1
                        hours: 2
                        sessions:
                          - { date: 2026-03-11, topic: 전략 }
                          - date: "2026-03-25"
                            topic: 기획
                  - name: 자문
                    lines:
                      - kind: advisory
                        id: fixture-committee
                        name: 자문
                        members: 3
                        meetings: 2
                        dates: [2026-02-25, 2026-04-22]   # 2026-12-31 in a comment stays
            history: []
            """
        let (read, findings) = PlanReader.read(text, file: "fixture.yaml", rates: Self.rates)
        #expect(!findings.hasErrors, "\(findings.map(\.headline))")
        let plan = try #require(read)
        let budget = try #require(BudgetPage.build(plan).page).budget
        let rolled = try PlanRoller.roll(text: text, file: "fixture.yaml", plan: plan, budget: budget, settlement: nil, toYear: 2027).get()
        #expect(rolled.contains("  - { date: 2027-03-11, topic: 전략 }"))
        #expect(rolled.contains("  - date: \"2027-03-25\""))
        #expect(rolled.contains("dates: [2027-02-25, 2027-04-22]   # 2026-12-31 in a comment stays"))
        #expect(rolled.hasSuffix("""
                        dates: [2027-02-25, 2027-04-22]   # 2026-12-31 in a comment stays
            history:
              # 2026 as planned; correct it if the final budget (최종예산) differed
              - year: 2026
                total: 3,100천원
                categories:
                  사무관리비: 3,100천원

            """))
        let (draft, draftFindings) = PlanReader.read(rolled, file: "draft.yaml", rates: Self.rates)
        #expect(!draftFindings.hasErrors, "\(draftFindings.map(\.headline))")
        #expect(try #require(draft).events.flatMap(\.sessions).compactMap { $0.date?.description }
                == ["2027-03-11", "2027-03-25", "2027-02-25", "2027-04-22"])
    }

    @Test("a history written in flow style can't be extended line by line")
    func flowHistory() throws {
        let text = """
            program: 시험 사업
            year: 2026
            categories:
              - name: 사무관리비
                items:
                  - name: 인쇄
                    amount: 1,000,000원
            history: [{ year: 2025, total: 900천원 }]
            """
        let (read, _) = PlanReader.read(text, file: "fixture.yaml")
        let plan = try #require(read)
        let budget = try #require(BudgetPage.build(plan).page).budget
        let result = PlanRoller.roll(text: text, file: "fixture.yaml", plan: plan, budget: budget, settlement: nil, toYear: 2027)
        guard case .failure(let diagnostic) = result else {
            Issue.record("expected a refusal, got a draft")
            return
        }
        #expect(diagnostic.headline == "error: fixture.yaml:8:10: history: expected history as a list of entries, one per line, to add to it; got [{ year: 2025, total: 900천원 }]")
    }

    // MARK: - What last year's text says

    static let describedPlan = """
        # 시험 사업 — sources: 2024년 예산서 (this header describes the 2024 plan)
        # and its corrections.

        program: 시험 사업
        year: 2024
        nature:
          - 신규
          - 경상
        overview:
          - "2024년 시범 운영 후 확대 (신규사업 선정 : 2023.11.)"
        period: 2024-01-01 ~ 2024-12-31
        # our rates
        rates: rates.yaml
        categories:
          - name: 사무관리비
            items:
              - name: 자문
                lines:
                  - kind: advisory
                    name: 자문
                    members: 2
                    meetings: 1
                    operatingCost: standard
        content:
          - "사업기간 : 2024.1.1. ~ 2024.12.31."
          - "착수보고 : '24.2.29. (2024-02-29)"
          - "총사업비 : 330천원"
        progress:
          - "계획 수립 : 2024.1.15."
        """

    @Test("the header, nature, text periods and 총사업비 of last year's text; a rates: path becomes the rates themselves")
    func describedText() throws {
        // Given a 2024 plan with a header about its sources, a new program, text periods and a rates: path
        let (read, findings) = PlanReader.read(Self.describedPlan, file: "plan-2024.yaml", rates: Self.rates)
        #expect(!findings.hasErrors, "\(findings.map(\.headline))")
        let plan = try #require(read)
        let budget = try #require(BudgetPage.build(plan).page).budget

        // When it is rolled to 2025
        let text = try PlanRoller.roll(text: Self.describedPlan, file: "plan-2024.yaml", plan: plan, budget: budget, settlement: nil, toYear: 2025).get()

        // Then the header is the draft's; 신규 is 계속 (신규사업 in text stays); this year's dates in the
        // overview and content move (29 February to 28), earlier ones and the progress don't; 총사업비 is
        // marked; and the rates replace the path and its comment
        #expect(text == """
            # Draft of the 2025 plan, made by planner roll from plan-2024.yaml (2024).
            # Last year's header notes on its sources are not copied: say here where the 2025 figures come from.

            program: 시험 사업
            year: 2025
            nature:
              - 계속
              - 경상
            overview:
              - "2025년 시범 운영 후 확대 (신규사업 선정 : 2023.11.)"
            period: 2025-01-01 ~ 2025-12-31
            # 단가 기준: the standard rates this draft's events use, as in force on 2025-01-01 in Events/rates.yaml,
            # written here so that the draft checks wherever it is saved. Bring them up to this year's standards,
            # or replace the block with rates: and the path of a rate table (relative to the plan's folder).
            rates:
              effective:
                - from: 2024-01-01
                  basis: illustrative update for plans from 2024 (replace with the current standard)
                  rates:
                    committee.allowance: 200,000원
                    committee.operating: 15,000원

            # 예산 총괄: earlier years (천원)
            history:
              # 2024 as planned; correct it if the final budget (최종예산) differed
              - year: 2024
                total: 430천원
                categories:
                  사무관리비: 430천원

            categories:
              - name: 사무관리비
                items:
                  - name: 자문
                    lines:
                      - kind: advisory
                        name: 자문
                        members: 2
                        meetings: 1
                        operatingCost: standard
            content:
              - "사업기간 : 2025.1.1. ~ 2025.12.31."
              - "착수보고 : '25.2.28. (2025-02-28)"
              - "총사업비 : 330천원"  # (last year's; recompute)
            progress:
              - "계획 수립 : 2024.1.15."

            """)
        // and the draft checks with no rate table at all
        let (draft, draftFindings) = PlanReader.read(text, file: "draft.yaml")
        #expect(draftFindings.isEmpty, "\(draftFindings.map(\.headline))")
        #expect(try #require(draft).program.nature == ["계속", "경상"])
    }

    @Test("a rates: path that no event uses is commented out, so that the draft reads where the path doesn't resolve")
    func unusedRatesPath() throws {
        // Given a plan naming a rate table whose one event writes every amount itself
        let text = """
            program: 시험 사업
            year: 2026
            rates: ../shared/rates.yaml
            categories:
              - name: 사무관리비
                items:
                  - name: 팸투어
                    lines:
                      - kind: fam-tour
                        influencers: 5
                        tours: 2
                        perPerson: 100,000원
            """
        // (read where that path leads to Events/rates.yaml)
        let (read, findings) = PlanReader.read(text, file: "plan.yaml", rates: { _ in Self.rates(nil) })
        #expect(!findings.hasErrors, "\(findings.map(\.headline))")
        let plan = try #require(read)
        #expect(plan.rates == nil)
        let budget = try #require(BudgetPage.build(plan).page).budget
        // When it is rolled
        let rolled = try PlanRoller.roll(text: text, file: "plan.yaml", plan: plan, budget: budget, settlement: nil, toYear: 2027).get()
        // Then the path is a comment, and the draft reads in a folder where ../shared/rates.yaml is not
        #expect(rolled.contains("\n# rates: ../shared/rates.yaml (no event uses a standard rate; a path is relative to the draft's folder)\n"))
        let nowhere = PlanLoader.rateFinder(directory: "/nonexistent-planner-folder", shownDirectory: "", defaultName: "rates.yaml")
        let (_, draftFindings) = PlanReader.read(rolled, file: "draft.yaml", rates: nowhere)
        #expect(draftFindings.isEmpty, "\(draftFindings.map(\.headline))")
    }

    @Test("dates of the plan's years in running text move; other numbers stay", arguments: [
        ("사업기간 : 2017.1.1. ~ 2017.12.31.", "사업기간 : 2018.1.1. ~ 2018.12.31."),
        ("2017년 하반기", "2018년 하반기"),
        ("2017-03-15 개최", "2018-03-15 개최"),
        ("'17.3. 착수", "'18.3. 착수"),
        ("2016.10. 실적", "2016.10. 실적"),
        ("2017 서울 컨퍼런스", "2017 서울 컨퍼런스"),
        ("12017.1.1.", "12017.1.1."),
        ("총 2,017.5만원", "총 2,017.5만원"),
        ("2016.2.29. ~ 2017.2.28.", "2016.2.29. ~ 2018.2.28."),
    ])
    func textDates(text: String, expected: String) {
        #expect(DateShift.textDates(in: text, years: 2017...2017, by: 1) == expected)
    }
}
