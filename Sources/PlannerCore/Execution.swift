/// Money spent against a plan item, as the ledger records it: a commitment (a contract signed) or a
/// payment; a reversal is an entry with the opposite amount.
public struct Spending: Sendable, Equatable {
    public enum Kind: String, Sendable { case commitment, payment }
    /// The item's key (`categories[1].items[0]`), as `PricedItem.item.path`.
    public var itemKey: String
    public var kind: Kind
    public var amount: Won
    public var date: CalendarDate
    /// Why spending went over the item's budget, when it did (a documented transfer).
    public var overBudgetReason: String?

    public init(itemKey: String, kind: Kind, amount: Won, date: CalendarDate, overBudgetReason: String? = nil) {
        self.itemKey = itemKey
        self.kind = kind
        self.amount = amount
        self.date = date
        self.overBudgetReason = overBudgetReason
    }
}

/// An honorarium paid in a payment batch, which counts as spent on the line that planned it.
public struct PaidHonorariumAmount: Sendable, Equatable {
    public var eventID: String
    public var role: PayableRole
    public var gross: Won
    public var paidOn: CalendarDate
    /// Why the batch holding the honorarium was allowed to take its item over budget, if it was, as
    /// reports show it (`payment batch 2: …`).
    public var overBudgetReason: String?

    public init(eventID: String, role: PayableRole, gross: Won, paidOn: CalendarDate, overBudgetReason: String? = nil) {
        self.eventID = eventID
        self.role = role
        self.gross = gross
        self.paidOn = paidOn
        self.overBudgetReason = overBudgetReason
    }
}

/// Plan versus actual as of a day: per category and item, what was planned, committed and spent,
/// what remains, and the execution rate; and the cumulative execution month by month against the
/// schedule.
///
/// `committed` is the sum of commitments; `spent` the sum of payments and paid honoraria; an item's
/// `remaining` = planned − max(committed, spent), the money still free, and a category's or the total's
/// is the sum of its items' (a contract on one item doesn't free money on another); the execution rate
/// (집행률) is spent / planned in basis points, rounded half-up.
public struct ExecutionStatus: Sendable, Equatable {
    public struct Figures: Sendable, Equatable {
        public var planned: Won
        public var committed: Won
        public var spent: Won
        public var remaining: Won

        /// One item's figures: what remains is what neither a contract nor a payment has taken.
        /// - Throws: `MoneyError.overflow` when the remainder does not fit in 64 bits.
        public init(planned: Won, committed: Won, spent: Won) throws(MoneyError) {
            guard let remaining = planned.subtracting(max(committed, spent)) else { throw .overflow }
            self.init(planned: planned, committed: committed, spent: spent, remaining: remaining)
        }

        init(planned: Won, committed: Won, spent: Won, remaining: Won) {
            self.planned = planned
            self.committed = committed
            self.spent = spent
            self.remaining = remaining
        }
        /// spent / planned in basis points (1/100 %); nil when nothing was planned.
        public var rateBasisPoints: Int64? {
            guard planned.value > 0, let scaled = spent.multiplied(by: 10_000) else { return nil }
            return RoundingRule.halfUp.divide(scaled.value, by: planned.value)
        }

        static let zero = Figures(planned: .zero, committed: .zero, spent: .zero, remaining: .zero)

        /// Sums item figures; `remaining` adds up item by item. Throws `MoneyError.overflow` rather than trap.
        func adding(_ b: Figures) throws(MoneyError) -> Figures {
            guard let planned = planned.adding(b.planned), let committed = committed.adding(b.committed),
                  let spent = spent.adding(b.spent), let remaining = remaining.adding(b.remaining) else { throw .overflow }
            return Figures(planned: planned, committed: committed, spent: spent, remaining: remaining)
        }
    }

    public struct ItemStatus: Sendable, Equatable {
        public var key: String
        public var name: String
        public var figures: Figures
        /// Reasons given for spending over the item's budget; shown in every report.
        public var overBudgetReasons: [String]
    }

    public struct CategoryStatus: Sendable, Equatable {
        public var code: String?
        public var name: String
        public var figures: Figures
        public var items: [ItemStatus]
    }

    /// A month of the plan's year: what the schedule planned to have executed by its end, and what was.
    public struct Month: Sendable, Equatable {
        public var month: Int
        public var plannedCumulative: Won
        public var spentCumulative: Won
    }

    public var asOf: CalendarDate
    public var categories: [CategoryStatus]
    public var total: Figures
    public var months: [Month]

    /// Builds the status from the priced plan, the ledger and the paid honoraria, counting what is
    /// dated up to `asOf`.
    ///
    /// Every sum is checked: amounts that add up past 64 bits (only a database written by hand holds
    /// such amounts: the store bounds each recorded amount by `Won.recordLimit`) throw
    /// `MoneyError.overflow` instead of trapping.
    public static func compute(_ page: BudgetPage, spending: [Spending], honoraria: [PaidHonorariumAmount],
                               asOf: CalendarDate) throws(MoneyError) -> ExecutionStatus {
        let counted = spending.filter { $0.date <= asOf }
        let paid = honoraria.filter { $0.paidOn <= asOf }
        // Honoraria count against the item holding the event's line (or detail) for that role.
        var honorariumItem: [String: String] = [:]
        for category in page.budget.categories {
            for item in category.items {
                for line in item.lines {
                    for leaf in [line] + line.details {
                        if let origin = leaf.line.origin ?? line.line.origin, let role = leaf.line.payee.role {
                            honorariumItem["\(origin.id)|\(role.rawValue)"] = honorariumItem["\(origin.id)|\(role.rawValue)"] ?? item.item.path
                        }
                    }
                }
            }
        }
        // Grouped once, so that the work grows with entries + items, not entries × items.
        let entriesByItem = Dictionary(grouping: counted, by: \.itemKey)
        var feesByItem: [String: [Won]] = [:], feeReasons: [String: [String]] = [:]
        for fee in paid {
            guard let key = honorariumItem["\(fee.eventID)|\(fee.role.rawValue)"] else { continue }
            feesByItem[key, default: []].append(fee.gross)
            // A batch's reason once per item, however many of its honoraria the item holds.
            if let reason = fee.overBudgetReason, !(feeReasons[key] ?? []).contains(reason) { feeReasons[key, default: []].append(reason) }
        }
        var categories: [CategoryStatus] = []
        for category in page.budget.categories {
            var items: [ItemStatus] = []
            for item in category.items {
                let key = item.item.path
                let entries = entriesByItem[key] ?? []
                guard let committed = entries.filter({ $0.kind == .commitment }).map(\.amount).checkedSum(),
                      let spent = (entries.filter({ $0.kind == .payment }).map(\.amount) + (feesByItem[key] ?? [])).checkedSum()
                else { throw .overflow }
                let figures = try Figures(planned: item.total, committed: committed, spent: spent)
                items.append(ItemStatus(key: key, name: item.item.name, figures: figures,
                                        overBudgetReasons: entries.compactMap(\.overBudgetReason) + (feeReasons[key] ?? [])))
            }
            categories.append(CategoryStatus(code: category.category.code, name: category.category.name,
                                             figures: try sum(items.map(\.figures)), items: items))
        }
        let total = try sum(categories.map(\.figures))
        return ExecutionStatus(asOf: asOf, categories: categories, total: total,
                               months: try months(page, spending: counted, honoraria: paid, total: total))
    }

    private static func sum(_ figures: [Figures]) throws(MoneyError) -> Figures {
        var total = Figures.zero
        for next in figures { total = try total.adding(next) }
        return total
    }

    /// Cumulative planned (the schedule's amounts spread over their months, or the whole budget
    /// spread over the year; see `spread`) and spent, month by month.
    static func months(_ page: BudgetPage, spending: [Spending], honoraria: [PaidHonorariumAmount], total: Figures) throws(MoneyError) -> [Month] {
        let year = page.plan.program.year
        var planned = Array(repeating: Int64(0), count: 12)
        let rows = page.plan.schedule.compactMap { row -> (Int, Int, Won)? in
            guard let amount = row.amount, let span = monthSpan(row.period, year: year) else { return nil }
            return (span.0, span.1, amount)
        }
        if rows.isEmpty {
            try spread(total.planned.value, from: 1, to: 12, into: &planned)
        } else {
            for (first, last, amount) in rows { try spread(amount.value, from: first, to: last, into: &planned) }
        }
        var spent = Array(repeating: Int64(0), count: 12)
        for entry in spending where entry.kind == .payment && entry.date.year == year { try add(entry.amount.value, to: &spent[entry.date.month - 1]) }
        for fee in honoraria where fee.paidOn.year == year { try add(fee.gross.value, to: &spent[fee.paidOn.month - 1]) }
        var result: [Month] = []
        var plannedSoFar: Int64 = 0, spentSoFar: Int64 = 0
        for month in 1...12 {
            try add(planned[month - 1], to: &plannedSoFar)
            try add(spent[month - 1], to: &spentSoFar)
            result.append(Month(month: month, plannedCumulative: Won(plannedSoFar), spentCumulative: Won(spentSoFar)))
        }
        return result
    }

    /// `total += amount`, or `MoneyError.overflow` when the sum does not fit in 64 bits.
    private static func add(_ amount: Int64, to total: inout Int64) throws(MoneyError) {
        guard let sum = Won(total).adding(Won(amount)) else { throw .overflow }
        total = sum.value
    }

    /// Adds `amount` (in won) spread over the months `first...last`, so that the cumulative amount
    /// through the k-th of n months is amount × k / n rounded half-up to the unit the amount is written
    /// in: whole 천원 when it is a whole number of 천원 (as schedules and budgets write it), won
    /// otherwise. 234,400천원 over twelve months is 19,533 / 39,067 / 58,600 … 234,400천원, never
    /// 58,599,999원, and the last month ends on the amount exactly.
    static func spread(_ amount: Int64, from first: Int, to last: Int, into months: inout [Int64]) throws(MoneyError) {
        let unit = amount % Won.thousand == 0 ? Won.thousand : 1
        let units = amount / unit, count = Int64(last - first + 1)
        // amount × k / n = whole × k + rest × k / n, with rest × k small: no overflow for any amount.
        let whole = units / count, rest = units % count
        var before: Int64 = 0
        for k in 1...count {
            let cumulative = whole * k + (RoundingRule.halfUp.divide(rest * k, by: count) ?? 0)
            try add((cumulative - before) * unit, to: &months[first - 1 + Int(k) - 1])
            before = cumulative
        }
    }

    /// `2021.01~2021.12` or `2021.03` → (first month, last month) within `year`.
    static func monthSpan(_ text: String, year: Int) -> (Int, Int)? {
        let parts = text.split(separator: "~").map { $0.trimmingWhitespace() }
        func month(_ part: String) -> Int? {
            let pieces = part.split(separator: ".")
            guard pieces.count >= 2, let y = Int(pieces[0]), let m = Int(pieces[1]), (1...12).contains(m) else { return nil }
            return y < year ? 1 : (y > year ? 12 : m)
        }
        guard let first = parts.first.flatMap(month) else { return nil }
        let last = parts.count > 1 ? month(parts[1]) ?? first : first
        return first <= last ? (first, last) : nil
    }
}

/// What the events achieved, from attendance: the 추진실적 lines of next year's page.
public struct EventResult: Sendable, Equatable {
    public var event: EventOrigin
    public var planned: Int
    /// Sessions with at least one attendance.
    public var held: Int
    /// Attendances over the held sessions.
    public var attendances: Int
    /// Distinct people who came.
    public var people: Int
    /// attendances / (held × expected per session), in percent rounded half-up; nil without an expectation.
    public var attendanceRatePercent: Int64?

    /// Whether any attendance was recorded for the event's sessions. Without one nothing is known of
    /// what was held (the sessions may have taken place without a sign-in sheet), so `line` says so
    /// rather than claiming 0 sessions.
    public var attendanceRecorded: Bool { attendances > 0 }

    /// `자문회의 6회 (출석률 87%)`, `직원 소셜미디어 전문가 교육 12회 (참여 284명)`, or
    /// `1인미디어 팸투어 (출석 기록 없음)` when no attendance was recorded.
    public var line: String {
        guard attendanceRecorded else { return "\(event.name) (출석 기록 없음)" }
        if event.kind == .advisory, let rate = attendanceRatePercent {
            return "\(event.name) \(held)회 (출석률 \(rate)%)"
        }
        return "\(event.name) \(held)회 (참여 \(attendances)명)"
    }

    /// One result per event. `attendance` pairs a session id with a person id (voided ones left out);
    /// `rosterSize` is the number of people on each event's roster, the expectation when a session has
    /// no planned headcount.
    public static func compute(events: [PlannedEvent], attendance: [(session: String, person: Int64)], rosterSize: [String: Int]) -> [EventResult] {
        // Each attendance is looked at once: grouped by session, then gathered per event.
        let bySession = Dictionary(grouping: attendance, by: \.session)
        return events.map { event in
            let mine = event.sessions.flatMap { bySession[$0.id] ?? [] }
            let heldIDs = Set(mine.map(\.session))
            let held = event.sessions.filter { heldIDs.contains($0.id) }
            let expected = held.map { $0.headcount ?? rosterSize[event.origin.id] ?? 0 }.reduce(0, +)
            let rate = expected > 0 ? RoundingRule.halfUp.divide(Int64(mine.count) * 100, by: Int64(expected)) : nil
            return EventResult(event: event.origin, planned: event.sessions.count, held: held.count, attendances: mine.count,
                               people: Set(mine.map(\.person)).count, attendanceRatePercent: rate)
        }
    }
}
