import Foundation
import PlanFiles
import PlannerCore
import Testing

@Suite("Plan writer")
struct PlanWriterTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Reads written text back as a plan file; the test fails on any diagnostic.
    static func reread(_ text: String, file: String = "Events/imported.yaml") throws -> Plan {
        let (plan, diagnostics) = PlanReader.read(text, file: file)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.headline))\n\(text)")
        return try #require(plan)
    }

    // MARK: - Round trip of the plans in Events/

    /// Every priced figure of the calculation basis, one row per category, item and line.
    static func pricedRows(_ budget: PricedBudget) -> [String] {
        var rows = ["계 \(budget.total.value)"]
        for category in budget.categories {
            rows.append("\(category.category.code ?? "-") \(category.category.name) = \(category.total.value)")
            for item in category.items {
                rows.append("  ○ \(item.item.name) = \(item.total.value)")
                for line in item.lines {
                    let payee = line.line.payee.role?.rawValue ?? "vendor"
                    rows.append("    - \(line.line.name) \(line.line.formula) exact \(line.exact.value) budgeted \(line.budgeted.value)"
                                + " \(payee) \(line.line.package ?? "-")")
                }
            }
        }
        return rows
    }

    static func settlementRows(_ plan: Plan) -> [String] {
        plan.settlement.map { entry in
            [entry.year, entry.finalBudget.value, entry.carriedIn.value, entry.adjustment.value, entry.available?.value as Any,
             entry.spent.value, entry.carriedOut.value, entry.unspent?.value as Any, entry.executionRateBasisPoints as Any,
             entry.declaredAvailable?.value.value as Any, entry.declaredUnspent?.value.value as Any].map { "\($0)" }.joined(separator: " ")
        }
    }

    static func scheduleRows(_ plan: Plan) -> [String] {
        plan.schedule.map { "\($0.step) | \($0.period) | \($0.amount?.value as Any) | \($0.detail ?? "-")" }
    }

    static func historyRows(_ plan: Plan) -> [String] {
        plan.history.map { year in
            "\(year.year) \(year.total?.value as Any) " + year.categories.map { "\($0.category)=\($0.amount.value)" }.joined(separator: ",")
        }
    }

    static func findingRows(_ findings: [Diagnostic]) -> [String] {
        findings.map { "\($0.severity.rawValue) \($0.path): \($0.message) (\($0.hint ?? "-"))" }
    }

    @Test("every plan of Events/ written and read back prices to the same page",
          arguments: ["social-city-2017", "sns-communication-2021", "seoul-social-conference-2026",
                      "staff-sns-education-2026", "advisory-committee-2026", "influencer-fam-tour-2026"])
    func roundTrip(name: String) throws {
        // Given a plan of Events/, its events expanded with the rates beside it
        let file = "Events/\(name).yaml"
        let loaded = PlanLoader.load(path: Self.repository.appendingPathComponent(file).path, displayName: file)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.map(\.headline))")
        let plan = try #require(loaded.plan)
        let (built, findings) = BudgetPage.build(plan)
        let page = try #require(built)

        // When it is written and read back as a plan file without rates
        let text = PlanWriter.yaml(plan, source: "\(name).txt")
        let reread = try Self.reread(text, file: "Events/\(name)-imported.yaml")
        let (rebuilt, refindings) = BudgetPage.build(reread)
        let repage = try #require(rebuilt)

        // Then the page has the same lines, formulas, amounts, comparison, schedule and settlement
        #expect(text.hasPrefix("# Imported from \(name).txt by planner import; check it with planner check\n"))
        #expect(Self.pricedRows(repage.budget) == Self.pricedRows(page.budget))
        #expect(repage.comparison == page.comparison)
        #expect(Self.settlementRows(reread) == Self.settlementRows(plan))
        #expect(Self.scheduleRows(reread) == Self.scheduleRows(plan))
        #expect(Self.findingRows(refindings) == Self.findingRows(findings))
        // and the same metadata, history, results and declared figures
        #expect(reread.program == plan.program)
        #expect(reread.policies == plan.policies)
        #expect(reread.declaredTotal?.value == plan.declaredTotal?.value)
        #expect(reread.funding.map { [$0.national, $0.city, $0.district, $0.other] } == plan.funding.map { [$0.national, $0.city, $0.district, $0.other] })
        #expect(reread.funding?.subsidyRate == plan.funding?.subsidyRate)
        #expect(Self.historyRows(reread) == Self.historyRows(plan))
        #expect(reread.results == plan.results)
        #expect(reread.contractThresholds == plan.contractThresholds)
        #expect(reread.purchaseClasses == plan.purchaseClasses)
        let declared = { (plan: Plan) in
            plan.categories.map { category in
                "\(category.declared as Any) " + category.items.map { item in
                    "\(item.declared as Any) \(item.ownAmount as Any) " + item.lines.map { "\($0.declared as Any)" }.joined(separator: ",")
                }.joined(separator: ";")
            }
        }
        if plan.events.isEmpty { #expect(declared(reread) == declared(plan)) }
    }

    @Test("a conference's roll-up line is written as its priced total with its details in a comment")
    func rollUpLine() throws {
        let file = "Events/seoul-social-conference-2026.yaml"
        let plan = try #require(PlanLoader.load(path: Self.repository.appendingPathComponent(file).path, displayName: file).plan)
        let text = PlanWriter.yaml(plan)
        #expect(text.contains("""
                      # conference event seoul-social-conference-2026 (2026 서울 국제 소셜미디어 컨퍼런스), written as plain lines
                      # 연사초청경비 등: the sum of
                      #   · 해외연사 사례비(USD 6,000×1,380원) 8,280,000원*1인 = 8,280천원
            """))
        #expect(text.contains("""
                      #   · 연사 현지교통비 150,000원*4인 = 600천원
                      - name: 연사초청경비 등
                        unitPrice: 42,160,000원
                        factors: [1식]
                        package: conference-agency
            """))
    }

    // MARK: - Quoting

    /// A plan with `text` in every place a plan file holds text.
    static func planWithText(_ text: String) -> Plan {
        var info = ProgramInfo(name: text, year: 2026)
        info.account = text
        info.executor = text
        info.nature = [text, "경상"]
        info.overview = [text]
        info.officers = [OfficerRow(division: text, director: Contact(name: text), officer: Contact(name: "김은영", phone: "2133-6484"))]
        info.purpose = [OutlineEntry(text), OutlineEntry(text, children: [OutlineEntry(text, children: [OutlineEntry(text)])])]
        info.effects = [OutlineEntry(text)]
        var line = CostLine(name: text, unitPrice: Won(150_000), factors: [Factor(count: 15, unit: "인")], declared: Won(2_250_000))
        line.package = text
        let lump = CostLine.lumpSum(text, Won(100_000))
        let category = BudgetCategory(code: text, name: text, items: [BudgetItem(name: text, lines: [line, lump]),
                                                                          BudgetItem(name: text, ownAmount: Won(650_000))])
        return Plan(program: info, categories: [category],
                    history: [PublishedBudget(year: 2025, total: Won(3_000_000), categories: [.init(category: text, amount: Won(3_000_000))])],
                    schedule: [ScheduleRow(step: text, period: text, amount: Won(3_000_000), detail: text)],
                    results: [YearResults(year: 2025, entries: [text])])
    }

    static let awkwardTexts = [
        "회의: 자문", "#1 캠페인", "캠페인 #2", "- 목록", "-목록", "'15.10.24", "\"인용\" 문구", "yes", "No", "off", "ON", "y", "null", "~",
        "true", "2017-01-01", "2017-1-1 10:00:00", "2017", "1.5", "-3", "0x1F", "1:20", ".inf", "=", "<<", "🎉 소셜 축제 😀",
        "[첫째]", "{둘째}", "*별표", "&앵커", "!태그", "|파이프", ">꺾쇠", "%퍼센트", "@골뱅이", "`백틱", "?물음", ",쉼표", "끝:",
        "a, b [c] {d}", "시간:분", "줄\n바꿈", "역\\슬래시", "탭\t문자", "제어\u{7}문자", "가\u{FEFF}나", "폭없는\u{200B}공백", "줄\u{2028}구분", "201-01",
        String(repeating: "가나다라 ", count: 250) + "끝",
    ]

    @Test("text YAML would misread survives a round trip", arguments: awkwardTexts)
    func awkwardText(text: String) throws {
        // Given a plan with the text as every name, code, entry and key
        let plan = Self.planWithText(text)

        // When it is written and read back
        let written = PlanWriter.yaml(plan)
        let reread = try Self.reread(written)

        // Then every place holds the same text
        #expect(reread.program == plan.program)
        let category = try #require(reread.categories.first)
        #expect(category.code == text && category.name == text)
        #expect(category.items.map(\.name) == [text, text])
        #expect(category.items.first?.lines.map(\.name) == [text, text])
        #expect(category.items.first?.lines.first?.package == text)
        #expect(reread.history.first?.categories.map(\.category) == [text])
        #expect(Self.scheduleRows(reread) == Self.scheduleRows(plan))
        #expect(reread.results == plan.results)
        // and writing the plan read back gives the same bytes
        #expect(PlanWriter.yaml(reread) == written)
    }

    @Test("text is quoted only when YAML would misread it", arguments: [
        ("소셜특별시 프로젝트 추진", "소셜특별시 프로젝트 추진"),
        ("201-01", "201-01"),
        ("🎉 소셜 축제", "🎉 소셜 축제"),
        ("자문료, 간담회비용 (30%)", "자문료, 간담회비용 (30%)"),
        ("사업기간 : 2017.1.1.", "\"사업기간 : 2017.1.1.\""),
        ("캠페인 #2", "\"캠페인 #2\""),
        ("- 목록", "\"- 목록\""),
        ("'15.10.24", "\"'15.10.24\""),
        ("yes", "\"yes\""),
        ("~", "\"~\""),
        ("2017-01-01", "\"2017-01-01\""),
        ("2017", "\"2017\""),
        ("\"인용\" 문구", "\"\\\"인용\\\" 문구\""),
        ("줄\n바꿈\t역\\슬래시", "\"줄\\n바꿈\\t역\\\\슬래시\""),
    ])
    func quoting(text: String, written: String) {
        let output = PlanWriter.yaml(Plan(program: ProgramInfo(name: text, year: 2026), categories: []))
        #expect(output.split(separator: "\n").contains { $0 == "program: " + written }, "\(output)")
    }

    @Test("factors keep their thousands separators and rate words")
    func factors() throws {
        let line = CostLine(name: "콘텐츠 제작", unitPrice: Won(1_000),
                            factors: [Factor(count: 1_000_000, unit: "건"), Factor(count: 1_000, unit: "회", rate: "주"), Factor(count: 52, unit: "주")])
        let plan = Plan(program: ProgramInfo(name: "시험", year: 2026),
                        categories: [BudgetCategory(name: "사무관리비", items: [BudgetItem(name: "운영", lines: [line])])])
        let text = PlanWriter.yaml(plan)
        #expect(text.contains("factors: [1,000,000건, \"주1,000회\", 52주]\n"))
        let reread = try Self.reread(text)
        #expect(reread.categories.first?.items.first?.lines.first?.factors == line.factors)
    }

    // MARK: - The whole text

    /// A small plan with one of everything: an event's lines, a roll-up, a lump sum, an item of its own
    /// amount, history, schedule, results and a settlement with a decrease and a figure in won.
    static func smallPlan() -> Plan {
        var info = ProgramInfo(name: "시험 사업: 가져오기", year: 2026)
        info.division = "뉴미디어담당관"
        info.nature = ["계속", "경상"]
        info.authorityCode = "6110000"
        info.officers = [OfficerRow(director: Contact(name: "홍길동", phone: "2133-6480"), officer: Contact(name: "박지민"))]
        info.period = PlanPeriod(start: CalendarDate(year: 2026, month: 1, day: 1)!, end: CalendarDate(year: 2026, month: 12, day: 31)!)
        info.legalBasis = [OutlineEntry("법령상 근거", children: [OutlineEntry("운영계획('25.12.1.)")])]
        info.effects = [OutlineEntry("yes")]

        let committee = EventOrigin(id: "committee", name: "자문위원회", kind: .advisory)
        var allowance = CostLine(name: "자문회의 참석수당", unitPrice: Won(150_000), factors: [Factor(count: 15, unit: "인"), Factor(count: 6, unit: "회")])
        allowance.payee = .person(.allowance)
        allowance.origin = committee
        var speakers = CostLine(name: "연사초청경비 등", unitPrice: Won(2_751_500), factors: [Factor(count: 1, unit: "식")])
        speakers.details = [CostLine(name: "국내연사 사례비", unitPrice: Won(1_000_000), factors: [Factor(count: 2, unit: "인")]),
                            CostLine(name: "연사 숙박비", unitPrice: Won(250_500), factors: [Factor(count: 1, unit: "인"), Factor(count: 3, unit: "박")])]
        speakers.package = "agency"
        let blog = CostLine(name: "블로그 운영", unitPrice: Won(180_000), factors: [Factor(count: 1_000, unit: "건")], declared: Won(180_000_000))
        let kakao = CostLine(name: "카카오 콘텐츠", unitPrice: Won(240_000), factors: [Factor(count: 1, unit: "회", rate: "주"), Factor(count: 52, unit: "주")])
        let review = CostLine.lumpSum("심사 운영비", Won(1_800_500), declared: Won(1_801_000))

        let office = BudgetCategory(code: "201-01", name: "사무관리비", items: [
            BudgetItem(name: "자문위원회 운영", lines: [allowance, speakers], declared: Won(16_252_000)),
            BudgetItem(name: "블로그 운영", lines: [blog, kakao, review]),
        ], declared: Won(210_533_000))
        let meetings = BudgetCategory(code: "203-02", name: "시책추진업무추진비", items: [
            BudgetItem(name: "업무추진 간담회", ownAmount: Won(2_700_000), declared: Won(2_700_000)),
        ])
        var plan = Plan(program: info, policies: RoundingPolicies(amounts: .halfUp, percent: .truncate), categories: [office, meetings],
                        declaredTotal: Located(Won(213_233_000)), funding: Funding(city: Won(213_233_000)),
                        history: [PublishedBudget(year: 2025, total: Won(200_000_000),
                                                  categories: [.init(category: "사무관리비", amount: Won(197_000_000)),
                                                               .init(category: "시책추진업무추진비", amount: Won(3_000_000))])],
                        schedule: [ScheduleRow(step: "사업시행 및 예산집행", period: "2026.01~2026.12", amount: Won(213_233_000))],
                        results: [YearResults(year: 2025, entries: ["'25 실적: 10건"])],
                        settlement: [SettlementEntry(year: 2024, finalBudget: Won(100_000_000), adjustment: Won(-300_000), spent: Won(90_000_500),
                                                     declaredAvailable: Located(Won(99_700_000)), declaredUnspent: Located(Won(9_699_500)))])
        plan.contractThresholds = ContractThresholds(singleQuotationLimit: Won(50_000_000), quotationLimit: Won(100_000_000))
        plan.purchaseClasses = PurchaseClasses(codes: ["201", "206-01"])
        return plan
    }

    static let smallPlanText = """
        # Imported from 2026 예산서.txt by planner import; check it with planner check

        # ── 1 기본 현황 ─────────────────────────────────────────────
        program: "시험 사업: 가져오기"
        year: 2026
        division: 뉴미디어담당관
        authorityCode: "6110000"
        nature: [계속, 경상]

        # 사업 담당자
        officers:
          - director: 홍길동 2133-6480
            officer: 박지민

        period: 2026-01-01 ~ 2026-12-31

        # 천원 rounding of each line (half-up or truncate), and of the year-over-year percentage
        policy:
          rounding: half-up
          percent: truncate

        # 총사업비
        total: 213,233천원
        funding:
          city: 213,233천원

        # 계약방법: the 추정가격 limits for one quotation and for quotations (원), and the budget classes bought from vendors
        procurement:
          singleQuotationLimit: 50,000,000원
          quotationLimit: 100,000,000원
          purchaseClasses: ["201", 206-01]

        # ── 2 예산 설명 ─────────────────────────────────────────────
        # 예산 총괄: earlier years as published (천원)
        history:
          - year: 2025
            total: 200,000천원
            categories:
              사무관리비: 197,000천원
              시책추진업무추진비: 3,000천원

        # 산출근거: 편성목 → ○ item → - line
        categories:
          - code: 201-01
            name: 사무관리비
            declared: 210,533천원
            items:
              - name: 자문위원회 운영
                declared: 16,252천원
                lines:
                  # advisory event committee (자문위원회), written as plain lines
                  - name: 자문회의 참석수당
                    unitPrice: 150,000원
                    factors: [15인, 6회]
                    paidTo: allowance
                  # 연사초청경비 등: the sum of
                  #   · 국내연사 사례비 1,000,000원*2인 = 2,000천원
                  #   · 연사 숙박비 250,500원*1인*3박 = 752천원
                  - name: 연사초청경비 등
                    unitPrice: 2,752,000원
                    factors: [1식]
                    package: agency
              - name: 블로그 운영
                lines:
                  - name: 블로그 운영
                    unitPrice: 180,000원
                    factors: [1,000건]
                    declared: 180,000천원
                  - name: 카카오 콘텐츠
                    unitPrice: 240,000원
                    factors: [주1회, 52주]
                  - name: 심사 운영비
                    amount: 1,800,500원
                    declared: 1,801천원
          - code: 203-02
            name: 시책추진업무추진비
            items:
              - name: 업무추진 간담회
                amount: 2,700,000원
                declared: 2,700천원

        # ── 3 사업설명 ─────────────────────────────────────────────
        # 사업근거
        legalBasis:
          - "법령상 근거":
              - 운영계획('25.12.1.)

        # 2026년도 추진일정
        schedule:
          - step: 사업시행 및 예산집행
            period: 2026.01~2026.12
            amount: 213,233천원

        # ── 4 사업효과 ─────────────────────────────────────────────
        # 최근 3년 추진실적
        results:
          - year: 2025
            entries:
              - "'25 실적: 10건"

        # 향후 기대효과
        effects:
          - "yes"

        # ── 5 최근 3년 결산 현황 (천원) ─────────────────────────────────────────────
        settlement:
          - year: 2024
            finalBudget: 100,000천원
            carriedIn: 0천원
            adjustment: △300천원
            available: 99,700천원
            spent: 90,000,500원
            carriedOut: 0천원
            unspent: 9,699,500원

        """

    @Test("a small plan is written exactly so")
    func smallPlanText() throws {
        let plan = Self.smallPlan()
        let text = PlanWriter.yaml(plan, source: "2026 예산서.txt")
        #expect(text == Self.smallPlanText)

        // It reads back without findings and prices as the plan it came from.
        let reread = try Self.reread(text)
        let (built, findings) = BudgetPage.build(reread)
        #expect(findings.isEmpty, "\(findings.map(\.headline))")
        let page = try #require(built)
        let original = try #require(BudgetPage.build(plan).page)
        #expect(Self.pricedRows(page.budget) == Self.pricedRows(original.budget))
        #expect(Self.settlementRows(reread) == Self.settlementRows(plan))
    }

    @Test("without a source the header says the file was written by planner import")
    func headerWithoutSource() {
        let text = PlanWriter.yaml(Plan(program: ProgramInfo(name: "시험", year: 2026), categories: []))
        #expect(text.hasPrefix("# Written by planner import; check it with planner check\n\n# ── 1 기본 현황"))
    }
}
