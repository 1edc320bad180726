import Foundation
import PlannerCore

/// What the ledger and the payment batches say about a plan, in the core's terms: the input of
/// ``ExecutionStatus/compute(_:spending:honoraria:asOf:)`` for `planner status`, `spend`, `report`
/// and `settle`, and for the benchmark.
extension AppDatabase {
    /// The plan's ledger (reversals included, in recorded order) as the core's spending entries.
    public func spendingActuals(planID: Int64) throws -> [Spending] {
        try ledger(planID: planID).map(\.spending)
    }

    /// The honoraria of paid batches, each with the event of its session (`PaidHonorarium.amounts`).
    public func paidHonorariumAmounts(planID: Int64, sessions: [PlannedSession]) throws -> [PaidHonorariumAmount] {
        PaidHonorarium.amounts(try paidHonoraria(planID: planID), sessions: sessions)
    }

    /// Plan versus actual as of `asOf`: the priced plan against the ledger and the paid honoraria of
    /// the plan's sessions.
    ///
    /// - Throws: ``StoreError/amountOverflow`` when the stored amounts add up past what 64 bits hold
    ///   (only a database edited by hand can: each recorded amount is at most `Won.recordLimit`).
    public func executionStatus(planID: Int64, page: BudgetPage, asOf: CalendarDate) throws -> ExecutionStatus {
        let spending = try spendingActuals(planID: planID)
        let honoraria = try paidHonorariumAmounts(planID: planID, sessions: page.plan.events.flatMap(\.sessions))
        do {
            return try ExecutionStatus.compute(page, spending: spending, honoraria: honoraria, asOf: asOf)
        } catch {
            throw StoreError.amountOverflow
        }
    }
}

extension BudgetRule {
    /// Judges records against the ledger and batches as the store hands them to the `admit` of
    /// `recordSpending` and `createPaymentBatch`: honoraria are placed in their events by `sessions`.
    ///
    /// - Throws: ``BudgetRule/OverBudget`` to refuse; ``StoreError/amountOverflow`` when the amounts
    ///   don't add up in 64 bits.
    public func judge(ledger: [Spending], batched: [PaidHonorarium], sessions: [PlannedSession], adding: [Spending] = [],
                      addingHonoraria: [PaidHonorarium] = []) throws -> (after: ExecutionStatus, reason: String?) {
        do {
            return try judge(spending: ledger, honoraria: PaidHonorarium.amounts(batched, sessions: sessions), adding: adding,
                             addingHonoraria: PaidHonorarium.amounts(addingHonoraria, sessions: sessions))
        } catch is MoneyError {
            throw StoreError.amountOverflow
        }
    }
}
