import Testing
@testable import PlannerCore

/// The planned side of the monthly execution: the schedule's amounts spread over their months so that
/// every month's cumulative plan is the amount's share to date, rounded to whole 천원 (won for an amount
/// that is not a whole number of 천원), and the last month holds the whole amount.
@Suite("Monthly plan")
struct ExecutionMonthsTests {
    /// A plan of one item of `budget` with `schedule`, as of the year's end, with nothing spent.
    static func plannedCumulative(budget: Won, schedule: [ScheduleRow]) throws -> [Int64] {
        let item = BudgetItem(name: "사업추진", ownAmount: budget)
        let plan = Plan(program: ProgramInfo(name: "x", year: 2017), categories: [BudgetCategory(name: "사무관리비", items: [item])],
                        schedule: schedule)
        let page = try #require(BudgetPage.build(plan).page)
        let status = try ExecutionStatus.compute(page, spending: [], honoraria: [], asOf: try #require(CalendarDate(year: 2017, month: 12, day: 31)))
        #expect(status.months.map(\.month) == Array(1...12))
        return status.months.map(\.plannedCumulative.value)
    }

    @Test("234,400천원 over the year: every month a whole 천원, the third month 58,600천원 (not 58,599,999원)")
    func wholeYearInThousands() throws {
        let months = try Self.plannedCumulative(budget: kw(234_400), schedule: [
            ScheduleRow(step: "사업추진", period: "2017.01~2017.12", amount: kw(234_400)),
        ])
        #expect(months == [19_533, 39_067, 58_600, 78_133, 97_667, 117_200, 136_733, 156_267, 175_800, 195_333, 214_867, 234_400].map { $0 * 1_000 })
    }

    @Test("several rows, one without an amount, and a row of one month: each row spread on its own, in 천원")
    func severalRows() throws {
        let months = try Self.plannedCumulative(budget: kw(427_660), schedule: [
            ScheduleRow(step: "기본계획 수립", period: "2017.01~2017.02"),
            ScheduleRow(step: "사업시행 및 예산집행", period: "2017.03~2017.09", amount: kw(424_960)),
            ScheduleRow(step: "업무추진 간담회", period: "2017.12", amount: kw(2_700)),
        ])
        // 424,960천원 over seven months: 60,709 / 121,417 / 182,126 / 242,834 / 303,543 / 364,251 / 424,960.
        #expect(months == [0, 0, 60_709, 121_417, 182_126, 242_834, 303_543, 364_251, 424_960, 424_960, 424_960, 427_660].map { $0 * 1_000 })
    }

    @Test("an amount that is not a whole number of 천원 is spread in won, ending on the exact amount")
    func amountInWon() throws {
        let months = try Self.plannedCumulative(budget: Won(1_000_001), schedule: [
            ScheduleRow(step: "사업추진", period: "2017.10~2017.12", amount: Won(1_000_001)),
        ])
        #expect(months == [0, 0, 0, 0, 0, 0, 0, 0, 0, 333_334, 666_667, 1_000_001])
    }

    @Test("without a schedule amount the budget is spread over the year the same way")
    func noSchedule() throws {
        let months = try Self.plannedCumulative(budget: kw(100_000), schedule: [])
        #expect(months == [8_333, 16_667, 25_000, 33_333, 41_667, 50_000, 58_333, 66_667, 75_000, 83_333, 91_667, 100_000].map { $0 * 1_000 })
    }
}
