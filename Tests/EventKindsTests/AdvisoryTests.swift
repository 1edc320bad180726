import AdvisoryKind
import PlannerCore
import Testing

@Suite("Advisory committee kind")
struct AdvisoryTests {
    static let origin = EventOrigin(id: "committee", name: "소셜특별시 자문위원회", kind: .advisory)
    static let table = RateTable(entries: [
        .init(key: "committee.allowance", amount: Won(150_000), from: CalendarDate(year: 2016, month: 1, day: 1)!, basis: "2016 기준"),
        .init(key: "committee.operating", amount: Won(10_000), from: CalendarDate(year: 2016, month: 1, day: 1)!),
        .init(key: "committee.review", amount: Won(100_000), from: CalendarDate(year: 2016, month: 1, day: 1)!),
        .init(key: "committee.allowance", amount: Won(200_000), from: CalendarDate(year: 2024, month: 1, day: 1)!, basis: "2024 기준"),
    ], file: "rates.yaml")
    static func rates(_ year: Int, table: RateTable? = table) -> RateResolver {
        RateResolver(table: table, date: CalendarDate(year: year, month: 1, day: 1)!)
    }
    static let here = SourceLocation(file: "plan.yaml", line: 20, column: 13)

    static func input(members: Int64 = 15, meetings: Int64 = 6, operating: OptionalRate = .standard(nil)) -> AdvisoryCommittee.Input {
        AdvisoryCommittee.Input(members: Located(members, at: SourceLocation(file: "plan.yaml", line: 23, column: 22)),
                                meetings: Located(meetings, at: SourceLocation(file: "plan.yaml", line: 24, column: 23)),
                                operatingCost: operating)
    }

    static func formulas(_ expansion: EventExpansion) -> [String] {
        expansion.lines.map { "\($0.name) \($0.formula) = \($0.exactAmount.map(MoneyFormat.won) ?? "overflow")" }
    }

    @Test("reproduces the 2017 page: 150,000원*15인*6회 and 10,000원*15명*6회")
    func reference2017() {
        let expansion = AdvisoryCommittee.expand(Self.input(), origin: Self.origin, rates: Self.rates(2017), at: Self.here, path: "p")
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.formulas(expansion) == [
            "자문회의 참석수당 150,000원*15인*6회 = 13,500,000원",
            "자문회의 운영경비 10,000원*15명*6회 = 900,000원",
        ])
        #expect(expansion.lines.map(\.payee) == [.person(.allowance), .vendor])
        #expect(expansion.lines.allSatisfy { $0.origin == Self.origin && $0.source == Self.here })
        #expect(expansion.sessions.map(\.id) == (1...6).map { "committee/\($0)" })
        #expect(expansion.sessions.allSatisfy { $0.headcount == 15 && $0.payableRoles == [.allowance] })
    }

    @Test("five meetings instead of six changes every line and the total")
    func oneInputFlowsToTheTotal() throws {
        let six = AdvisoryCommittee.expand(Self.input(meetings: 6), origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        let five = AdvisoryCommittee.expand(Self.input(meetings: 5), origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        #expect(Self.formulas(five) == [
            "자문회의 참석수당 150,000원*15인*5회 = 11,250,000원",
            "자문회의 운영경비 10,000원*15명*5회 = 750,000원",
        ])
        let total = { (e: EventExpansion) in e.lines.compactMap(\.exactAmount).checkedSum() }
        #expect(total(six) == Won(14_400_000))
        #expect(total(five) == Won(12_000_000))
        #expect(five.sessions.count == 5)
    }

    @Test("a 2026 plan takes the rate in force from 2024; a 2017 plan the one from 2016")
    func ratesByDate() {
        let later = AdvisoryCommittee.expand(Self.input(operating: .none), origin: Self.origin, rates: Self.rates(2026), at: nil, path: "p")
        #expect(Self.formulas(later) == ["자문회의 참석수당 200,000원*15인*6회 = 18,000,000원"])
    }

    @Test("a departure from the standard rate is a note with its reason, a warning without one")
    func departures() {
        var input = Self.input(operating: .none)
        let at = SourceLocation(file: "plan.yaml", line: 25, column: 24)
        input.allowance = RateResolver.Written(amount: Won(180_000), location: at, reason: "3시간 회의")
        let noted = AdvisoryCommittee.expand(input, origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        #expect(noted.diagnostics == [Diagnostic(.note, at: at, path: "p.allowance",
            "the committee allowance (참석수당) is 180,000원 instead of the standard 150,000원 (2016 기준): 3시간 회의")])
        input.allowance?.reason = nil
        let warned = AdvisoryCommittee.expand(input, origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        #expect(warned.diagnostics == [.warning(at: at, path: "p.allowance",
            "the committee allowance (참석수당) is 180,000원, not the standard 150,000원 (2016 기준) in force on 2017-01-01",
            hint: "write the reason beside it (reason: …), or drop the amount to use the standard rate committee.allowance")])
        #expect(Self.formulas(warned) == ["자문회의 참석수당 180,000원*15인*6회 = 16,200,000원"])
    }

    @Test("written reviews pay every member per review")
    func writtenReviews() {
        var input = Self.input(members: 10, meetings: 2, operating: .none)
        input.writtenReviews = Located(3, at: nil)
        let expansion = AdvisoryCommittee.expand(input, origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        #expect(Self.formulas(expansion) == [
            "자문회의 참석수당 150,000원*10인*2회 = 3,000,000원",
            "서면심의 수당 100,000원*10인*3건 = 3,000,000원",
        ])
        #expect(expansion.lines.last?.payee == .person(.review))
    }

    @Test("inputs that make no sense are located errors, and no lines come out")
    func badInputs() {
        let zeroMeetings = AdvisoryCommittee.expand(Self.input(meetings: 0), origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        #expect(zeroMeetings.lines.isEmpty)
        #expect(zeroMeetings.diagnostics.map(\.headline) == [
            "error: plan.yaml:24:23: p.meetings: expected at least one meeting, got 0",
        ])
        let zeroMembers = AdvisoryCommittee.expand(Self.input(members: 0), origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        #expect(zeroMembers.diagnostics.map(\.headline) == ["error: plan.yaml:23:22: p.members: expected at least one member, got 0"])
        var dated = Self.input(meetings: 2)
        dated.dates = Located([CalendarDate(year: 2017, month: 3, day: 1)!, CalendarDate(year: 2017, month: 6, day: 1)!,
                               CalendarDate(year: 2017, month: 9, day: 1)!], at: SourceLocation(file: "plan.yaml", line: 26, column: 20))
        let tooManyDates = AdvisoryCommittee.expand(dated, origin: Self.origin, rates: Self.rates(2017), at: nil, path: "p")
        #expect(tooManyDates.diagnostics.map(\.headline) == ["error: plan.yaml:26:20: p.dates: expected 2 dates, one per meeting, got 3"])
    }

    @Test("a rate missing for the plan's year, or missing altogether, is an error naming the rate")
    func missingRates() {
        let early = AdvisoryCommittee.expand(Self.input(operating: .none), origin: Self.origin, rates: Self.rates(2012), at: Self.here, path: "p")
        #expect(early.diagnostics.map(\.headline) == [
            "error: plan.yaml:20:13: p.allowance: the committee allowance (참석수당) has no rate in force on 2012-01-01: committee.allowance in rates.yaml starts on 2016-01-01",
        ])
        let none = AdvisoryCommittee.expand(Self.input(operating: .none), origin: Self.origin, rates: Self.rates(2017, table: nil), at: Self.here, path: "p")
        #expect(none.diagnostics.map(\.headline) == [
            "error: plan.yaml:20:13: p.allowance: the committee allowance (참석수당) needs a rate: no rate table was found and the plan gives no amount",
        ])
    }
}
