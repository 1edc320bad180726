/// Small helpers every kind uses to build its lines; kinds share these instead of each other.
public enum KindSupport {
    /// A count factor with its unit word: `factor(15, "인")` → `15인`.
    public static func factor(_ count: Int64, _ unit: String, rate: String? = nil) -> Factor {
        Factor(count: max(0, count), unit: unit, rate: rate)
    }

    /// A line produced by a kind, placed at the event's location with a path under it.
    public static func line(_ name: String, unitPrice: Won, factors: [Factor], payee: Payee, origin: EventOrigin,
                            at source: SourceLocation?, path: String) -> CostLine {
        var line = CostLine(name: name, unitPrice: unitPrice, factors: factors, isLumpSum: factors.isEmpty, source: source, path: path)
        line.payee = payee
        line.origin = origin
        return line
    }

    /// Planned sessions 1…count, dated where dates are given (in order).
    public static func sessions(_ origin: EventOrigin, count: Int64, dates: [CalendarDate], titles: [String] = [],
                                headcount: Int?, roles: [PayableRole], fees: [PayableRole: Won] = [:]) -> [PlannedSession] {
        guard count > 0 else { return [] }
        return (1...Int(min(count, 10_000))).map { number in
            PlannedSession(event: origin, number: number, title: number <= titles.count ? titles[number - 1] : nil,
                           date: number <= dates.count ? dates[number - 1] : nil, headcount: headcount, payableRoles: roles, fees: fees)
        }
    }
}

/// What a kind calls its sessions, so that every kind words the checks of `KindSupport.checkSchedule` alike.
public struct SessionWords: Sendable {
    /// One session: `meeting`, `session`, `tour`, `conference day`.
    public let singular: String
    /// `meetings`, `sessions`, `tours`, `conference days`.
    public let plural: String
    /// The input key that holds the number of sessions: `meetings`, `sessions`, `tours`, `days`.
    public let key: String
    /// The event as hints name it: `the committee`.
    public let event: String

    public init(_ singular: String, _ plural: String, key: String, event: String) {
        self.singular = singular
        self.plural = plural
        self.key = key
        self.event = event
    }
}

extension KindSupport {
    /// The checks every kind makes of its sessions and their dates, in one place so that every kind
    /// judges and words them alike: at least one session; and when `dates` are written, exactly one
    /// per session (a 3-day conference with 2 dates is as wrong as 6 meetings with 7 dates). `dates`
    /// may hold anything dated (a date, a tour with its date); only their number is checked here.
    /// Problems are placed at the count (or the event, when the count was not written) and at the dates.
    public static func checkSchedule<Dated: Sendable>(count: Located<Int64>, dates: Located<[Dated]>?, words: SessionWords,
                                                      at eventLocation: SourceLocation?, path: String) -> [Diagnostic] {
        guard count.value > 0 else {
            return [.error(at: count.location ?? eventLocation, path: path + "." + words.key, "expected at least one \(words.singular), got 0",
                           hint: "drop \(words.event) from the plan if there are no \(words.plural) this year")]
        }
        guard let dates, Int64(dates.value.count) != count.value else { return [] }
        let expected = count.value, got = dates.value.count
        return [.error(at: dates.location ?? eventLocation, path: path + ".dates",
                       "expected \(expected) date\(expected == 1 ? "" : "s"), one per \(words.singular), got \(got)",
                       hint: Int64(got) > expected ? "add \(words.plural), or drop the extra dates"
                                                  : "give every \(words.singular) its date, or leave dates out until all are known")]
    }

    /// The check every kind makes of each session date it is given: a plan is of one budget year, and
    /// its sessions are held, recorded and paid in it, so a date outside the year — and outside the
    /// plan's `period:` when it runs across the year's end — is an error placed at the date.
    public static func checkDateInYear(_ date: Located<CalendarDate>, year: Int, period: PlanPeriod?, words: SessionWords,
                                       path: String) -> Diagnostic? {
        guard date.value.year != year, !(period.map { $0.start <= date.value && date.value <= $0.end } ?? false) else { return nil }
        let within = period.map { "the plan's year \(year) or its period \($0.start) ~ \($0.end)" } ?? "the plan's year \(year)"
        return .error(at: date.location, path: path, "expected a \(words.singular) date in \(within), got \(date.value)",
                      hint: "a \(words.singular) of \(date.value.year) belongs in the plan of \(date.value.year)")
    }

    /// A number of people every session needs (a committee's members, a tour's influencers): at least
    /// one. `what` names one of them: `member`, `influencer per tour`.
    public static func checkAtLeastOne(_ value: Located<Int64>, _ what: String, key: String, at eventLocation: SourceLocation?, path: String) -> Diagnostic? {
        guard value.value == 0 else { return nil }
        return .error(at: value.location ?? eventLocation, path: path + "." + key, "expected at least one \(what), got 0")
    }
}
