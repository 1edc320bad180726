import Foundation
import PlannerCore
import Testing
@testable import PlannerStore

/// `recordSpending(…admit:)` judges an entry inside the write transaction: a second writer on the same
/// file is judged only after the first has committed, and sees its entry.
@Suite("Spending judged inside the write transaction")
struct SpendingAdmitTests {
    @Test("a second writer's check waits for the first writer's entry and sees it")
    func serializedChecks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let setup = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try setup.planID(program: "social-city", year: 2017)
        try setup.close()
        let first = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let second = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let day = CalendarDate(year: 2017, month: 5, day: 1)!

        // The first writer's check starts, then holds its transaction open for a while.
        let firstIsChecking = DispatchSemaphore(value: 0)
        let seen = LedgerSeen()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            _ = try? first.recordSpending(planID: plan, itemKey: "k", itemName: "현수막", kind: .payment, amount: Won(600_000), date: day,
                                          actor: "desk1") { ledger, _ in
                seen.record(first: ledger.count)
                firstIsChecking.signal()
                Thread.sleep(forTimeInterval: 0.3)
                return nil
            }
        }
        firstIsChecking.wait()
        // The second writer comes in while the first is still deciding.
        let entry = try second.recordSpending(planID: plan, itemKey: "k", itemName: "현수막", kind: .payment, amount: Won(600_000), date: day,
                                              actor: "desk2") { ledger, _ in
            seen.record(second: ledger.map(\.amount))
            // Over a 1,000,000원 budget once the first entry is counted: admitted only with a reason.
            return ledger.map(\.amount.value).reduce(600_000, +) > 1_000_000 ? "예산 전용 승인 제2017-12호" : nil
        }
        group.wait()
        #expect(seen.first == 0)
        #expect(seen.second == [Won(600_000)], "the second check ran before the first entry was committed")
        #expect(entry.overBudgetReason == "예산 전용 승인 제2017-12호")
        #expect(try second.ledger(planID: plan).count == 2)
        try first.close()
        try second.close()
    }

    @Test("an entry the check refuses is not stored, and the error is the check's")
    func refused() throws {
        struct Refused: Error {}
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try AppDatabase.open(path: folder.path("planner.sqlite"), keyFile: folder.keyFile)
        let plan = try database.planID(program: "social-city", year: 2017)
        #expect(throws: Refused.self) {
            try database.recordSpending(planID: plan, itemKey: "k", itemName: "현수막", kind: .payment, amount: Won(1), date: CalendarDate(year: 2017, month: 1, day: 2)!,
                                        actor: "desk") { _, _ in throw Refused() }
        }
        #expect(try database.ledger(planID: plan).isEmpty)
        // A blank reason is refused like a blank --over-budget.
        #expect(throws: StoreError.blankSpendingField("over-budget reason")) {
            try database.recordSpending(planID: plan, itemKey: "k", itemName: "현수막", kind: .payment, amount: Won(1), date: CalendarDate(year: 2017, month: 1, day: 2)!,
                                        actor: "desk") { _, _ in "  " }
        }
        #expect(try database.ledger(planID: plan).isEmpty)
        try database.close()
    }
}

/// What the two checks saw, written from two threads.
final class LedgerSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var firstCount: Int?
    private var secondAmounts: [Won]?
    func record(first count: Int) { lock.withLock { firstCount = count } }
    func record(second amounts: [Won]) { lock.withLock { secondAmounts = amounts } }
    var first: Int? { lock.withLock { firstCount } }
    var second: [Won]? { lock.withLock { secondAmounts } }
}
