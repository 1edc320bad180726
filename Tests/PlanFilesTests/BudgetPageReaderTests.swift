import Foundation
import PlanFiles
import PlannerCore
import Testing

/// Reading budget pages (산출근거 text) into plans, and checking their arithmetic.
@Suite("Budget page reader")
struct BudgetPageReaderTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = here.deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository, or `PLANNER_SHARED`.
    static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["PLANNER_SHARED"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return repository.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    static var referenceAvailable: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("reference").path) }

    /// A page written for these tests, from `Pages/`.
    static func page(_ name: String) throws -> Data {
        try Data(contentsOf: here.appendingPathComponent("Pages").appendingPathComponent(name))
    }

    /// Reads a page and builds it: the plan, and every finding (the reader's and the checks').
    static func read(_ data: Data, file: String, encoding: PageEncoding = .automatic, rounding: RoundingRule = .halfUp) throws -> (plan: Plan, page: BudgetPage, findings: [String]) {
        let (plan, diagnostics) = BudgetPageReader.read(data, file: file, encoding: encoding, rounding: rounding)
        let read = try #require(plan, "no plan: \(diagnostics.map(\.headline))")
        let (page, findings) = BudgetPage.build(read)
        let built = try #require(page, "no page: \(findings.map(\.headline))")
        return (read, built, (diagnostics + findings).sortedBySource().map(\.headline))
    }

    static func read(_ text: String, file: String = "page.txt") throws -> (plan: Plan, page: BudgetPage, findings: [String]) {
        try read(Data(text.utf8), file: file)
    }

    /// Every figure a budget page prints, one per line: categories, items, lines with their formulas,
    /// the rows of 예산 총괄, the schedule and the settlement.
    static func figures(_ page: BudgetPage) -> [String] {
        var out = ["total \(page.budget.total)"]
        for category in page.budget.categories {
            out.append("\(category.category.name) = \(category.total)")
            for item in category.items {
                out.append("  ○ \(item.item.name) = \(item.total)")
                for line in item.lines {
                    out.append("    - \(line.line.name) \(line.line.formula) = \(line.budgeted)")
                    for detail in line.details { out.append("      · \(detail.line.name) \(detail.line.formula) = \(detail.budgeted)") }
                }
            }
        }
        let comparison = page.comparison
        out.append("comparison \(comparison.earlierYears) \(comparison.previousYear.map(String.init) ?? "-") → \(comparison.currentYear) \(comparison.percentRule)")
        for row in comparison.rows {
            out.append("  \(row.name): \(row.earlier.map { $0.map(\.description) ?? "-" }) \(row.previous?.description ?? "-") → \(row.current) "
                + "\(row.change.map { MoneyFormat.signed($0.value) } ?? "-") \(row.percent.map(MoneyFormat.signed) ?? "-")")
        }
        for row in page.plan.schedule { out.append("schedule \(row.step) \(row.period) \(row.amount?.description ?? "-")") }
        for entry in page.plan.settlement {
            out.append("settlement \(entry.year) \(entry.finalBudget) \(entry.available?.description ?? "-") \(entry.spent) \(entry.unspent?.description ?? "-")")
        }
        return out
    }

    /// The funding box without where it was read.
    static func funding(_ plan: Plan) -> [String] {
        guard let funding = plan.funding else { return [] }
        return [funding.national, funding.city, funding.district, funding.other].map { $0?.description ?? "-" } + [funding.subsidyRate.map(String.init) ?? "-"]
    }

    /// The hand-written plan of a reference page, built.
    static func eventsPage(_ name: String) throws -> BudgetPage {
        let loaded = PlanLoader.load(path: repository.appendingPathComponent("Events/\(name).yaml").path, displayName: "Events/\(name).yaml")
        let plan = try #require(loaded.plan, "\(loaded.diagnostics.map(\.headline))")
        return try #require(BudgetPage.build(plan).page)
    }

    // MARK: - The reference pages

    struct Reference: Sendable, CustomStringConvertible {
        let file: String
        let plan: String
        let findings: [String]
        let percent: RoundingRule
        var description: String { file }
    }

    static let references = [
        Reference(file: "000_ca13da2687c4299f.txt", plan: "social-city-2017", findings: [
            "warning: 000_ca13da2687c4299f.txt:43:13: history[1].total: the published 2016 total (416,500천원) differs from its categories' sum (344,000천원) by 72,500천원",
        ], percent: .truncate),
        Reference(file: "001_38ba539b69dbdf40.txt", plan: "sns-communication-2021", findings: [], percent: .halfUp),
    ]

    @Test("a reference page reads into a plan whose page has every figure of the hand-written plan, and only the page's own inconsistency is reported",
          .enabled(if: referenceAvailable, "the reference pages are not here: ../shared/reference is not beside this clone (set PLANNER_SHARED to point at it)"),
          arguments: references)
    func referencePage(_ reference: Reference) throws {
        // Given the page as the city published it
        let data = try Data(contentsOf: Self.shared.appendingPathComponent("reference").appendingPathComponent(reference.file))
        // When it is read and built
        let (plan, page, findings) = try Self.read(data, file: reference.file)
        // Then every category, item, line, comparison row, schedule and settlement row equals the hand-written plan's
        let expected = try Self.eventsPage(reference.plan)
        #expect(Self.figures(page) == Self.figures(expected))
        #expect(findings == reference.findings)
        #expect(plan.policies == RoundingPolicies(amounts: .halfUp, percent: reference.percent))
        // and the rest of the page too: 기본 현황, officers, the narrative lists, results and funding
        #expect(plan.program == Self.printed(expected.plan.program))
        #expect(plan.results == expected.plan.results)
        #expect(plan.declaredTotal?.value == expected.plan.declaredTotal?.value)
        #expect(Self.funding(plan) == Self.funding(expected.plan))
    }

    @Test("the 2017 page: formulas on the line after their name, the empty 2015 column, the 2016 column as published",
          .enabled(if: referenceAvailable, "the reference pages are not here: ../shared/reference is not beside this clone (set PLANNER_SHARED to point at it)"))
    func socialCity2017() throws {
        let file = "000_ca13da2687c4299f.txt"
        let (plan, _, _) = try Self.read(try Data(contentsOf: Self.shared.appendingPathComponent("reference").appendingPathComponent(file)), file: file)
        let lecture = try #require(plan.categories.first?.items.first?.lines.first)
        #expect(lecture.name == "강사료" && lecture.formula == "500,000원*12회")
        #expect(lecture.source == SourceLocation(file: file, line: 51, column: 2))
        #expect(lecture.declaredSource == SourceLocation(file: file, line: 51, column: 10))
        #expect(plan.history.map(\.year) == [2015, 2016])
        #expect(plan.history.first?.hasFigures == false)
        #expect(plan.history.last?.total == Won(416_500_000))
        #expect(plan.categories.map(\.declaredSource?.line) == [44, 45])
        #expect(plan.declaredTotal?.location?.line == 11)
        #expect(plan.program.nature == ["신규", "경상"])
        #expect(plan.program.executionType == "직접수행")
        #expect(plan.program.procedure.map(\.text) == ["예산배정 요청", "용역수행", "사업시행 및 예산집행"])
    }

    @Test("the 2021 page: lboon is read as 1boon, the run-together 시책추진업무추진 비 is one class, the settlement keeps its printed figures",
          .enabled(if: referenceAvailable, "the reference pages are not here: ../shared/reference is not beside this clone (set PLANNER_SHARED to point at it)"))
    func snsCommunication2021() throws {
        let file = "001_38ba539b69dbdf40.txt"
        let (plan, _, _) = try Self.read(try Data(contentsOf: Self.shared.appendingPathComponent("reference").appendingPathComponent(file)), file: file)
        try #require(plan.categories.map(\.name) == ["사무관리비", "시책추진업무추진비"])
        try #require(plan.categories[0].items.count == 3 && plan.categories[1].items.count == 1)
        #expect(plan.categories[0].items[2].name == "시 대표 카카오 1boon 및 브런치 등 운영")
        #expect(plan.categories[0].items[2].lines[0].factors == [Factor(count: 1, unit: "회", rate: "주"), Factor(count: 52, unit: "주")])
        #expect(plan.categories[1].items[0].ownAmount == Won(2_700_000))
        #expect(plan.history.map(\.year) == [2020])
        #expect(plan.settlement.map(\.declaredUnspent?.value) == [Won(20_004_000), Won(12_264_000), Won(7_788_000)])
        #expect(plan.settlement.first?.declaredUnspent?.location == SourceLocation(file: file, line: 124, column: 71))
    }

    // MARK: - Other layouts

    @Test("a county book inside box borders: bare unit prices are won, results and totals are 천원, decimals in 증감률")
    func countyBook() throws {
        let (plan, page, findings) = try Self.read(try Self.page("county-book-2013.txt"), file: "county-book-2013.txt")
        #expect(findings == [])
        #expect(plan.program.name == "읍면 행정정보망 운영")
        #expect(plan.program.year == 2013)
        #expect(plan.program.division == "기획감사실 정보통신담당")
        #expect(plan.policies.percent == .halfUp)
        #expect(Self.figures(page) == [
            "total 120,143,000",
            "일반수용비 = 117,983,000",
            "  ○ 행정정보망 회선 사용료 = 3,720,000",
            "    - 전용회선료 30,000원*1회선*12월 = 360,000",
            "    - 인터넷 회선료 20,000원*14회선*12월 = 3,360,000",
            "  ○ 전산장비 유지보수 = 112,619,000",
            "    - 서버 유지보수 3,128,300원*3대*12월 = 112,619,000",
            "  ○ 전산소모품 구입 = 1,644,000",
            "    - 토너 구입 54,800원*30개 = 1,644,000",
            "국내여비 = 2,160,000",
            "  ○ 정보화 교육 출장여비 = 2,160,000",
            "    - 관내출장 20,000원*9명*12월 = 2,160,000",
            "comparison [] 2012 → 2013 halfUp",
            "  계: [] 112,400,000 → 120,143,000 7,743,000 7",
            "  일반수용비: [] 110,000,000 → 117,983,000 7,983,000 7",
            "  국내여비: [] 2,400,000 → 2,160,000 △240,000 △10",
        ])
        #expect(plan.categories.map(\.code) == ["201-01", "202-01"])
        let line = try #require(plan.categories.first?.items.first?.lines.first)
        #expect(line.source == SourceLocation(file: "county-book-2013.txt", line: 24, column: 20))
        #expect(line.declaredSource == SourceLocation(file: "county-book-2013.txt", line: 25, column: 45))
        #expect(plan.declaredTotal == Located(Won(120_143_000), at: SourceLocation(file: "county-book-2013.txt", line: 5, column: 9)))
    }

    @Test("the same county book checked with truncation to 천원: the line that needs half-up is reported, and every printed total above it")
    func countyBookTruncating() throws {
        // PlanCheck compares each printed total with what the lines compute, so one line that rounds
        // differently shows again in its item, its class and the program's total (not in 예산 총괄,
        // whose figures agree with the totals printed in the basis).
        let (_, _, findings) = try Self.read(try Self.page("county-book-2013.txt"), file: "county-book-2013.txt", rounding: .truncate)
        #expect(findings == [
            "error: county-book-2013.txt:5:9: total: declared 120,143천원 but the categories add up to 120,142천원",
            "error: county-book-2013.txt:22:63: categories[0].declared: declared 117,983천원 but the items of 일반수용비 add up to 117,982천원",
            "error: county-book-2013.txt:27:59: categories[0].items[1].declared: declared 112,619천원 but its lines add up to 112,618천원",
            "error: county-book-2013.txt:28:53: categories[0].items[1].lines[0].declared: declared 112,619천원 but 3,128,300원*3대*12월 = 112,618천원",
        ])
    }

    /// `소셜 교육 사업 … ○ 똠방 소셜 교육 = 30,000천원`, in CP949 (`똠` exists only in CP949, not in EUC-KR).
    static let cp949Page: [UInt8] = [
        0xbc, 0xd2, 0xbc, 0xc8, 0x20, 0xb1, 0xb3, 0xc0, 0xb0, 0x20, 0xbb, 0xe7,
        0xbe, 0xf7, 0x0a, 0x0a, 0xa1, 0xe0, 0x20, 0xbf, 0xb9, 0xbb, 0xea, 0x20,
        0xc3, 0xd1, 0xb0, 0xfd, 0x0a, 0x28, 0xb4, 0xdc, 0xc0, 0xa7, 0x20, 0x3a,
        0x20, 0xc3, 0xb5, 0xbf, 0xf8, 0x29, 0x0a, 0xb1, 0xb8, 0x20, 0xba, 0xd0,
        0x09, 0x32, 0x30, 0x31, 0x36, 0xbf, 0xb9, 0xbb, 0xea, 0xbe, 0xd7, 0x20,
        0x28, 0x41, 0x29, 0x09, 0x32, 0x30, 0x31, 0x37, 0xbf, 0xb9, 0xbb, 0xea,
        0x28, 0x42, 0x29, 0x09, 0xc1, 0xf5, 0xb0, 0xa8, 0x20, 0x28, 0x42, 0x2d,
        0x41, 0x29, 0x09, 0x28, 0x42, 0x2d, 0x41, 0x29, 0x2a, 0x31, 0x30, 0x30,
        0x2f, 0x41, 0x0a, 0xb0, 0xe8, 0x09, 0x32, 0x30, 0x2c, 0x30, 0x30, 0x30,
        0x09, 0x33, 0x30, 0x2c, 0x30, 0x30, 0x30, 0x09, 0x31, 0x30, 0x2c, 0x30,
        0x30, 0x30, 0x09, 0x35, 0x30, 0x0a, 0xbb, 0xe7, 0xb9, 0xab, 0xb0, 0xfc,
        0xb8, 0xae, 0xba, 0xf1, 0x09, 0x32, 0x30, 0x2c, 0x30, 0x30, 0x30, 0x09,
        0x33, 0x30, 0x2c, 0x30, 0x30, 0x30, 0x09, 0x31, 0x30, 0x2c, 0x30, 0x30,
        0x30, 0x09, 0x35, 0x30, 0x0a, 0x0a, 0xa1, 0xe0, 0x20, 0xbb, 0xea, 0xc3,
        0xe2, 0xb1, 0xd9, 0xb0, 0xc5, 0x0a, 0xb0, 0xfa, 0xb8, 0xf1, 0xb1, 0xb8,
        0xba, 0xd0, 0x09, 0xbc, 0xbc, 0xba, 0xce, 0x20, 0xbb, 0xea, 0xc3, 0xe2,
        0xb3, 0xbb, 0xbf, 0xaa, 0x0a, 0xbb, 0xe7, 0xb9, 0xab, 0xb0, 0xfc, 0xb8,
        0xae, 0xba, 0xf1, 0x09, 0xa1, 0xdb, 0x20, 0x8c, 0x63, 0xb9, 0xe6, 0x20,
        0xbc, 0xd2, 0xbc, 0xc8, 0x20, 0xb1, 0xb3, 0xc0, 0xb0, 0x20, 0x3d, 0x20,
        0x33, 0x30, 0x2c, 0x30, 0x30, 0x30, 0xc3, 0xb5, 0xbf, 0xf8, 0x0a, 0x09,
        0x2d, 0x20, 0xb0, 0xad, 0xbb, 0xe7, 0xb7, 0xe1, 0x20, 0x35, 0x30, 0x30,
        0x2c, 0x30, 0x30, 0x30, 0xbf, 0xf8, 0x2a, 0x31, 0x32, 0xc8, 0xb8, 0x20,
        0x3d, 0x20, 0x36, 0x2c, 0x30, 0x30, 0x30, 0xc3, 0xb5, 0xbf, 0xf8, 0x0a,
        0x09, 0x2d, 0x20, 0xb1, 0xb3, 0xc0, 0xe7, 0x20, 0x32, 0x34, 0x2c, 0x30,
        0x30, 0x30, 0x2c, 0x30, 0x30, 0x30, 0xbf, 0xf8, 0x20, 0x3d, 0x20, 0x32,
        0x34, 0x2c, 0x30, 0x30, 0x30, 0xc3, 0xb5, 0xbf, 0xf8, 0x0a
    ]

    @Test("a CP949 page is detected and read; forced UTF-8 refuses it")
    func cp949() throws {
        let data = Data(Self.cp949Page)
        #expect(String(data: data, encoding: .utf8) == nil)
        let text = try BudgetPageReader.decode(data, encoding: .automatic, file: "cp949.txt").get()
        #expect(text.hasPrefix("소셜 교육 사업\n"))
        #expect(text.contains("○ 똠방 소셜 교육 = 30,000천원"))
        let (plan, page, findings) = try Self.read(data, file: "cp949.txt")
        #expect(findings == [])
        #expect(plan.program.name == "소셜 교육 사업")
        #expect(page.budget.categories.first?.items.first?.item.name == "똠방 소셜 교육")
        #expect(page.budget.total == Won(30_000_000))
        let (same, _) = BudgetPageReader.read(data, file: "cp949.txt", encoding: .cp949)
        #expect(same?.categories == plan.categories)

        let (none, diagnostics) = BudgetPageReader.read(data, file: "cp949.txt", encoding: .utf8)
        #expect(none == nil)
        #expect(diagnostics.map(\.headline) == ["error: cp949.txt: expected UTF-8 text, got bytes that are not UTF-8"])
        #expect(diagnostics.first?.hint == "the page may be in CP949: try --encoding cp949")
    }

    @Test("a page saved as UTF-16 with its byte-order mark is read too")
    func utf16() throws {
        let text = "□ 2021년도 산출근거\n사무관리비\t○ 홍보물 제작 = 1,500천원\n\t- 리플릿 인쇄 1,500원*1,000부 = 1,500천원\n"
        let data = try #require(text.data(using: .utf16LittleEndian))
        let (_, page, findings) = try Self.read(Data([0xFF, 0xFE]) + data, file: "utf16.txt")
        #expect(findings == [])
        #expect(page.budget.total == Won(1_500_000))
    }

    @Test("forcing CP949 on a page that isn't refuses it with what to try")
    func forcedCP949() {
        // NUL bytes are never CP949 text.
        let (plan, diagnostics) = BudgetPageReader.read(Data([0x00, 0x41, 0x00, 0x42]), file: "page.txt", encoding: .cp949)
        #expect(plan == nil)
        #expect(diagnostics.map(\.headline) == ["error: page.txt: expected CP949 (EUC-KR) text, got bytes that are not CP949"])
        #expect(diagnostics.first?.hint == "the page may be in UTF-8: try --encoding utf8")
    }

    @Test("bytes that are neither UTF-8 nor Korean text are refused, not read as mojibake")
    func notText() {
        // 0x80 and 0xFF are lead bytes without a valid trail in CP949; C1 controls and private use are refused too.
        let (plan, diagnostics) = BudgetPageReader.read(Data([0x80, 0x81, 0xFF, 0xFE, 0x00, 0x9F]), file: "scan.bin")
        #expect(plan == nil)
        #expect(diagnostics.map(\.headline) == ["error: scan.bin: expected UTF-8 or CP949 (EUC-KR) text, got bytes that are neither"])
    }

    // MARK: - Findings

    @Test("a page with one planted error of each kind: each is found at its line, and nothing else")
    func plantedErrors() throws {
        let (plan, _, findings) = try Self.read(try Self.page("planted-errors-2017.txt"), file: "planted.txt")
        #expect(findings == [
            // categories not summing to the total (총사업비)
            "error: planted.txt:8:6: total: declared 234,500천원 but the categories add up to 234,400천원",
            // a wrong change in 예산 총괄
            "error: planted.txt:18:38: the change (B-A) of 사무관리비 is printed △59,500천원 but 134,400천원 − 194,000천원 = △59,600천원",
            // a wrong percentage in 예산 총괄
            "error: planted.txt:19:51: the percentage of 행사운영비 is printed △34 but (B-A)*100/A is △33",
            // details not summing to their item
            "error: planted.txt:24:27: categories[0].items[0].declared: declared 21,000천원 but its lines add up to 20,000천원",
            // a formula whose product disagrees
            "error: planted.txt:32:32: categories[0].items[1].lines[0].declared: declared 13,600천원 but 150,000원*15인*6회 = 13,500천원",
            // items not summing to their category
            "error: planted.txt:42:11: categories[1].declared: declared 100,500천원 but the items of 행사운영비 add up to 100,000천원",
            // a broken settlement identity
            "error: planted.txt:62:71: settlement[1].unspent: 집행잔액 15,000천원 should be 예산현액 − 집행액 − 차년이월 = 14,000천원",
        ])
        #expect(plan.policies.percent == .truncate)
    }

    @Test("a garbage line in the calculation basis is reported as unread at its line; garbage in the narrative is not budget data")
    func unreadableLine() throws {
        let (plan, page, findings) = try Self.read(try Self.page("unreadable-line-2021.txt"), file: "unreadable.txt")
        #expect(findings == [#"unread: unreadable.txt:13:2: could not read this line: "▒▒▒ ◈◈ 3#4@@ ?? ▒▒""#])
        #expect(page.budget.total == Won(3_000_000))
        #expect(plan.program.purpose.map(\.text) == ["▒▒ 3#4@@ 사업의 목적 ?? (스캔 불량)", "시민 참여 홍보"])
    }

    @Test("a formula garbled by OCR is unread, and its item then says what is missing")
    func garbledFormula() throws {
        let text = """
            □ 산출근거
            과목구분\t2021년 예산내역
            사무관리비\t○ 홍보물 제작 = 4,000천원
            \t- 리플릿 인쇄 1,500원*1,000부 = 1,500천원
            \t- 현수막 제작 5OO,OOO원*2개 = 1,OOO천원
            \t- 포스터 인쇄 15,000원*100매 = 1,500천원
            """
        let (_, _, findings) = try Self.read(text)
        #expect(findings == [
            "error: page.txt:3:18: categories[0].items[0].declared: declared 4,000천원 but its lines add up to 3,000천원",
            #"unread: page.txt:5:2: could not read this line: "- 현수막 제작 5OO,OOO원*2개 = 1,OOO천원""#,
        ])
    }

    @Test("a line or item with no amount at all is unread, with what it needs")
    func missingAmounts() throws {
        let text = """
            □ 산출근거
            과목구분\t2021년 예산내역
            사무관리비\t○ 홍보물 제작 = 1,500천원
            \t- 리플릿 인쇄 1,500원*1,000부 = 1,500천원
            \t- 현수막 제작
            \t○ 간담회
            """
        let (plan, diagnostics) = BudgetPageReader.read(text: text, file: "page.txt")
        #expect(plan != nil)
        #expect(diagnostics.map(\.headline) == [
            #"unread: page.txt:5:2: could not read this line: "- 현수막 제작""#,
            #"unread: page.txt:6:2: could not read this line: "○ 간담회""#,
        ])
        #expect(diagnostics.map(\.hint) == ["a line needs a formula like 500,000원*12회 or an amount like = 6,000천원",
                                            "an item needs an amount like = 20,000천원, or lines beneath it"])
    }

    @Test("`·` lines break a line down: the line's amount is their sum, and its printed formula is checked too")
    func breakdown() throws {
        let text = """
            □ 2026년도 산출근거
            행사운영비\t○ 국제 컨퍼런스 = 42,160천원
            \t- 연사초청경비 등 21,080,000원*1식 = 21,080천원
            \t  · 해외연사 사례비(USD 6,000×1,380원) 8,280,000원*1인 = 8,280천원
            \t  · 국내연사 사례비 1,000,000원*4인 = 4,000천원
            \t  · 연사 숙박비 250,000원*3인*3박 = 2,250천원
            \t  · 연사 왕복항공료 6,550,000원*1인 = 6,550천원
            \t- 인쇄물 제작비 21,000,000원*1식 = 21,080천원
            \t  · 자료집 12,000원*600부 = 7,200천원
            \t  · 리플릿 500원*3,000부 = 1,500천원
            \t  · 현수막 12,380,000원 = 12,380천원
            """
        let (_, page, findings) = try Self.read(text)
        #expect(Self.figures(page).prefix(15) == [
            "total 42,160,000",
            "행사운영비 = 42,160,000",
            "  ○ 국제 컨퍼런스 = 42,160,000",
            "    - 연사초청경비 등 21,080,000원*1식 = 21,080,000",
            "      · 해외연사 사례비(USD 6,000×1,380원) 8,280,000원*1인 = 8,280,000",
            "      · 국내연사 사례비 1,000,000원*4인 = 4,000,000",
            "      · 연사 숙박비 250,000원*3인*3박 = 2,250,000",
            "      · 연사 왕복항공료 6,550,000원*1인 = 6,550,000",
            "    - 인쇄물 제작비 21,080,000원*1식 = 21,080,000",
            "      · 자료집 12,000원*600부 = 7,200,000",
            "      · 리플릿 500원*3,000부 = 1,500,000",
            "      · 현수막 12,380,000원 = 12,380,000",
            "comparison [] - → 2026 halfUp",
            "  계: [] - → 42,160,000 - -",
            "  행사운영비: [] - → 42,160,000 - -",
        ])
        // The printed 21,000,000원*1식 of 인쇄물 제작비 is not its 21,080천원, though its lines are.
        #expect(findings == ["error: page.txt:8:29: categories[0].items[0].lines[1]: declared 21,080천원 but 21,000,000원*1식 = 21,000천원"])
    }

    @Test("an item's amount printed twice, in 천원 and in won on the next line, must agree")
    func itemPrintedTwice() throws {
        let text = """
            □ 2017년도 산출근거
            사무관리비\t○ 민간 네트워크 구축 = 14,400천원
            \t14,500,000원
            \t- 자문회의 참석수당 = 13,500천원
            \t150,000원*15인*6회
            \t- 자문회의 운영경비 10,000원*15명*6회 = 900천원
            """
        let (_, _, findings) = try Self.read(text)
        #expect(findings == [#"error: page.txt:3:2: categories[0].items[0].declared: "민간 네트워크 구축" is printed as 14,500,000원 here but as 14,400천원 at line 2"#])
    }

    @Test("a page whose rows follow different percentage rules is warned about, and read by the rule most rows follow")
    func mixedPercentRules() throws {
        // 계 −19.94 and 사무관리비 −30.72 fit only half-up (△20, △31); 업무추진비 −33.33 fits both; 행사운영비 −43.72 fits only truncation (△43).
        let text = """
            □ 예산 총괄
            (단위 : 천원)
            구 분\t2020예산액 (A)\t2021예산액 (B)\t증감 (B-A)\t(B-A)*100/A
            사무관리비\t194,000\t134,400\t△59,600\t△31
            행사운영비\t416,500\t234,400\t△182,100\t△43
            """
        let (plan, diagnostics) = BudgetPageReader.read(text: text, file: "mixed.txt")
        #expect(plan?.policies.percent == .halfUp)
        #expect(diagnostics.map(\.headline) == [
            "error: mixed.txt:4:15: the 2021 (B) figure of 사무관리비 is printed 134,400천원 but the calculation basis has no budget class 사무관리비",
            "error: mixed.txt:5:15: the 2021 (B) figure of 행사운영비 is printed 234,400천원 but the calculation basis has no budget class 행사운영비",
            "warning: mixed.txt:5:32: the percentages of 예산 총괄 follow different rules: 행사운영비 is truncated but 사무관리비 is rounded half-up",
        ])
    }

    @Test("a percentage that fits neither rule names both")
    func percentageNeitherRule() throws {
        let text = """
            □ 예산 총괄
            구 분\t2016예산액 (A)\t2017예산(B)\t증감 (B-A)\t(B-A)*100/A
            계\t416,500\t234,400\t△182,100\t△45
            """
        let (_, diagnostics) = BudgetPageReader.read(text: text, file: "page.txt")
        let percent = try #require(diagnostics.first { $0.message.hasPrefix("the percentage") })
        #expect(percent.headline == "error: page.txt:3:28: the percentage of 계 is printed △45 but (B-A)*100/A is △43 (truncated) or △44 (half-up)")
        #expect(percent.hint == "(B-A)*100/A = △182,100천원*100/416,500천원 = △43.72…")
    }

    @Test("a page with nothing budget-like gives no plan and one error")
    func nothingToRead() {
        let (plan, diagnostics) = BudgetPageReader.read(text: "회의록\n\n- 참석자 : 12명\n- 안건 : 홍보 계획\n", file: "minutes.txt")
        #expect(plan == nil)
        #expect(diagnostics.map(\.headline) == ["error: minutes.txt: found no budget figures on this page"])
    }

    // MARK: - Notation

    struct Notated: Sendable, CustomStringConvertible {
        let line: String
        let formula: String
        let declared: Int64?
        var description: String { line }
    }

    @Test("formulas in the notations seen in real books", arguments: [
        Notated(line: "- 강사료 500,000원*12회 = 6,000천원", formula: "500,000원*12회", declared: 6_000_000),
        Notated(line: "- 강사료 500,000원 * 12회 = 6,000천원", formula: "500,000원*12회", declared: 6_000_000),
        Notated(line: "- 강사료 500,000원 X 12회 = 6,000천원", formula: "500,000원*12회", declared: 6_000_000),
        Notated(line: "- 강사료 500,000원x12회 = 6,000천원", formula: "500,000원*12회", declared: 6_000_000),
        Notated(line: "- 강사료 500,000원 × 12회 = 6,000천원", formula: "500,000원*12회", declared: 6_000_000),
        Notated(line: "- 콘텐츠 제작 240,000원*주1회*52주 = 12,480천원", formula: "240,000원*주1회*52주", declared: 12_480_000),
        Notated(line: "- 홍보비 10,000,000원*1식 = 10,000천원", formula: "10,000,000원*1식", declared: 10_000_000),
        Notated(line: "- 교재제작 등 운영비 10,400,000원 = 10,400천원", formula: "10,400,000원", declared: 10_400_000),
        Notated(line: "- 전용회선료 30,000 X 1회선 X 12월 = 360", formula: "30,000원*1회선*12월", declared: 360_000),
        Notated(line: "- 회의 수당 5만원*4회 = 200천원", formula: "50,000원*4회", declared: 200_000),
        Notated(line: "- 1인미디어 데이 = 10,000천원", formula: "10,000,000원", declared: 10_000_000),
        Notated(line: "- 예산 절감 △1,000,000원 = △1,000천원", formula: "-1,000,000원", declared: -1_000_000),
        Notated(line: "- 사무용품 구입 5,000 X 12월 = 60,000", formula: "5,000,000원*12월", declared: 60_000_000),
        Notated(line: "- 전용회선료 30,000 X 12월 = 360,000 = 360", formula: "30,000원*12월", declared: 360_000),
    ])
    func notation(_ case_: Notated) throws {
        let (plan, diagnostics) = BudgetPageReader.read(text: "□ 산출근거\n단위 : 천원\n과목구분\t2021년 예산내역\n사무관리비\t○ 항목\n\t\(case_.line)\n", file: "page.txt")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.headline))")
        let line = try #require(plan?.categories.first?.items.first?.lines.first)
        #expect(line.formula == case_.formula)
        #expect(line.declared?.value == case_.declared)
    }

    @Test("a formula restated in won between two `=` must be its product")
    func restatedProduct() throws {
        let (_, _, findings) = try Self.read("□ 2013년도 산출기초\n일반수용비\tㅇ 회선 사용료 = 360\n\t- 전용회선료 30,000 X 12월 = 350,000 = 360\n")
        #expect(findings == ["error: page.txt:3:25: categories[0].items[0].lines[0]: 30,000원*12월 is 360,000원, not 350,000원"])
    }

    @Test("table borders, HTML remnants and markdown are stripped without moving columns")
    func debris() throws {
        let text = "┃ 사무관리비 ┃ <b>○ 홍보물 제작</b> = 1,500천원 ┃\n┃            ┃   - 리플릿 인쇄 1,500원*1,000부 = **1,500천원** ┃\n"
        let (plan, diagnostics) = BudgetPageReader.read(text: "□ 2021년도 산출근거\n" + text, file: "page.txt")
        #expect(diagnostics.isEmpty)
        let item = try #require(plan?.categories.first?.items.first)
        #expect(item.name == "홍보물 제작")
        #expect(item.declaredSource == SourceLocation(file: "page.txt", line: 2, column: 29))
        #expect(item.lines.first?.declaredSource == SourceLocation(file: "page.txt", line: 3, column: 45))
    }

    static let warning2016 = "history[1].total: the published 2016 total (416,500천원) differs from its categories' sum (344,000천원) by 72,500천원"

    /// What a budget page shows of a plan's program: everything but the 기관코드, which only requests
    /// for quotation carry.
    static func printed(_ program: ProgramInfo) -> ProgramInfo {
        var shown = program
        shown.authorityCode = nil
        return shown
    }

    @Test("the planner's own pages, in text (columns lined up with spaces) and markdown, read back to the same plan", arguments: [
        ("social-city-2017", "txt", ["warning: social-city-2017.txt:35:38: " + warning2016]),
        ("social-city-2017", "md", ["warning: social-city-2017.md:36:10: " + warning2016]),
        ("sns-communication-2021", "txt", []),
        ("sns-communication-2021", "md", []),
    ])
    func roundTrip(_ plan: String, _ format: String, _ expectedFindings: [String]) throws {
        // Given a page the planner printed (the golden files of BudgetReportsTests)
        let golden = Self.repository.appendingPathComponent("Tests/BudgetReportsTests/Golden/\(plan).\(format)")
        // When it is read back
        let (read, page, findings) = try Self.read(try Data(contentsOf: golden), file: "\(plan).\(format)")
        // Then it is the plan that printed it, figure for figure
        let expected = try Self.eventsPage(plan)
        #expect(Self.figures(page) == Self.figures(expected))
        #expect(read.program == Self.printed(expected.plan.program))
        #expect(read.results == expected.plan.results)
        #expect(Self.funding(read) == Self.funding(expected.plan))
        #expect(read.declaredTotal?.value == expected.budget.total)
        #expect(findings == expectedFindings)
    }

    @Test("mangled pages never stop the reader: every variant reads to a plan or to findings")
    func mangledPages() throws {
        // Given the pages of these tests, mangled line by line with characters the notation uses
        let pages = try ["county-book-2013.txt", "planted-errors-2017.txt", "unreadable-line-2021.txt"].map { try String(decoding: Self.page($0), as: UTF8.self) }
        let pieces = ["*", "X", "x", "×", "=", "△", "○", "-", "·", "\t", "┃", "<", ">", "(x-)", "0", "9", ",", "원", "천원", "주", "식", "[", "]", "계", " ", "%", ".", "99999999999999999999"]
        var seed: UInt64 = 0x2017_2021
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var read = 0
        for round in 0..<300 {
            var lines = pages[round % pages.count].components(separatedBy: "\n")
            for _ in 0..<4 {
                let index = next(lines.count)
                var characters = Array(lines[index])
                let at = characters.isEmpty ? 0 : next(characters.count + 1)
                switch next(3) {
                case 0: characters.insert(contentsOf: pieces[next(pieces.count)], at: at)
                case 1: if at < characters.count { characters.remove(at: at) }
                default: lines.insert(lines[index], at: index)
                }
                if index < lines.count { lines[index] = String(characters) }
            }
            // When each variant is read and built
            let (plan, diagnostics) = BudgetPageReader.read(text: lines.joined(separator: "\n"), file: "mangled.txt")
            // Then there is a plan, or a reason why not
            #expect(plan != nil || !diagnostics.isEmpty)
            if let plan { _ = BudgetPage.build(plan); read += 1 }
        }
        #expect(read > 250)
    }
}

