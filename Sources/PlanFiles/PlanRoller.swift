import PlannerCore

/// Next year's draft of a plan (`planner roll PLAN --to YEAR`), made by editing the plan file's text so
/// that its comments, event kinds and layout survive.
///
/// The draft is this year's file with:
/// - a header saying what the draft is, in place of the plan's own leading comments (they describe this
///   year's sources, which the draft's figures no longer come from);
/// - `year:` set to the new year, and the top-level `period:`, the schedule's periods (`2017.01~2017.12`),
///   the ISO dates of event inputs (`dates: [2017-03-15, …]`, `date:` keys) and the dates of this year in
///   the `overview:` and `content:` text (`사업기간 : 2017.1.1. ~ 2017.12.31.`) moved by the same number of
///   years (29 February becomes 28 February in a common year); `YYYY년도` in the schedule's comment too;
/// - `nature: 신규` (a new program) become `계속` (continued);
/// - the standard rates the events used, as in force on the draft's first day, written into the draft as
///   its `rates:` (replacing a `rates:` path), so that it prices and checks the same wherever it is
///   saved — standard output has no folder for a relative path to start from;
/// - the figures copied from this year's documents commented out, since they are the new year's to
///   recompute: the top-level `total:`, the whole `funding:` block and every `declared:` of the categories
///   (`# total: 234,400천원 (last year's; recompute)`); a `총사업비` in the overview or content text gets the
///   same note as a comment;
/// - this year's computed budget appended to `history:` (created before `categories:` when absent), so
///   that the draft's comparison shows it as column (A), in 천원 as on a published page;
/// - the settlement row, when one is given, appended to `settlement:` (created at the end of the file),
///   with all seven figures in 천원, or in won when a figure is not a whole number of thousands;
/// - a reminder under `results:` to add this year's results.
///
/// The lines are copied unchanged, so the draft prices to the same amounts until someone edits it.
/// Nothing is written: the caller prints the text (plans in `Events/` are the user's).
///
/// ```swift
/// let page = BudgetPage.build(plan).page!
/// let draft = PlanRoller.roll(text: text, file: "Events/social-city-2017.yaml", plan: plan,
///                             budget: page.budget, settlement: nil, toYear: 2018)
/// ```
public enum PlanRoller {
    /// Returns the text of the draft plan for `toYear`.
    ///
    /// - Parameters:
    ///   - text: the plan file as read (line ends `\n` or `\r\n`; the draft uses `\n`).
    ///   - file: the name of the plan in messages (`Events/social-city-2017.yaml`).
    ///   - plan: the plan read from `text`.
    ///   - budget: its priced budget (`BudgetPage.build(plan).page.budget`), for the history entry.
    ///   - settlement: this year's settlement row to append, if there is one.
    ///   - toYear: the draft's year; must come after the plan's year (and be at most 2999).
    /// - Returns: the draft's text, or the reason it can't be made (a year that is not after the
    ///   plan's, a settlement year the plan already has, a `history:` or `settlement:` written in flow style).
    public static func roll(text: String, file: String, plan: Plan, budget: PricedBudget, settlement: SettlementEntry?,
                            toYear: Int) -> Result<String, Diagnostic> {
        let year = plan.program.year
        guard toYear > year else {
            return .failure(.error(at: .wholeFile(file), "expected a year after \(year), got \(toYear)",
                                   hint: "the draft is for a later year, e.g. --to \(year + 1)"))
        }
        guard toYear <= 2999 else {
            return .failure(.error(at: .wholeFile(file), "expected a year up to 2999, got \(toYear)"))
        }
        if let settlement, let existing = plan.settlement.first(where: { $0.year == settlement.year }) {
            return .failure(.error(at: existing.source ?? .wholeFile(file), path: existing.path,
                "the settlement of \(settlement.year) is already in the plan",
                hint: "remove it from the plan to roll in the new figures, or roll without a settlement"))
        }
        var document = RollDocument(text: text, file: file)
        let delta = toYear - year
        let note = delta == 1 ? "(last year's; recompute)" : "(\(year)'s; recompute)"

        guard let yearLine = document.topLevelKey("year") else {
            return .failure(.error(at: .wholeFile(file), "expected a top-level year: line to change to \(toYear)"))
        }
        document.lines[yearLine] = RollDocument.replacingValue(of: document.lines[yearLine], with: String(toYear))
        if let periodLine = document.topLevelKey("period") {
            document.lines[periodLine] = RollDocument.editingContent(of: document.lines[periodLine]) { DateShift.isoDates(in: $0, by: delta) }
        }
        if let total = document.topLevelKey("total") {
            document.commentOut(total...document.blockEnd(ofKeyAt: total), note: note)
        }
        if let funding = document.topLevelKey("funding") {
            document.commentOut(funding...document.blockEnd(ofKeyAt: funding), note: note)
        }
        if let categories = document.topLevelKey("categories") {
            document.editCategories(categories, delta: delta, note: note)
        }
        if let schedule = document.topLevelKey("schedule") {
            document.shiftSchedulePeriods(schedule, delta: delta)
            document.editComments(above: schedule) { $0.replacingOccurrences(of: "\(year)년도", with: "\(toYear)년도") }
        }
        if let nature = document.topLevelKey("nature") {
            for index in nature...document.blockEnd(ofKeyAt: nature) {
                document.lines[index] = RollDocument.editingContent(of: document.lines[index]) { RollDocument.replacingScalar("신규", with: "계속", in: $0) }
            }
        }
        let years = plan.program.period.map { $0.start.year...$0.end.year } ?? year...year
        for key in ["overview", "content"] {
            guard let start = document.topLevelKey(key) else { continue }
            for index in start...document.blockEnd(ofKeyAt: start) where !document.lines[index].drop(while: { $0 == " " }).hasPrefix("#") {
                let line = RollDocument.editingContent(of: document.lines[index]) { DateShift.textDates(in: $0, years: years, by: delta) }
                let (content, comment) = RollDocument.split(line)
                document.lines[index] = line.contains("총사업비") && comment.isEmpty ? RollDocument.trimmingTrailingSpaces(content) + "  # \(note)" : line
            }
        }

        // The rates the events used, in place of a `rates:` path (and the comments above it, which describe
        // the old value), or inserted with the other new blocks below.
        let firstDay = plan.program.period.flatMap { DateShift.shifted(year: $0.start.year, month: $0.start.month, day: $0.start.day, by: delta) }
            ?? CalendarDate(year: toYear, month: 1, day: 1)
        let newRates = plan.rates.flatMap { rates in firstDay.flatMap { ratesBlock(rates, on: $0) } }
        if let existing = document.topLevelKey("rates") {
            if let block = newRates {
                var first = existing
                while first > 0, document.lines[first - 1].hasPrefix("#") { first -= 1 }
                document.lines.replaceSubrange(first...document.blockEnd(ofKeyAt: existing), with: block)
            } else {
                // No event uses a standard rate: a path would only fail to resolve where the draft is saved.
                document.commentOut(existing...document.blockEnd(ofKeyAt: existing),
                                    note: "(no event uses a standard rate; a path is relative to the draft's folder)")
            }
        }

        // Insertions, applied from the bottom up so that the indices found here stay valid.
        var insertions: [(index: Int, lines: [String])] = []
        if let results = document.topLevelKey("results") {
            let indent = document.entryIndent(ofKeyAt: results)
            let command = file.hasPrefix("<") ? "PLAN" : file
            insertions.append((document.blockEnd(ofKeyAt: results) + 1,
                               [String(repeating: " ", count: indent) + "# add the \(year) results (planner results \(command))"]))
        }
        if !plan.history.contains(where: { $0.year == year }) {
            switch historyInsertion(&document, year: year, budget: budget) {
            case .success(let insertion): insertions.append(insertion)
            case .failure(let diagnostic): return .failure(diagnostic)
            }
        }
        if let block = newRates, document.topLevelKey("rates") == nil {
            insertions.append(blockInsertion(document, block + [""]))
        }
        if let settlement {
            switch settlementInsertion(&document, entry: settlement) {
            case .success(let insertion): insertions.append(insertion)
            case .failure(let diagnostic): return .failure(diagnostic)
            }
        }
        for insertion in insertions.enumerated().sorted(by: { ($0.element.index, $0.offset) > ($1.element.index, $1.offset) }) {
            document.lines.insert(contentsOf: insertion.element.lines, at: insertion.element.index)
        }
        let source = file.hasPrefix("<") ? "standard input" : file
        let earlier = delta == 1 ? "Last year's" : "The \(year) plan's"
        document.replaceHeader(with: [
            "# Draft of the \(toYear) plan, made by planner roll from \(RollDocument.commentSafe(source)) (\(year)).",
            "# \(earlier) header notes on its sources are not copied: say here where the \(toYear) figures come from.",
        ])
        return .success(document.lines.joined(separator: "\n") + "\n")
    }

    // MARK: - History and settlement entries

    /// The history entry of `year`: its total and each category's total, in 천원, categories of the
    /// same name added together (a mapping can't hold a key twice).
    static func historyEntry(year: Int, budget: PricedBudget, indent: Int) -> [String] {
        var names: [String] = []
        var totals: [String: Won] = [:]
        for category in budget.categories {
            let name = category.category.name
            if let sum = totals[name] {
                totals[name] = sum.adding(category.total) ?? sum
            } else {
                names.append(name)
                totals[name] = category.total
            }
        }
        let dash = String(repeating: " ", count: indent)
        let key = dash + "  "
        var lines = [dash + "# \(year) as planned; correct it if the final budget (최종예산) differed",
                     dash + "- year: \(year)",
                     key + "total: \(figure(budget.total))"]
        if !names.isEmpty {
            lines.append(key + "categories:")
            lines += names.map { key + "  \(yamlKey($0)): \(figure(totals[$0] ?? .zero))" }
        }
        return lines
    }

    /// The settlement row with all seven figures; the derived two are left out only if they overflow.
    static func settlementEntry(_ entry: SettlementEntry, indent: Int) -> [String] {
        let dash = String(repeating: " ", count: indent)
        let key = dash + "  "
        var lines = [dash + "- year: \(entry.year)",
                     key + "finalBudget: \(figure(entry.finalBudget))",
                     key + "carriedIn: \(figure(entry.carriedIn))",
                     key + "adjustment: \(figure(entry.adjustment))"]
        if let available = entry.available { lines.append(key + "available: \(figure(available))") }
        lines.append(key + "spent: \(figure(entry.spent))")
        lines.append(key + "carriedOut: \(figure(entry.carriedOut))")
        if let unspent = entry.unspent { lines.append(key + "unspent: \(figure(unspent))") }
        return lines
    }

    static func historyInsertion(_ document: inout RollDocument, year: Int, budget: PricedBudget) -> Result<(index: Int, lines: [String]), Diagnostic> {
        if let history = document.topLevelKey("history") {
            switch document.prepareBlockList(ofKeyAt: history, key: "history") {
            case .failure(let diagnostic): return .failure(diagnostic)
            case .success: break
            }
            let entry = historyEntry(year: year, budget: budget, indent: document.entryIndent(ofKeyAt: history))
            return .success((document.blockEnd(ofKeyAt: history) + 1, entry))
        }
        // No history yet: a new key before `categories:` and the comments that introduce it.
        let block = ["# 예산 총괄: earlier years (천원)", "history:"] + historyEntry(year: year, budget: budget, indent: 2) + [""]
        return .success(blockInsertion(document, block))
    }

    /// Where a new top-level block goes: before `categories:` and the comments that introduce it (at
    /// the end without categories), after a blank line.
    static func blockInsertion(_ document: RollDocument, _ block: [String]) -> (index: Int, lines: [String]) {
        guard let categories = document.topLevelKey("categories") else {
            return (document.lines.count, document.separated(block, before: document.lines.count))
        }
        var index = categories
        while index > 0, document.lines[index - 1].hasPrefix("#") { index -= 1 }
        return (index, document.separated(block, before: index))
    }

    /// The draft's `rates:`: the entries of `rates.table` in force on `day` for the rates the events
    /// used, grouped by the block (from, basis) they come from, each group's rates by name; nil when
    /// the table has none of them.
    static func ratesBlock(_ rates: UsedRates, on day: CalendarDate) -> [String]? {
        let entries = rates.keys.compactMap { rates.table.entry($0, on: day) }
        guard !entries.isEmpty else { return nil }
        var groups: [(from: CalendarDate, basis: String?, entries: [RateTable.Entry])] = []
        for entry in entries.sorted(by: { ($0.from, $0.key) < ($1.from, $1.key) }) {
            if let last = groups.indices.last, groups[last].from == entry.from, groups[last].basis == entry.basis {
                groups[last].entries.append(entry)
            } else {
                groups.append((entry.from, entry.basis, [entry]))
            }
        }
        var lines = [
            "# 단가 기준: the standard rates this draft's events use, as in force on \(day) in \(RollDocument.commentSafe(rates.table.file)),",
            "# written here so that the draft checks wherever it is saved. Bring them up to this year's standards,",
            "# or replace the block with rates: and the path of a rate table (relative to the plan's folder).",
            "rates:",
            "  effective:",
        ]
        for group in groups {
            lines.append("    - from: \(group.from)")
            if let basis = group.basis { lines.append("      basis: \(yamlKey(basis))") }
            lines.append("      rates:")
            lines += group.entries.map { "        \(yamlKey($0.key.name)): \(MoneyFormat.signed($0.amount.value))원" }
        }
        return lines
    }

    static func settlementInsertion(_ document: inout RollDocument, entry: SettlementEntry) -> Result<(index: Int, lines: [String]), Diagnostic> {
        if let settlement = document.topLevelKey("settlement") {
            switch document.prepareBlockList(ofKeyAt: settlement, key: "settlement") {
            case .failure(let diagnostic): return .failure(diagnostic)
            case .success: break
            }
            return .success((document.blockEnd(ofKeyAt: settlement) + 1,
                             settlementEntry(entry, indent: document.entryIndent(ofKeyAt: settlement))))
        }
        let block = ["# 결산 현황 (천원)", "settlement:"] + settlementEntry(entry, indent: 2)
        return .success((document.lines.count, document.separated(block, before: document.lines.count)))
    }

    /// `234,400천원`, or `1,234,567원` when the amount is not a whole number of thousands; decreases with `△`.
    static func figure(_ amount: Won) -> String {
        amount.value % Won.thousand == 0
            ? MoneyFormat.signed(amount.value / Won.thousand) + "천원"
            : MoneyFormat.signed(amount.value) + "원"
    }

    /// A category name as a YAML key: plain when it can be, double-quoted otherwise.
    static func yamlKey(_ name: String) -> String {
        let special: Set<Character> = [":", "#", "[", "]", "{", "}", ",", "\"", "'", "&", "*", "!", "|", ">", "%", "@", "`", "?", "-", "~"]
        let needsQuotes = name.isEmpty || name.first.map { special.contains($0) || $0 == " " } == true || name.last == " "
            || name.contains(": ") || name.contains(" #") || name.hasSuffix(":") || name.contains("\"") || name.contains("\\")
            || name.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "{" || $0 == "}" || $0 == "[" || $0 == "]" || $0 == "," })
            || ["null", "true", "false", "yes", "no", "on", "off", "~"].contains(name.lowercased())
        guard needsQuotes else { return name }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
        return "\"\(escaped)\""
    }
}


// MARK: - The file as lines

/// A plan file as lines, with the few YAML-shaped questions the roller asks of it: where a top-level
/// key is, how far its block reaches (by indentation), and how its list entries are indented.
struct RollDocument {
    var lines: [String]
    let file: String

    init(text: String, file: String) {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        self.file = file
    }

    static func indent(of line: String) -> Int { line.prefix { $0 == " " }.count }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    /// A line at column 0 that is neither blank, a comment nor a list entry: the next top-level key.
    static func endsBlock(_ line: String) -> Bool {
        guard let first = line.first, first != " ", first != "#" else { return false }
        if line == "---" || line == "..." || line.hasPrefix("--- ") || line.hasPrefix("... ") { return true }
        return !(first == "-" && (line.count == 1 || line.dropFirst().first == " "))
    }

    /// The line of `key:` at column 0.
    func topLevelKey(_ key: String) -> Int? {
        lines.firstIndex { line in
            guard line.hasPrefix(key + ":") else { return false }
            let rest = line.dropFirst(key.count + 1)
            return rest.isEmpty || rest.first == " "
        }
    }

    /// The last line of the key's block: the last non-blank line before the next top-level key that
    /// is indented or a list entry (comments at column 0 introduce what follows, not what precedes).
    func blockEnd(ofKeyAt index: Int) -> Int {
        var end = index
        var next = index + 1
        while next < lines.count, !Self.endsBlock(lines[next]) {
            let line = lines[next]
            if !Self.isBlank(line), !line.hasPrefix("#") { end = next }
            next += 1
        }
        return end
    }

    /// The column of the dashes of the key's list entries (2 when it has none yet).
    func entryIndent(ofKeyAt index: Int) -> Int {
        let end = blockEnd(ofKeyAt: index)
        guard end > index else { return 2 }
        for line in lines[(index + 1)...end] {
            let body = line.drop { $0 == " " }
            if body == "-" || body.hasPrefix("- ") { return Self.indent(of: line) }
        }
        return 2
    }

    /// Makes sure a list can be appended to the key: `key: []` becomes `key:`; any other value on the
    /// key's line (a flow list) can't be extended line by line.
    mutating func prepareBlockList(ofKeyAt index: Int, key: String) -> Result<Void, Diagnostic> {
        let (content, comment) = Self.split(lines[index])
        let value = content.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        switch value {
        case "": return .success(())
        case "[]":
            lines[index] = key + ":" + (comment.isEmpty ? "" : " " + comment)
            return .success(())
        default:
            return .failure(.error(at: SourceLocation(file: file, line: index + 1, column: key.count + 3), path: key,
                "expected \(key) as a list of entries, one per line, to add to it; got \(value)",
                hint: "write each entry on its own lines under \(key):, starting with \"- year:\""))
        }
    }

    /// `block` with a blank line before it unless there is one (or it starts the file).
    func separated(_ block: [String], before index: Int) -> [String] {
        index == 0 || Self.isBlank(lines[index - 1]) ? block : [""] + block
    }

    /// Comments out the lines of `range` at their own indentation, the note after the first one's value.
    mutating func commentOut(_ range: ClosedRange<Int>, note: String) {
        for index in range where !Self.isBlank(lines[index]) && !lines[index].drop(while: { $0 == " " }).hasPrefix("#") {
            let line = lines[index]
            let indent = String(repeating: " ", count: Self.indent(of: line))
            if index == range.lowerBound {
                let (content, comment) = Self.split(line)
                let body = content.drop { $0 == " " }.trimmingCharacters(in: .whitespaces)
                lines[index] = indent + "# " + body + " " + note + (comment.isEmpty ? "" : "  " + comment)
            } else {
                lines[index] = indent + "# " + line.drop { $0 == " " }
            }
        }
    }

    /// Replaces the comment lines that open the file, up to the first blank line, with `header`. Comments
    /// that run on into the first key introduce that key and stay; a file without a header of its own gets
    /// `header` and a blank line before its first line.
    mutating func replaceHeader(with header: [String]) {
        let end = lines.firstIndex { !$0.hasPrefix("#") } ?? lines.count
        if end > 0, end < lines.count, Self.isBlank(lines[end]) {
            lines.replaceSubrange(0..<end, with: header)
        } else {
            lines.insert(contentsOf: header + [""], at: 0)
        }
    }

    /// Edits the comment lines directly above the line at `index`.
    mutating func editComments(above index: Int, _ edit: (String) -> String) {
        var line = index - 1
        while line >= 0, lines[line].hasPrefix("#") {
            lines[line] = edit(lines[line])
            line -= 1
        }
    }

    /// `text` with every plain or quoted scalar that is exactly `word` (`[신규, 경상]`, `- 신규`,
    /// `nature: "신규"`) replaced; a longer word containing it (`신규사업`) is left alone.
    static func replacingScalar(_ word: String, with replacement: String, in text: String) -> String {
        let characters = Array(text), target = Array(word)
        var result: [Character] = []
        var index = 0
        let opening: Set<Character> = ["[", ",", " ", ":", "\"", "'"]
        let closing: Set<Character> = ["]", ",", " ", "\"", "'"]
        while index < characters.count {
            if index + target.count <= characters.count, Array(characters[index..<(index + target.count)]) == target,
               index == 0 || opening.contains(characters[index - 1]),
               index + target.count == characters.count || closing.contains(characters[index + target.count]) {
                result += Array(replacement)
                index += target.count
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return String(result)
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        String(text.reversed().drop { $0 == " " }.reversed())
    }

    /// Text for a comment: one line, control characters as spaces.
    static func commentSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    // MARK: Categories and schedule

    /// Comments out the categories' `declared:` amounts and moves the ISO dates of event inputs.
    mutating func editCategories(_ key: Int, delta: Int, note: String) {
        let end = blockEnd(ofKeyAt: key)
        guard end > key else { return }
        var datesIndent: Int?  // inside a block list under `dates:` indented more than this
        var index = key + 1
        while index <= end {
            defer { index += 1 }
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = Self.indent(of: line)
            if let outer = datesIndent, indent < outer || (indent == outer && !trimmed.hasPrefix("- ")) { datesIndent = nil }
            let (content, comment) = Self.split(line)
            // The key of the line, after any `- ` of list entries.
            var prefixLength = indent
            var body = Substring(content).dropFirst(indent)
            while body.hasPrefix("- ") {
                let dropped = body.dropFirst(2).prefix { $0 == " " }.count
                prefixLength += 2 + dropped
                body = body.dropFirst(2 + dropped)
            }
            if datesIndent != nil, prefixLength > indent {
                lines[index] = Self.editingContent(of: line) { DateShift.isoDates(in: $0, by: delta) }
                continue
            }
            if body.hasPrefix("declared:") {
                let kept = String(content.prefix(prefixLength))
                let value = body.trimmingCharacters(in: .whitespaces)
                lines[index] = kept + "# " + value + " " + note + (comment.isEmpty ? "" : "  " + comment)
                continue
            }
            if body.hasPrefix("dates:"), body.dropFirst("dates:".count).allSatisfy({ $0 == " " }) {
                datesIndent = prefixLength
                continue
            }
            lines[index] = Self.editingContent(of: line) { DateShift.eventDates(in: $0, by: delta) }
        }
    }

    /// Moves the years of the schedule's `period:` values (`2017.01~2017.12` → `2018.01~2018.12`).
    mutating func shiftSchedulePeriods(_ key: Int, delta: Int) {
        let end = blockEnd(ofKeyAt: key)
        guard end > key else { return }
        for index in (key + 1)...end where !lines[index].drop(while: { $0 == " " }).hasPrefix("#") {
            lines[index] = Self.editingContent(of: lines[index]) { DateShift.periodYears(in: $0, by: delta) }
        }
    }

    // MARK: Lines

    /// The line with its content (before any comment) changed by `edit`; the comment is kept.
    static func editingContent(of line: String, _ edit: (String) -> String) -> String {
        let (content, comment) = split(line)
        return edit(content) + comment
    }

    /// `key: old  # comment` → `key: new  # comment`.
    static func replacingValue(of line: String, with value: String) -> String {
        let (content, comment) = split(line)
        let key = content.prefix { $0 != ":" }
        let spacing = content.reversed().prefix { $0 == " " }.count
        return key + ": " + value + (comment.isEmpty ? "" : String(repeating: " ", count: max(spacing, 1)) + comment)
    }

    /// The line's content and its comment (`# …`, empty when there is none). The content keeps its
    /// trailing spaces, so `content + comment` is the line. A `#` starts a comment at the start of the
    /// line or after a space, outside a quoted scalar.
    static func split(_ line: String) -> (content: String, comment: String) {
        let characters = Array(line)
        var quote: Character?
        var previousSignificant: Character?  // the last character before this one that isn't a space
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if open == "\"" && character == "\\" { index += 2; continue }
                if character == open {
                    if open == "'" && index + 1 < characters.count && characters[index + 1] == "'" { index += 2; continue }
                    quote = nil
                }
            } else if character == "#" && (index == 0 || characters[index - 1] == " ") {
                return (String(characters[..<index]), String(characters[index...]))
            } else if (character == "\"" || character == "'")
                        && (previousSignificant.map { ":-[{,?".contains($0) } ?? true)
                        && (index == 0 || characters[index - 1] == " " || "[{,".contains(characters[index - 1])) {
                quote = character
            }
            if character != " " { previousSignificant = character }
            index += 1
        }
        return (line, "")
    }
}

// MARK: - Moving dates by whole years

enum DateShift {
    /// The day `delta` years later; 29 February becomes 28 February in a common year.
    static func shifted(year: Int, month: Int, day: Int, by delta: Int) -> CalendarDate? {
        CalendarDate(year: year + delta, month: month, day: day)
            ?? (month == 2 && day == 29 ? CalendarDate(year: year + delta, month: 2, day: 28) : nil)
    }

    static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Every ISO date (`2017-03-15`) of `text` for which `include` says yes (given the text before it), moved.
    static func isoDates(in text: String, by delta: Int, where include: (ArraySlice<Character>) -> Bool = { _ in true }) -> String {
        var characters = Array(text)
        var index = 0
        while index + 10 <= characters.count {
            let window = characters[index..<(index + 10)]
            let shape = window.enumerated().allSatisfy { offset, character in
                offset == 4 || offset == 7 ? character == "-" : isDigit(character)
            }
            let bounded = (index == 0 || !isDigit(characters[index - 1])) && (index + 10 == characters.count || !isDigit(characters[index + 10]))
            guard shape, bounded, include(characters[..<index]),
                  let year = Int(String(window.prefix(4))), let month = Int(String(window.dropFirst(5).prefix(2))),
                  let day = Int(String(window.suffix(2))), let date = shifted(year: year, month: month, day: day, by: delta) else {
                index += 1
                continue
            }
            characters.replaceSubrange(index..<(index + 10), with: Array(padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2)))
            index += 10
        }
        return String(characters)
    }

    /// The ISO dates of event inputs: values of `date:` keys and entries of `dates: [ … ]` lists.
    static func eventDates(in text: String, by delta: Int) -> String {
        isoDates(in: text, by: delta) { before in
            var rest = String(before)
            while rest.last == " " || rest.last == "\"" || rest.last == "'" { rest.removeLast() }
            if endsWithKey(rest, "date") || endsWithKey(rest, "dates") { return true }
            // Inside an open `[` that follows `dates:`.
            guard let open = rest.lastIndex(of: "["), !rest[open...].contains("]") else { return false }
            var head = String(rest[..<open])
            while head.last == " " { head.removeLast() }
            return endsWithKey(head, "dates")
        }
    }

    /// Whether `text` ends with `key:` as a key of its own (not the end of a longer word).
    static func endsWithKey(_ text: String, _ key: String) -> Bool {
        guard text.hasSuffix(key + ":") else { return false }
        let head = text.dropLast(key.count + 1)
        guard let before = head.last else { return true }
        return before == " " || before == "{" || before == "," || before == "-"
    }

    /// The dates of the plan's own years in running text: a four-digit year in `years` that starts a
    /// date (`2017.1.1.`, `2017.01`, `2017-03-15`) or is followed by 년 (`2017년`), and `'17.`-style
    /// years; `2016년` or a year inside a longer number stays. 29 February (`2024.2.29.`) becomes 28
    /// February in a common year.
    static func textDates(in text: String, years: ClosedRange<Int>, by delta: Int) -> String {
        var characters = Array(text)
        var index = 0
        while index < characters.count {
            guard isDigit(characters[index]), index == 0 || !isDigit(characters[index - 1]) else { index += 1; continue }
            let runEnd = characters[index...].firstIndex { !isDigit($0) } ?? characters.count
            let run = String(characters[index..<runEnd])
            let next = runEnd < characters.count ? characters[runEnd] : nil
            let afterNext = runEnd + 1 < characters.count ? characters[runEnd + 1] : nil
            var shiftedYear: Int?
            if run.count == 4, let year = Int(run), years.contains(year),
               next == "년" || ((next == "." || next == "-") && afterNext.map(isDigit) == true) {
                shiftedYear = year + delta
                characters.replaceSubrange(index..<runEnd, with: Array(String(year + delta)))
            } else if run.count == 2, index > 0, characters[index - 1] == "'", next == ".", let short = Int(run), years.contains(2000 + short) {
                shiftedYear = 2000 + short + delta
                characters.replaceSubrange(index..<runEnd, with: Array(padded((short + delta) % 100, 2)))
            }
            if let shiftedYear, CalendarDate(year: shiftedYear, month: 2, day: 29) == nil { fixLeapDay(&characters, after: runEnd) }
            index = runEnd
        }
        return String(characters)
    }

    /// `.2.29` or `-02-29` right after a year (at `index`) becomes `.2.28` / `-02-28`.
    static func fixLeapDay(_ characters: inout [Character], after index: Int) {
        guard index < characters.count, characters[index] == "." || characters[index] == "-" else { return }
        let separator = characters[index]
        let monthStart = index + 1
        let monthEnd = characters[monthStart...].firstIndex { !isDigit($0) } ?? characters.count
        guard monthEnd > monthStart, Int(String(characters[monthStart..<monthEnd])) == 2,
              monthEnd < characters.count, characters[monthEnd] == separator else { return }
        let dayStart = monthEnd + 1
        let dayEnd = characters[dayStart...].firstIndex { !isDigit($0) } ?? characters.count
        guard String(characters[dayStart..<dayEnd]) == "29" else { return }
        characters[dayEnd - 1] = "8"
    }

    /// The years of `period:` values: four-digit years (`2017.01~2017.12`) and `'17`-style ones.
    static func periodYears(in text: String, by delta: Int) -> String {
        var characters = Array(text)
        var searchFrom = 0
        while let keyStart = find("period:", in: characters, from: searchFrom) {
            let head = String(characters[..<keyStart])
            let boundary = head.isEmpty || head.last == " " || head.last == "{" || head.last == ","
            var index = keyStart + "period:".count
            searchFrom = index
            guard boundary else { continue }
            var valueEnd = index
            while valueEnd < characters.count, characters[valueEnd] != ",", characters[valueEnd] != "}" { valueEnd += 1 }
            while index < valueEnd {
                let runEnd = characters[index..<valueEnd].firstIndex { !isDigit($0) } ?? valueEnd
                let startsRun = index == 0 || !isDigit(characters[index - 1])
                if startsRun, runEnd - index == 4, let year = Int(String(characters[index..<runEnd])), (1900...2999).contains(year) {
                    characters.replaceSubrange(index..<runEnd, with: Array(String(year + delta)))
                    index = runEnd
                } else if startsRun, runEnd - index == 2, index > 0, characters[index - 1] == "'", let short = Int(String(characters[index..<runEnd])) {
                    characters.replaceSubrange(index..<runEnd, with: Array(padded((short + delta) % 100, 2)))
                    index = runEnd
                } else {
                    index = max(runEnd, index + 1)
                }
            }
            searchFrom = valueEnd
        }
        return String(characters)
    }

    static func find(_ needle: String, in characters: [Character], from start: Int) -> Int? {
        let pattern = Array(needle)
        guard characters.count >= pattern.count, start <= characters.count - pattern.count else { return nil }
        for index in start...(characters.count - pattern.count) where Array(characters[index..<(index + pattern.count)]) == pattern {
            return index
        }
        return nil
    }
}
