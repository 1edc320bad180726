import EducationKind
import PlannerCore
import Testing

/// The education kind's arithmetic: lines, formulas, payees, sessions, rates by date, and its messages.
@Suite("Education sessions kind")
struct EducationTests {
    typealias Kind = EducationSessions
    static let origin = EventOrigin(id: "education", name: "직원 소셜미디어 전문가 교육", kind: .education)
    static let from2016 = CalendarDate(year: 2016, month: 1, day: 1)!
    static let from2024 = CalendarDate(year: 2024, month: 1, day: 1)!
    /// The rates of Events/rates.yaml for this kind.
    static let table = RateTable(entries: [
        .init(key: "lecturer.special.firstHour", amount: Won(400_000), from: from2016, basis: "2016 기준"),
        .init(key: "lecturer.special.extraHour", amount: Won(300_000), from: from2016, basis: "2016 기준"),
        .init(key: "lecturer.grade1.firstHour", amount: Won(300_000), from: from2016, basis: "2016 기준"),
        .init(key: "lecturer.grade1.extraHour", amount: Won(200_000), from: from2016, basis: "2016 기준"),
        .init(key: "lecturer.grade2.firstHour", amount: Won(200_000), from: from2016, basis: "2016 기준"),
        .init(key: "lecturer.grade2.extraHour", amount: Won(100_000), from: from2016, basis: "2016 기준"),
        .init(key: "lecturer.manuscript", amount: Won(300_000), from: from2016, basis: "2016 기준"),
        .init(key: "education.roomDay", amount: Won(500_000), from: from2016, basis: "2016 기준"),
        .init(key: "lecturer.grade1.firstHour", amount: Won(350_000), from: from2024, basis: "2024 기준"),
        .init(key: "lecturer.grade1.extraHour", amount: Won(250_000), from: from2024, basis: "2024 기준"),
        .init(key: "lecturer.manuscript", amount: Won(350_000), from: from2024, basis: "2024 기준"),
    ], file: "rates.yaml")

    static func rates(_ year: Int, table: RateTable? = table) -> RateResolver {
        RateResolver(table: table, date: CalendarDate(year: year, month: 1, day: 1)!)
    }
    static func at(_ line: Int, _ column: Int) -> PlannerCore.SourceLocation { PlannerCore.SourceLocation(file: "plan.yaml", line: line, column: column) }
    static let here = at(20, 13)

    /// The 2017 event: 12 sessions of 2 hours by a grade1 lecturer, 10,400,000원 of materials.
    static func input(sessions: Int64 = 12, grade: String? = "grade1", hours: Int64? = 2, materials: Won? = Won(10_400_000)) -> Kind.Input {
        Kind.Input(schedule: .count(Located(sessions, at: at(22, 23))),
                   lecturer: Kind.Lecturer(grade: grade.map { Located($0, at: at(23, 20)) }, hours: hours.map { Located($0, at: at(24, 20)) }),
                   materials: materials.map { Located($0, at: at(25, 24)) })
    }

    static func expand(_ input: Kind.Input, year: Int = 2017, table: RateTable? = table) -> EventExpansion {
        Kind.expand(input, origin: origin, rates: rates(year, table: table), at: here, path: "p")
    }

    /// Each line as the page prints it, rounded half-up to 천원.
    static func page(_ expansion: EventExpansion) -> [String] {
        expansion.lines.map { line in
            let amount = line.exactAmount.map { MoneyFormat.thousandsFigure(RoundingRule.halfUp.thousands(of: $0)) + "천원" } ?? "overflow"
            return "\(line.name) \(line.formula) = \(amount)"
        }
    }

    static func total(_ expansion: EventExpansion) -> Won? { expansion.lines.compactMap(\.exactAmount).checkedSum() }

    // MARK: - Arithmetic

    @Test("reproduces the 2017 page: 강사료 500,000원*12회, 원고료 300,000원*12회, 교재제작 등 운영비 10,400,000원")
    func reference2017() {
        let expansion = Self.expand(Self.input())
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.page(expansion) == [
            "강사료 500,000원*12회 = 6,000천원",
            "원고료 300,000원*12회 = 3,600천원",
            "교재제작 등 운영비 10,400,000원 = 10,400천원",
        ])
        #expect(expansion.lines.map(\.exactAmount) == [Won(6_000_000), Won(3_600_000), Won(10_400_000)])
        #expect(expansion.lines.map(\.isLumpSum) == [false, false, true])
        #expect(expansion.lines.map(\.payee) == [.person(.lecturer), .person(.manuscript), .vendor])
        #expect(expansion.lines.allSatisfy { $0.origin == Self.origin && $0.source == Self.here && $0.path == "p" })
        #expect(Self.total(expansion) == Won(20_000_000))
        #expect(expansion.sessions.map(\.id) == (1...12).map { "education/\($0)" })
        #expect(expansion.sessions.allSatisfy { $0.payableRoles == [.lecturer, .manuscript] && $0.event == Self.origin })
    }

    @Test("eleven sessions instead of twelve changes both fee lines and the total")
    func oneInputFlowsToTheTotal() {
        let eleven = Self.expand(Self.input(sessions: 11))
        #expect(Self.page(eleven) == [
            "강사료 500,000원*11회 = 5,500천원",
            "원고료 300,000원*11회 = 3,300천원",
            "교재제작 등 운영비 10,400,000원 = 10,400천원",
        ])
        #expect(Self.total(eleven) == Won(19_200_000))
        #expect(eleven.sessions.count == 11)
    }

    @Test("three hours instead of two adds an extra hour to every session's fee")
    func hoursFlowToTheFee() {
        let expansion = Self.expand(Self.input(hours: 3))
        #expect(Self.page(expansion).first == "강사료 700,000원*12회 = 8,400천원")
        #expect(Self.total(expansion) == Won(22_400_000))
    }

    @Test("the fee per session is the first hour plus each further hour, by grade", arguments: [
        ("grade1", Int64(1), Won(300_000)), ("grade1", 2, Won(500_000)), ("special", 3, Won(1_000_000)), ("grade2", 4, Won(500_000)),
    ])
    func feeByGradeAndHours(grade: String, hours: Int64, fee: Won) {
        let expansion = Self.expand(Self.input(grade: grade, hours: hours, materials: nil))
        #expect(expansion.diagnostics.isEmpty)
        #expect(expansion.lines.first?.unitPrice == fee)
    }

    @Test("a 2017 plan takes the rates in force from 2016; a 2026 plan the ones from 2024", arguments: [
        (2017, ["강사료 500,000원*12회 = 6,000천원", "원고료 300,000원*12회 = 3,600천원"]),
        (2026, ["강사료 600,000원*12회 = 7,200천원", "원고료 350,000원*12회 = 4,200천원"]),
    ])
    func ratesByDate(year: Int, lines: [String]) {
        let expansion = Self.expand(Self.input(materials: nil), year: year)
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.page(expansion) == lines)
    }

    // MARK: - Sessions written out

    @Test("sessions written out carry date, topic and headcount; a session's own grade gets its own 강사료 line")
    func sessionList() {
        let opening = Kind.Session(date: CalendarDate(year: 2017, month: 3, day: 8), topic: "소셜미디어와 행정", headcount: 60,
                                   lecturer: Kind.Lecturer(grade: Located("special", at: Self.at(30, 20))), path: "p.sessions[0]")
        let workshop = Kind.Session(date: CalendarDate(year: 2017, month: 4, day: 12), topic: "카드뉴스 실습", paysManuscript: false, path: "p.sessions[1]")
        let closing = Kind.Session(date: CalendarDate(year: 2017, month: 5, day: 10), topic: "사례 발표", path: "p.sessions[2]")
        var input = Self.input(materials: nil)
        input.schedule = .list(Located([opening, workshop, closing], at: Self.at(22, 11)))
        input.headcount = Located(40)
        let expansion = Self.expand(input)
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.page(expansion) == [
            "강사료 700,000원*1회 = 700천원",
            "강사료 500,000원*2회 = 1,000천원",
            "원고료 300,000원*2회 = 600천원",
        ])
        #expect(expansion.sessions.map(\.title) == ["소셜미디어와 행정", "카드뉴스 실습", "사례 발표"])
        #expect(expansion.sessions.map(\.date) == [opening.date, workshop.date, closing.date])
        #expect(expansion.sessions.map(\.headcount) == [60, 40, 40])
        #expect(expansion.sessions.map(\.payableRoles) == [[.lecturer, .manuscript], [.lecturer], [.lecturer, .manuscript]])
    }

    @Test("a session with its own hours is paid at the standard rate, not at the event's written fee")
    func sessionTermsReplaceTheWrittenFee() {
        var input = Self.input(materials: nil)
        input.lecturer.fee = RateResolver.Written(amount: Won(500_000), location: Self.at(26, 24))
        input.schedule = .list(Located([
            Kind.Session(path: "p.sessions[0]"),
            Kind.Session(lecturer: Kind.Lecturer(hours: Located(1, at: Self.at(31, 20))), path: "p.sessions[1]"),
            Kind.Session(lecturer: Kind.Lecturer(fee: RateResolver.Written(amount: Won(450_000), location: Self.at(32, 20))), path: "p.sessions[2]"),
        ]))
        let expansion = Self.expand(input)
        #expect(Self.page(expansion) == [
            "강사료 500,000원*1회 = 500천원",
            "강사료 300,000원*1회 = 300천원",
            "강사료 450,000원*1회 = 450천원",
            "원고료 300,000원*3회 = 900천원",
        ])
        // The session's own fee departs from the standard for grade1, 2 hours: a warning without a reason.
        #expect(expansion.diagnostics.map(\.severity) == [.warning])
        #expect(expansion.diagnostics.first?.path == "p.sessions[2].lecturerFee")
    }

    @Test("dates date the sessions of a count, in order; fewer dates than sessions is an error at the dates")
    func datesOfACount() {
        var input = Self.input(sessions: 3, materials: nil)
        let dates = [CalendarDate(year: 2017, month: 3, day: 8)!, CalendarDate(year: 2017, month: 4, day: 12)!, CalendarDate(year: 2017, month: 5, day: 10)!]
        input.schedule = .count(Located(3), dates: Located(dates))
        #expect(Self.expand(input).sessions.map(\.date) == dates)
        input.schedule = .count(Located(3), dates: Located(Array(dates.prefix(2)), at: Self.at(23, 20)))
        let expansion = Self.expand(input)
        #expect(expansion.lines.isEmpty && expansion.sessions.isEmpty)
        #expect(expansion.diagnostics == [.error(at: Self.at(23, 20), path: "p.dates", "expected 3 dates, one per session, got 2",
                                                 hint: "give every session its date, or leave dates out until all are known")])
    }

    // MARK: - Manuscripts, venue, names

    @Test("manuscripts: 0 leaves out the 원고료 line; a count below the sessions pays the first sessions", arguments: [
        (Int64(0), [String](), 0),
        (5, ["원고료 300,000원*5회 = 1,500천원"], 5),
        (15, ["원고료 300,000원*15회 = 4,500천원"], 12),
    ])
    func manuscriptCount(count: Int64, lines: [String], sessionsWithManuscript: Int) {
        var input = Self.input(materials: nil)
        input.manuscripts = Located(count)
        let expansion = Self.expand(input)
        #expect(expansion.diagnostics.isEmpty)
        #expect(Array(Self.page(expansion).dropFirst()) == lines)
        #expect(expansion.sessions.filter { $0.payableRoles.contains(.manuscript) }.map(\.number) == Array((1...12).prefix(sessionsWithManuscript)))
    }

    @Test("a venue is rooms × days × the room rate, bought from a vendor; days default to one per session")
    func venue() {
        var input = Self.input()
        input.venue = Kind.Venue()
        #expect(Self.page(Self.expand(input)) == [
            "강사료 500,000원*12회 = 6,000천원",
            "원고료 300,000원*12회 = 3,600천원",
            "교육장 임차료 500,000원*1실*12일 = 6,000천원",
            "교재제작 등 운영비 10,400,000원 = 10,400천원",
        ])
        input.venue = Kind.Venue(rooms: Located(2), days: Located(3), rate: RateResolver.Written(amount: Won(450_000), location: nil, reason: "견적"))
        let written = Self.expand(input)
        #expect(Self.page(written)[2] == "교육장 임차료 450,000원*2실*3일 = 2,700천원")
        #expect(written.lines[2].payee == .vendor)
        #expect(written.diagnostics.map(\.severity) == [.note])
    }

    @Test("line names and the unit word can follow another page's wording")
    func namesAndUnit() {
        var input = Self.input()
        input.names.lecturer = "외부강사 수당"
        input.names.materials = "교육 운영비"
        input.unit = "강"
        #expect(Self.page(Self.expand(input)) == [
            "외부강사 수당 500,000원*12강 = 6,000천원",
            "원고료 300,000원*12강 = 3,600천원",
            "교육 운영비 10,400,000원 = 10,400천원",
        ])
    }

    @Test("without a rate table, written amounts are enough")
    func writtenAmountsWithoutATable() {
        var input = Self.input(grade: nil, hours: nil)
        input.lecturer.fee = RateResolver.Written(amount: Won(500_000), location: nil)
        input.manuscriptFee = RateResolver.Written(amount: Won(300_000), location: nil)
        let expansion = Self.expand(input, table: nil)
        #expect(expansion.diagnostics.isEmpty)
        #expect(Self.total(expansion) == Won(20_000_000))
    }

    // MARK: - Departures from the standard rates

    @Test("a written lecturer fee that departs is a note with its reason, a warning without one; an equal one says nothing")
    func lecturerFeeDepartures() {
        var input = Self.input(materials: nil)
        let at = Self.at(26, 24)
        input.lecturer.fee = RateResolver.Written(amount: Won(600_000), location: at, reason: "명사 특강")
        let noted = Self.expand(input)
        #expect(noted.diagnostics == [Diagnostic(.note, at: at, path: "p.lecturerFee",
            "the lecturer fee (강사료) for 2 hours of a grade1 lecture is 600,000원 instead of the standard 500,000원 (2016 기준): 명사 특강")])
        #expect(Self.page(noted).first == "강사료 600,000원*12회 = 7,200천원")
        input.lecturer.fee?.reason = nil
        let warned = Self.expand(input)
        #expect(warned.diagnostics == [.warning(at: at, path: "p.lecturerFee",
            "the lecturer fee (강사료) for 2 hours of a grade1 lecture is 600,000원, not the standard 500,000원 (2016 기준) in force on 2017-01-01",
            hint: "write the reason beside it (reason: …), or drop the amount to use the standard rates lecturer.grade1.firstHour and lecturer.grade1.extraHour")])
        input.lecturer.fee?.amount = Won(500_000)
        #expect(Self.expand(input).diagnostics.isEmpty)
    }

    @Test("a written manuscript fee that departs is a note with its reason, a warning without one")
    func manuscriptFeeDepartures() {
        var input = Self.input(materials: nil)
        let at = Self.at(27, 26)
        input.manuscriptFee = RateResolver.Written(amount: Won(250_000), location: at, reason: "A4 5매 기준")
        #expect(Self.expand(input).diagnostics == [Diagnostic(.note, at: at, path: "p.manuscriptFee",
            "the manuscript fee (원고료) is 250,000원 instead of the standard 300,000원 (2016 기준): A4 5매 기준")])
        input.manuscriptFee?.reason = nil
        #expect(Self.expand(input).diagnostics == [.warning(at: at, path: "p.manuscriptFee",
            "the manuscript fee (원고료) is 250,000원, not the standard 300,000원 (2016 기준) in force on 2017-01-01",
            hint: "write the reason beside it (reason: …), or drop the amount to use the standard rate lecturer.manuscript")])
    }

    // MARK: - Bad input

    @Test("zero sessions with a lecturer fee is an error at the count")
    func zeroSessions() {
        let expansion = Self.expand(Self.input(sessions: 0))
        #expect(expansion.lines.isEmpty && expansion.sessions.isEmpty)
        #expect(expansion.diagnostics == [.error(at: Self.at(22, 23), path: "p.sessions",
            "expected at least one session, got 0",
            hint: "drop the course from the plan if there are no sessions this year")])
    }

    @Test("hours outside 1…24 are an error at the hours", arguments: [Int64(0), 25])
    func hoursOutOfRange(hours: Int64) {
        #expect(Self.expand(Self.input(hours: hours)).diagnostics == [.error(at: Self.at(24, 20), path: "p.hours",
            "expected the hours per session as a whole number from 1 to 24, got \(hours)",
            hint: "the fee is paid by whole hours: the first hour, then each further hour")])
    }

    @Test("a grade the rate table does not have suggests the closest one")
    func unknownGrade() {
        #expect(Self.expand(Self.input(grade: "grade3")).diagnostics == [.error(at: Self.at(23, 20), path: "p.grade",
            "expected a lecturer grade of the rate table (grade1, grade2, special), got \"grade3\"",
            hint: "did you mean \"grade1\"? the grades are the <grade> of lecturer.<grade>.firstHour in rates.yaml")])
        #expect(Self.expand(Self.input(grade: "professor")).diagnostics.first?.hint
                == "the grades are the <grade> of lecturer.<grade>.firstHour in rates.yaml")
    }

    @Test("more dates than sessions is an error at the dates")
    func moreDatesThanSessions() {
        var input = Self.input(sessions: 2)
        let dates = (1...3).compactMap { CalendarDate(year: 2017, month: $0 + 2, day: 8) }
        input.schedule = .count(Located(2, at: Self.at(22, 23)), dates: Located(dates, at: Self.at(23, 20)))
        #expect(Self.expand(input).diagnostics == [.error(at: Self.at(23, 20), path: "p.dates",
            "expected 2 dates, one per session, got 3", hint: "add sessions, or drop the extra dates")])
    }

    @Test("a 2012 plan finds no rates in force: every rate it needs is reported once")
    func ratesMissingForTheYear() {
        let expansion = Self.expand(Self.input(materials: nil), year: 2012)
        #expect(expansion.lines.isEmpty)
        #expect(expansion.diagnostics.map(\.message) == [
            "the first hour of a grade1 lecture (강사료) has no rate in force on 2012-01-01: lecturer.grade1.firstHour in rates.yaml starts on 2016-01-01",
            "each further hour of a grade1 lecture (강사료) has no rate in force on 2012-01-01: lecturer.grade1.extraHour in rates.yaml starts on 2016-01-01",
            "the manuscript fee (원고료) has no rate in force on 2012-01-01: lecturer.manuscript in rates.yaml starts on 2016-01-01",
        ])
    }

    @Test("no grade and no written fee: the grade is asked for once, even for many sessions")
    func missingGrade() {
        var input = Self.input(grade: nil)
        input.schedule = .list(Located([Kind.Session(path: "p.sessions[0]"), Kind.Session(path: "p.sessions[1]")]))
        #expect(Self.expand(input).diagnostics == [.error(at: Self.here, path: "p",
            "missing \"grade\" (the lecturer grade in the rate table, e.g. grade1)",
            hint: "or write the fee per session yourself: lecturerFee: 500,000원")])
        #expect(Self.expand(Self.input(hours: nil)).diagnostics == [.error(at: Self.here, path: "p",
            "missing \"hours\" (the hours per session, e.g. 2)",
            hint: "or write the fee per session yourself: lecturerFee: 500,000원")])
    }

    @Test("a fee too large to hold is an error, not a crash")
    func feeOverflow() {
        let huge = RateTable(entries: [
            .init(key: "lecturer.grade1.firstHour", amount: Won(1), from: Self.from2016),
            .init(key: "lecturer.grade1.extraHour", amount: Won(Int64.max / 2), from: Self.from2016),
            .init(key: "lecturer.manuscript", amount: Won(1), from: Self.from2016),
        ], file: "rates.yaml")
        #expect(Self.expand(Self.input(hours: 4), table: huge).diagnostics == [.error(at: Self.at(24, 20), path: "p.hours",
            "the lecturer fee for 4 hours of a grade1 lecture is too large to compute",
            hint: "check lecturer.grade1.firstHour and lecturer.grade1.extraHour in rates.yaml")])
    }

    @Test("a venue of zero rooms or zero days is an error")
    func emptyVenue() {
        var input = Self.input()
        input.venue = Kind.Venue(rooms: Located(0, at: Self.at(30, 16)), days: Located(0, at: Self.at(31, 15)))
        #expect(Self.expand(input).diagnostics == [
            .error(at: Self.at(30, 16), path: "p.venue.rooms", "expected at least one room for the venue, got 0", hint: "drop venue: if no room is rented"),
            .error(at: Self.at(31, 15), path: "p.venue.days", "expected at least one day for the venue, got 0", hint: "drop venue: if no room is rented"),
        ])
    }
}
