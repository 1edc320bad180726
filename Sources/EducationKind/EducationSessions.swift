import PlannerCore

/// Staff education: a number of sessions, each taught by a lecturer paid by grade and hours from the
/// rate table, usually with a manuscript (lecture notes) paid per session, plus materials and
/// operations as a lump sum and, if one is rented, a venue.
///
/// Reproduces the 2017 page's `직원 소셜미디어 전문가 교육`:
///
/// ```
/// - 강사료 500,000원*12회 = 6,000천원             (grade1, 2 hours: 300,000원 + 200,000원 × 1)
/// - 원고료 300,000원*12회 = 3,600천원             (lecturer.manuscript, one per session)
/// - 교재제작 등 운영비 10,400,000원 = 10,400천원   (materials, a lump sum)
/// ```
///
/// The fee for one session is `lecturer.<grade>.firstHour + lecturer.<grade>.extraHour × (hours − 1)`,
/// in won, looked up for the plan's first day. Sessions paid the same fee share one 강사료 line; when
/// sessions differ (a special lecturer for the opening), each fee gets its own line, in the order
/// the fees first appear.
public enum EducationSessions {
    /// 원고료, per manuscript.
    public static let manuscriptRate: RateKey = "lecturer.manuscript"
    /// 교육장 임차료, per room per day, VAT included.
    public static let roomRate: RateKey = "education.roomDay"
    /// The longest session a fee is computed for, in hours.
    public static let maximumHours: Int64 = 24
    /// How messages name the sessions.
    public static let words = SessionWords("session", "sessions", key: "sessions", event: "the course")

    /// 강사료 for the first hour of a lecture by a lecturer of `grade` (`special`, `grade1`, `grade2`).
    public static func firstHourRate(_ grade: String) -> RateKey { RateKey("lecturer.\(grade).firstHour") }
    /// 강사료 for each hour after the first.
    public static func extraHourRate(_ grade: String) -> RateKey { RateKey("lecturer.\(grade).extraHour") }

    /// The grades a rate table defines: every `<grade>` with a `lecturer.<grade>.firstHour` rate.
    public static func grades(in table: RateTable) -> [String] {
        table.keys.compactMap { key -> String? in
            let parts = key.name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "lecturer", parts[2] == "firstHour", !parts[1].isEmpty else { return nil }
            return String(parts[1])
        }
    }

    /// How a lecturer is paid for one session: by grade and hours at the standard rates, or at a fee the
    /// plan writes itself (then grade and hours, when given, only show how far it departs).
    public struct Lecturer: Sendable {
        /// A grade of the rate table, e.g. `grade1` (1급 강사).
        public var grade: Located<String>?
        /// Whole hours per session, 1 to 24.
        public var hours: Located<Int64>?
        /// The fee per session written in the plan, in won.
        public var fee: RateResolver.Written?

        public init(grade: Located<String>? = nil, hours: Located<Int64>? = nil, fee: RateResolver.Written? = nil) {
            self.grade = grade
            self.hours = hours
            self.fee = fee
        }

    }

    /// One session written out in a list. Its own lecturer terms replace the event's; a session that
    /// writes its own grade or hours is paid at the standard rate unless it writes its own fee too.
    public struct Session: Sendable {
        public var date: CalendarDate?
        public var topic: String?
        /// Target headcount (교육 인원); the event's headcount when nil.
        public var headcount: Int64?
        public var lecturer: Lecturer
        /// Whether a manuscript (원고료) is paid for this session.
        public var paysManuscript: Bool
        /// Where the session is written, and its path (`…lines[0].sessions[3]`), for messages.
        public var location: SourceLocation?
        public var path: String

        public init(date: CalendarDate? = nil, topic: String? = nil, headcount: Int64? = nil, lecturer: Lecturer = Lecturer(),
                    paysManuscript: Bool = true, location: SourceLocation? = nil, path: String = "") {
            self.date = date
            self.topic = topic
            self.headcount = headcount
            self.lecturer = lecturer
            self.paysManuscript = paysManuscript
            self.location = location
            self.path = path
        }
    }

    /// The sessions: a count (with one date per session, optionally), or a list written out.
    public enum Schedule: Sendable {
        case count(Located<Int64>, dates: Located<[CalendarDate]>? = nil)
        case list(Located<[Session]>)
    }

    /// A rented room: rooms × days × the rate per room per day.
    public struct Venue: Sendable {
        public var rooms: Located<Int64>?
        /// Days rented; one per session when nil.
        public var days: Located<Int64>?
        /// The plan's rate per room per day; the standard `education.roomDay` when nil.
        public var rate: RateResolver.Written?
        public var location: SourceLocation?

        public init(rooms: Located<Int64>? = nil, days: Located<Int64>? = nil, rate: RateResolver.Written? = nil, location: SourceLocation? = nil) {
            self.rooms = rooms
            self.days = days
            self.rate = rate
            self.location = location
        }
    }

    /// Line names, defaulting to the wording of the 2017 page (the venue's to common usage).
    public struct Names: Sendable, Equatable {
        public var lecturer = "강사료"
        public var manuscript = "원고료"
        public var venue = "교육장 임차료"
        public var materials = "교재제작 등 운영비"
        public init() {}
    }

    public struct Input: Sendable {
        public var schedule: Schedule
        /// Target headcount per session, for attendance tracking; not priced.
        public var headcount: Located<Int64>?
        /// The lecturer terms of every session that does not write its own.
        public var lecturer: Lecturer
        /// Manuscripts paid for; one per session (that pays one) when nil.
        public var manuscripts: Located<Int64>?
        /// The plan's own manuscript fee, if it departs from `lecturer.manuscript`.
        public var manuscriptFee: RateResolver.Written?
        public var venue: Venue?
        /// 교재제작 등 운영비, a lump sum in won, VAT included.
        public var materials: Located<Won>?
        public var names = Names()
        /// The unit word of the session factor: `12회`.
        public var unit = "회"

        public init(schedule: Schedule, headcount: Located<Int64>? = nil, lecturer: Lecturer = Lecturer(),
                    manuscripts: Located<Int64>? = nil, manuscriptFee: RateResolver.Written? = nil,
                    venue: Venue? = nil, materials: Located<Won>? = nil) {
            self.schedule = schedule
            self.headcount = headcount
            self.lecturer = lecturer
            self.manuscripts = manuscripts
            self.manuscriptFee = manuscriptFee
            self.venue = venue
            self.materials = materials
        }
    }

    /// A run of sessions with the same terms: the whole count, or one session of a list.
    struct Group {
        var count: Int64
        var terms: Terms
        var paysManuscript: Bool
    }

    /// The lecturer terms a session is paid by, each with the path where it is written (the event's
    /// or the session's own), so that a message points at the value to change.
    struct Terms {
        var lecturer: Lecturer
        var gradePath: String
        var hoursPath: String
        var feePath: String

        init(_ lecturer: Lecturer, path: String) {
            self.lecturer = lecturer
            gradePath = path + ".grade"
            hoursPath = path + ".hours"
            feePath = path + ".lecturerFee"
        }
    }

    /// The event's lines (강사료, 원고료, venue, materials, in that order) and sessions.
    /// `at`/`path` place the event in its plan file.
    ///
    /// Validated: at least one session; hours a whole number from 1 to 24; a grade the rate table has;
    /// dates, when written beside a count, one per session; rooms and days of a venue at least one;
    /// every rate in force on the plan's first day unless the plan writes the amount.
    public static func expand(_ input: Input, origin: EventOrigin, rates: RateResolver, at location: SourceLocation?, path: String) -> EventExpansion {
        var diagnostics: [Diagnostic] = []
        let groups: [Group]
        let sessionCount: Int64
        switch input.schedule {
        case .count(let count, let dates):
            sessionCount = count.value
            groups = count.value > 0 ? [Group(count: count.value, terms: Terms(input.lecturer, path: path), paysManuscript: true)] : []
            diagnostics += KindSupport.checkSchedule(count: count, dates: dates, words: words, at: location, path: path)
        case .list(let list):
            sessionCount = Int64(list.value.count)
            groups = list.value.map { session in
                Group(count: 1, terms: inherited(session, from: input.lecturer, eventPath: path), paysManuscript: session.paysManuscript)
            }
            // Written out, each session carries its own date (or none): only the count is checked.
            diagnostics += KindSupport.checkSchedule(count: Located(sessionCount, at: list.location), dates: Located<[CalendarDate]>?.none,
                                                     words: words, at: location, path: path)
        }

        // 강사료: one fee per group, then one line per distinct fee.
        var fees: [Won?] = []
        var resolved: [String: Won?] = [:]
        var reportedMissing: Set<String> = []
        for group in groups {
            fees.append(fee(for: group.terms, rates: rates, eventLocation: location, path: path,
                            resolved: &resolved, reportedMissing: &reportedMissing, diagnostics: &diagnostics))
        }

        // 원고료: one per session that pays one, unless the plan gives a count.
        let manuscriptSessions = groups.filter(\.paysManuscript).reduce(Int64(0)) { $0 + $1.count }
        let manuscripts = input.manuscripts?.value ?? manuscriptSessions
        var manuscriptFee: Won?
        if manuscripts > 0 && sessionCount > 0 {
            manuscriptFee = rates.resolve(manuscriptRate, written: input.manuscriptFee, what: "the manuscript fee (\(input.names.manuscript))",
                                          at: input.manuscriptFee?.location ?? input.manuscripts?.location ?? location,
                                          path: path + ".manuscriptFee", diagnostics: &diagnostics)
        }

        // Venue: rooms × days × the rate per room per day.
        var venue: (rate: Won, rooms: Int64, days: Int64)?
        if let written = input.venue {
            let rooms = written.rooms?.value ?? 1, days = written.days?.value ?? sessionCount
            if rooms == 0 {
                diagnostics.append(.error(at: written.rooms?.location, path: path + ".venue.rooms",
                    "expected at least one room for the venue, got 0", hint: "drop venue: if no room is rented"))
            }
            if days == 0, written.days != nil {
                diagnostics.append(.error(at: written.days?.location, path: path + ".venue.days",
                    "expected at least one day for the venue, got 0", hint: "drop venue: if no room is rented"))
            }
            let rate = rates.resolve(roomRate, written: written.rate, what: "the venue's rate per room per day (\(input.names.venue))",
                                     at: written.rate?.location ?? written.location, path: path + ".venue.rate", diagnostics: &diagnostics)
            if let rate { venue = (rate, rooms, days) }
        }

        diagnostics = unique(diagnostics)
        guard !diagnostics.hasErrors else { return EventExpansion(diagnostics: diagnostics) }

        var lines: [CostLine] = []
        var lecturerLines: [(fee: Won, sessions: Int64)] = []
        for (group, fee) in zip(groups, fees) {
            guard let fee else { continue }
            if let index = lecturerLines.firstIndex(where: { $0.fee == fee }) {
                lecturerLines[index].sessions += group.count
            } else {
                lecturerLines.append((fee, group.count))
            }
        }
        for entry in lecturerLines {
            lines.append(KindSupport.line(input.names.lecturer, unitPrice: entry.fee, factors: [KindSupport.factor(entry.sessions, input.unit)],
                                          payee: .person(.lecturer), origin: origin, at: location, path: path))
        }
        if let manuscriptFee {
            lines.append(KindSupport.line(input.names.manuscript, unitPrice: manuscriptFee, factors: [KindSupport.factor(manuscripts, input.unit)],
                                          payee: .person(.manuscript), origin: origin, at: location, path: path))
        }
        if let venue {
            lines.append(KindSupport.line(input.names.venue, unitPrice: venue.rate,
                                          factors: [KindSupport.factor(venue.rooms, "실"), KindSupport.factor(venue.days, "일")],
                                          payee: .vendor, origin: origin, at: location, path: path))
        }
        if let materials = input.materials {
            lines.append(KindSupport.line(input.names.materials, unitPrice: materials.value, factors: [],
                                          payee: .vendor, origin: origin, at: location, path: path))
        }
        // Each session's own lecturer fee, in session order (a group stands for its count of sessions).
        let sessionFees = zip(groups, fees).flatMap { group, fee in Array(repeating: fee, count: Int(min(group.count, 10_000))) }
        var sessions = plannedSessions(input, groups: groups, manuscripts: manuscriptFee == nil ? 0 : manuscripts, origin: origin)
        for index in sessions.indices {
            if index < sessionFees.count, let fee = sessionFees[index] { sessions[index].fees[.lecturer] = fee }
            if let manuscriptFee, sessions[index].payableRoles.contains(.manuscript) { sessions[index].fees[.manuscript] = manuscriptFee }
        }
        return EventExpansion(lines: lines, sessions: sessions, diagnostics: diagnostics)
    }

    /// A session's terms over the event's: a session that writes a grade or hours of its own is paid
    /// by them, so it does not take the event's written fee.
    static func inherited(_ session: Session, from event: Lecturer, eventPath: String) -> Terms {
        let own = session.lecturer
        var terms = Terms(event, path: eventPath)
        let ownTerms = own.grade != nil || own.hours != nil
        if let grade = own.grade {
            terms.lecturer.grade = grade
            terms.gradePath = session.path + ".grade"
        }
        if let hours = own.hours {
            terms.lecturer.hours = hours
            terms.hoursPath = session.path + ".hours"
        }
        if let fee = own.fee {
            terms.lecturer.fee = fee
            terms.feePath = session.path + ".lecturerFee"
        } else if ownTerms {
            terms.lecturer.fee = nil
        }
        return terms
    }

    /// The fee for one session under `lecturer`, or nil after reporting why there is none.
    static func fee(for terms: Terms, rates: RateResolver, eventLocation: SourceLocation?, path: String,
                    resolved: inout [String: Won?], reportedMissing: inout Set<String>, diagnostics: inout [Diagnostic]) -> Won? {
        let lecturer = terms.lecturer
        var valid = true
        if let hours = lecturer.hours, !(1...maximumHours).contains(hours.value) {
            diagnostics.append(.error(at: hours.location, path: terms.hoursPath,
                "expected the hours per session as a whole number from 1 to \(maximumHours), got \(hours.value)",
                hint: "the fee is paid by whole hours: the first hour, then each further hour"))
            valid = false
        }
        if let grade = lecturer.grade, let table = rates.table {
            let grades = grades(in: table)
            if !grades.contains(grade.value) {
                let suggestion = Suggestion.closest(to: grade.value, among: grades).map { "did you mean \"\($0)\"? " } ?? ""
                diagnostics.append(.error(at: grade.location, path: terms.gradePath,
                    "expected a lecturer grade of the rate table (\(grades.isEmpty ? "none defined" : grades.joined(separator: ", "))), got \(Redaction.quoted(grade.value))",
                    hint: "\(suggestion)the grades are the <grade> of lecturer.<grade>.firstHour in \(table.file)"))
                valid = false
            }
        }
        guard valid else { return nil }

        if let written = lecturer.fee {
            if let grade = lecturer.grade?.value, let hours = lecturer.hours?.value,
               let first = rates.standard(firstHourRate(grade)),
               let extra = hours > 1 ? rates.standard(extraHourRate(grade)) : first,
               let standard = standardFee(first: first.amount, extra: extra.amount, hours: hours), standard != written.amount {
                let what = "the lecturer fee (강사료) for \(hoursText(hours)) of a \(grade) lecture"
                let basis = first.basis.map { " (\($0))" } ?? ""
                if let reason = written.reason {
                    diagnostics.append(Diagnostic(.note, at: written.location, path: terms.feePath,
                        "\(what) is \(MoneyFormat.won(written.amount)) instead of the standard \(MoneyFormat.won(standard))\(basis): \(reason)"))
                } else {
                    diagnostics.append(.warning(at: written.location, path: terms.feePath,
                        "\(what) is \(MoneyFormat.won(written.amount)), not the standard \(MoneyFormat.won(standard))\(basis) in force on \(rates.date)",
                        hint: "write the reason beside it (reason: …), or drop the amount to use the standard rates \(firstHourRate(grade)) and \(extraHourRate(grade))"))
                }
            }
            return written.amount
        }

        guard let grade = lecturer.grade else {
            if reportedMissing.insert("grade").inserted {
                diagnostics.append(.error(at: eventLocation, path: path, "missing \"grade\" (the lecturer grade in the rate table, e.g. grade1)",
                                          hint: "or write the fee per session yourself: lecturerFee: 500,000원"))
            }
            return nil
        }
        guard let hours = lecturer.hours else {
            if reportedMissing.insert("hours").inserted {
                diagnostics.append(.error(at: eventLocation, path: path, "missing \"hours\" (the hours per session, e.g. 2)",
                                          hint: "or write the fee per session yourself: lecturerFee: 500,000원"))
            }
            return nil
        }
        let key = "\(grade.value)/\(hours.value)"
        if let known = resolved[key] { return known }
        let first = rates.resolve(firstHourRate(grade.value), written: nil, what: "the first hour of a \(grade.value) lecture (강사료)",
                                  at: grade.location, path: terms.gradePath, diagnostics: &diagnostics)
        var extra: Won? = .zero
        if hours.value > 1 {
            extra = rates.resolve(extraHourRate(grade.value), written: nil, what: "each further hour of a \(grade.value) lecture (강사료)",
                                  at: grade.location, path: terms.gradePath, diagnostics: &diagnostics)
        }
        var fee: Won?
        if let first, let extra {
            fee = standardFee(first: first, extra: extra, hours: hours.value)
            if fee == nil {
                diagnostics.append(.error(at: hours.location, path: terms.hoursPath,
                    "the lecturer fee for \(hoursText(hours.value)) of a \(grade.value) lecture is too large to compute",
                    hint: "check lecturer.\(grade.value).firstHour and lecturer.\(grade.value).extraHour in \(rates.table?.file ?? "the rate table")"))
            }
        }
        resolved[key] = .some(fee)
        return fee
    }

    /// `first + extra × (hours − 1)`, or nil on overflow.
    static func standardFee(first: Won, extra: Won, hours: Int64) -> Won? {
        extra.multiplied(by: hours - 1).flatMap { first.adding($0) }
    }

    static func hoursText(_ hours: Int64) -> String { hours == 1 ? "1 hour" : "\(hours) hours" }

    /// The planned sessions: numbered from 1, with date, topic and headcount; the first `manuscripts`
    /// sessions that pay a manuscript carry the manuscript role.
    static func plannedSessions(_ input: Input, groups: [Group], manuscripts: Int64, origin: EventOrigin) -> [PlannedSession] {
        var sessions: [PlannedSession] = []
        var manuscriptsLeft = manuscripts
        let headcount = input.headcount.map { Int(clamping: $0.value) }
        func roles(_ paysManuscript: Bool) -> [PayableRole] {
            guard paysManuscript, manuscriptsLeft > 0 else { return [.lecturer] }
            manuscriptsLeft -= 1
            return [.lecturer, .manuscript]
        }
        switch input.schedule {
        case .count(let count, let dates):
            let dates = dates?.value ?? []
            guard count.value > 0 else { return [] }
            for number in 1...Int(min(count.value, 10_000)) {
                sessions.append(PlannedSession(event: origin, number: number, date: number <= dates.count ? dates[number - 1] : nil,
                                               headcount: headcount, payableRoles: roles(true)))
            }
        case .list(let list):
            for (offset, session) in list.value.prefix(10_000).enumerated() {
                sessions.append(PlannedSession(event: origin, number: offset + 1, title: session.topic, date: session.date,
                                               headcount: session.headcount.map { Int(clamping: $0) } ?? headcount,
                                               payableRoles: roles(session.paysManuscript)))
            }
        }
        return sessions
    }

    /// The diagnostics without repeats (a grade shared by many sessions is reported once).
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
