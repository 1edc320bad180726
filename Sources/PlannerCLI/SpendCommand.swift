import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore
import PlannerStore

struct SpendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Record a vendor commitment or payment against a plan item; corrections are reversing entries.",
        discussion: """
            planner spend PLAN ITEM AMOUNT --date DAY [--vendor V] [--contract C] [--note N] [--commitment]
            planner spend PLAN --reverse ENTRY --date DAY --note "why"
            ITEM is an item's name as the budget page prints it (○ …) or its key (categories[1].items[0]).
            Spending that takes an item over its budget is refused unless --over-budget "reason" documents
            the transfer; the reason is shown in every report. Honoraria paid in batches count by themselves.
            Example: planner spend Events/social-city-2017.yaml "국제(내)컨퍼런스 개최" 40,000,000원 --date 2017-10-20 --vendor "(주)행사대행"
            """
    )

    @Argument(help: "The plan file (YAML).") var plan: String
    @Argument(help: "The item, then the amount (e.g. 40,000,000원).") var arguments: [String] = []
    @Option(help: "The day of the commitment or payment, YYYY-MM-DD, within the plan's year.") var date: String
    @Option(help: "The vendor.") var vendor: String?
    @Option(help: "The contract number.") var contract: String?
    @Option(help: "A note (for a reversal: why).") var note: String?
    @Flag(help: "A commitment (contract signed) rather than a payment.") var commitment = false
    @Option(name: .customLong("over-budget"), help: "The documented reason for spending over the item's budget.") var overBudget: String?
    @Option(help: "Reverse ledger entry N (a correction; entries are never edited).") var reverse: Int64?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard PlanReader.date(date) != nil else { throw ValidationError("--date expects a day like 2017-10-20, got \"\(date)\"") }
        if reverse != nil {
            guard arguments.isEmpty else { throw ValidationError("--reverse takes no ITEM or AMOUNT: the entry says what it was") }
            guard let note, !note.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reverse needs --note \"why\" for the audit log") }
        } else if arguments.count != 2 {
            throw ValidationError("name the item and the amount, e.g. planner spend PLAN \"국제(내)컨퍼런스 개최\" 40,000,000원 --date 2017-10-20")
        }
    }

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store, access: .record)
            guard let day = PlanReader.date(date) else { return }
            guard day.year == context.plan.program.year else {
                Console.error("planner: error: --date \(day) is outside the plan's year \(context.plan.program.year)\n  hint: record it in the plan of \(day.year)\n")
                throw ExitCode(ExitStatus.dataError)
            }
            if let reverse {
                let entry = try context.database.reverseSpending(planID: context.planID, entryID: reverse, date: day, reason: note ?? "", actor: store.who)
                Console.out("ledger entry \(entry.id): reversed entry \(reverse) (\(MoneyFormat.won(entry.amount))) on \(day)\n")
                return
            }
            let item = try Self.item(arguments[0], in: context)
            let amount: Won
            switch Notation.amount(arguments[1]) {
            case .success(let won) where won.value > 0: amount = won
            case .success:
                Console.error("planner: error: expected an amount above 0원, got \(Redaction.quoted(arguments[1]))\n  hint: a correction is a reversal: planner spend PLAN --reverse ENTRY --date DAY --note \"why\"\n")
                throw ExitCode(ExitStatus.dataError)
            case .failure(let problem):
                Console.error("planner: error: \(problem.message)" + (problem.hint.map { "\n  hint: \($0)" } ?? "") + "\n")
                throw ExitCode(ExitStatus.dataError)
            }
            // Over budget? Judged inside the store's write transaction, on the ledger as it stands when
            // this entry is written: two planners spending on one item at once can't both pass.
            let check = BudgetCheck(page: context.page, item: item, amount: amount, commitment: commitment, overBudget: overBudget,
                                    yearEnd: CalendarDate(year: day.year, month: 12, day: 31)!)
            let entry: LedgerEntry
            let after: Won
            do {
                (entry, after) = try check.record(in: context, date: day, vendor: vendor, contract: contract, note: note, actor: store.who)
            } catch let refused as BudgetCheck.OverBudget {
                let over = Won(refused.after.value - item.total.value)
                Console.error("planner: error: \(MoneyFormat.won(amount)) would take \"\(item.item.name)\" to \(MoneyFormat.won(refused.after)) "
                    + "\(commitment ? "committed" : "spent"), over its budget of \(MoneyFormat.won(item.total)) by \(MoneyFormat.won(over))\n"
                    + "  hint: spend over budget only with a documented transfer: --over-budget \"reason\"\n")
                throw ExitCode(ExitStatus.dataError)
            }
            Console.out("ledger entry \(entry.id): \(commitment ? "committed" : "paid") \(MoneyFormat.won(amount)) on \"\(item.item.name)\" on \(day); "
                + "\(commitment ? "committed" : "spent") \(MoneyFormat.won(after)) of \(MoneyFormat.won(item.total))\n")
        }
    }

    /// The item named (or keyed) `text`; an unknown or ambiguous name is an error listing the choices.
    static func item(_ text: String, in context: PlanContext) throws -> PricedItem {
        let items = context.page.budget.categories.flatMap(\.items)
        if let byKey = items.first(where: { $0.item.path == text }) { return byKey }
        let named = items.filter { $0.item.name == text }
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            Console.error("planner: error: \(Redaction.quoted(text)) names \(named.count) items\n  hint: give the key of one: " + named.map(\.item.path).joined(separator: ", ") + "\n")
            throw ExitCode(ExitStatus.dataError)
        }
        let close = Suggestion.closeMatches(text, items.map(\.item.name))
        Console.error("planner: error: no item \(Redaction.quoted(text)) in \(context.plan.program.name) \(context.plan.program.year)\n  hint: "
            + (close.isEmpty ? "the items are: " + items.map { "\"\($0.item.name)\"" }.joined(separator: ", ") : "did you mean " + close.map { "\"\($0)\"" }.joined(separator: ", ") + "?") + "\n")
        throw ExitCode(ExitStatus.dataError)
    }
}

/// The budget rule of `planner spend`, applied by the store inside its write transaction: an entry that
/// would take its item past its budget needs a documented reason (`--over-budget`).
struct BudgetCheck {
    /// The refusal: what the item would have used with the entry; nothing was stored.
    struct OverBudget: Error {
        let after: Won
    }

    let page: BudgetPage
    let item: PricedItem
    let amount: Won
    let commitment: Bool
    let overBudget: String?
    let yearEnd: CalendarDate

    /// Records the entry if the rule admits it; returns it with what the item has used once it is in.
    func record(in context: PlanContext, date: CalendarDate, vendor: String?, contract: String?, note: String?,
                actor: String) throws -> (entry: LedgerEntry, after: Won) {
        var after = amount
        let entry = try context.database.recordSpending(
            planID: context.planID, itemKey: item.item.path, itemName: item.item.name, package: nil,
            kind: commitment ? .commitment : .payment, amount: amount, date: date, vendor: vendor, contract: contract, note: note,
            actor: actor, admit: { (ledger: [Spending], paid: [PaidHonorarium]) throws -> String? in
                after = self.used(ledger, paid).adding(self.amount) ?? self.amount
                return try self.reason(after: after)
            })
        return (entry, after)
    }

    /// What the item has used (committed or spent, as the entry is) by the ledger and paid honoraria given.
    func used(_ ledger: [Spending], _ paid: [PaidHonorarium]) -> Won {
        let honoraria = PaidHonorarium.amounts(paid, sessions: page.plan.events.flatMap(\.sessions))
        let status = ExecutionStatus.compute(page, spending: ledger, honoraria: honoraria, asOf: yearEnd)
        let items: [ExecutionStatus.ItemStatus] = status.categories.flatMap(\.items)
        guard let figures = items.first(where: { $0.key == item.item.path })?.figures else { return .zero }
        return commitment ? figures.committed : figures.spent
    }

    /// The reason to store (nil within budget), or `OverBudget` when over without one.
    func reason(after: Won) throws -> String? {
        guard after > item.total else { return nil }
        guard let overBudget else { throw OverBudget(after: after) }
        return overBudget
    }
}
