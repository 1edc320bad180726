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
                                             session: "자문위원회 1회 (2017-03-15)", sessionTitle: "1차 회의", date: "2017-03-15", role: .allowance,
                                             gross: Won(150_000), incomeTax: withheld.incomeTax, localTax: withheld.localTax,
                                             net: Won(150_000 - withheld.total.value), bank: "국민은행", account: "********5601", sessionID: "advisory-committee/1"))
    }

    static let boundaryDays: [(fee: Int64, payDay: CalendarDate, withheld: Int64)] = [
        (200_000, CalendarDate(year: 2018, month: 3, day: 31)!, 0),  // 80%: 40,000원 of other income, untaxed
        (200_000, CalendarDate(year: 2018, month: 4, day: 1)!, 13_200),  // 70%: 60,000원 → 12,000 + 1,200
        (150_000, CalendarDate(year: 2018, month: 12, day: 31)!, 0),  // 70%: 45,000원, untaxed
        (150_000, CalendarDate(year: 2019, month: 1, day: 1)!, 13_200),  // 60%: 60,000원
        (150_000, CalendarDate(year: 2017, month: 12, day: 5)!, 0),  // the 2017 committee, paid in 2017
        (150_000, CalendarDate(year: 2026, month: 12, day: 5)!, 13_200),  // the same, paid in 2026
    ]

    @Test("withholding is read for the payment day, not the session's, across the 2018 boundaries", arguments: boundaryDays)
    func paymentDay(_ example: (fee: Int64, payDay: CalendarDate, withheld: Int64)) throws {
        defer { folder.remove() }
        let meeting = PlannedSession(event: Self.committee, number: 1, date: Self.march15, payableRoles: [.allowance], fees: [.allowance: Won(example.fee)])
        _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, actor: "kim")
        let (payments, problems) = HonorariumEarnings.payments(sessions: [meeting], attendances: try database.attendances(planID: plan),
                                                               people: try database.people(planID: plan), paymentDate: example.payDay)
        #expect(problems.isEmpty)
        #expect(payments.map(\.withholding.total) == [Won(example.withheld)])
        #expect(payments.map(\.earned.date) == [example.payDay])
        #expect(payments.map(\.earned.heldOn) == [Self.march15])
    }

    @Test("a batch's payments name the session by its day (planned, else the sign-in's) and sum per payee for the transfer")
    func batchAndTransfer() throws {
        defer { folder.remove() }
        // Given: member 1 at meetings 1 (dated by the plan) and 2 (dated by the sign-in), member 2 at meeting 2,
        // member 3 (whose account is not revealed) at meeting 2; one batch for payment on 2017-06-30.
        for (session, person, time) in [(1, Int64(1), "2017-03-15T14:00"), (2, 1, "2017-05-17T14:00"), (2, 2, "2017-05-17T14:02"), (2, 3, nil)] {
            _ = try database.recordAttendance(planID: plan, sessionID: "advisory-committee/\(session)", personID: person, time: time, actor: "kim")
        }
        let payDay = CalendarDate(year: 2017, month: 6, day: 30)!
        let drafts = (Int64(1)...4).map { PaymentItemDraft(attendanceID: $0, role: .allowance, gross: Won(150_000), incomeTax: .zero, localTax: .zero) }
        let batch = try #require(try database.createPaymentBatch(planID: plan, through: payDay, payDay: payDay, items: drafts, actor: "kim"))
        let people = try database.people(planID: plan)

        // When
        let payments = HonorariumEarnings.batchPayments(batch, sessions: Self.sessions, people: people, attendances: try database.attendances(planID: plan))
        let lines = HonorariumEarnings.sheetLines(payments, people: people)

        // Then: the session's title and day, not its id; 일자 from the plan or the sign-in; 내용 from the title or the event.
        #expect(lines.map(\.session) == ["자문위원회 1회 (2017-03-15)", "자문위원회 2회 (2017-05-17)", "자문위원회 2회 (2017-05-17)", "자문위원회 2회"])
        #expect(lines.map(\.sessionTitle) == ["1차 회의", "자문위원회 참석수당", "자문위원회 참석수당", "자문위원회 참석수당"])
        #expect(lines.map(\.date) == ["2017-03-15", "2017-05-17", "2017-05-17", ""])
        #expect(payments.map(\.earned.date) == [payDay, payDay, payDay, payDay])

        // And: one transfer per payee, with the account in full; a payee without one is named, never numbered.
        let accounts = try database.revealAccounts(personIDs: [1, 2], purpose: "test", actor: "kim")
        let (transfers, missing) = HonorariumEarnings.transferLines(payments, accounts: accounts)
        #expect(transfers == [
            TransferLine(number: 1, bank: "국민은행", account: "110201345601", holder: "위원01", amount: Won(300_000), payments: 2),
            TransferLine(number: 2, bank: "국민은행", account: "110202345602", holder: "위원02", amount: Won(150_000), payments: 1),
        ])
        #expect(missing == ["위원03"])
    }

    @Test("spending and paid honoraria as the core's actuals; honoraria of lost sessions left out")
    func actuals() throws {
        defer { folder.remove() }
        let may10 = CalendarDate(year: 2017, month: 5, day: 10)!
        _ = try database.recordSpending(planID: plan, itemKey: "categories[0].items[0]", itemName: "인쇄비", kind: .commitment, amount: Won(500_000),
                                        date: may10, overBudgetReason: "전용 승인", actor: "kim")
        let marks = [AttendanceMark(sessionID: "advisory-committee/2", personID: 1), AttendanceMark(sessionID: "advisory-committee/9", personID: 2)]
        _ = try database.recordAttendanceSheet(planID: plan, marks: marks, actor: "kim")
        // Paid in 2017: 80% of 150,000원 deemed expenses leaves 30,000원, under the 50,000원 threshold; nothing withheld.
        let drafts = [Int64(1), 2].map { PaymentItemDraft(attendanceID: $0, role: .allowance, gross: Won(150_000), incomeTax: Won(0), localTax: Won(0)) }
        _ = try database.createPaymentBatch(planID: plan, through: may10, payDay: may10, items: drafts, actor: "kim")
        try database.approveBatch(planID: plan, number: 1, on: may10, actor: "kim")
        try database.markBatchPaid(planID: plan, number: 1, on: may10, actor: "kim")

        #expect(try database.spendingActuals(planID: plan)
                == [Spending(itemKey: "categories[0].items[0]", kind: .commitment, amount: Won(500_000), date: may10, overBudgetReason: "전용 승인")])
        #expect(try database.paidHonorariumAmounts(planID: plan, sessions: Self.sessions)
                == [PaidHonorariumAmount(eventID: "advisory-committee", role: .allowance, gross: Won(150_000), paidOn: may10)])
    }
}
