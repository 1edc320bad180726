import PlannerCore
import Yams

/// Writes a `Plan` as a plan file in the format `PlanReader` reads (README, "Plan files"), for
/// `planner import`: a budget page read from text becomes a plan an officer can edit, check and render.
///
/// The file has the sections of the reference plans in `Events/`, in their order, each with a short
/// comment: 기본 현황 (program metadata, officers, period, rounding policies, total and funding), 예산 설명
/// (history, then categories → items → lines), 사업설명 (the description lists and the schedule), 사업효과
/// (results and expected effects) and 결산 현황 (settlement). Empty parts are left out.
///
/// - Money always carries its unit. Unit prices, lump sums, an item's own amount and the procurement
///   limits are in 원 (`150,000원`); what the page prints in 천원 — declared amounts, the total, funding,
///   history, the schedule and the settlement — is in 천원 (`13,500천원`) when it is a whole number of
///   thousands, in 원 otherwise. Decreases are written `△300천원`.
/// - Factors are written as on the page (`[15인, 6회]`, `[주1회, 52주]`); a rate factor with a thousands
///   separator is quoted (`["주1,000회"]`), since only plain counts are rejoined after YAML splits them.
/// - Declared amounts are kept, so `planner check` goes on verifying the figures of the source document.
/// - Lines a kind produced (`kind: advisory` …) are written as plain lines with their payee (`paidTo:`)
///   and package, under a comment naming the event; a roll-up line (a conference's `연사초청경비 등`) is
///   written as its priced total `…원*1식`, its details listed in a comment above it. The plan file then
///   prices to the same lines, amounts and page; the event's own inputs and planned sessions are not kept.
/// - Text is written plain when YAML reads it back unchanged and double-quoted otherwise: `: ` or `#`
///   inside, a leading indicator (`-`, `[`, `{`, `*`, `&`, `!`, `|`, `>`, `'`, `"`, `%`, `@`, …), words
///   YAML reads as booleans or null (`yes`, `off`, `~`), numbers and dates (`2017`, `2017-01-01`), line
///   breaks and control characters (escaped). An outline entry with sub-entries is a one-key map whose
///   key is always quoted (`- "사업내용":`).
///
/// The output depends only on the plan (no dates, no machine settings), so the same plan gives the
/// same bytes. Locations (`source`) are not written.
///
/// ```swift
/// let text = PlanWriter.yaml(plan, source: "budget-2021.txt")
/// let (reread, diagnostics) = PlanReader.read(text, file: "Events/sns-communication-2021.yaml")
/// ```
public enum PlanWriter {
    /// The plan file's text, ending with a newline. `source` names the document the plan was imported
    /// from, for the header comment (`# Imported from <source> by planner import; …`).
    public static func yaml(_ plan: Plan, source: String? = nil) -> String {
        var document = Document()
        document.header(source)
        document.basics(plan)
        document.budget(plan)
        document.description(plan)
        document.effects(plan)
        document.settlement(plan)
        return document.text
    }
}

// MARK: - The document

extension PlanWriter {
    /// The plan file being written, as lines; each part appends its block.
    fileprivate struct Document {
        private(set) var lines: [String] = []

        var text: String {
            var body = lines
            while body.last == "" { body.removeLast() }
            return body.joined(separator: "\n") + "\n"
        }

        // MARK: Parts

        mutating func header(_ source: String?) {
            if let source {
                lines.append("# Imported from \(Scalars.commentSafe(source)) by planner import; check it with planner check")
            } else {
                lines.append("# Written by planner import; check it with planner check")
            }
        }

        /// 기본 현황: program metadata, officers, period, policies, total, funding and procurement limits.
        mutating func basics(_ plan: Plan) {
            let info = plan.program
            banner("1 기본 현황")
            field("program", Scalars.scalar(info.name))
            field("year", String(info.year))
            optionalField("account", info.account)
            optionalField("bureau", info.bureau)
            optionalField("division", info.division)
            optionalField("recurrence", info.recurrence)
            optionalField("executionType", info.executionType)
            optionalField("executor", info.executor)
            optionalField("authorityCode", info.authorityCode)
            if !info.nature.isEmpty {
                field("nature", "[" + info.nature.map { Scalars.scalar($0, flow: true) }.joined(separator: ", ") + "]")
            }
            texts("overview", info.overview)

            if !info.officers.isEmpty {
                group("사업 담당자")
                lines.append("officers:")
                for row in info.officers { append(Block.entry(Self.officer(row)), indent: 2) }
            }
            if let period = info.period {
                group(nil)
                field("period", Scalars.scalar("\(period.start) ~ \(period.end)"))
            }

            group("천원 rounding of each line (half-up or truncate), and of the year-over-year percentage")
            lines.append("policy:")
            lines.append("  rounding: \(plan.policies.amounts.rawValue)")
            lines.append("  percent: \(plan.policies.percent.rawValue)")

            if plan.declaredTotal != nil || plan.funding != nil {
                group("총사업비")
                if let total = plan.declaredTotal { field("total", Scalars.thousands(total.value)) }
                if let funding = plan.funding {
                    lines.append("funding:")
                    for (key, amount) in [("national", funding.national), ("city", funding.city), ("district", funding.district), ("other", funding.other)] {
                        if let amount { lines.append("  \(key): \(Scalars.thousands(amount))") }
                    }
                    if let rate = funding.subsidyRate { lines.append("  subsidyRate: \(rate)") }
                    if lines.last == "funding:" { lines[lines.count - 1] = "funding: {}" }
                }
            }
            if plan.contractThresholds != ContractThresholds() || plan.purchaseClasses != PurchaseClasses() {
                group("계약방법: the 추정가격 limits for one quotation and for quotations (원), and the budget classes bought from vendors")
                lines.append("procurement:")
                lines.append("  singleQuotationLimit: \(Scalars.won(plan.contractThresholds.singleQuotationLimit))")
                lines.append("  quotationLimit: \(Scalars.won(plan.contractThresholds.quotationLimit))")
                if plan.purchaseClasses != PurchaseClasses() {
                    lines.append("  purchaseClasses: [" + plan.purchaseClasses.codes.map { Scalars.scalar($0, flow: true) }.joined(separator: ", ") + "]")
                }
            }
        }

        /// 예산 설명: earlier years as published, then the calculation basis.
        mutating func budget(_ plan: Plan) {
            banner("2 예산 설명")
            if !plan.history.isEmpty {
                lines.append("# 예산 총괄: earlier years as published (천원)")
                lines.append("history:")
                for year in plan.history { append(Block.entry(Self.published(year)), indent: 2) }
                lines.append("")
            }
            lines.append("# 산출근거: 편성목 → ○ item → - line")
            if plan.categories.isEmpty {
                lines.append("categories: []")
                return
            }
            lines.append("categories:")
            for category in plan.categories {
                append(Block.entry(Self.category(category, rounding: plan.policies.amounts)), indent: 2)
            }
        }

        /// 사업설명: the description lists and the year's schedule.
        mutating func description(_ plan: Plan) {
            let info = plan.program
            let lists: [(key: String, comment: String, entries: [OutlineEntry])] = [
                ("purpose", "사업목적", info.purpose), ("legalBasis", "사업근거", info.legalBasis), ("content", "사업내용", info.content),
                ("progress", "추진경위", info.progress), ("priorities", "중점추진사항", info.priorities),
                ("procedure", "사업추진절차 - 집행절차", info.procedure),
            ]
            guard lists.contains(where: { !$0.entries.isEmpty }) || !plan.schedule.isEmpty else { return }
            banner("3 사업설명")
            for list in lists where !list.entries.isEmpty {
                group(list.comment)
                lines.append("\(list.key):")
                append(Block.outline(list.entries), indent: 2)
            }
            if !plan.schedule.isEmpty {
                group("\(info.year)년도 추진일정")
                lines.append("schedule:")
                for row in plan.schedule { append(Block.entry(Self.schedule(row)), indent: 2) }
            }
        }

        /// 사업효과: recent results and the expected effects.
        mutating func effects(_ plan: Plan) {
            guard !plan.results.isEmpty || !plan.program.effects.isEmpty else { return }
            banner("4 사업효과")
            if !plan.results.isEmpty {
                group("최근 3년 추진실적")
                lines.append("results:")
                for year in plan.results {
                    var body = ["year: \(year.year)"]
                    if !year.entries.isEmpty {
                        body.append("entries:")
                        body += year.entries.map { "  - " + Scalars.scalar($0) }
                    }
                    append(Block.entry(body), indent: 2)
                }
            }
            if !plan.program.effects.isEmpty {
                group("향후 기대효과")
                lines.append("effects:")
                append(Block.outline(plan.program.effects), indent: 2)
            }
        }

        /// 최근 3년 결산 현황, with 예산현액 and 집행잔액 only where the source printed them.
        mutating func settlement(_ plan: Plan) {
            guard !plan.settlement.isEmpty else { return }
            banner("5 최근 3년 결산 현황 (천원)")
            lines.append("settlement:")
            for entry in plan.settlement {
                var body = ["year: \(entry.year)",
                            "finalBudget: \(Scalars.thousands(entry.finalBudget))",
                            "carriedIn: \(Scalars.thousands(entry.carriedIn))",
                            "adjustment: \(Scalars.thousands(entry.adjustment))"]
                if let available = entry.declaredAvailable { body.append("available: \(Scalars.thousands(available.value))") }
                body.append("spent: \(Scalars.thousands(entry.spent))")
                body.append("carriedOut: \(Scalars.thousands(entry.carriedOut))")
                if let unspent = entry.declaredUnspent { body.append("unspent: \(Scalars.thousands(unspent.value))") }
                append(Block.entry(body), indent: 2)
            }
        }

        // MARK: Entries

        static func officer(_ row: OfficerRow) -> [String] {
            let contacts: [(String, String?)] = [
                ("bureau", row.bureau), ("division", row.division), ("director", row.director.map(contact)),
                ("teamLead", row.teamLead.map(contact)), ("officer", row.officer.map(contact)),
            ]
            let body = contacts.compactMap { key, value in value.map { "\(key): " + Scalars.scalar($0) } }
            return body.isEmpty ? ["{}"] : body
        }

        /// `신병규 2133-6480`, as the reader splits it again.
        static func contact(_ contact: Contact) -> String {
            contact.phone.map { "\(contact.name) \($0)" } ?? contact.name
        }

        static func published(_ budget: PublishedBudget) -> [String] {
            var body = ["year: \(budget.year)"]
            if let total = budget.total { body.append("total: \(Scalars.thousands(total))") }
            if !budget.categories.isEmpty {
                body.append("categories:")
                for figure in budget.categories {
                    body += Block.pair(key: figure.category, value: Scalars.thousands(figure.amount)).map { "  " + $0 }
                }
            }
            return body
        }

        static func schedule(_ row: ScheduleRow) -> [String] {
            var body = ["step: " + Scalars.scalar(row.step), "period: " + Scalars.scalar(row.period)]
            if let amount = row.amount { body.append("amount: \(Scalars.thousands(amount))") }
            if let detail = row.detail { body.append("detail: " + Scalars.scalar(detail)) }
            return body
        }

        static func category(_ category: BudgetCategory, rounding: RoundingRule) -> [String] {
            var body: [String] = []
            if let code = category.code { body.append("code: " + Scalars.scalar(code)) }
            body.append("name: " + Scalars.scalar(category.name))
            if let declared = category.declared { body.append("declared: \(Scalars.thousands(declared))") }
            guard !category.items.isEmpty else { return body + ["items: []"] }
            body.append("items:")
            for item in category.items { body += Block.indented(Block.entry(self.item(item, rounding: rounding)), by: 2) }
            return body
        }

        /// An item with its lines, or with its own amount (which is what prices it when it has one).
        static func item(_ item: BudgetItem, rounding: RoundingRule) -> [String] {
            var body = ["name: " + Scalars.scalar(item.name)]
            let declared = item.declared.map { "declared: \(Scalars.thousands($0))" }
            if let own = item.ownAmount {
                return body + ["amount: \(Scalars.won(own))"] + (declared.map { [$0] } ?? [])
            }
            guard !item.lines.isEmpty else {
                // The reader wants lines or an amount; an empty item prices to nothing either way.
                return body + ["amount: 0원  # no lines in the source"] + (declared.map { [$0] } ?? [])
            }
            if let declared { body.append(declared) }
            body.append("lines:")
            var event: EventOrigin?
            for line in item.lines {
                if let origin = line.origin, origin != event {
                    body.append("  # \(origin.kind.rawValue) event \(Scalars.commentSafe(origin.id)) (\(Scalars.commentSafe(origin.name))), written as plain lines")
                }
                event = line.origin
                body += Block.indented(self.line(line, rounding: rounding), by: 2)
            }
            return body
        }

        /// A line as an entry of `lines:` (with the comment listing a roll-up's details before it).
        static func line(_ line: CostLine, rounding: RoundingRule) -> [String] {
            var written = line
            var comments: [String] = []
            if !line.details.isEmpty {
                // Priced the way the page prices it: each detail rounded once, the roll-up their sum × 1식.
                if let priced = pricedRollUp(line, rounding: rounding) {
                    written = priced.line
                    comments = ["# \(Scalars.commentSafe(line.name)): the sum of"] + detailComments(priced.details, depth: 1)
                } else {
                    comments = ["# \(Scalars.commentSafe(line.name)): its details are too large to price; check them"]
                }
            }
            var body = ["name: " + Scalars.scalar(written.name)]
            if written.factors.isEmpty {
                body.append("amount: \(Scalars.won(written.unitPrice))")
            } else {
                body.append("unitPrice: \(Scalars.won(written.unitPrice))")
                body.append("factors: [" + written.factors.map(Scalars.factor).joined(separator: ", ") + "]")
            }
            if let declared = line.declared { body.append("declared: \(Scalars.thousands(declared))") }
            if let role = line.payee.role { body.append("paidTo: \(role.rawValue)") }
            if let package = line.package { body.append("package: " + Scalars.scalar(package)) }
            return comments + Block.entry(body)
        }

        static func pricedRollUp(_ line: CostLine, rounding: RoundingRule) -> PricedLine? {
            let (budget, _) = BudgetPricing.price([BudgetCategory(name: "", items: [BudgetItem(name: "", lines: [line])])], rounding: rounding)
            return budget?.categories.first?.items.first?.lines.first
        }

        /// `#   · 해외연사 사례비 8,280,000원*1인 = 8,280천원`, nested details further in.
        static func detailComments(_ details: [PricedLine], depth: Int) -> [String] {
            details.flatMap { detail in
                let budgeted = MoneyFormat.grouped(detail.budgeted.value / Won.thousand) + "천원"
                let text = "# " + String(repeating: "  ", count: depth) + "· \(Scalars.commentSafe(detail.line.name)) \(detail.line.formula) = \(budgeted)"
                return [text] + detailComments(detail.details, depth: depth + 1)
            }
        }

        // MARK: Layout

        /// A section banner, as in the reference plans, after a blank line.
        private mutating func banner(_ title: String) {
            if !lines.isEmpty && lines.last != "" { lines.append("") }
            lines.append("# ── \(title) " + String(repeating: "─", count: 45))
        }

        /// A blank line before a group of keys (none right after a banner), then its comment.
        private mutating func group(_ comment: String?) {
            if let last = lines.last, !last.hasPrefix("# ──"), last != "" { lines.append("") }
            if let comment { lines.append("# " + comment) }
        }

        private mutating func field(_ key: String, _ value: String) { lines.append("\(key): \(value)") }

        private mutating func optionalField(_ key: String, _ value: String?) {
            if let value { field(key, Scalars.scalar(value)) }
        }

        private mutating func texts(_ key: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            lines.append("\(key):")
            lines += values.map { "  - " + Scalars.scalar($0) }
        }

        private mutating func append(_ block: [String], indent: Int) {
            lines += Block.indented(block, by: indent)
        }
    }
}

// MARK: - Blocks

extension PlanWriter {
    /// Block-style pieces, as lines relative to column 0.
    fileprivate enum Block {
        /// The lines of a mapping as a list entry: `- ` before the first key, the others aligned with it.
        /// Comment lines before the first key stay above the dash.
        static func entry(_ body: [String]) -> [String] {
            let leading = body.prefix { $0.hasPrefix("#") }
            let rest = body.dropFirst(leading.count)
            guard let first = rest.first else { return Array(leading) + ["- {}"] }
            return Array(leading) + ["- " + first] + rest.dropFirst().map { $0.isEmpty ? $0 : "  " + $0 }
        }

        static func indented(_ lines: [String], by count: Int) -> [String] {
            let pad = String(repeating: " ", count: count)
            return lines.map { $0.isEmpty ? $0 : pad + $0 }
        }

        /// `key: value`, or an explicit `? key` / `: value` pair when the key is too long for YAML's
        /// implicit keys (1,024 characters).
        static func pair(key: String, value: String, alwaysQuoted: Bool = false) -> [String] {
            let written = alwaysQuoted ? Scalars.quoted(key) : Scalars.scalar(key)
            return Scalars.fitsImplicitKey(written) ? ["\(written): \(value)"] : ["? \(written)", ": \(value)"]
        }

        /// Outline entries: text, or a one-key map `"text":` with its sub-entries beneath.
        static func outline(_ entries: [OutlineEntry]) -> [String] {
            entries.flatMap { entry -> [String] in
                guard !entry.children.isEmpty else { return ["- " + Scalars.scalar(entry.text)] }
                let key = Scalars.quoted(entry.text)
                let head = Scalars.fitsImplicitKey(key) ? ["- \(key):"] : ["- ? \(key)", "  :"]
                return head + indented(outline(entry.children), by: 4)
            }
        }
    }
}

// MARK: - Scalars

extension PlanWriter {
    /// How values are spelled: money with units, factors, and text quoted when YAML would misread it.
    fileprivate enum Scalars {
        /// `150,000원`; `△300원` for a decrease.
        static func won(_ amount: Won) -> String { MoneyFormat.signed(amount.value) + "원" }

        /// `13,500천원` when the amount is whole thousands, else in won (`13,500,500원`).
        static func thousands(_ amount: Won) -> String {
            amount.value % Won.thousand == 0 ? MoneyFormat.signed(amount.value / Won.thousand) + "천원" : won(amount)
        }

        /// `15인`, `주1회`, `1,000건` inside `[ ]`. A plain count's thousands separators are rejoined by the
        /// reader; anything else that flow style would split or misread is quoted.
        static func factor(_ factor: Factor) -> String {
            let notation = factor.notation
            if factor.rate == nil, factor.count >= 1_000, isPlain(notation.replacingOccurrences(of: ",", with: ""), flow: true) {
                return notation
            }
            return scalar(notation, flow: true)
        }

        /// The text plain when YAML reads it back as the same string, double-quoted otherwise.
        static func scalar(_ text: String, flow: Bool = false) -> String {
            isPlain(text, flow: flow) ? text : quoted(text)
        }

        /// Whether `text`, written plain, reads back as itself (a string) in block or flow context.
        static func isPlain(_ text: String, flow: Bool) -> Bool {
            guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace else { return false }
            guard text.unicodeScalars.allSatisfy(isPlainScalar) else { return false }
            if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
            if text.contains("#") || text.contains(": ") || text.hasSuffix(":") { return false }
            // Inside [ ] a colon may end the entry (older libyaml refuses it), and , [ ] { } always do.
            if flow, text.contains(where: { ",[]{}:".contains($0) }) { return false }
            // Booleans, null, numbers, dates, `<<` and `=`; YAML 1.1 also reads y and n as booleans.
            if ["y", "Y", "n", "N"].contains(text) { return false }
            return Resolver.default.resolveTag(of: .scalar(Node.Scalar(text))) == .str
        }

        /// Printable, and not a line break or tab (which plain text can't hold).
        private static func isPlainScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: return true
            default: return false
            }
        }

        /// `"…"` with YAML's escapes for `\`, `"`, line breaks and control characters.
        static func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x5C: out += "\\\\"
                case 0x22: out += "\\\""
                case 0x0A: out += "\\n"
                case 0x09: out += "\\t"
                case 0x0D: out += "\\r"
                case 0x00: out += "\\0"
                case 0x85: out += "\\N"
                case 0x2028: out += "\\L"
                case 0x2029: out += "\\P"
                case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
                    out.unicodeScalars.append(scalar)
                default:
                    out += scalar.value <= 0xFF ? "\\x" + hex(scalar.value, digits: 2) : "\\u" + hex(scalar.value, digits: 4)
                }
            }
            return out + "\""
        }

        private static func hex(_ value: UInt32, digits: Int) -> String {
            let text = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }

        /// Whether a key written like this can be an implicit key (libyaml allows 1,024 characters, quotes included).
        static func fitsImplicitKey(_ written: String) -> Bool { written.unicodeScalars.count <= 1_000 }

        /// Text for a comment: one line, no control characters.
        static func commentSafe(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.map { isPlainScalar($0) ? $0 : " " }))
        }
    }
}
