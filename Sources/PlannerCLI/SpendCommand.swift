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
            let rule = BudgetRule(page: context.page, measure: commitment ? .committed : .spent, reason: overBudget)
            let adding = Spending(itemKey: item.item.path, kind: commitment ? .commitment : .payment, amount: amount, date: day)
            var after = amount
            let entry: LedgerEntry
            do {
                entry = try context.database.recordSpending(
                    planID: context.planID, itemKey: item.item.path, itemName: item.item.name, package: nil, kind: commitment ? .commitment : .payment,
                    amount: amount, date: day, vendor: vendor, contract: contract, note: note, actor: store.who) { ledger, paid in
                        let judged = try rule.judge(ledger: ledger, batched: paid, sessions: context.sessions, adding: [adding])
                        after = judged.after.categories.flatMap(\.items).first { $0.key == item.item.path }.map { rule.figure($0.figures) } ?? amount
                        return judged.reason
                    }
            } catch let refused as BudgetRule.OverBudget {
                let excess = refused.items.first { $0.key == item.item.path } ?? refused.items[0]
                Console.error("planner: error: \(MoneyFormat.won(amount)) would take \"\(item.item.name)\" to \(MoneyFormat.won(excess.after)) "
                    + "\(commitment ? "committed" : "spent"), over its budget of \(MoneyFormat.won(item.total)) by \(MoneyFormat.won(excess.over))\n"
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
