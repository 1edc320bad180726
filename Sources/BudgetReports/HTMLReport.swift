import PlannerCore

/// The plan-versus-actual report as one self-contained HTML5 page: a header with the year's figures at
/// a glance, the budget page, execution by category and item with a bar chart, the cumulative monthly
/// execution against the plan as a line chart, the results (추진실적) and the settlement row (결산).
///
/// The page carries everything it needs: CSS and SVG inline; no scripts, fonts, images or links to
/// anything outside the file, so it can be mailed, opened offline and printed on A4. All plan and ledger
/// text is escaped. Amounts are in 천원, rounded by the plan's rounding rule as on the budget page (a
/// decrease or an overspent balance as `△1,500`); execution rates are the status's basis points as
/// `29.76%`. Chart geometry is computed in integers (tenths of an SVG unit) and nothing reads a clock
/// (the day the report is made is given), so the same input always gives the same bytes.
///
/// ```swift
/// let status = try ExecutionStatus.compute(page, spending: ledger, honoraria: paid, asOf: day)
/// let html = HTMLReport.render(page: page, status: status, results: results, settlement: nil, madeOn: today)
/// ```
public enum HTMLReport {
    /// - Parameters:
    ///   - madeOn: the day the report is made (작성일), shown in the footer apart from the day the
    ///     figures are as of (기준일, `status.asOf`); the report never reads the clock itself.
    ///   - settlement: the year's settlement row, when the year has been closed; the section is left
    ///     out otherwise.
    public static func render(page: BudgetPage, status: ExecutionStatus, results: [EventResult],
                              settlement: SettlementEntry?, madeOn: CalendarDate) -> String {
        let info = page.plan.program
        let notation = BudgetNotation(rounding: page.plan.policies.amounts)
        var out: [String] = []
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"ko\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<meta name=\"generator\" content=\"planner\">")
        out.append("<title>\(escape("\(info.name) \(info.year)년 예산 집행 보고 (기준일 \(status.asOf))"))</title>")
        out.append("<style>\n" + stylesheet + "</style>")
        out.append("</head>")
        out.append("<body>")
        out.append(header(info, status: status, notation: notation))
        out.append(navigation(hasSettlement: settlement != nil))
        out.append("<main>")

        out.append("<section id=\"budget\" class=\"budget-page\">")
        out.add(HTMLPageWriter.write(BudgetPageLayout.blocks(page), baseLevel: 2))
        out.append("</section>")

        out.append("<section id=\"status\">")
        out.append("<h2>집행 현황</h2>")
        out.append("<p class=\"lead\">\(escape("기준일 \(status.asOf) · 단위 : 천원, 집행률 = 집행 ÷ 계획"))</p>")
        out.add(overBudgetNotes(status, notation: notation))
        out.add(BarChart.figure(status.categories, notation: notation))
        out.add(statusTable(status, notation: notation))
        out.append("</section>")

        out.append("<section id=\"monthly\">")
        out.append("<h2>월별 누적 집행</h2>")
        out.add(LineChart.figure(status, year: info.year, notation: notation))
        out.add(monthlyTable(status.months, notation: notation))
        out.append("</section>")

        out.append("<section id=\"results\">")
        out.append("<h2>추진실적</h2>")
        if results.isEmpty {
            out.append("<p class=\"muted\">출석 기록 없음</p>")
        } else {
            out.append("<ul class=\"results\">")
            for result in results { out.append("<li>\(escape(result.line))</li>") }
            out.append("</ul>")
        }
        out.append("</section>")

        if let settlement {
            out.append("<section id=\"settlement\">")
            out.append("<h2>결산</h2>")
            out.add(HTMLPageWriter.table(BudgetPageLayout.settlementTable([settlement], notation)))
            let rate = settlement.executionRateBasisPoints.map(percent) ?? "-"
            out.append("<p>\(escape("\(settlement.year)년 집행률 \(rate) (집행액 ÷ 예산현액)"))</p>")
            out.append("</section>")
        }

        out.append("</main>")
        out.append("<footer><p>\(escape("작성일 \(madeOn) · 기준일 \(status.asOf) · planner가 계획 파일과 집행 대장에서 만든 보고서"))</p></footer>")
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    static func header(_ info: ProgramInfo, status: ExecutionStatus, notation: BudgetNotation) -> String {
        let office = [info.bureau, info.division].compactMap { $0 }.joined(separator: " ")
        let meta = ["\(info.year)년", office, "기준일 \(status.asOf)"].filter { !$0.isEmpty }
        let total = status.total
        let figures: [(String, String)] = [
            ("예산", notation.thousandsWithUnit(total.planned)),
            ("계약", notation.thousandsWithUnit(total.committed)),
            ("집행", notation.thousandsWithUnit(total.spent)),
            ("집행률", total.rateBasisPoints.map(percent) ?? "-"),
            ("잔액", notation.signedThousands(total.remaining) + "천원"),
        ]
        var out = ["<header class=\"report\">",
                   "<p class=\"eyebrow\">\(escape("\(info.year)년 예산 집행 보고"))</p>",
                   "<h1>\(escape(info.name))</h1>",
                   "<p class=\"meta\">" + meta.map { "<span>\(escape($0))</span>" }.joined(separator: " · ") + "</p>",
                   "<dl class=\"kpi\">"]
        for (label, value) in figures {
            out.append("<div><dt>\(escape(label))</dt><dd>\(escape(value))</dd></div>")
        }
        out.append("</dl>")
        out.append("</header>")
        return out.joined(separator: "\n")
    }

    static func navigation(hasSettlement: Bool) -> String {
        var links = [("budget", "예산서"), ("status", "집행 현황"), ("monthly", "월별 누적 집행"), ("results", "추진실적")]
        if hasSettlement { links.append(("settlement", "결산")) }
        return "<nav aria-label=\"차례\"><ol>" + links.map { "<li><a href=\"#\($0.0)\">\($0.1)</a></li>" }.joined() + "</ol></nav>"
    }

    /// Items spent or committed beyond their budget, and every reason given for it, above the chart.
    static func overBudgetNotes(_ status: ExecutionStatus, notation: BudgetNotation) -> String {
        var notes: [String] = []
        for category in status.categories {
            for item in category.items where item.figures.remaining.value < 0 || !item.overBudgetReasons.isEmpty {
                notes.append("<li><strong>\(escape(item.name))</strong>: \(escape(overBudgetText(item, notation: notation)))</li>")
            }
        }
        guard !notes.isEmpty else { return "" }
        return (["<div class=\"alert\" role=\"note\">", "<p>예산 초과 집행</p>", "<ul>"] + notes + ["</ul>", "</div>"]).joined(separator: "\n") + "\n"
    }

    /// `계획 20,000천원, 집행 21,500천원 (초과 1,500천원) — 사유: …`.
    static func overBudgetText(_ item: ExecutionStatus.ItemStatus, notation: BudgetNotation) -> String {
        let figures = item.figures
        var text = "계획 \(notation.thousandsWithUnit(figures.planned)), 집행 \(notation.thousandsWithUnit(figures.spent))"
        if figures.committed.value > 0 { text += ", 계약 \(notation.thousandsWithUnit(figures.committed))" }
        if figures.remaining.value < 0 { text += " (초과 \(notation.thousandsWithUnit(Won(0 &- figures.remaining.value))))" }
        let reasons = item.overBudgetReasons.isEmpty ? "사유 미기재" : item.overBudgetReasons.joined(separator: "; ")
        return text + " — 사유: " + reasons
    }

    /// 구분 | 계획 | 계약 | 집행 | 잔액 | 집행률: the total, each category and its items, with the
    /// over-budget reasons in a row under their item.
    static func statusTable(_ status: ExecutionStatus, notation: BudgetNotation) -> String {
        func cells(_ figures: ExecutionStatus.Figures) -> String {
            [notation.thousands(figures.planned), notation.thousands(figures.committed), notation.thousands(figures.spent),
             notation.signedThousands(figures.remaining), figures.rateBasisPoints.map(percent) ?? "-"]
                .map { "<td class=\"num\">\(escape($0))</td>" }.joined()
        }
        var out = ["<div class=\"table-wrap\">", "<table class=\"status\">", "<caption>(단위 : 천원, %)</caption>",
                   "<thead><tr><th scope=\"col\">구 분</th>"
                       + ["계획", "계약", "집행", "잔액", "집행률"].map { "<th scope=\"col\" class=\"num\">\($0)</th>" }.joined()
                       + "</tr></thead>",
                   "<tbody>",
                   "<tr class=\"total\"><th scope=\"row\">합 계</th>\(cells(status.total))</tr>"]
        for category in status.categories {
            let name = [category.code, category.name].compactMap { $0 }.joined(separator: " ")
            out.append("<tr class=\"category\"><th scope=\"row\">\(escape(name))</th>\(cells(category.figures))</tr>")
            for item in category.items {
                let over = item.figures.remaining.value < 0
                let flag = over ? " <span class=\"flag\">예산 초과</span>" : ""
                out.append("<tr class=\"item\(over ? " over" : "")\"><th scope=\"row\" class=\"i1\">○ \(escape(item.name))\(flag)</th>\(cells(item.figures))</tr>")
                if over || !item.overBudgetReasons.isEmpty {
                    out.append("<tr class=\"reason\"><td colspan=\"6\" class=\"i2\">\(escape("초과 사유: " + (item.overBudgetReasons.isEmpty ? "미기재" : item.overBudgetReasons.joined(separator: "; "))))</td></tr>")
                }
            }
        }
        out += ["</tbody>", "</table>", "</div>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// The chart's figures as a table, for reading exact amounts and for screen readers.
    static func monthlyTable(_ months: [ExecutionStatus.Month], notation: BudgetNotation) -> String {
        guard !months.isEmpty else { return "" }
        let header = "<thead><tr><th scope=\"col\">구 분</th>" + months.map { "<th scope=\"col\" class=\"num\">\($0.month)월</th>" }.joined() + "</tr></thead>"
        let planned = "<tr><th scope=\"row\">계획 누계</th>" + months.map { "<td class=\"num\">\(notation.thousands($0.plannedCumulative))</td>" }.joined() + "</tr>"
        let spent = "<tr><th scope=\"row\">집행 누계</th>" + months.map { "<td class=\"num\">\(notation.thousands($0.spentCumulative))</td>" }.joined() + "</tr>"
        return ["<div class=\"table-wrap\">", "<table class=\"monthly\">", "<caption>(단위 : 천원)</caption>", header,
                "<tbody>", planned, spent, "</tbody>", "</table>", "</div>"].joined(separator: "\n") + "\n"
    }

    // MARK: - Text

    /// Basis points as a percentage with two decimals: 2976 → `29.76%`.
    static func percent(_ basisPoints: Int64) -> String {
        let magnitude = basisPoints.magnitude
        let fraction = magnitude % 100
        return (basisPoints < 0 ? "-" : "") + MoneyFormat.grouped(magnitude: magnitude / 100) + "." + (fraction < 10 ? "0" : "") + "\(fraction)%"
    }

    /// Text safe anywhere in the document, in element content and in double-quoted attributes (the only
    /// kind written here): `&`, `<`, `>` and `"` become references; control characters other than tab
    /// and line breaks are dropped. Apostrophes stay, as in `'15.10.24`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Screen first; the print rules put the page on A4 in dark ink and keep tables and charts whole.
    static let stylesheet = """
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: #1b1f24; background: #fff;
          font-family: "Apple SD Gothic Neo", "Malgun Gothic", "맑은 고딕", "Noto Sans KR", "Noto Sans CJK KR", "Nanum Gothic", "나눔고딕", system-ui, -apple-system, "Segoe UI", sans-serif;
          font-size: 15px; line-height: 1.55; word-break: keep-all; overflow-wrap: break-word; }
        header.report { border-bottom: 3px solid #1b1f24; padding-bottom: .9rem; }
        .eyebrow { margin: 0; font-size: .9rem; font-weight: 600; color: #3d4650; }
        h1 { font-size: 1.7rem; margin: .1rem 0 .2rem; }
        h2 { font-size: 1.3rem; margin: 2.25rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid #9aa4b0; }
        h3 { font-size: 1.12rem; margin: 1.75rem 0 .5rem; }
        h4 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
        .meta { margin: 0; color: #3d4650; }
        .kpi { display: flex; flex-wrap: wrap; gap: .5rem 2.25rem; margin: 1rem 0 0; }
        .kpi dt { font-size: .85rem; color: #3d4650; }
        .kpi dd { margin: 0; font-size: 1.3rem; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
        nav ol { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: .9rem 0 0; font-size: .92rem; }
        a { color: #1d4f91; }
        .lead, .muted, figcaption, caption { color: #3d4650; }
        .lines { white-space: pre-wrap; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.25rem; font-size: .92rem; }
        caption { caption-side: top; text-align: right; font-size: .85rem; padding-bottom: .25rem; }
        th, td { border: 1px solid #b8c0ca; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #eef1f5; font-weight: 600; }
        tbody th { font-weight: 400; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr.total th, tr.total td, tr.category th, tr.category td, tr.group td { font-weight: 700; background: #f6f7f9; }
        .i1 { padding-left: 1.5rem; } .i2 { padding-left: 2.5rem; } .i3 { padding-left: 3.5rem; } .i4 { padding-left: 4.5rem; }
        table.monthly { font-size: .8rem; }
        table.monthly th, table.monthly td { padding: .2rem .3rem; }
        tr.over th, tr.over td { background: #fdeceb; }
        .flag { display: inline-block; margin-left: .35rem; padding: 0 .35rem; border: 1px solid #8c1d18; border-radius: 3px; font-size: .8rem; font-weight: 700; color: #8c1d18; white-space: nowrap; }
        tr.reason td { font-size: .88rem; color: #5c1410; }
        .alert { border: 2px solid #8c1d18; border-left-width: 6px; padding: .5rem .9rem; margin: 1rem 0; background: #fff7f6; }
        .alert p { margin: 0 0 .25rem; font-weight: 700; color: #8c1d18; }
        .alert ul { margin: 0; padding-left: 1.2rem; }
        figure { margin: 1rem 0; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: .85rem; margin-top: .25rem; }
        svg text { font-family: inherit; }
        footer { margin-top: 3rem; padding-top: .5rem; border-top: 1px solid #b8c0ca; font-size: .85rem; color: #3d4650; }
        @page { size: A4; margin: 15mm }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; color: #000; background: #fff; }
          nav { display: none; }
          a { color: #000; text-decoration: none; }
          h1, h2, h3, h4 { color: #000; break-after: avoid; page-break-after: avoid; }
          table, figure, svg, .alert, tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          .table-wrap { overflow: visible; }
          figure svg { width: 100%; max-width: 100%; }
          .lead, .muted, figcaption, caption, .meta, .eyebrow, .kpi dt, footer { color: #222; }
          thead th, tr.total th, tr.total td, tr.category th, tr.category td, tr.group td, tr.over th, tr.over td, .alert { background: #fff; }
        }

        """
}

/// Writes page blocks as semantic HTML: headings, paragraphs, nested lists and tables with a
/// caption for the unit and right-aligned numbers. The same blocks as the text and markdown pages.
///
/// Every piece of text is escaped. Leading spaces in a table cell (the `  - ` of a line under its
/// `○` item) become an indentation class, since HTML would collapse them; a row headed `계` or
/// `합 계` is marked as a total.
public enum HTMLPageWriter {
    /// - Parameter baseLevel: the HTML heading level of the page title (level 0); `2` nests the page
    ///   under a document's own `<h1>`.
    public static func write(_ blocks: [PageBlock], baseLevel: Int = 1) -> String {
        var out: [String] = []
        for block in blocks {
            switch block {
            case let .heading(level, text):
                let tag = "h\(min(6, max(1, baseLevel + level)))"
                out.append("<\(tag)>\(HTMLReport.escape(text))</\(tag)>")
            case let .paragraph(text):
                out.append("<p class=\"lines\">\(HTMLReport.escape(text))</p>")
            case let .bullets(entries):
                out.append(list(entries))
            case let .table(table):
                out.add(self.table(table))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func list(_ entries: [OutlineEntry]) -> String {
        let items = entries.map { entry in
            "<li>" + HTMLReport.escape(entry.text) + (entry.children.isEmpty ? "" : "\n" + list(entry.children)) + "</li>"
        }
        return (["<ul>"] + items + ["</ul>"]).joined(separator: "\n")
    }

    static func table(_ table: PageTable) -> String {
        var out = ["<div class=\"table-wrap\">", "<table>"]
        if let note = table.unitNote { out.append("<caption>\(HTMLReport.escape(note))</caption>") }
        let headers = zip(table.headers, table.alignments).map { header, alignment in
            "<th scope=\"col\"\(alignment == .right ? " class=\"num\"" : "")>\(HTMLReport.escape(header))</th>"
        }
        out.append("<thead><tr>" + headers.joined() + "</tr></thead>")
        out.append("<tbody>")
        let grouped = table.rows.contains { $0.first?.isEmpty ?? false }
        for row in table.rows {
            let first = row.first ?? ""
            let rowClass = ["계", "합계"].contains(first.filter { $0 != " " }) ? " class=\"total\"" : (grouped && !first.isEmpty ? " class=\"group\"" : "")
            let cells = zip(row, table.alignments).map { text, alignment in cell(text, alignment: alignment) }
            out.append("<tr\(rowClass)>" + cells.joined() + "</tr>")
        }
        out += ["</tbody>", "</table>", "</div>"]
        return out.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String, alignment: PageTable.Alignment) -> String {
        let indent = text.prefix(while: { $0 == " " }).count
        var classes: [String] = []
        if alignment == .right { classes.append("num") }
        if indent >= 2 { classes.append("i\(min(4, indent / 2))") }
        let body = HTMLReport.escape(String(text.dropFirst(indent))).replacingOccurrences(of: "\n", with: "<br>")
        return "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(body)</td>"
    }
}

// MARK: - Charts

/// Integer geometry for the charts: lengths in tenths of an SVG unit, written as `113.1`.
enum SVGGeometry {
    /// `value / whole` of `length`, rounded half-up; values below zero count as zero and values above
    /// `whole` as `whole`; zero when `whole` is not positive.
    static func proportion(_ value: Int64, of whole: Int64, length: Int64) -> Int64 {
        guard whole > 0, value > 0 else { return 0 }
        var part = min(value, whole), whole = whole
        // Amounts too large to multiply lose their last digits, both alike, until the product fits.
        while true {
            let (product, overflow) = part.multipliedReportingOverflow(by: length)
            if !overflow { return RoundingRule.halfUp.divide(product, by: max(1, whole)) ?? 0 }
            part /= 10
            whole /= 10
        }
    }

    /// Tenths as an SVG number: 1131 → `113.1`, 3800 → `380`.
    static func number(_ tenths: Int64) -> String {
        let magnitude = tenths.magnitude
        let sign = tenths < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// A label cut to about `columns` display columns, with `…`, so that it stays left of the bars.
    static func fit(_ text: String, columns: Int) -> String {
        DisplayWidth.fit(text, columns: columns)
    }
}

/// Planned against spent per category, as horizontal bars. Every bar is scaled to the same amount:
/// the largest planned figure (or a larger spent one, so that an overspent bar still fits), which
/// gets the full bar length. The part of a spent bar beyond its plan is drawn apart and labelled.
enum BarChart {
    static let width: Int64 = 720
    /// Right edge of the category labels and left edge of the bars.
    static let labelRight: Int64 = 172
    static let barLeft: Int64 = 180
    /// The full bar length, in SVG units.
    static let barLength: Int64 = 380
    static let barHeight: Int64 = 14
    static let top: Int64 = 34
    static let pitch: Int64 = 50

    static let plannedFill = "#c5d0dc", plannedStroke = "#46566a", spentFill = "#1f3a5c", overFill = "#9b1c1c"

    static func figure(_ categories: [ExecutionStatus.CategoryStatus], notation: BudgetNotation) -> String {
        guard !categories.isEmpty else { return "" }
        let scale = categories.map { max($0.figures.planned.value, $0.figures.spent.value) }.max() ?? 0
        let height = top + Int64(categories.count) * pitch
        var svg: [String] = []
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"bars-title bars-desc\">")
        svg.append("<title id=\"bars-title\">편성목별 계획 대비 집행 (단위 : 천원)</title>")
        let summary = categories.map { category in
            "\(category.name) 계획 \(notation.thousandsWithUnit(category.figures.planned)), 집행 \(notation.thousandsWithUnit(category.figures.spent))"
                + (category.figures.rateBasisPoints.map { " (\(HTMLReport.percent($0)))" } ?? "")
        }
        svg.append("<desc id=\"bars-desc\">\(HTMLReport.escape(summary.joined(separator: "; ")))</desc>")
        svg.append("<g font-size=\"12\" fill=\"#1b1f24\">")
        // Legend: the planned swatch is light with a dashed outline, the spent one dark and solid.
        svg.append("<rect x=\"\(barLeft)\" y=\"8\" width=\"16\" height=\"11\" fill=\"\(plannedFill)\" stroke=\"\(plannedStroke)\" stroke-dasharray=\"3 2\"/>")
        svg.append("<text x=\"\(barLeft + 22)\" y=\"18\">계획</text>")
        svg.append("<rect x=\"\(barLeft + 70)\" y=\"8\" width=\"16\" height=\"11\" fill=\"\(spentFill)\"/>")
        svg.append("<text x=\"\(barLeft + 92)\" y=\"18\">집행 (집행률)</text>")
        svg.append("<text x=\"\(width - 8)\" y=\"18\" text-anchor=\"end\">단위 : 천원</text>")
        for (index, category) in categories.enumerated() {
            let figures = category.figures
            let y = top + Int64(index) * pitch
            let plannedWidth = SVGGeometry.proportion(figures.planned.value, of: scale, length: barLength * 10)
            let spentWidth = SVGGeometry.proportion(figures.spent.value, of: scale, length: barLength * 10)
            let label = [category.code, category.name].compactMap { $0 }.joined(separator: " ")
            let shown = SVGGeometry.fit(label, columns: 26)
            svg.append("<g>")
            svg.append("<text x=\"\(labelRight)\" y=\"\(y + barHeight + 6)\" text-anchor=\"end\" font-weight=\"700\">\(HTMLReport.escape(shown))"
                + (shown == label ? "" : "<title>\(HTMLReport.escape(label))</title>") + "</text>")
            svg.append("<rect class=\"planned\" x=\"\(barLeft)\" y=\"\(y)\" width=\"\(SVGGeometry.number(plannedWidth))\" height=\"\(barHeight)\" fill=\"\(plannedFill)\" stroke=\"\(plannedStroke)\" stroke-dasharray=\"3 2\"/>")
            svg.append(valueLabel("계획 \(notation.thousands(figures.planned))", barEnd: barLeft * 10 + plannedWidth, y: y + 11, bold: false, inkInside: "#1b1f24"))
            let spentY = y + barHeight + 4
            let over = figures.spent.value > figures.planned.value
            let withinPlan = over ? plannedWidth : spentWidth
            svg.append("<rect class=\"spent\" x=\"\(barLeft)\" y=\"\(spentY)\" width=\"\(SVGGeometry.number(withinPlan))\" height=\"\(barHeight)\" fill=\"\(spentFill)\"/>")
            if over {
                svg.append("<rect class=\"over\" x=\"\(SVGGeometry.number(barLeft * 10 + plannedWidth))\" y=\"\(spentY)\" width=\"\(SVGGeometry.number(spentWidth - plannedWidth))\" height=\"\(barHeight)\" fill=\"\(overFill)\" stroke=\"#000\" stroke-dasharray=\"2 2\"/>")
            }
            let rate = figures.rateBasisPoints.map { " (\(HTMLReport.percent($0)))" } ?? ""
            svg.append(valueLabel("집행 \(notation.thousands(figures.spent))\(rate)\(over ? " 예산 초과" : "")", barEnd: barLeft * 10 + spentWidth,
                                  y: spentY + 11, bold: over, inkInside: "#fff"))
            svg.append("</g>")
        }
        svg.append("</g>")
        svg.append("</svg>")
        return (["<figure class=\"chart\">"] + svg
            + ["<figcaption>막대 길이는 가장 큰 편성목 예산을 기준으로 한 비율입니다. 옅은 막대(점선 테두리)는 계획, 진한 막대는 집행입니다.</figcaption>", "</figure>"])
            .joined(separator: "\n") + "\n"
    }

    /// The amount at the end of its bar, or inside the bar's end (in `inkInside`) when it would run past
    /// the chart's right edge. Widths are estimated at 6.6 units a display column at 12 units a line.
    static func valueLabel(_ text: String, barEnd: Int64, y: Int64, bold: Bool, inkInside: String) -> String {
        let estimated = Int64(DisplayWidth.of(text)) * 66
        let weight = bold ? " font-weight=\"700\"" : ""
        if barEnd + 60 + estimated <= width * 10 {
            return "<text x=\"\(SVGGeometry.number(barEnd + 60))\" y=\"\(y)\"\(weight)>\(HTMLReport.escape(text))</text>"
        }
        return "<text x=\"\(SVGGeometry.number(barEnd - 60))\" y=\"\(y)\" text-anchor=\"end\" fill=\"\(inkInside)\"\(weight)>\(HTMLReport.escape(text))</text>"
    }
}

/// Cumulative execution month by month against the plan: a dashed 계획 line and a solid 집행 line with
/// markers, months 1–12 across, 천원 up with gridlines at round amounts, and a mark at the as-of day.
enum LineChart {
    static let width: Int64 = 720, height: Int64 = 300
    static let left: Int64 = 84, right: Int64 = 696, top: Int64 = 44, bottom: Int64 = 258

    static func figure(_ status: ExecutionStatus, year: Int, notation: BudgetNotation) -> String {
        let months = status.months
        guard !months.isEmpty else { return "" }
        let largest = months.map { max($0.plannedCumulative.value, $0.spentCumulative.value) }.max() ?? 0
        let largestThousands = max(1, (largest + Won.thousand - 1) / Won.thousand)
        let step = niceStep(largestThousands, intervals: 5)
        let ticks = (largestThousands + step - 1) / step
        let scaleWon = ticks * step * Won.thousand

        func x(_ month: Int) -> Int64 { left * 10 + (RoundingRule.halfUp.divide(Int64(month - 1) * (right - left) * 10, by: 11) ?? 0) }
        func y(_ amount: Won) -> Int64 { bottom * 10 - SVGGeometry.proportion(amount.value, of: scaleWon, length: (bottom - top) * 10) }
        func points(_ value: (ExecutionStatus.Month) -> Won) -> String {
            months.map { "\(SVGGeometry.number(x($0.month))),\(SVGGeometry.number(y(value($0))))" }.joined(separator: " ")
        }

        var svg: [String] = []
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"line\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"line-title line-desc\">")
        svg.append("<title id=\"line-title\">\(year)년 월별 누적 집행액과 계획 (단위 : 천원)</title>")
        let last = months[months.count - 1]
        svg.append("<desc id=\"line-desc\">\(HTMLReport.escape("\(last.month)월까지 누적 계획 \(notation.thousandsWithUnit(last.plannedCumulative)), 누적 집행 \(notation.thousandsWithUnit(last.spentCumulative)). 기준일 \(status.asOf)."))</desc>")
        svg.append("<g font-size=\"12\" fill=\"#1b1f24\">")
        // Legend.
        svg.append("<line x1=\"\(left)\" y1=\"14\" x2=\"\(left + 30)\" y2=\"14\" stroke=\"#55657a\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>")
        svg.append("<text x=\"\(left + 36)\" y=\"18\">계획 (누계)</text>")
        svg.append("<line x1=\"\(left + 120)\" y1=\"14\" x2=\"\(left + 150)\" y2=\"14\" stroke=\"#14273f\" stroke-width=\"3\"/>")
        svg.append("<circle cx=\"\(left + 135)\" cy=\"14\" r=\"3\" fill=\"#14273f\"/>")
        svg.append("<text x=\"\(left + 156)\" y=\"18\">집행 (누계)</text>")
        svg.append("<text x=\"\(left - 8)\" y=\"\(top - 14)\" text-anchor=\"end\">단위 : 천원</text>")
        // Gridlines and the amount axis.
        for tick in 0...ticks {
            let gy = SVGGeometry.number(bottom * 10 - (RoundingRule.halfUp.divide(tick * (bottom - top) * 10, by: ticks) ?? 0))
            svg.append("<line x1=\"\(left)\" y1=\"\(gy)\" x2=\"\(right)\" y2=\"\(gy)\" stroke=\"\(tick == 0 ? "#1b1f24" : "#c8ced6")\" stroke-width=\"1\"/>")
            svg.append("<text x=\"\(left - 8)\" y=\"\(gy)\" dy=\"4\" text-anchor=\"end\">\(MoneyFormat.grouped(tick * step))</text>")
        }
        // Months.
        for month in months {
            svg.append("<text x=\"\(SVGGeometry.number(x(month.month)))\" y=\"\(bottom + 20)\" text-anchor=\"middle\">\(month.month)월</text>")
        }
        // The as-of day, when it falls inside the year.
        if status.asOf.year == year, let marked = months.first(where: { $0.month == status.asOf.month }) {
            let mx = SVGGeometry.number(x(marked.month))
            svg.append("<line x1=\"\(mx)\" y1=\"\(top - 6)\" x2=\"\(mx)\" y2=\"\(bottom)\" stroke=\"#1b1f24\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>")
            svg.append("<text x=\"\(mx)\" y=\"\(top - 10)\" text-anchor=\"\(marked.month == 12 ? "end" : "middle")\">기준일 \(status.asOf.month).\(status.asOf.day).</text>")
        }
        svg.append("<polyline class=\"planned\" fill=\"none\" stroke=\"#55657a\" stroke-width=\"2\" stroke-dasharray=\"7 5\" points=\"\(points { $0.plannedCumulative })\"/>")
        svg.append("<polyline class=\"spent\" fill=\"none\" stroke=\"#14273f\" stroke-width=\"3\" stroke-linejoin=\"round\" points=\"\(points { $0.spentCumulative })\"/>")
        for month in months {
            svg.append("<circle cx=\"\(SVGGeometry.number(x(month.month)))\" cy=\"\(SVGGeometry.number(y(month.spentCumulative)))\" r=\"3\" fill=\"#14273f\"/>")
        }
        svg.append("</g>")
        svg.append("</svg>")
        return (["<figure class=\"chart\">"] + svg
            + ["<figcaption>점선은 추진일정에 따른 계획 누계, 실선은 집행 누계입니다.</figcaption>", "</figure>"])
            .joined(separator: "\n") + "\n"
    }

    /// A round step (1, 2 or 5 × 10ⁿ) that divides `largest` into at most about `intervals` gridlines.
    static func niceStep(_ largest: Int64, intervals: Int64) -> Int64 {
        let raw = max(1, (largest + intervals - 1) / intervals)
        var magnitude: Int64 = 1
        while magnitude <= raw / 10 { magnitude *= 10 }
        for multiple: Int64 in [1, 2, 5] where multiple * magnitude >= raw { return multiple * magnitude }
        return 10 * magnitude
    }
}

extension Array where Element == String {
    /// Adds a chunk of the document as one element of `joined(separator: "\n")`: nothing for an empty
    /// chunk, and without its own final line break.
    fileprivate mutating func add(_ chunk: String) {
        guard !chunk.isEmpty else { return }
        append(chunk.hasSuffix("\n") ? String(chunk.dropLast()) : chunk)
    }
}
