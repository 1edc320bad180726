import Foundation
import PlannerCore

/// What the ledger and the payment batches say about a plan, in the core's terms: the input of
/// ``ExecutionStatus/compute(_:spending:honoraria:asOf:)`` for `planner status`, `spend`, `report`
/// and `settle`, and for the benchmark.
extension AppDatabase {
    /// The plan's ledger (reversals included, in recorded order) as the core's spending entries.
    public func spendingActuals(planID: Int64) throws -> [Spending] {
        try ledger(planID: planID).map { entry in
            Spending(itemKey: entry.itemKey, kind: entry.kind == .commitment ? .commitment : .payment, amount: entry.amount,
                     date: entry.date, overBudgetReason: entry.overBudgetReason)
        }
    }

    /// The honoraria of paid batches, each with the event of its session, in the order of
    /// ``paidHonoraria(planID:)``. Honoraria for a session `sessions` doesn't hold (the plan changed)
    /// are left out: no item of the plan can count them.
    public func paidHonorariumAmounts(planID: Int64, sessions: [PlannedSession]) throws -> [PaidHonorariumAmount] {
        let events = Dictionary(sessions.map { ($0.id, $0.event.id) }, uniquingKeysWith: { first, _ in first })
        return try paidHonoraria(planID: planID).compactMap { paid in
            events[paid.sessionID].map { PaidHonorariumAmount(eventID: $0, role: paid.role, gross: paid.gross, paidOn: paid.paidOn) }
        }
    }

    /// Plan versus actual as of `asOf`: the priced plan against the ledger and the paid honoraria of
    /// the plan's sessions.
    public func executionStatus(planID: Int64, page: BudgetPage, asOf: CalendarDate) throws -> ExecutionStatus {
        let spending = try spendingActuals(planID: planID)
        let honoraria = try paidHonorariumAmounts(planID: planID, sessions: page.plan.events.flatMap(\.sessions))
        return ExecutionStatus.compute(page, spending: spending, honoraria: honoraria, asOf: asOf)
    }
}
