import PlannerCore
import Yams

/// What the readers of kinds share while a plan is read: the rate table (loaded when an event first
/// needs it), the events met so far, and the problems of the file.
final class ReadContext {
    let problems: ProblemList
    private let loadRates: () -> (table: RateTable?, diagnostics: [Diagnostic])
    private var loadedRates: RateTable??
    /// The plan's first day, for looking up the rates in force.
    var date: CalendarDate?
    /// The plan's budget year, which every session date must fall in (nil when the plan lacks one), and
    /// its period (`period:`), which may run across the year's end.
    var year: Int?
    var period: PlanPeriod?
    /// The plan's `exchangeRates:` as written (`USD: 1,350원`), by currency code, for kinds that pay in
    /// foreign currency to parse and use.
    var exchangeRates: [String: Located<String>] = [:]
    private(set) var events: [PlannedEvent] = []
    /// The standard rates the events looked up.
    let lookups = RateLookups()

    init(problems: ProblemList, loadRates: @escaping () -> (table: RateTable?, diagnostics: [Diagnostic])) {
        self.problems = problems
        self.loadRates = loadRates
    }

    /// The rate resolver for this plan, loading the rate table the first time.
    func rates() -> RateResolver {
        if loadedRates == nil {
            let (table, diagnostics) = loadRates()
            problems.append(diagnostics)
            loadedRates = .some(table)
        }
        return RateResolver(table: loadedRates ?? nil, date: date ?? CalendarDate(year: 2000, month: 1, day: 1)!, lookups: lookups)
    }

    /// The rate table the events were priced with and the rates they looked up; nil when none was.
    var usedRates: UsedRates? {
        guard let table = loadedRates ?? nil else { return nil }
        let keys = lookups.keys
        return keys.isEmpty ? nil : UsedRates(table: table, keys: keys)
    }

    func register(_ event: PlannedEvent) { events.append(event) }

    func isUsed(_ id: String) -> Bool { events.contains { $0.origin.id == id } }
}

/// Reads a `kind:` entry in an item's lines and expands it through its kind. Each kind's inputs are
/// read by its own reader (Kinds/*Reader.swift); this file holds what they share.
enum EventReader {
    static func read(_ fields: Fields, context: ReadContext) -> [CostLine] {
        // Without a known kind, its other keys can't be judged: report the kind alone.
        guard let kind = fields.choice("kind", EventKind.self) else { return [] }
        let name = fields.text("name") ?? defaultName(kind)
        let location = context.problems.location(of: fields.node)
        let id = fields.text("id") ?? slug(kind: kind, context: context)
        if fields.has("id"), context.isUsed(id) {
            context.problems.error(fields.value("id"), fields.childPath("id"), "the event id \(Redaction.quoted(id)) is used twice in this plan", hint: "give each event its own id")
        }
        let origin = EventOrigin(id: id, name: name, kind: kind)
        let package = fields.text("package")
        var expansion: EventExpansion
        switch kind {
        case .advisory: expansion = AdvisoryReader.read(fields, origin: origin, context: context, at: location)
        case .education: expansion = EducationReader.read(fields, origin: origin, context: context, at: location)
        case .famTour: expansion = FamTourReader.read(fields, origin: origin, context: context, at: location)
        case .conference: expansion = ConferenceReader.read(fields, origin: origin, context: context, at: location)
        }
        fields.finish()
        if let package {
            // Everything the event buys from vendors is one contract.
            for index in expansion.lines.indices {
                expansion.lines[index].package = package
                for detail in expansion.lines[index].details.indices { expansion.lines[index].details[detail].package = package }
            }
        }
        context.problems.append(expansion.diagnostics)
        context.register(PlannedEvent(origin: origin, sessions: expansion.sessions, source: location, path: fields.path))
        return expansion.lines
    }

    static func defaultName(_ kind: EventKind) -> String {
        switch kind {
        case .conference: return "국제 컨퍼런스"
        case .education: return "교육"
        case .advisory: return "자문위원회"
        case .famTour: return "팸투어"
        }
    }

    /// `advisory`, then `advisory-2`, … for events without an id of their own.
    static func slug(kind: EventKind, context: ReadContext) -> String {
        var id = kind.rawValue, n = 1
        while context.isUsed(id) {
            n += 1
            id = "\(kind.rawValue)-\(n)"
        }
        return id
    }
}

extension ProblemList {
    func append(_ diagnostics: [Diagnostic]) { for d in diagnostics { add(d) } }
}

extension Fields {
    /// A whole number of things (members, meetings, copies): a plain number of 0 or more.
    func count(_ key: String, _ what: String, required: Bool = false) -> Located<Int64>? {
        guard let node = value(key) else {
            if required { missing(key, what) }
            return nil
        }
        guard case .scalar(let scalar) = node, let number = Int64(scalar.string.filter { $0 != "," }), number >= 0,
              scalar.string.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) else {
            problems.error(node, childPath(key), "expected \(what) as a whole number of 0 or more, got \(describe(node))")
            return nil
        }
        return Located(number, at: problems.location(of: node))
    }

    /// An ISO date `2017-03-15`.
    func date(_ key: String, required what: String? = nil) -> Located<CalendarDate>? {
        guard let node = value(key) else {
            if let what { missing(key, what) }
            return nil
        }
        return Self.date(node, path: childPath(key), problems: problems)
    }

    static func date(_ node: Node, path: String, problems: ProblemList) -> Located<CalendarDate>? {
        guard case .scalar(let scalar) = node, let date = PlanReader.date(scalar.string) else {
            problems.error(node, path, "expected a date like 2017-03-15, got \(describe(node))")
            return nil
        }
        return Located(date, at: problems.location(of: node))
    }

    /// A session's date, which must fall in the plan's year (`KindSupport.checkDateInYear`): an error at
    /// the date otherwise (the date is still returned, so that the schedule is checked as written).
    func sessionDate(_ key: String, context: ReadContext, words: SessionWords) -> Located<CalendarDate>? {
        guard let date = date(key) else { return nil }
        if let year = context.year, let problem = KindSupport.checkDateInYear(date, year: year, period: context.period, words: words, path: childPath(key)) { problems.add(problem) }
        return date
    }

    /// A list of session dates, each in the plan's year as `sessionDate` checks.
    func sessionDates(_ key: String, context: ReadContext, words: SessionWords) -> Located<[CalendarDate]>? {
        guard value(key) != nil else { return nil }
        let dates = list(key).compactMap { entry -> CalendarDate? in
            guard let date = Self.date(entry.node, path: entry.path, problems: problems) else { return nil }
            if let year = context.year, let problem = KindSupport.checkDateInYear(date, year: year, period: context.period, words: words, path: entry.path) { problems.add(problem) }
            return date.value
        }
        return Located(dates, at: location(key))
    }

    /// A rate the plan writes itself: `150,000원`, or `{ amount: 150,000원, reason: … }`.
    func writtenRate(_ key: String) -> RateResolver.Written? {
        guard let node = value(key) else { return nil }
        if case .mapping = node, let fields = Fields(node, path: childPath(key), problems: problems, what: "an amount with its reason") {
            let amount = fields.money("amount", required: "the amount, e.g. 150,000원")
            let reason = fields.text("reason")
            fields.finish()
            return amount.map { RateResolver.Written(amount: $0.value, location: $0.location, reason: reason) }
        }
        return money(key).map { RateResolver.Written(amount: $0.value, location: $0.location) }
    }

    /// A cost that may be left out (absent), taken at the standard rate (`standard`), or written.
    func optionalRate(_ key: String) -> OptionalRate {
        guard let node = value(key) else { return .none }
        if case .scalar(let scalar) = node, scalar.string == "standard" { return .standard(problems.location(of: node)) }
        return writtenRate(key).map(OptionalRate.written) ?? .none
    }
}
