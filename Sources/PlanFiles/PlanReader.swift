import Foundation
import PlannerCore
import Yams

/// Reads a plan file (YAML) into a `Plan`, keeping file:line:col for every value.
///
/// All problems of the file are collected; a plan is returned only when there are none. The format is
/// described in the README ("Plan files").
public enum PlanReader {
    /// Finds the rate table for a plan: given the plan's `rates:` value (a path), or nil for the default.
    public typealias RateTableFinder = @Sendable (_ named: String?) -> (table: RateTable?, diagnostics: [Diagnostic])

    /// Reads plan text. `file` is used in locations only; `rates` finds the rate table when an event
    /// needs one (by default there is none, and events must write their amounts).
    public static func read(_ text: String, file: String,
                            rates: @escaping RateTableFinder = { _ in (nil, []) }) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        if let refused = InputLimits.overlongLineError(text, file: file) ?? InputLimits.strayByteOrderMarkError(text, file: file)
            ?? InputLimits.aliasKeyError(text, file: file) { return (nil, [refused]) }
        let problems = ProblemList(file: file, text: text)
        let root: Node?
        do {
            root = try Yams.compose(yaml: ThousandsRejoin.protect(text))
        } catch let error as YamlError {
            return (nil, [syntaxError(error, file: file)])
        } catch {
            return (nil, [.error(at: .wholeFile(file), "this is not valid YAML")])
        }
        guard let root, !isEmptyDocument(root) else {
            return (nil, [.error(at: .wholeFile(file), "the plan is empty; expected at least program, year and categories",
                                 hint: "start from one of the plans in Events/")])
        }
        if let tooLarge = InputLimits.expansionError(root, file: file) { return (nil, [tooLarge]) }
        let plan = readPlan(ThousandsRejoin.rejoin(root), problems: problems, rates: rates)
        let diagnostics = problems.diagnostics.sortedBySource()
        return (diagnostics.hasErrors ? nil : plan, diagnostics)
    }

    private static func isEmptyDocument(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return scalar.string.isEmpty || (scalar.style == .plain && node.null != nil) }
        if case .mapping(let mapping) = node { return mapping.count == 0 }
        return false
    }

    static func syntaxError(_ error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        let generalHint = "check the indentation and that every \"key: value\" has a space after the colon"
        switch error {
        case let .parser(_, problem, mark, _) where InputLimits.isNestingProblem(problem):
            return InputLimits.nestingError(at: at(mark))
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml), let .composer(context, problem, mark, yaml):
            let while_ = context.map { " (\($0.text))" } ?? ""
            // libyaml's context mark is where the construct that failed began: the `[` never closed,
            // the key whose colon is missing. That is where the person has to look.
            var location = at(context?.mark ?? mark)
            var hint = generalHint
            switch (problem, context?.text) {
            case (_, "while parsing a flow sequence"?): hint = "the list opened here with \"[\" needs a closing \"]\""
            case (_, "while parsing a flow mapping"?): hint = "the mapping opened here with \"{\" needs a closing \"}\""
            case (_, "while scanning a quoted scalar"?): hint = "the text opened here with a quote needs a closing quote"
            case ("mapping values are not allowed in this context", nil):
                // Usually the line before lacks its colon: `- name 사무관리비` then `  items:`.
                if let previous = lineMissingColon(before: mark.line, in: yaml) { location = SourceLocation(file: file, line: previous.line, column: previous.column) }
            default: break
            }
            return .error(at: location, "this is not valid YAML: \(problem)\(while_)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { Redaction.quoted($0) }.joined(separator: ", ")
            return .error(at: at(context.mark), "the key \(keys) appears twice in one mapping", hint: "keep one of them")
        case .reader(let problem, _, _, _):
            return .error(at: .wholeFile(file), "the file can't be read as text: \(problem)", hint: "save the plan as UTF-8")
        default:
            return .error(at: .wholeFile(file), "this is not valid YAML", hint: generalHint)
        }
    }

    /// The nearest non-blank line above `line` that has no `:` outside quotes, and the column of its
    /// first word (after a `- `), when there is one.
    static func lineMissingColon(before line: Int, in yaml: String) -> (line: Int, column: Int)? {
        // Lines as libyaml counts them: a lone "\r", NEL, U+2028 and U+2029 end a line too ("\r\n" is
        // one Character). Split on "\n" alone, libyaml's line number could point past the last line.
        let lines = yaml.split(omittingEmptySubsequences: false) { ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }
        var index = min(line - 2, lines.count - 1)
        while index >= 0 {
            let text = lines[index]
            let body = text.drop { $0 == " " }
            if body.isEmpty || body.hasPrefix("#") { index -= 1; continue }
            guard !body.contains(":") else { return nil }
            let content = body.hasPrefix("- ") ? body.dropFirst(2).drop { $0 == " " } : body
            return (index + 1, text.unicodeScalars.count - content.unicodeScalars.count + 1)
        }
        return nil
    }

    // MARK: - The plan

    static func readPlan(_ root: Node, problems: ProblemList, rates: @escaping RateTableFinder) -> Plan? {
        guard let top = Fields(root, path: "", problems: problems, what: "a plan") else { return nil }
        // `rates:` is the path of a rate table, or the table itself (a draft made by `planner roll`).
        var inlineRates: RateTable?
        var ratesName: String?
        if case .mapping? = top.value("rates"), let fields = top.fields("rates", what: "a rate table") {
            inlineRates = RateTableReader.table(fields, file: "the rates: of \(problems.file)")
            fields.finish()
        } else {
            ratesName = top.text("rates")
        }
        let context = ReadContext(problems: problems) { inlineRates.map { ($0, []) } ?? rates(ratesName) }
        let name = top.text("program", required: "the program's name, e.g. 소셜특별시 프로젝트 추진")
        let year = top.integer("year", "the budget year", example: "2017", in: 1900...2999, required: true)
        var info = ProgramInfo(name: name ?? "", year: year?.value ?? 0)
        info.account = top.text("account")
        info.bureau = top.text("bureau")
        info.division = top.text("division")
        info.recurrence = top.text("recurrence")
        info.executionType = top.text("executionType")
        info.executor = top.text("executor")
        info.authorityCode = authorityCode(top)
        info.nature = texts(top, "nature")
        info.overview = texts(top, "overview")
        info.officers = top.list("officers").compactMap { officer($0.node, path: $0.path, problems: problems) }
        info.period = period(top)
        context.date = info.period?.start ?? CalendarDate(year: info.year, month: 1, day: 1)
        context.year = year?.value
        context.period = info.period
        for pair in top.pairs("exchangeRates", what: "currency: won per unit lines, e.g. USD: 1,350원") {
            guard case .scalar(let scalar) = pair.value else {
                problems.error(pair.value, "exchangeRates.\(pair.key)", "expected won per unit like 1,350원, got \(describe(pair.value))")
                continue
            }
            context.exchangeRates[pair.key] = Located(scalar.string, at: problems.location(of: pair.value))
        }
        info.purpose = outline(top, "purpose")
        info.legalBasis = outline(top, "legalBasis")
        info.content = outline(top, "content")
        info.progress = outline(top, "progress")
        info.priorities = outline(top, "priorities")
        info.procedure = outline(top, "procedure")
        info.effects = outline(top, "effects")

        var policies = RoundingPolicies()
        if let policy = top.fields("policy", what: "the rounding policies") {
            policies.amounts = policy.choice("rounding", RoundingRule.self) ?? policies.amounts
            policies.percent = policy.choice("percent", RoundingRule.self) ?? policies.percent
            policy.finish()
        }
        let declaredTotal = top.money("total")
        var thresholds = ContractThresholds()
        var purchaseClasses = PurchaseClasses()
        if let procurement = top.fields("procurement", what: "the contract thresholds") {
            thresholds.singleQuotationLimit = procurement.money("singleQuotationLimit")?.value ?? thresholds.singleQuotationLimit
            thresholds.quotationLimit = procurement.money("quotationLimit")?.value ?? thresholds.quotationLimit
            if thresholds.quotationLimit < thresholds.singleQuotationLimit {
                problems.error(procurement.node, "procurement", "expected quotationLimit to be at least singleQuotationLimit, got \(MoneyFormat.won(thresholds.quotationLimit)) < \(MoneyFormat.won(thresholds.singleQuotationLimit))")
            }
            if procurement.has("purchaseClasses") { purchaseClasses = PurchaseClasses(codes: classCodes(procurement, "purchaseClasses")) }
            procurement.finish()
        }
        let funding = top.fields("funding", what: "the funding sources").map(readFunding)
        let categoryNodes = top.list("categories", required: "the budget categories (편성목) with their items and lines")
        if top.value("categories") != nil, categoryNodes.isEmpty {
            problems.error(top.value("categories"), "categories", "expected at least one budget category, got an empty list")
        }
        let categories = categoryNodes.compactMap { category($0.node, path: $0.path, context: context) }
        let history = top.list("history").compactMap { publishedBudget($0.node, path: $0.path, problems: problems) }
        let schedule = top.list("schedule").compactMap { scheduleRow($0.node, path: $0.path, problems: problems) }
        let results = top.list("results").compactMap { yearResults($0.node, path: $0.path, problems: problems) }
        let settlement = top.list("settlement").compactMap { settlementEntry($0.node, path: $0.path, problems: problems) }
        top.finish()

        var plan = Plan(program: info, policies: policies, categories: categories, declaredTotal: declaredTotal, funding: funding,
                        history: history, schedule: schedule, results: results, settlement: settlement, file: problems.file)
        plan.events = context.events
        plan.contractThresholds = thresholds
        plan.purchaseClasses = purchaseClasses
        plan.rates = context.usedRates
        return plan
    }

    /// `authorityCode: "6110000"`: the 기관코드 of the 행정표준코드, seven digits.
    static func authorityCode(_ top: Fields) -> String? {
        guard let code = top.text("authorityCode") else { return nil }
        guard code.count == 7, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            top.problems.error(top.value("authorityCode"), "authorityCode",
                               "expected the authority's 기관코드 (행정표준코드) as seven digits like 6110000, got \"\(code)\"",
                               hint: "leave it out when the authority has none; requests for quotation then name the buyer only")
            return nil
        }
        return code
    }

    /// Budget class codes: 편성목 (`201`) or 통계목 (`203-02`).
    static func classCodes(_ fields: Fields, _ key: String) -> [String] {
        fields.list(key).compactMap { element in
            let code = element.node.string?.trimmingWhitespace() ?? ""
            let parts = code.split(separator: "-", omittingEmptySubsequences: false)
            guard case .scalar = element.node, (1...2).contains(parts.count),
                  parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
                fields.problems.error(element.node, element.path, "expected a budget class code like 201 or 203-02, got \(describe(element.node))")
                return nil
            }
            return code
        }
    }

    static func texts(_ fields: Fields, _ key: String) -> [String] {
        fields.list(key).compactMap { element in
            guard case .scalar(let scalar) = element.node else {
                fields.problems.error(element.node, element.path, "expected text, got \(describe(element.node))")
                return nil
            }
            return scalar.string
        }
    }

    /// A bullet list: each entry is text, or a one-key mapping `text: [sub-bullets]`.
    static func outline(_ fields: Fields, _ key: String) -> [OutlineEntry] {
        fields.list(key).compactMap { outlineEntry($0.node, path: $0.path, problems: fields.problems) }
    }

    static func outlineEntry(_ node: Node, path: String, problems: ProblemList) -> OutlineEntry? {
        switch node {
        case .scalar(let scalar):
            return OutlineEntry(scalar.string)
        case .mapping(let mapping) where mapping.count == 1:
            guard let (key, value) = mapping.first.map({ ($0.key, $0.value) }), let text = key.string else { return nil }
            guard case .sequence(let children) = value else {
                problems.error(value, path, "expected the sub-bullets of \(Redaction.quoted(text)) as a list, got \(describe(value))",
                               hint: "if the text itself contains \": \", put it in quotes")
                return nil
            }
            let entries = children.enumerated().compactMap { outlineEntry($0.element, path: "\(path)[\($0.offset)]", problems: problems) }
            return OutlineEntry(text, children: entries)
        default:
            problems.error(node, path, "expected a bullet (text, or \"text\": [sub-bullets]), got \(describe(node))",
                           hint: "if the text contains \": \", put it in quotes")
            return nil
        }
    }

    /// `신병규 2133-6480`: a name, then an office phone number if the last word is one.
    static func contact(_ text: String) -> Contact {
        let words = text.split(whereSeparator: \.isWhitespace)
        if words.count >= 2, let last = words.last, last.allSatisfy({ $0.isNumber || $0 == "-" }), last.filter(\.isNumber).count >= 7 {
            return Contact(name: words.dropLast().joined(separator: " "), phone: String(last))
        }
        return Contact(name: text)
    }

    static func officer(_ node: Node, path: String, problems: ProblemList) -> OfficerRow? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a row of officers (director, teamLead, officer)") else { return nil }
        let row = OfficerRow(bureau: fields.text("bureau"), division: fields.text("division"),
                             director: fields.text("director").map(contact), teamLead: fields.text("teamLead").map(contact),
                             officer: fields.text("officer").map(contact))
        fields.finish()
        return row
    }

    /// `2017-01-01 ~ 2017-12-31`.
    static func period(_ top: Fields) -> PlanPeriod? {
        guard let text = top.text("period") else { return nil }
        let parts = text.split(separator: "~").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = date(parts[0]), let end = date(parts[1]) else {
            top.problems.error(top.value("period"), "period", "expected the first and last day like 2017-01-01 ~ 2017-12-31, got \(Redaction.quoted(text))")
            return nil
        }
        guard start <= end else {
            top.problems.error(top.value("period"), "period", "the period ends (\(end)) before it starts (\(start))")
            return nil
        }
        return PlanPeriod(start: start, end: end)
    }

    /// An ISO date `2017-01-01`; nil when it is not a real day.
    public static func date(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }

    static func readFunding(_ fields: Fields) -> Funding {
        let funding = Funding(national: fields.money("national")?.value, city: fields.money("city")?.value,
                              district: fields.money("district")?.value, other: fields.money("other")?.value,
                              subsidyRate: fields.integer("subsidyRate", "a subsidy rate in percent", example: "50", in: 0...100)?.value,
                              source: fields.problems.location(of: fields.node))
        fields.finish()
        return funding
    }

    // MARK: - Categories, items, lines

    static func category(_ node: Node, path: String, context: ReadContext) -> BudgetCategory? {
        let problems = context.problems
        guard let fields = Fields(node, path: path, problems: problems, what: "a budget category (code, name, items)") else { return nil }
        let code = fields.text("code")
        let name = fields.text("name", required: "the category's name, e.g. 사무관리비")
        let declared = fields.money("declared")
        let itemNodes = fields.list("items", required: "the items (○) of the category")
        if fields.value("items") != nil, itemNodes.isEmpty {
            problems.error(fields.value("items"), fields.childPath("items"), "expected at least one item, got an empty list")
        }
        let items = itemNodes.compactMap { item($0.node, path: $0.path, context: context) }
        fields.finish()
        guard let name else { return nil }
        return BudgetCategory(code: code, name: name, items: items, declared: declared?.value, source: problems.location(of: node),
                              declaredSource: declared?.location, path: path)
    }

    static func item(_ node: Node, path: String, context: ReadContext) -> BudgetItem? {
        let problems = context.problems
        guard let fields = Fields(node, path: path, problems: problems, what: "an item (name, lines or amount)") else { return nil }
        let name = fields.text("name", required: "the item's name")
        let declared = fields.money("declared")
        let amount = fields.money("amount")
        let hasLines = fields.has("lines")
        let lineNodes = fields.list("lines")
        if amount != nil && hasLines {
            problems.error(node, path, "an item has either lines or an amount of its own, not both",
                           hint: "move the amount into a line, or drop the lines")
        } else if amount == nil && !fields.has("amount") && lineNodes.isEmpty {
            let message = "expected the item's lines (or a single amount), got none"
            let hint = "add lines: with unitPrice and factors, or amount: for a lump sum"
            // Without either key, a misspelling of one (`line:`) is reported instead, as the one message.
            if hasLines { problems.error(node, path, message, hint: hint) } else { fields.missing(oneOf: ["lines", "amount"], message, hint: hint) }
        }
        // A line is a cost line, or an event (`kind:`) that stands for the lines its kind produces.
        let lines = lineNodes.flatMap { element -> [CostLine] in
            if case .mapping(let mapping) = element.node, mapping.keys.contains(where: { $0.string == "kind" }),
               let fields = Fields(element.node, path: element.path, problems: problems, what: "an event") {
                return EventReader.read(fields, context: context)
            }
            return line(element.node, path: element.path, problems: problems).map { [$0] } ?? []
        }
        fields.finish()
        guard let name else { return nil }
        var item = BudgetItem(name: name, lines: lines, ownAmount: amount?.value, declared: declared?.value,
                              source: problems.location(of: node), declaredSource: declared?.location, path: path)
        item.ownAmountSource = amount?.location
        return item
    }

    static func line(_ node: Node, path: String, problems: ProblemList) -> CostLine? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a line (name, unitPrice, factors)") else { return nil }
        let name = fields.text("name", required: "what the line pays for, e.g. 강사료")
        let payee = fields.choice("paidTo", LinePayee.self)
        let package = fields.text("package")
        let declared = fields.money("declared")
        let amount = fields.money("amount")
        let unitPrice = fields.money("unitPrice")
        let parsedFactors = fields.factors("factors")
        let factors = parsedFactors ?? []
        let factorsOK = parsedFactors != nil
        let both = fields.has("amount") && fields.has("unitPrice")
        if both {
            problems.error(node, path, "a line has either amount (a lump sum) or unitPrice with factors, not both")
        } else if fields.has("amount") && fields.has("factors") {
            problems.error(node, path, "a lump-sum amount has no factors", hint: "write unitPrice: instead of amount: to multiply")
        } else if !fields.has("amount") && !fields.has("unitPrice") {
            // A misspelled amount (`amoun:`) is reported instead, as the one message.
            fields.missing(oneOf: ["unitPrice", "amount"], "missing \"unitPrice\" (the price per unit, e.g. 150,000원)", hint: "or amount: for a lump sum")
        }
        fields.finish()
        guard let name, factorsOK, !both else { return nil }
        let location = problems.location(of: node)
        var line: CostLine
        if let amount {
            line = CostLine(name: name, unitPrice: amount.value, isLumpSum: true, declared: declared?.value,
                            source: location, declaredSource: declared?.location, path: path)
        } else {
            guard let unitPrice else { return nil }
            line = CostLine(name: name, unitPrice: unitPrice.value, factors: factors, isLumpSum: factors.isEmpty, declared: declared?.value,
                            source: location, declaredSource: declared?.location, path: path)
        }
        line.payee = payee?.payee ?? .vendor
        line.package = package
        return line
    }

    /// Who a plain line pays: `vendor` (procurement, the default) or a payable role of a person.
    enum LinePayee: String, CaseIterable {
        case vendor, lecturer, manuscript, allowance, review, speaker, influencer
        var payee: Payee { PayableRole(rawValue: rawValue).map(Payee.person) ?? .vendor }
    }

    // MARK: - History, schedule, results, settlement

    static func publishedBudget(_ node: Node, path: String, problems: ProblemList) -> PublishedBudget? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a published year (year, total, categories)") else { return nil }
        let year = fields.integer("year", "the year", example: "2016", in: 1900...2999, required: true)
        let total = fields.money("total")
        let figures = fields.pairs("categories", what: "category: amount lines").compactMap { pair -> PublishedBudget.Figure? in
            guard let amount = Fields.money(pair.value, path: "\(path).categories.\(pair.key)", problems: problems) else { return nil }
            return PublishedBudget.Figure(category: pair.key, amount: amount.value, source: amount.location)
        }
        fields.finish()
        guard let year else { return nil }
        return PublishedBudget(year: year.value, total: total?.value, totalSource: total?.location, categories: figures,
                               source: problems.location(of: node))
    }

    static func scheduleRow(_ node: Node, path: String, problems: ProblemList) -> ScheduleRow? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a schedule row (step, period, amount, detail)") else { return nil }
        let step = fields.text("step", required: "the step, e.g. 사업시행 및 예산집행")
        let period = fields.text("period", required: "when, e.g. 2021.01~2021.12")
        let amount = fields.money("amount")
        let detail = fields.text("detail")
        fields.finish()
        guard let step, let period else { return nil }
        return ScheduleRow(step: step, period: period, amount: amount?.value, detail: detail, source: problems.location(of: node))
    }

    static func yearResults(_ node: Node, path: String, problems: ProblemList) -> YearResults? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a year of results (year, entries)") else { return nil }
        let year = fields.integer("year", "the year", example: "2016", in: 1900...2999, required: true)
        let entries = texts(fields, "entries")
        fields.finish()
        return year.map { YearResults(year: $0.value, entries: entries) }
    }

    static func settlementEntry(_ node: Node, path: String, problems: ProblemList) -> SettlementEntry? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a settlement year") else { return nil }
        let year = fields.integer("year", "the year", example: "2019", in: 1900...2999, required: true)
        let finalBudget = fields.money("finalBudget", required: "최종예산, e.g. 524,600천원")
        let carriedIn = fields.money("carriedIn")
        let adjustment = fields.money("adjustment", allowNegative: true)
        let available = fields.money("available")
        let spent = fields.money("spent", required: "집행액, e.g. 516,812천원")
        let carriedOut = fields.money("carriedOut")
        let unspent = fields.money("unspent")
        fields.finish()
        guard let year, let finalBudget, let spent else { return nil }
        return SettlementEntry(year: year.value, finalBudget: finalBudget.value, carriedIn: carriedIn?.value ?? .zero,
                               adjustment: adjustment?.value ?? .zero, spent: spent.value, carriedOut: carriedOut?.value ?? .zero,
                               declaredAvailable: available, declaredUnspent: unspent, source: problems.location(of: node), path: path)
    }
}
