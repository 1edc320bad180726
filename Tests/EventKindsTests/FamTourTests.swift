import FamTourKind
import PlannerCore
import Testing

/// The fam tour kind's arithmetic: lines, formulas, payees, sessions, standard rates and the
/// messages about inputs that make no sense, from validated inputs straight to the expansion.
@Suite("Fam tour kind")
struct FamTourTests {
    static let origin = EventOrigin(id: "fam-tour", name: "1인미디어 팸투어", kind: .famTour)
    static let file = "plan.yaml"

    static func at(_ line: Int, _ column: Int) -> PlannerCore.SourceLocation { PlannerCore.SourceLocation(file: file, line: line, column: column) }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        guard let date = CalendarDate(year: year, month: month, day: day) else { preconditionFailure("not a date: \(year)-\(month)-\(day)") }
        return date
    }

    /// The rates of Events/rates.yaml for fam tours: 2016 and 2024 blocks.
    static let table = RateTable(entries: [
        .init(key: FamTour.mealRate, amount: Won(30_000), from: day(2016, 1, 1), basis: "2017년 기준"),
        .init(key: FamTour.activityFeeRate, amount: Won(100_000), from: day(2016, 1, 1), basis: "2017년 기준"),
        .init(key: FamTour.mealRate, amount: Won(40_000), from: day(2024, 1, 1), basis: "2024년 기준"),
        .init(key: FamTour.activityFeeRate, amount: Won(150_000), from: day(2024, 1, 1), basis: "2024년 기준"),
    ], file: "rates.yaml")

    static func rates(_ year: Int, table: RateTable? = FamTourTests.table) -> RateResolver {
        RateResolver(table: table, date: day(year, 1, 1))
    }

    static func expand(_ input: FamTour.Input, year: Int = 2026, table: RateTable? = FamTourTests.table) -> EventExpansion {
        FamTour.expand(input, origin: origin, rates: rates(year, table: table), at: at(8, 13), path: "lines[0]")
    }

    /// `name formula = N천원` as on the page, priced by the core (half-up).
    static func page(_ lines: [CostLine]) -> [String] {
        let item = BudgetItem(name: "SNS 오피니언리더들과의 소통기반 강화", lines: lines)
        let (budget, _) = BudgetPricing.price([BudgetCategory(name: "사무관리비", items: [item])], rounding: .halfUp)
        let priced = budget?.categories.first?.items.first?.lines ?? []
        return priced.flatMap { line in
            ["\(line.line.name) \(line.line.formula) = \(MoneyFormat.grouped(line.budgeted.value / 1_000))천원"]
                + line.details.map { "  \($0.line.name) \($0.line.formula) = \(MoneyFormat.grouped($0.budgeted.value / 1_000))천원" }
        }
    }

    static func total(_ lines: [CostLine]) -> Won? {
        let item = BudgetItem(name: "팸투어", lines: lines)
        return BudgetPricing.price([BudgetCategory(name: "사무관리비", items: [item])], rounding: .halfUp).0?.total
    }

    static func written(_ amount: Int64, reason: String? = nil, at location: PlannerCore.SourceLocation? = nil) -> RateResolver.Written {
        RateResolver.Written(amount: Won(amount), location: location, reason: reason)
    }

    static func single(influencers: Int64 = 10, tours: Int64 = 12, perPerson: Int64 = 150_000) -> FamTour.Input {
        FamTour.Input(influencers: Located(influencers, at: at(9, 26)), tours: Located(tours, at: at(10, 20)),
                      perPerson: Located(Won(perPerson), at: at(11, 24)))
    }

    static func breakdown(_ parts: [FamTour.Part], influencers: Int64 = 10, tours: Int64 = 12,
                          layout: FamTour.Layout? = nil) -> FamTour.Input {
        FamTour.Input(influencers: Located(influencers, at: at(9, 26)), tours: Located(tours, at: at(10, 20)),
                      costs: Located(parts, at: at(11, 13)), layout: layout.map { Located($0, at: at(12, 21)) })
    }

    // MARK: - One amount per person (the 2017 page)

    @Test("one amount per person reproduces the 2017 page: 1인미디어 팸투어 150,000원*10명*12회 = 18,000천원")
    func reproduces2017() {
        let expansion = Self.expand(Self.single(), year: 2017)
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.page(expansion.lines) == ["1인미디어 팸투어 150,000원*10명*12회 = 18,000천원"])
        let line = expansion.lines[0]
        #expect(line.payee == .vendor)
        #expect(line.origin == Self.origin)
        #expect(line.factors == [Factor(count: 10, unit: "명"), Factor(count: 12, unit: "회")])
        #expect(line.exactAmount == Won(18_000_000))
        #expect(line.source == Self.at(8, 13))
        #expect(line.path == "lines[0]")
    }

    @Test("one amount per person needs no rate table")
    func singleWithoutRates() {
        let expansion = Self.expand(Self.single(), table: nil)
        #expect(expansion.diagnostics.isEmpty)
        #expect(expansion.lines.map(\.formula) == ["150,000원*10명*12회"])
    }

    @Test("12 tours → 11 changes the line and the total: 18,000천원 → 16,500천원")
    func fewerTours() {
        let twelve = Self.expand(Self.single(tours: 12)), eleven = Self.expand(Self.single(tours: 11))
        #expect(Self.total(twelve.lines) == Won(18_000_000))
        #expect(Self.page(eleven.lines) == ["1인미디어 팸투어 150,000원*10명*11회 = 16,500천원"])
        #expect(Self.total(eleven.lines) == Won(16_500_000))
        #expect(eleven.sessions.count == 11)
    }

    @Test("8 influencers instead of 10 flows to every line of a breakdown and to the total")
    func fewerInfluencers() {
        let parts = [FamTour.Part(.transport, amount: Self.written(50_000)), FamTour.Part(.activityFee, amount: Self.written(150_000))]
        let ten = Self.expand(Self.breakdown(parts, influencers: 10)), eight = Self.expand(Self.breakdown(parts, influencers: 8))
        #expect(Self.total(ten.lines) == Won(24_000_000))
        #expect(Self.page(eight.lines) == ["팸투어 교통비 50,000원*8명*12회 = 4,800천원", "팸투어 활동비 150,000원*8명*12회 = 14,400천원"])
        #expect(Self.total(eight.lines) == Won(19_200_000))
        #expect(eight.sessions.allSatisfy { $0.headcount == 8 })
    }

    @Test("a single amount is bought from a vendor: its tours pay no influencer role")
    func singleSessions() {
        let sessions = Self.expand(Self.single()).sessions
        #expect(sessions.count == 12)
        #expect(sessions.allSatisfy { $0.payableRoles.isEmpty && $0.headcount == 10 })
        #expect(sessions.map(\.id).prefix(2) == ["fam-tour/1", "fam-tour/2"])
    }

    // MARK: - A breakdown per person

    @Test("a breakdown gives one line per component in the plan's order, with payees and paths")
    func perComponent() {
        let parts = [
            FamTour.Part(.transport, amount: Self.written(50_000), at: Self.at(12, 15), path: "lines[0].costs.transport"),
            FamTour.Part(.meals, at: Self.at(13, 15), path: "lines[0].costs.meals"),
            FamTour.Part(.accommodation, amount: Self.written(80_000), name: "한옥 숙박", path: "lines[0].costs.accommodation"),
            FamTour.Part(.activityFee, path: "lines[0].costs.activityFee"),
            FamTour.Part(extra: "촬영 소품", amount: Self.written(10_000), path: "lines[0].costs.other[0]"),
        ]
        let expansion = Self.expand(Self.breakdown(parts))
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.page(expansion.lines) == [
            "팸투어 교통비 50,000원*10명*12회 = 6,000천원",
            "팸투어 식비 40,000원*10명*12회 = 4,800천원",
            "한옥 숙박 80,000원*10명*12회 = 9,600천원",
            "팸투어 활동비 150,000원*10명*12회 = 18,000천원",
            "촬영 소품 10,000원*10명*12회 = 1,200천원",
        ])
        #expect(expansion.lines.map(\.payee) == [.vendor, .vendor, .vendor, .person(.influencer), .vendor])
        #expect(expansion.lines.map(\.path) == ["lines[0].costs.transport", "lines[0].costs.meals", "lines[0].costs.accommodation",
                                                "lines[0].costs.activityFee", "lines[0].costs.other[0]"])
        // A component without a location of its own is placed at the event.
        #expect(expansion.lines.map(\.source) == [Self.at(12, 15), Self.at(13, 15), Self.at(8, 13), Self.at(8, 13), Self.at(8, 13)])
        #expect(Self.total(expansion.lines) == Won(39_600_000))
    }

    @Test("an activity fee makes every tour pay the influencer role")
    func activityFeeRole() {
        let expansion = Self.expand(Self.breakdown([FamTour.Part(.transport, amount: Self.written(50_000)), FamTour.Part(.activityFee)]))
        #expect(expansion.sessions.count == 12)
        #expect(expansion.sessions.allSatisfy { $0.payableRoles == [.influencer] })
    }

    @Test("without an activity fee, or with one of 0원, no influencer is paid per tour", arguments: [
        [FamTour.Part(.transport, amount: FamTourTests.written(50_000)), FamTour.Part(.meals)],
        [FamTour.Part(.transport, amount: FamTourTests.written(50_000)), FamTour.Part(.activityFee, amount: FamTourTests.written(0, reason: "무보수 참여"))],
    ])
    func noActivityFee(_ parts: [FamTour.Part]) {
        let expansion = Self.expand(Self.breakdown(parts))
        #expect(!expansion.diagnostics.hasErrors)
        #expect(expansion.sessions.allSatisfy { $0.payableRoles.isEmpty })
    }

    @Test("roll-up: one line with the components as its details, priced as their sum times 1식")
    func rollUp() {
        let parts = [FamTour.Part(.transport, amount: Self.written(50_000)), FamTour.Part(.meals), FamTour.Part(.activityFee)]
        let expansion = Self.expand(Self.breakdown(parts, layout: .rollUp), year: 2017)
        #expect(expansion.diagnostics.isEmpty)
        #expect(expansion.lines.count == 1)
        #expect(expansion.lines[0].name == "1인미디어 팸투어")
        #expect(expansion.lines[0].payee == .vendor)
        #expect(expansion.lines[0].details.map(\.payee) == [.vendor, .vendor, .person(.influencer)])
        #expect(Self.page(expansion.lines) == [
            "1인미디어 팸투어 21,600,000원*1식 = 21,600천원",
            "  팸투어 교통비 50,000원*10명*12회 = 6,000천원",
            "  팸투어 식비 30,000원*10명*12회 = 3,600천원",
            "  팸투어 활동비 100,000원*10명*12회 = 12,000천원",
        ])
        #expect(expansion.sessions.allSatisfy { $0.payableRoles == [.influencer] })
    }

    @Test("the roll-up line takes the plan's line name")
    func rollUpName() {
        var input = Self.breakdown([FamTour.Part(.transport, amount: Self.written(50_000))], layout: .rollUp)
        input.lineName = "서울 1인미디어 팸투어"
        #expect(Self.expand(input).lines.map(\.name) == ["서울 1인미디어 팸투어"])
    }

    // MARK: - Standard rates

    @Test("a 2017 plan gets the 2016 rates, a 2026 plan the 2024 rates", arguments: [
        (2017, ["팸투어 식비 30,000원*10명*12회 = 3,600천원", "팸투어 활동비 100,000원*10명*12회 = 12,000천원"]),
        (2023, ["팸투어 식비 30,000원*10명*12회 = 3,600천원", "팸투어 활동비 100,000원*10명*12회 = 12,000천원"]),
        (2026, ["팸투어 식비 40,000원*10명*12회 = 4,800천원", "팸투어 활동비 150,000원*10명*12회 = 18,000천원"]),
    ])
    func ratesByYear(_ year: Int, _ expected: [String]) {
        let expansion = Self.expand(Self.breakdown([FamTour.Part(.meals), FamTour.Part(.activityFee)]), year: year)
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.page(expansion.lines) == expected)
    }

    @Test("a written amount that departs from the standard rate, with its reason, is a note")
    func departureWithReason() {
        let part = FamTour.Part(.activityFee, amount: Self.written(200_000, reason: "구독자 10만 이상 크리에이터", at: Self.at(14, 38)),
                                path: "lines[0].costs.activityFee")
        let expansion = Self.expand(Self.breakdown([part]))
        #expect(expansion.diagnostics == [Diagnostic(.note, at: Self.at(14, 38), path: "lines[0].costs.activityFee",
            "the influencer activity fee (활동비) is 200,000원 instead of the standard 150,000원 (2024년 기준): 구독자 10만 이상 크리에이터")])
        #expect(expansion.lines.map(\.formula) == ["200,000원*10명*12회"])
    }

    @Test("a written amount that departs without a reason is a warning")
    func departureWithoutReason() {
        let part = FamTour.Part(.meals, amount: Self.written(50_000, at: Self.at(13, 22)), path: "lines[0].costs.meals")
        let expansion = Self.expand(Self.breakdown([part]))
        #expect(expansion.diagnostics == [.warning(at: Self.at(13, 22), path: "lines[0].costs.meals",
            "the fam tour meals (식비) is 50,000원, not the standard 40,000원 (2024년 기준) in force on 2026-01-01",
            hint: "write the reason beside it (reason: …), or drop the amount to use the standard rate famTour.meal")])
        #expect(expansion.lines.map(\.formula) == ["50,000원*10명*12회"])
    }

    @Test("a written amount equal to the standard rate says nothing")
    func writtenStandard() {
        let expansion = Self.expand(Self.breakdown([FamTour.Part(.meals, amount: Self.written(40_000))]))
        #expect(expansion.diagnostics.isEmpty)
    }

    // MARK: - Sessions

    @Test("one session per tour: dates and destinations where known, influencers as headcount")
    func sessions() {
        var input = Self.single(tours: 3)
        input.schedule = Located([FamTour.Tour(date: Self.day(2026, 4, 18), destination: "북촌 한옥마을"),
                                  FamTour.Tour(destination: "남산 서울타워"), FamTour.Tour()])
        let sessions = Self.expand(input).sessions
        #expect(sessions == [
            PlannedSession(event: Self.origin, number: 1, title: "북촌 한옥마을", date: Self.day(2026, 4, 18), headcount: 10, payableRoles: []),
            PlannedSession(event: Self.origin, number: 2, title: "남산 서울타워", date: nil, headcount: 10, payableRoles: []),
            PlannedSession(event: Self.origin, number: 3, title: nil, date: nil, headcount: 10, payableRoles: []),
        ])
    }

    @Test("no tours and no influencers: both are errors, as in every kind, and no zero line is planned")
    func nothingPlanned() {
        let expansion = Self.expand(Self.single(influencers: 0, tours: 0))
        #expect(expansion.diagnostics.map(\.message) == ["expected at least one tour, got 0", "expected at least one influencer per tour, got 0"])
        #expect(expansion.sessions.isEmpty)
        #expect(expansion.lines.isEmpty)
    }

    // MARK: - Inputs that make no sense

    @Test("zero tours with influencers")
    func zeroTours() {
        let expansion = Self.expand(Self.single(tours: 0))
        #expect(expansion.lines.isEmpty && expansion.sessions.isEmpty)
        #expect(expansion.diagnostics == [.error(at: Self.at(10, 20), path: "lines[0].tours",
            "expected at least one tour, got 0",
            hint: "drop the fam tour from the plan if there are no tours this year")])
    }

    @Test("zero influencers with tours")
    func zeroInfluencers() {
        let expansion = Self.expand(Self.single(influencers: 0))
        #expect(expansion.lines.isEmpty)
        #expect(expansion.diagnostics == [.error(at: Self.at(9, 26), path: "lines[0].influencers",
            "expected at least one influencer per tour, got 0")])
    }

    @Test("more tour dates than tours")
    func tooManyDates() {
        var input = Self.single(tours: 2)
        input.schedule = Located([2, 3, 4].map { FamTour.Tour(date: Self.day(2026, $0, 18)) }, at: Self.at(11, 20))
        #expect(Self.expand(input).diagnostics == [.error(at: Self.at(11, 20), path: "lines[0].dates",
            "expected 2 dates, one per tour, got 3", hint: "add tours, or drop the extra dates")])
    }

    @Test("both one amount per person and a breakdown")
    func both() {
        var input = Self.single()
        input.costs = Located([FamTour.Part(.transport, amount: Self.written(50_000))], at: Self.at(12, 13))
        #expect(Self.expand(input).diagnostics == [.error(at: Self.at(12, 13), path: "lines[0].costs",
            "expected either perPerson (one amount per person per tour) or costs (its breakdown), got both",
            hint: "keep perPerson for one line like 1인미디어 팸투어 150,000원*10명*12회, or costs for a line per component")])
    }

    @Test("neither one amount per person nor a breakdown")
    func neither() {
        let input = FamTour.Input(influencers: Located(10), tours: Located(12))
        #expect(Self.expand(input).diagnostics == [.error(at: Self.at(8, 13), path: "lines[0]",
            "expected the cost per person per tour, got neither perPerson nor costs",
            hint: "write perPerson: 150,000원, or costs: with transport, meals, activityFee, … per person")])
    }

    @Test("an empty breakdown")
    func emptyBreakdown() {
        #expect(Self.expand(Self.breakdown([])).diagnostics == [.error(at: Self.at(11, 13), path: "lines[0].costs",
            "expected at least one cost per person in costs, got none",
            hint: "the components are transport, meals, accommodation, experience, insurance, activityFee and other (named extras)")])
    }

    @Test("a roll-up layout with one amount per person")
    func layoutWithSingle() {
        var input = Self.single()
        input.layout = Located(.rollUp, at: Self.at(12, 21))
        #expect(Self.expand(input).diagnostics == [.error(at: Self.at(12, 21), path: "lines[0].layout",
            "expected layout only with costs (a breakdown), got it with perPerson",
            hint: "a single perPerson amount is already one line; drop layout")])
    }

    @Test("a component with no amount and no standard rate in the table")
    func componentWithoutRate() {
        let part = FamTour.Part(.transport, at: Self.at(12, 15), path: "lines[0].costs.transport")
        let expansion = Self.expand(Self.breakdown([part, FamTour.Part(.meals)]))
        #expect(expansion.lines.isEmpty)
        #expect(expansion.diagnostics == [.error(at: Self.at(12, 15), path: "lines[0].costs.transport",
            "the fam tour transport (교통비) has no rate: rates.yaml has no famTour.transport",
            hint: "add famTour.transport to the rate table, or write the amount in the plan")])
    }

    @Test("a component with no amount and no rate table at all")
    func componentWithoutTable() {
        let part = FamTour.Part(.meals, at: Self.at(13, 15), path: "lines[0].costs.meals")
        #expect(Self.expand(Self.breakdown([part]), table: nil).diagnostics == [.error(at: Self.at(13, 15), path: "lines[0].costs.meals",
            "the fam tour meals (식비) needs a rate: no rate table was found and the plan gives no amount",
            hint: "add Events/rates.yaml (see the README) or write the amount in the plan")])
    }

    @Test("several problems are reported together")
    func severalProblems() {
        var input = Self.breakdown([FamTour.Part(.insurance, at: Self.at(12, 15), path: "lines[0].costs.insurance")], tours: 0)
        input.perPerson = Located(Won(150_000))
        let messages = Self.expand(input).diagnostics.map(\.message)
        #expect(messages == [
            "expected at least one tour, got 0",
            "expected either perPerson (one amount per person per tour) or costs (its breakdown), got both",
        ])
    }
}
