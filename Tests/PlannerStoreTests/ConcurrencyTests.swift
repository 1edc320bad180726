import Foundation
import PlannerCore
import Testing
@testable import PlannerStore

/// Collects what concurrent workers report.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    private var batches: [Int?] = []

    func failed(_ error: Error) { lock.withLock { errors.append(String(describing: error)) } }
    func created(_ number: Int?) { lock.withLock { batches.append(number) } }
    var failures: [String] { lock.withLock { errors } }
    var createdBatches: [Int?] { lock.withLock { batches } }
}

@Suite("Two writers on one file")
struct ConcurrencyTests {
    @Test("two databases on one file record 100 attendances each at the same time")
    func concurrentAttendance() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let setup = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try setup.planID(program: "social-city", year: 2017)
        _ = try setup.importRoster(planID: plan, entries: try committeeRoster(count: 2), actor: "kim")
        try setup.close()

        // Given: two independent openings of the file, like two `planner` processes.
        let writers = [try AppDatabase.open(path: path, keyFile: folder.keyFile), try AppDatabase.open(path: path, keyFile: folder.keyFile)]
        let outcomes = Outcomes()

        // When: each records 100 attendances of its own member, concurrently.
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            for session in 1...100 {
                do {
                    let recorded = try writers[index].recordAttendance(planID: plan, sessionID: "advisory-committee/\(session)",
                                                                       personID: Int64(index + 1), actor: "desk\(index)")
                    if !recorded { outcomes.failed(StoreError.attendanceNotFound(sessionID: "\(session)", person: "\(index)")) }
                } catch {
                    outcomes.failed(error)
                }
            }
        }

        // Then: all 200 succeeded.
        #expect(outcomes.failures == [])
        for writer in writers { try writer.close() }
        let reader = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let attendances = try reader.attendances(planID: plan)
        #expect(attendances.count == 200)
        #expect(attendances.filter { $0.personID == 1 }.count == 100)
        #expect(Set(attendances.map { "\($0.sessionID) \($0.personID)" }).count == 200)
        try reader.close()
    }

    @Test("two databases gathering the same honoraria at once make one batch")
    func concurrentBatches() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let setup = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try setup.planID(program: "social-city", year: 2017)
        _ = try setup.importRoster(planID: plan, entries: try committeeRoster(count: 15), actor: "kim")
        for person in Int64(1)...15 {
            _ = try setup.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: person, actor: "kim")
        }
        let items = try setup.unbatchedAttendanceRoles(planID: plan).map {
            PaymentItemDraft(attendanceID: $0.id, role: $0.role, gross: Won(150_000), incomeTax: Won(12_000), localTax: Won(1_200))
        }
        try setup.close()

        let writers = [try AppDatabase.open(path: path, keyFile: folder.keyFile), try AppDatabase.open(path: path, keyFile: folder.keyFile)]
        let outcomes = Outcomes()
        let through = CalendarDate(year: 2017, month: 3, day: 31)!
        let payDay = CalendarDate(year: 2026, month: 4, day: 10)!
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do {
                outcomes.created(try writers[index].createPaymentBatch(planID: plan, through: through, payDay: payDay, items: items, actor: "desk\(index)")?.number)
            } catch {
                outcomes.failed(error)
            }
        }

        #expect(outcomes.failures == [])
        #expect(outcomes.createdBatches.sorted { ($0 ?? 0) < ($1 ?? 0) } == [nil, 1])
        let batches = try writers[0].batches(planID: plan)
        #expect(batches.map(\.items.count) == [15])
        #expect(batches.first?.totals.net == Won(15 * 136_800))
        for writer in writers { try writer.close() }
    }
}
