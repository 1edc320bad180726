import Testing
@testable import PlannerCore

private func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    guard let date = CalendarDate(year: year, month: month, day: day) else { fatalError("bad test date \(year)-\(month)-\(day)") }
    return date
}

/// The 2017 plan's 소셜특별시 자문위원회: 15 members, 6 meetings, 150,000원 per member per meeting.
private let committee = EventOrigin(id: "social-city-committee", name: "소셜특별시 자문위원회", kind: .advisory)
private let meetings = (1...6).map {
    PlannedSession(event: committee, number: $0, headcount: 15, payableRoles: [.allowance], fees: [.allowance: Won(150_000)])
}

private let education = EventOrigin(id: "staff-sns-education", name: "직원 SNS 교육", kind: .education)
private let lesson = PlannedSession(event: education, number: 2, date: day(2026, 4, 8), payableRoles: [.lecturer, .manuscript],
                                    fees: [.lecturer: Won(500_000)])
private let conference = EventOrigin(id: "seoul-social-conference", name: "서울 소셜 컨퍼런스", kind: .conference)
private let talk = PlannedSession(event: conference, number: 1, date: day(2026, 10, 21), payableRoles: [.speaker],
                                  fees: [.speaker: Won(1_000_000)])

private func earned(_ attendance: Int64, _ session: PlannedSession, _ role: PayableRole, person: Int64, _ name: String,
                    _ type: IncomeType = .other, treatyExempt: Bool = false, on date: CalendarDate = day(2026, 3, 5)) -> EarnedHonorarium {
    EarnedHonorarium(attendanceID: attendance, session: session, role: role, personID: person, personName: name,
                     incomeType: type, treatyExempt: treatyExempt, date: session.date ?? date)
}

@Suite("Honoraria")
struct HonorariaTests {
    @Test func committeeOf2017WithAbsences() {
        // Given: the committee's six meetings, which the plan leaves undated, held in 2026 (so the tax
        // table is read on each attendance day), and six absences among 15 × 6 seats.
        let absences: Set<[Int]> = [[1, 2], [3, 1], [3, 5], [7, 6], [12, 4], [15, 3]]
        var earnedList: [EarnedHonorarium] = []
        for meeting in meetings {
            for member in 1...15 where !absences.contains([member, meeting.number]) {
                earnedList.append(earned(Int64(earnedList.count + 1), meeting, .allowance, person: Int64(member), "위원\(member)",
                                         on: day(2026, 2 * meeting.number, 10)))
            }
        }
        #expect(earnedList.count == 84)

        // When
        let (payments, problems) = Honoraria.payments(earnedList)

        // Then: every attended meeting pays 150,000원 gross, 13,200원 withheld, 136,800원 net.
        #expect(problems.isEmpty)
        #expect(payments.map(\.earned) == earnedList, "one payment per attendance, in input order")
        for payment in payments {
            #expect(payment.gross == Won(150_000))
            #expect(payment.withholding == Withholding(incomeTax: Won(12_000), localTax: Won(1_200)))
            #expect(payment.net == Won(136_800))
        }
        let totals = Honoraria.totals(payments)
        #expect(totals.gross == Won(12_600_000))  // 84 × 150,000
        #expect(totals.incomeTax == Won(1_008_000))
        #expect(totals.localTax == Won(100_800))
        #expect(totals.net == Won(11_491_200))
        #expect(payments.filter { $0.earned.personID == 3 }.count == 4)
    }

    @Test func theSameMeetingsHeldIn2017WouldWithholdNothing() {
        // In 2017, 80% was deemed expenses: 150,000원 → 기타소득금액 30,000원, under the 50,000원 threshold.
        let (payments, problems) = Honoraria.payments([earned(1, meetings[0], .allowance, person: 1, "위원1", on: day(2017, 3, 2))])
        #expect(problems.isEmpty)
        #expect(payments.map(\.withholding) == [.none])
        #expect(payments.map(\.net) == [Won(150_000)])
    }

    @Test func sheetsNameTheSessionByEventNumberAndDay() {
        // An undated meeting held on the day of its sign-in, with no title: the event and the role say what it pays.
        var meeting = earned(1, meetings[0], .allowance, person: 1, "위원1", on: day(2017, 12, 5))
        meeting.heldOn = day(2017, 3, 15)
        #expect(meeting.sessionLabel == "소셜특별시 자문위원회 1회 (2017-03-15)")
        #expect(meeting.paymentDescription == "소셜특별시 자문위원회 참석수당")
        meeting.heldOn = nil
        #expect(meeting.sessionLabel == "소셜특별시 자문위원회 1회")
        // A titled session: the title is what the payment is for.
        var titled = lesson
        titled.title = "SNS 위기 대응"
        let lecture = EarnedHonorarium(attendanceID: 2, session: titled, role: .lecturer, personID: 2, personName: "강사", incomeType: .business,
                                       treatyExempt: false, date: day(2026, 4, 30), heldOn: titled.date)
        #expect(lecture.sessionLabel == "직원 SNS 교육 2회 (2026-04-08)")
        #expect(lecture.paymentDescription == "SNS 위기 대응")
    }

    @Test func incomeTypesAndTotals() {
        let list = [
            earned(10, lesson, .lecturer, person: 21, "박강사", .business),
            earned(11, talk, .speaker, person: 22, "Jane Doe", .nonresident),
            earned(12, talk, .speaker, person: 23, "John Roe", .nonresident, treatyExempt: true),
            earned(13, lesson, .lecturer, person: 24, "이강사"),
            earned(14, talk, .speaker, person: 25, "최공무", .exempt),
        ]
        let (payments, problems) = Honoraria.payments(list)
        #expect(problems.isEmpty)
        #expect(payments.map(\.earned.personName) == ["박강사", "Jane Doe", "John Roe", "이강사", "최공무"])
        #expect(payments.map(\.gross) == [Won(500_000), Won(1_000_000), Won(1_000_000), Won(500_000), Won(1_000_000)])
        #expect(payments.map(\.withholding.incomeTax) == [Won(15_000), Won(200_000), .zero, Won(40_000), .zero])
        #expect(payments.map(\.withholding.localTax) == [Won(1_500), Won(20_000), .zero, Won(4_000), .zero])
        #expect(payments.map(\.net) == [Won(483_500), Won(780_000), Won(1_000_000), Won(456_000), Won(1_000_000)])
        let totals = Honoraria.totals(payments)
        #expect(totals.gross == Won(4_000_000))
        #expect(totals.incomeTax == Won(255_000))
        #expect(totals.localTax == Won(25_500))
        #expect(totals.net == Won(3_719_500))
    }

    @Test func totalsOfNothing() {
        let totals = Honoraria.totals([])
        #expect([totals.gross, totals.incomeTax, totals.localTax, totals.net] == [.zero, .zero, .zero, .zero])
    }

    @Test func roleTheSessionDoesNotPay() {
        let (payments, problems) = Honoraria.payments([
            earned(1, meetings[2], .lecturer, person: 5, "김위원"),
            earned(2, meetings[2], .allowance, person: 5, "김위원"),
        ])
        #expect(problems == ["session social-city-committee/3 does not pay 강사료 (lecturer); 김위원 is not paid for it"])
        #expect(payments.map(\.earned.attendanceID) == [2])
    }

    @Test func payableRoleWithoutAFee() {
        let (payments, problems) = Honoraria.payments([earned(7, lesson, .manuscript, person: 24, "이강사")])
        #expect(problems == ["session staff-sns-education/2 has no planned fee for 원고료 (manuscript); 이강사 is not paid for it until the plan gives one"])
        #expect(payments.isEmpty)
    }

    @Test func feeOfZeroOrLess() {
        var free = lesson
        free.fees[.lecturer] = .zero
        var negative = lesson
        negative.fees[.lecturer] = Won(-10_000)
        let (payments, problems) = Honoraria.payments([earned(1, free, .lecturer, person: 24, "이강사"),
                                                       earned(2, negative, .lecturer, person: 24, "이강사")])
        #expect(problems == [
            "session staff-sns-education/2 plans a fee of 0원 for 강사료 (lecturer); 이강사 is not paid for it",
            "session staff-sns-education/2 plans a fee of -10,000원 for 강사료 (lecturer); 이강사 is not paid for it",
        ])
        #expect(payments.isEmpty)
    }

    @Test func sameAttendanceListedTwiceIsPaidOnce() {
        let once = earned(9, meetings[0], .allowance, person: 4, "정위원")
        let (payments, problems) = Honoraria.payments([once, once])
        #expect(payments.count == 1)
        #expect(problems == ["정위원's 참석수당 (allowance) for session social-city-committee/1 is listed twice (attendance 9); it is paid once"])
    }

    @Test func totalsThatWouldOverflowAreRefused() {
        var huge = talk
        huge.fees[.speaker] = Won(.max)
        let (payments, problems) = Honoraria.payments([earned(1, huge, .speaker, person: 1, "A", .exempt),
                                                       earned(2, huge, .speaker, person: 2, "B", .exempt)])
        #expect(payments.map(\.earned.personName) == ["A"])
        #expect(problems == ["B's 연사 사례비 (speaker) for session seoul-social-conference/1 would take the total past the largest amount the planner holds; it is not paid"])
    }
}
