import Foundation
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("HonorariumEarnings and execution actuals")
struct HonorariumEarningsTests {
    let folder: TemporaryFolder
    let database: AppDatabase
    let plan: Int64
    static let committee = EventOrigin(id: "advisory-committee", name: "자문위원회", kind: .advisory)
    static let march15 = CalendarDate(year: 2017, month: 3, day: 15)!
    static let payday = CalendarDate(year: 2026, month: 3, day: 31)!
    static let sessions = [
        PlannedSession(event: committee, number: 1, title: "1차 회의", date: march15, payableRoles: [.allowance], fees: [.allowance: Won(150_000)]),
        PlannedSession(event: committee, number: 2, payableRoles: [.allowance], fees: [.allowance: Won(150_000)]),
    ]

    init() throws {
        folder = try TemporaryFolder()
        database = try AppDatabase.inMemory(keyFile: folder.keyFile, clock: fixedClock)
        plan = try database.planID(program: "social-city", year: 2017)
        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 3), actor: "kim")
    }

    @Test("each attendance earns the session's fee, withheld; voided ones and lost sessions are not paid")
    func payments() throws {
        defer { folder.remove() }
        // Given: three attendances at meeting 1, one voided; one at a session the plan no longer has.
        let marks = (Int64(1)...3).map { AttendanceMark(sessionID: "advisory-committee/1", personID: $0) }
            + [AttendanceMark(sessionID: "advisory-committee/9", personID: 1)]
        _ = try database.recordAttendanceSheet(planID: plan, marks: marks, actor: "kim")
        try database.voidAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 2, reason: "서명 누락", actor: "kim")

        // When
        let (payments, problems) = HonorariumEarnings.payments(sessions: Self.sessions, attendances: try database.attendances(planID: plan, includeVoided: true),
                                                               people: try database.people(planID: plan), paymentDate: Self.payday)

        // Then: 150,000원 gross, withheld as 기타소득 by the table in force on the payment day, for 위원01 and 위원03.
        let withheld = TaxTable.standard.withholding(gross: Won(150_000), incomeType: .other, treatyExempt: false, on: Self.payday)
        #expect(withheld.total > .zero)
        #expect(payments.map(\.earned.personName) == ["위원01", "위원03"])
        #expect(payments.map(\.earned.date) == [Self.payday, Self.payday])
        #expect(payments.map(\.gross) == [Won(150_000), Won(150_000)])
        #expect(payments.map(\.withholding) == [withheld, withheld])
        #expect(payments.map(\.net) == [Won(150_000 - withheld.total.value), Won(150_000 - withheld.total.value)])
        #expect(problems == ["the attendance of 위원01 at advisory-committee/9 is for a session the plan no longer has; it is not paid"])

        // And: the sheet's lines, numbered, masked unless revealed.
        let people = try database.people(planID: plan)
        let full = try database.revealResidentNumbers(personIDs: [3], purpose: "test", actor: "kim")
        let lines = HonorariumEarnings.sheetLines(payments.map { ($0.earned, $0.gross, $0.withholding.incomeTax, $0.withholding.localTax, $0.net) },
                                                  people: people, residentNumbers: full)
        #expect(lines.map(\.number) == [1, 2])
        #expect(lines[0].residentNumber == people[0].rrnMasked)
        #expect(lines[0].residentNumber.hasSuffix("-1******"))
        #expect(lines[1].residentNumber == "630315-1000103")
        #expect(lines[0].account == "********5601")
        #expect(lines[0] == PaymentLine(number: 1, person: "위원01", residentNumber: lines[0].residentNumber, incomeType: .other,
                                             session: "advisory-committee/1", sessionTitle: "1차 회의", date: "2017-03-15", role: .allowance,
                                             gross: Won(150_000), incomeTax: withheld.incomeTax, localTax: withheld.localTax,
                                             net: Won(150_000 - withheld.total.value), bank: "국민은행", account: "********5601"))
    }

    @Test("spending and paid honoraria as the core's actuals; honoraria of lost sessions left out")
    func actuals() throws {
        defer { folder.remove() }
        let may10 = CalendarDate(year: 2017, month: 5, day: 10)!
        _ = try database.recordSpending(planID: plan, itemKey: "categories[0].items[0]", itemName: "인쇄비", kind: .commitment, amount: Won(500_000),
                                        date: may10, overBudgetReason: "전용 승인", actor: "kim")
        let marks = [AttendanceMark(sessionID: "advisory-committee/2", personID: 1), AttendanceMark(sessionID: "advisory-committee/9", personID: 2)]
        _ = try database.recordAttendanceSheet(planID: plan, marks: marks, actor: "kim")
        let drafts = [Int64(1), 2].map { PaymentItemDraft(attendanceID: $0, role: .allowance, gross: Won(150_000), incomeTax: Won(12_000), localTax: Won(1_200)) }
        _ = try database.createPaymentBatch(planID: plan, through: may10, items: drafts, actor: "kim")
        try database.approveBatch(planID: plan, number: 1, on: may10, actor: "kim")
        try database.markBatchPaid(planID: plan, number: 1, on: may10, actor: "kim")

        #expect(try database.spendingActuals(planID: plan)
                == [Spending(itemKey: "categories[0].items[0]", kind: .commitment, amount: Won(500_000), date: may10, overBudgetReason: "전용 승인")])
        #expect(try database.paidHonorariumAmounts(planID: plan, sessions: Self.sessions)
                == [PaidHonorariumAmount(eventID: "advisory-committee", role: .allowance, gross: Won(150_000), paidOn: may10)])
    }
}
