/// The budget rule of `planner spend` and `planner pay`: what is recorded against a plan may take an
/// item over its budget only with a documented reason (a transfer, 전용), given as `--over-budget`.
///
/// The rule compares the plan-versus-actual figures before and after the new records: an item is
/// taken over budget when what it has used (committed, or spent, as the records are) after them is
/// above its planned amount and above what it had used before. The caller judges inside the store's
/// write transaction, on the ledger and batches as they stand, so two planners recording at once are
/// judged one after the other.
public struct BudgetRule: Sendable {
    /// Which figure the records use: a commitment counts against `committed`, a payment against `spent`.
    public enum Measure: Sendable { case committed, spent }

    /// An item the records would take over its budget; amounts in won.
    public struct Excess: Sendable, Equatable {
        public var key: String
        public var name: String
        public var planned: Won
        /// What the item would have used with the records.
        public var after: Won
        /// `after − planned`.
        public var over: Won { Won(after.value &- planned.value) }
    }

    /// The refusal: the items over budget without a reason; nothing may be stored.
    public struct OverBudget: Error, Sendable, Equatable {
        public var items: [Excess]
    }

    public let page: BudgetPage
    public let measure: Measure
    /// The documented reason, if one was given.
    public let reason: String?

    /// Everything recorded against the plan counts, whatever its date (honoraria of a December
    /// session paid in January spend this year's budget too).
    static let asOf = CalendarDate(year: 9999, month: 12, day: 31)!

    public init(page: BudgetPage, measure: Measure, reason: String?) {
        self.page = page
        self.measure = measure
        self.reason = reason
    }

    /// Judges `adding` and `addingHonoraria` against what is recorded (`spending`, `honoraria`).
    ///
    /// - Returns: the status with the records in, and the reason to store with them (nil when every
    ///   item stays within budget).
    /// - Throws: ``OverBudget`` when an item goes over without a reason; `MoneyError.overflow` when the
    ///   amounts don't add up in 64 bits.
    public func judge(spending: [Spending], honoraria: [PaidHonorariumAmount], adding: [Spending] = [],
                      addingHonoraria: [PaidHonorariumAmount] = []) throws -> (after: ExecutionStatus, reason: String?) {
        let before = try ExecutionStatus.compute(page, spending: spending, honoraria: honoraria, asOf: Self.asOf)
        let after = try ExecutionStatus.compute(page, spending: spending + adding, honoraria: honoraria + addingHonoraria, asOf: Self.asOf)
        let excesses = zip(before.categories.flatMap(\.items), after.categories.flatMap(\.items)).compactMap { was, will -> Excess? in
            let (used, using) = (figure(was.figures), figure(will.figures))
            guard using > will.figures.planned, using > used else { return nil }
            return Excess(key: will.key, name: will.name, planned: will.figures.planned, after: using)
        }
        guard !excesses.isEmpty else { return (after, nil) }
        guard let reason else { throw OverBudget(items: excesses) }
        return (after, reason)
    }

    /// The figure this rule's records use.
    public func figure(_ figures: ExecutionStatus.Figures) -> Won {
        measure == .committed ? figures.committed : figures.spent
    }
}
