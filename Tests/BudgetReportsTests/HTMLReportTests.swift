import BudgetReports
import Foundation
import PlannerCore
import Testing

/// The HTML report of the 2017 plan through a year: vendor payments for the conference, media mates,
/// materials and a campaign that went over its budget with a documented reason; committee allowances
/// and lecturer fees paid in batches; attendance for the results.
///
/// The golden file `Golden/social-city-2017-report.html` is compared byte for byte. When a change to the
/// report is intended, regenerate it and review the diff:
///
///     PLANNER_UPDATE_GOLDEN=1 swift test --filter HTMLReportTests
///
/// (`bash .ci/update-golden` does the same). Without that variable the test never writes the file.
@Suite("HTML report")
struct HTMLReportTests {
    static let campaignReason = "클린소셜 캠페인 2회 추가 (예산 전용 승인 2017-11-10)"

    struct Inputs {
        var page: BudgetPage
        var status: ExecutionStatus
        var results: [EventResult]
        var settlement: SettlementEntry

        /// Rendered as made on a fixed day, 2018-01-15, so that the golden file never depends on the clock.
        func render(madeOn: CalendarDate = CalendarDate(year: 2018, month: 1, day: 15)!) -> String {
            HTMLReport.render(page: page, status: status, results: results, settlement: settlement, madeOn: madeOn)
        }
    }

    static func day(_ month: Int, _ day: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: 2017, month: month, day: day))
    }

    /// The 2017 year as of 2017-12-31. `page` defaults to the plan as written.
    static func inputs(page given: BudgetPage? = nil, reason: String = campaignReason) throws -> Inputs {
        let page = try given ?? Fixtures.page("social-city-2017")
        let spending = [
            Spending(itemKey: "categories[1].items[0]", kind: .commitment, amount: Won(100_000_000), date: try day(8, 1)),
            Spending(itemKey: "categories[1].items[0]", kind: .payment, amount: Won(40_000_000), date: try day(10, 20)),
            Spending(itemKey: "categories[0].items[2]", kind: .payment, amount: Won(48_000_000), date: try day(6, 30)),
            Spending(itemKey: "categories[0].items[0]", kind: .payment, amount: Won(10_400_000), date: try day(4, 14)),
            Spending(itemKey: "categories[0].items[3]", kind: .payment, amount: Won(12_000_000), date: try day(7, 20)),
            Spending(itemKey: "categories[0].items[3]", kind: .payment, amount: Won(9_500_000), date: try day(11, 15),
                     overBudgetReason: reason),
        ]
        // Thirteen of fifteen members at each of the six meetings; a lecturer and a manuscript a month.
        var honoraria: [PaidHonorariumAmount] = []
        for (month, last) in [(2, 28), (4, 28), (6, 30), (8, 31), (10, 31), (12, 15)] {
            honoraria.append(PaidHonorariumAmount(eventID: "social-city-committee", role: .allowance, gross: Won(1_950_000), paidOn: try day(month, last)))
        }
        for month in 1...12 {
            honoraria.append(PaidHonorariumAmount(eventID: "staff-sns-education", role: .lecturer, gross: Won(500_000), paidOn: try day(month, 25)))
            honoraria.append(PaidHonorariumAmount(eventID: "staff-sns-education", role: .manuscript, gross: Won(300_000), paidOn: try day(month, 25)))
        }
        let status = try ExecutionStatus.compute(page, spending: spending, honoraria: honoraria, asOf: try day(12, 31))

        // Sessions held and people per session, by event.
        let held = ["social-city-committee": (6, 13), "staff-sns-education": (12, 20), "influencer-fam-tour": (10, 10), "international-conference": (1, 5)]
        var attendance: [(session: String, person: Int64)] = []
        for event in page.plan.events {
            let (sessions, people) = held[event.origin.id] ?? (0, 0)
            for session in event.sessions.prefix(sessions) {
                for person in 0..<people { attendance.append((session: session.id, person: Int64(person + 1))) }
            }
        }
        let results = EventResult.compute(events: page.plan.events, attendance: attendance, rosterSize: ["social-city-committee": 15])
        let settlement = SettlementEntry(year: 2017, finalBudget: Won(234_400_000), spent: status.total.spent)
        return Inputs(page: page, status: status, results: results, settlement: settlement)
    }

    // MARK: - Whole report

    @Test("the report matches its golden file byte for byte")
    func golden() throws {
        let html = try Self.inputs().render()
        let url = Fixtures.golden.appendingPathComponent("social-city-2017-report.html")
        if ProcessInfo.processInfo.environment["PLANNER_UPDATE_GOLDEN"] == "1" {
            try Data(html.utf8).write(to: url, options: .atomic)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("no golden file at \(url.path); create it with: PLANNER_UPDATE_GOLDEN=1 swift test --filter HTMLReportTests")
            return
        }
        if Data(html.utf8) != expected {
            let a = html.components(separatedBy: "\n"), e = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                social-city-2017-report.html differs from its golden file at line \((first?.offset ?? min(a.count, e.count)) + 1):
                  got:      \(first.map { $0.element.0 } ?? "(\(a.count) lines)")
                  expected: \(first.map { $0.element.1 } ?? "(\(e.count) lines)")
                If the change is intended, run: PLANNER_UPDATE_GOLDEN=1 swift test --filter HTMLReportTests
                """)
        }
    }

    @Test("one well-formed HTML5 document in UTF-8 and Korean, every element closed in order")
    func wellFormed() throws {
        let html = try Self.inputs().render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(Self.count("<html", in: html) == 1)
        #expect(Self.count("</html>", in: html) == 1)
        #expect(html.hasSuffix("</html>\n"))
        #expect(Self.tagProblems(html) == [])
        for tag in ["table", "svg", "section", "ul", "figure", "thead", "tbody"] {
            #expect(Self.count("<\(tag)>", in: html) + Self.count("<\(tag) ", in: html) == Self.count("</\(tag)>", in: html), "<\(tag)> opened and closed")
        }
        #expect(html.utf8.count < 200_000)
    }

    @Test("the checker of the tests finds a tag left open or closed out of order")
    func tagCheckerCanFail() {
        #expect(Self.tagProblems("<div><p>text</div>") != [])
        #expect(Self.tagProblems("<table><tr><td>1</td></tr>") != [])
        #expect(Self.tagProblems("<svg><rect x=\"1\"/><title>t</title></svg><br><meta charset=\"utf-8\">") == [])
    }

    @Test("nothing is fetched: no URL, no src, no script, no external style")
    func selfContained() throws {
        let html = try Self.inputs().render()
        #expect(Self.count("http://www.w3.org/2000/svg", in: html) == 2)
        let rest = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for forbidden in ["http://", "https://", "src=", "<script", "url(", "@import", "<link", "<img", "=\"//", "@font-face"] {
            #expect(!rest.contains(forbidden), "\(forbidden) in the report")
        }
    }

    @Test("the header, the budget page in its notation, results and settlement")
    func content() throws {
        let html = try Self.inputs().render()
        #expect(html.contains("<h1>소셜특별시 프로젝트 추진</h1>"))
        #expect(html.contains("<p class=\"meta\"><span>2017년</span> · <span>시민소통기획관 뉴미디어담당관</span> · <span>기준일 2017-12-31</span></p>"))
        // The budget page, from the same blocks as `planner budget`.
        #expect(html.contains("<h2>소셜특별시 프로젝트 추진 (2017년 예산)</h2>"))
        #expect(html.contains("<h4>□ 산출근거</h4>"))
        #expect(html.contains("<caption>(단위 : 천원, %)</caption>"))
        #expect(html.contains("<tr class=\"total\"><td>계</td><td class=\"num\"></td><td class=\"num\">416,500</td><td class=\"num\">234,400</td><td class=\"num\">△182,100</td><td class=\"num\">△43</td></tr>"))
        #expect(html.contains("<td class=\"i1\">- 자문회의 참석수당 150,000원*15인*6회 = 13,500천원</td>"))
        #expect(html.contains("<li>법령상 근거\n<ul>\n<li>소셜특별시 종합계획 수립 추진계획(뉴미디어담당관-9023, 2014.9.29)</li>"))
        #expect(html.contains("<li>소셜특별시 서울 추진계획(시장방침 제297호, '15.10.24)</li>"))
        #expect(html.contains("<tr class=\"group\"><td>201-03 행사운영비</td><td>계 = 100,000천원</td></tr>"))
        // 집행 현황, in 천원.
        #expect(html.contains("<tr class=\"total\"><th scope=\"row\">합 계</th><td class=\"num\">234,400</td><td class=\"num\">100,000</td><td class=\"num\">141,200</td><td class=\"num\">33,200</td><td class=\"num\">60.24%</td></tr>"))
        #expect(html.contains("<tr class=\"category\"><th scope=\"row\">201-03 행사운영비</th><td class=\"num\">100,000</td><td class=\"num\">100,000</td><td class=\"num\">40,000</td><td class=\"num\">0</td><td class=\"num\">40.00%</td></tr>"))
        // 추진실적 and 결산.
        #expect(html.contains("<li>소셜특별시 자문위원회 6회 (출석률 87%)</li>"))
        #expect(html.contains("<li>직원 소셜미디어 전문가 교육 12회 (참여 240명)</li>"))
        #expect(html.contains("<h2>결산</h2>"))
        #expect(html.contains("<tr><td>2017</td><td class=\"num\">234,400</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">234,400</td><td class=\"num\">141,200</td><td class=\"num\">0</td><td class=\"num\">93,200</td></tr>"))
        #expect(html.contains("2017년 집행률 60.24% (집행액 ÷ 예산현액)"))
        #expect(html.contains("<footer><p>작성일 2018-01-15 · 기준일 2017-12-31 · "))
    }

    @Test("spending over an item's budget is flagged and its reason shown in the text, not only in a tooltip")
    func overBudget() throws {
        let html = try Self.inputs().render()
        #expect(html.contains("<tr class=\"item over\"><th scope=\"row\" class=\"i1\">○ 소셜을 통한 시민참여 기회 확대 <span class=\"flag\">예산 초과</span></th><td class=\"num\">20,000</td><td class=\"num\">0</td><td class=\"num\">21,500</td><td class=\"num\">△1,500</td><td class=\"num\">107.50%</td></tr>"))
        #expect(html.contains("<tr class=\"reason\"><td colspan=\"6\" class=\"i2\">초과 사유: \(Self.campaignReason)</td></tr>"))
        #expect(html.contains("<li><strong>소셜을 통한 시민참여 기회 확대</strong>: 계획 20,000천원, 집행 21,500천원 (초과 1,500천원) — 사유: \(Self.campaignReason)</li>"))
        #expect(Self.count("예산 초과", in: html) == 2)
    }

    @Test("an overspent item without a recorded reason says so")
    func overBudgetWithoutReason() throws {
        let page = try Fixtures.page("social-city-2017")
        let status = try ExecutionStatus.compute(page, spending: [
            Spending(itemKey: "categories[0].items[3]", kind: .payment, amount: Won(25_000_000), date: try Self.day(5, 1)),
        ], honoraria: [], asOf: try Self.day(12, 31))
        let html = HTMLReport.render(page: page, status: status, results: [], settlement: nil, madeOn: try Self.day(12, 31))
        #expect(html.contains("<tr class=\"reason\"><td colspan=\"6\" class=\"i2\">초과 사유: 미기재</td></tr>"))
        #expect(html.contains("(초과 5,000천원) — 사유: 사유 미기재</li>"))
        #expect(html.contains("<p class=\"muted\">출석 기록 없음</p>"))
        #expect(!html.contains("id=\"settlement\""))
        #expect(!html.contains("href=\"#settlement\""))
    }

    @Test("plan and ledger text is escaped everywhere: a hostile item name and reason")
    func escaping() throws {
        // Given an item named like markup and a markup reason
        var plan = try Fixtures.page("social-city-2017").plan
        plan.categories[0].items[3].name = "<script>alert(\"x\")</script> & 'co'"
        let page = try #require(BudgetPage.build(plan).page)
        let inputs = try Self.inputs(page: page, reason: "<b onload=\"x\">전용</b>")
        // When the report is rendered
        let html = inputs.render()
        // Then no markup from the inputs survives, and the text does
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b "))
        let name = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'co'"
        #expect(html.contains("<td>○ \(name) = 20,000천원</td>"))
        #expect(html.contains("<th scope=\"row\" class=\"i1\">○ \(name) <span class=\"flag\">예산 초과</span></th>"))
        #expect(html.contains("초과 사유: &lt;b onload=&quot;x&quot;&gt;전용&lt;/b&gt;</td>"))
        #expect(Self.tagProblems(html) == [])
    }

    @Test("the footer shows the day the report was made (작성일) and the day its figures are as of (기준일) apart")
    func footerDays() throws {
        let inputs = try Self.inputs()
        let html = inputs.render(madeOn: try #require(CalendarDate(year: 2018, month: 1, day: 15)))
        #expect(html.hasSuffix("<footer><p>작성일 2018-01-15 · 기준일 2017-12-31 · planner가 계획 파일과 집행 대장에서 만든 보고서</p></footer>\n</body>\n</html>\n"))
    }

    @Test("the line chart has a 계획 and a 집행 polyline of twelve months each")
    func lineChart() throws {
        let inputs = try Self.inputs()
        let html = inputs.render()
        let polylines = Self.elements("polyline", in: html)
        #expect(polylines.count == 2)
        #expect(polylines.first?.contains("class=\"planned\"") == true)
        #expect(polylines.first?.contains("stroke-dasharray") == true)
        #expect(polylines.last?.contains("class=\"spent\"") == true)
        #expect(polylines.last?.contains("stroke-dasharray") == false)
        for polyline in polylines {
            let points = Self.attribute("points", of: polyline)?.split(separator: " ") ?? []
            #expect(points.count == 12)
        }
        // The plan reaches 234,400천원 in December, on a 0–250,000 axis 214 units tall from y = 258.
        #expect(Self.attribute("points", of: polylines[0])?.hasSuffix(" 696,57.4") == true)
        // Spending reaches 141,200천원: 258 − 214 × 141,200 / 250,000 = 137.13.
        #expect(Self.attribute("points", of: polylines[1])?.hasSuffix(" 696,137.1") == true)
        for label in ["1월", "12월", "250,000", "계획 (누계)", "집행 (누계)", "단위 : 천원"] {
            #expect(html.contains(">\(label)</text>"), "axis label \(label)")
        }
    }

    @Test("bars are scaled to the largest planned category")
    func barChart() throws {
        let html = try Self.inputs().render()
        let svg = try #require(Self.elements("svg", in: html).first)
        #expect(svg.contains("class=\"bars\""))
        let rects = Self.elements("rect", in: svg)
        func width(_ kind: String, _ index: Int) -> String? {
            Self.attribute("width", of: rects.filter { $0.contains("class=\"\(kind)\"") }[index])
        }
        // 사무관리비 is the largest plan (134,400천원) and gets the full 380 units.
        #expect(width("planned", 0) == "380")
        // 행사운영비: 380 × 100,000 / 134,400 = 282.74; spent 380 × 40,000 / 134,400 = 113.10.
        #expect(width("planned", 1) == "282.7")
        #expect(width("spent", 1) == "113.1")
        #expect(svg.contains(">집행 40,000 (40.00%)</text>"))
        #expect(svg.contains(">201-01 사무관리비</text>"))
    }

    @Test("a category spent beyond its plan shows the excess as its own labelled segment")
    func overspentBar() throws {
        let page = try Fixtures.page("social-city-2017")
        let status = try ExecutionStatus.compute(page, spending: [
            Spending(itemKey: "categories[1].items[0]", kind: .payment, amount: Won(110_000_000), date: try Self.day(10, 20),
                     overBudgetReason: "해외연사 추가 초청"),
        ], honoraria: [], asOf: try Self.day(12, 31))
        let html = HTMLReport.render(page: page, status: status, results: [], settlement: nil, madeOn: try Self.day(12, 31))
        let svg = try #require(Self.elements("svg", in: html).first)
        // 380 × 100,000 / 134,400 = 282.74 within the plan; 380 × 110,000 / 134,400 = 311.01 in all.
        #expect(svg.contains("<rect class=\"spent\" x=\"180\" y=\"102\" width=\"282.7\" height=\"14\""))
        #expect(svg.contains("<rect class=\"over\" x=\"462.7\" y=\"102\" width=\"28.3\" height=\"14\""))
        #expect(svg.contains(">집행 110,000 (110.00%) 예산 초과</text>"))
        #expect(html.contains("초과 사유: 해외연사 추가 초청</td>"))

        // When the largest category is overspent, its bar takes the full length and its label moves
        // inside the bar's end, in white, instead of running off the chart.
        let largest = try ExecutionStatus.compute(page, spending: [
            Spending(itemKey: "categories[0].items[2]", kind: .payment, amount: Won(150_000_000), date: try Self.day(10, 20),
                     overBudgetReason: "미디어 메이트 확대"),
        ], honoraria: [], asOf: try Self.day(12, 31))
        let wide = try #require(Self.elements("svg", in: HTMLReport.render(page: page, status: largest, results: [], settlement: nil, madeOn: try Self.day(12, 31))).first)
        #expect(wide.contains("<rect class=\"over\" x=\"520.5\" y=\"52\" width=\"39.5\" height=\"14\""))
        #expect(wide.contains("<text x=\"554\" y=\"63\" text-anchor=\"end\" fill=\"#fff\" font-weight=\"700\">집행 150,000 (111.61%) 예산 초과</text>"))
    }

    @Test("charts are accessible and stay readable in greyscale; the page prints on A4")
    func accessibilityAndPrint() throws {
        let html = try Self.inputs().render()
        let svgs = Self.elements("svg", in: html)
        #expect(svgs.count == 2)
        for svg in svgs {
            #expect(svg.contains("role=\"img\""))
            #expect(svg.contains("<title id="))
            #expect(svg.contains("<desc id="))
        }
        #expect(html.contains("@page { size: A4; margin: 15mm }"))
        #expect(html.contains("@media print"))
        #expect(html.contains("table, figure, svg, .alert, tr { break-inside: avoid; page-break-inside: avoid; }"))
        #expect(html.contains("figure svg { display: block; width: 100%; height: auto; }"))
        #expect(html.contains("\"Malgun Gothic\""))
        #expect(html.contains("sans-serif;"))
    }

    @Test("rendering twice gives the same bytes")
    func deterministic() throws {
        #expect(try Self.inputs().render() == Self.inputs().render())
    }

    @Test("the HTML writer turns page blocks into headings, paragraphs, lists and tables")
    func pageWriter() {
        let blocks: [PageBlock] = [
            .heading(level: 0, "제목 <1>"),
            .heading(level: 2, "□ 항목"),
            .paragraph("2016년도\n  ○ SNS 역량교육 14회"),
            .bullets([OutlineEntry("근거", children: [OutlineEntry("A & B")])]),
            .table(PageTable(unitNote: "(단위 : 천원)", headers: ["구 분", "금액"], alignments: [.left, .right],
                             rows: [["합 계", "1,000"], ["201-01", "△5"], ["", "  7"]])),
        ]
        #expect(HTMLPageWriter.write(blocks, baseLevel: 2) == """
            <h2>제목 &lt;1&gt;</h2>
            <h4>□ 항목</h4>
            <p class="lines">2016년도
              ○ SNS 역량교육 14회</p>
            <ul>
            <li>근거
            <ul>
            <li>A &amp; B</li>
            </ul></li>
            </ul>
            <div class="table-wrap">
            <table>
            <caption>(단위 : 천원)</caption>
            <thead><tr><th scope="col">구 분</th><th scope="col" class="num">금액</th></tr></thead>
            <tbody>
            <tr class="total"><td>합 계</td><td class="num">1,000</td></tr>
            <tr class="group"><td>201-01</td><td class="num">△5</td></tr>
            <tr><td></td><td class="num i1">7</td></tr>
            </tbody>
            </table>
            </div>

            """)
    }

    // MARK: - Helpers

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Every `<name …>…</name>` or `<name …/>` in order (not nested in one another).
    static func elements(_ name: String, in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "<\(name) ") ?? rest.range(of: "<\(name)>") {
            let after = rest[start.lowerBound...]
            guard let tagEnd = after.firstIndex(of: ">") else { break }
            if after[..<tagEnd].hasSuffix("/") {
                found.append(String(after[...tagEnd]))
                rest = after[after.index(after: tagEnd)...]
            } else if let close = after.range(of: "</\(name)>") {
                found.append(String(after[..<close.upperBound]))
                rest = after[close.upperBound...]
            } else {
                break
            }
        }
        return found
    }

    /// The value of `name="…"` in the element's start tag.
    static func attribute(_ name: String, of element: String) -> String? {
        let startTag = element.prefix(while: { $0 != ">" })
        guard let start = startTag.range(of: " \(name)=\"") else { return nil }
        return String(startTag[start.upperBound...].prefix(while: { $0 != "\"" }))
    }

    /// Problems with the nesting of elements: a closing tag that doesn't match the open element, or
    /// elements left open. HTML void elements and `/>` close themselves; `<style>` content is skipped.
    static func tagProblems(_ html: String) -> [String] {
        let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "wbr"]
        var open: [String] = []
        var problems: [String] = []
        var rest = html[...]
        while let lt = rest.firstIndex(of: "<") {
            guard let gt = rest[lt...].firstIndex(of: ">") else { problems.append("a < without >"); break }
            let tag = rest[rest.index(after: lt)..<gt]
            rest = rest[rest.index(after: gt)...]
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased()
                if open.last == name { open.removeLast() } else { problems.append("</\(name)> closes <\(open.last ?? "nothing")>") }
                continue
            }
            let name = tag.prefix(while: { !$0.isWhitespace && $0 != "/" }).lowercased()
            if tag.hasSuffix("/") || void.contains(name) { continue }
            if name == "style", let end = rest.range(of: "</style>") {
                rest = rest[end.upperBound...]
                continue
            }
            open.append(name)
        }
        if !open.isEmpty { problems.append("left open: " + open.joined(separator: " ")) }
        return problems
    }
}
