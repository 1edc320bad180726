import FamTourKind
import PlannerCore
import Yams

/// Reads an influencer fam tour (`kind: fam-tour`) and expands it through `FamTour`.
///
/// ```yaml
/// - kind: fam-tour
///   name: 1인미디어 팸투어           # the event's name (exports, attendance)
///   influencers: 10                # per tour
///   tours: 12                      # a count, with optional dates: [2026-04-18, …] (at most one per tour),
///   # tours:                       # … or the tours themselves, each with an optional date and destination:
///   #   - { date: 2026-04-18, destination: 북촌 한옥마을 }
///   perPerson: 150,000원            # ONE amount per person per tour → 1인미디어 팸투어 150,000원*10명*12회 (vendor)
///   # costs:                       # … or (never both) its breakdown per person per tour, a line per component:
///   #   transport: 50,000원         #   팸투어 교통비 — an amount,
///   #   meals: standard            #   팸투어 식비 — `standard` (famTour.meal), or nothing after the colon (the same),
///   #   accommodation: 80,000원     #   팸투어 숙박비 (famTour.accommodation)
///   #   experience: 20,000원        #   팸투어 체험비 (famTour.experience)
///   #   insurance: 5,000원          #   팸투어 여행자보험료 (famTour.insurance)
///   #   activityFee: { amount: 150,000원, reason: …, name: 크리에이터 활동비 }
///   #                              #   팸투어 활동비, paid to each influencer (famTour.activityFee);
///   #                              #   { amount, reason, name } works for every component
///   #   other:                     #   extras with their own names and amounts, paid to vendors
///   #     - { name: 촬영 소품, amount: 10,000원 }
///   # layout: roll-up              # optional with costs: one line (lineName, shown as …원*1식) whose
///   #                              # details are the components
///   # lineName: 1인미디어 팸투어     # optional: the name of the single (or roll-up) line
/// ```
///
/// Components stand in the order they are written. A value that can't be read is reported here and
/// the event is then not expanded, so one typo gives one message.
enum FamTourReader {
    static func read(_ fields: Fields, origin: EventOrigin, context: ReadContext, at location: SourceLocation?) -> EventExpansion {
        var ok = true
        let influencers = fields.count("influencers", "the number of influencers per tour", required: true)
        var tours: Located<Int64>?
        var schedule: Located<[FamTour.Tour]>?
        if case .sequence? = fields.value("tours") {
            let entries = fields.list("tours")
            var list: [FamTour.Tour] = []
            for entry in entries {
                guard case .mapping = entry.node,
                      let tour = Fields(entry.node, path: entry.path, problems: fields.problems, what: "a tour (date, destination)") else {
                    fields.problems.error(entry.node, entry.path, "expected a tour with date: and destination:, got \(describe(entry.node))",
                        hint: "write - { date: 2026-04-18, destination: 북촌 한옥마을 }, or tours: 12 with dates: [2026-04-18, …]")
                    ok = false
                    continue
                }
                let date = tour.sessionDate("date", context: context, words: FamTour.words)
                if tour.value("date") != nil && date == nil { ok = false }
                list.append(FamTour.Tour(date: date?.value, destination: tour.text("destination")))
                tour.finish()
            }
            tours = Located(Int64(entries.count), at: fields.location("tours"))
            schedule = Located(list, at: fields.location("tours"))
            if fields.value("dates") != nil {
                fields.problems.error(fields.value("dates"), fields.childPath("dates"),
                    "expected the tour dates inside tours (date: on each tour), got a separate dates list as well",
                    hint: "move each date to its tour: - { date: 2026-04-18, destination: 북촌 한옥마을 }")
                ok = false
            }
        } else {
            if fields.value("tours") == nil {
                fields.missing("tours", "the number of tours, or the tours with date and destination")
            } else {
                tours = fields.count("tours", "the number of tours")
            }
            if let dates = fields.sessionDates("dates", context: context, words: FamTour.words) { schedule = Located(dates.value.map { FamTour.Tour(date: $0) }, at: dates.location) }
        }
        let perPerson = fields.money("perPerson")
        if fields.value("perPerson") != nil && perPerson == nil { ok = false }  // reported by money()
        let costs = readCosts(fields, ok: &ok)
        let layout = fields.choice("layout", FamTour.Layout.self).map { Located($0, at: fields.location("layout")) }
        if fields.value("layout") != nil && layout == nil { ok = false }  // reported by choice()
        let lineName = fields.text("lineName")

        if !fields.has("perPerson") && !fields.has("costs") {
            // Reported as a missing key, so that a misspelled perPerson or costs is the only message.
            fields.missing(oneOf: ["perPerson", "costs"], "expected the cost per person per tour, got neither perPerson nor costs",
                           hint: "write perPerson: 150,000원, or costs: with transport, meals, activityFee, … per person")
            ok = false
        }
        guard ok, let influencers, let tours else { return EventExpansion() }
        var input = FamTour.Input(influencers: influencers, tours: tours, schedule: schedule, perPerson: perPerson, costs: costs, layout: layout)
        if let lineName { input.lineName = lineName }
        return FamTour.expand(input, origin: origin, rates: context.rates(), at: location, path: fields.path)
    }

    /// The breakdown under `costs:`, in the file's order; nil when there is none. A component that
    /// can't be read is reported and clears `ok`.
    static func readCosts(_ fields: Fields, ok: inout Bool) -> Located<[FamTour.Part]>? {
        guard fields.has("costs") else {
            _ = fields.value("costs")
            return nil
        }
        // Messages about the breakdown as a whole point at the key `costs:` itself.
        var at = fields.location("costs")
        if case .mapping(let event) = fields.node, let key = event.first(where: { $0.key.string == "costs" })?.key {
            at = fields.problems.location(of: key)
        }
        guard let node = fields.value("costs") else { return Located([], at: at) }
        guard case .mapping(let mapping) = node,
              let costs = Fields(node, path: fields.childPath("costs"), problems: fields.problems, what: "the costs per person per tour") else {
            fields.problems.error(node, fields.childPath("costs"),
                "expected the costs per person per tour as key: value lines (transport: 50,000원, meals: standard, …), got \(describe(node))")
            ok = false
            return nil
        }
        // Components stand in the order they are written; extras where `other:` is, in their order.
        let order = mapping.map { $0.key.string ?? "" }
        // An unknown component is reported by `finish()`; the breakdown is then incomplete.
        let known = Set(FamTour.Component.allCases.map(\.rawValue) + ["other"])
        if order.contains(where: { !known.contains($0) }) { ok = false }
        func position(_ key: String) -> Int { order.firstIndex(of: key) ?? order.count }
        var parts: [(key: Int, offset: Int, part: FamTour.Part)] = []
        for component in FamTour.Component.allCases {
            let key = component.rawValue
            let written = costs.has(key), node = costs.value(key)  // asked for even when absent, for did-you-mean
            guard written else { continue }
            let keyLocation = fields.problems.location(of: mapping.first { $0.key.string == key }?.key)
            guard let part = readPart(component, node, path: costs.childPath(key), keyLocation: keyLocation, problems: fields.problems) else {
                ok = false
                continue
            }
            parts.append((position(key), 0, part))
        }
        for (offset, entry) in costs.list("other").enumerated() {
            guard let other = Fields(entry.node, path: entry.path, problems: fields.problems, what: "an extra cost (name, amount)") else {
                ok = false
                continue
            }
            let name = other.text("name", required: "what it pays for, e.g. 촬영 소품")
            let amount = other.money("amount", required: "the amount per person per tour, e.g. 10,000원")
            other.finish()
            guard let name, let amount else {
                ok = false
                continue
            }
            let part = FamTour.Part(extra: name, amount: RateResolver.Written(amount: amount.value, location: amount.location),
                                    at: fields.problems.location(of: entry.node), path: entry.path)
            parts.append((position("other"), offset, part))
        }
        costs.finish()
        return Located(parts.sorted { ($0.key, $0.offset) < ($1.key, $1.offset) }.map(\.part), at: at)
    }

    /// One component: an amount, `standard` or nothing (the standard rate), or `{ amount, reason, name }`.
    static func readPart(_ component: FamTour.Component, _ node: Node?, path: String, keyLocation: SourceLocation?,
                         problems: ProblemList) -> FamTour.Part? {
        guard let node else { return FamTour.Part(component, at: keyLocation, path: path) }
        if case .scalar(let scalar) = node {
            if scalar.string == "standard" { return FamTour.Part(component, at: keyLocation, path: path) }
            guard let amount = Fields.money(node, path: path, problems: problems) else { return nil }
            return FamTour.Part(component, amount: RateResolver.Written(amount: amount.value, location: amount.location), at: keyLocation, path: path)
        }
        guard let fields = Fields(node, path: path, problems: problems, what: "a cost with its amount (amount, reason, name)") else { return nil }
        var written: RateResolver.Written?
        var readable = true
        if case .scalar(let scalar)? = fields.value("amount"), scalar.string == "standard" {
            written = nil
        } else if let amount = fields.money("amount") {
            written = RateResolver.Written(amount: amount.value, location: amount.location, reason: fields.text("reason"))
        } else if fields.has("amount") {
            readable = false
        }
        _ = fields.value("reason")
        let name = fields.text("name")
        fields.finish()
        guard readable else { return nil }
        return FamTour.Part(component, amount: written, name: name, at: keyLocation, path: path)
    }
}
