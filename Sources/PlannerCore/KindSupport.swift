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
