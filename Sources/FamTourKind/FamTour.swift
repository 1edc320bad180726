import PlannerCore

/// Influencer (1인미디어) fam tours: a number of tours, each taking the same number of influencers,
/// priced per person per tour.
///
/// The cost per person per tour is written one of two ways:
/// - one amount (`perPerson`), which makes ONE line paid to a vendor, as on the 2017 page:
///   `1인미디어 팸투어 150,000원*10명*12회 = 18,000천원`;
/// - a breakdown (`costs`) into components — transport, meals, accommodation, experience, insurance,
///   the influencers' activity fee, and named extras — each written as an amount or taken at its
///   standard rate (`famTour.meal`, `famTour.activityFee`, …). By default each component is its own
///   line (`팸투어 교통비 50,000원*10명*12회`); with `layout: .rollUp` they become the details of one
///   roll-up line, which core pricing shows as `<sum of the details>원*1식`.
///
/// Payees: every component is bought from vendors except the activity fee, which is paid to each
/// influencer (`.person(.influencer)`, 기타소득). A roll-up line is marked `.vendor`; its details
/// carry their own payees. Amounts are in won; rounding to 천원 happens in core pricing.
public enum FamTour {
    /// 교통비 (chartered bus, train), per person per tour.
    public static let transportRate: RateKey = "famTour.transport"
    /// 식비, per person per tour.
    public static let mealRate: RateKey = "famTour.meal"
    /// 숙박비, per person per tour.
    public static let accommodationRate: RateKey = "famTour.accommodation"
    /// 체험비 (admissions, programs), per person per tour.
    public static let experienceRate: RateKey = "famTour.experience"
    /// 여행자보험료, per person per tour.
    public static let insuranceRate: RateKey = "famTour.insurance"
    /// 활동비 paid to each influencer, per tour joined.
    public static let activityFeeRate: RateKey = "famTour.activityFee"

    /// The name of the single line (and of a roll-up line), as on the 2017 page.
    public static let defaultLineName = "1인미디어 팸투어"
    /// How messages name the tours.
    public static let words = SessionWords("tour", "tours", key: "tours", event: "the fam tour")

    /// A component of the cost per person per tour, with its line name, standard rate and payee.
    public enum Component: String, CaseIterable, Sendable {
        case transport
        case meals
        case accommodation
        case experience
        case insurance
        case activityFee

        /// The line's name unless the plan names it.
        public var defaultLineName: String {
            switch self {
            case .transport: return "팸투어 교통비"
            case .meals: return "팸투어 식비"
            case .accommodation: return "팸투어 숙박비"
            case .experience: return "팸투어 체험비"
            case .insurance: return "팸투어 여행자보험료"
            case .activityFee: return "팸투어 활동비"
            }
        }

        public var rate: RateKey {
            switch self {
            case .transport: return FamTour.transportRate
            case .meals: return FamTour.mealRate
            case .accommodation: return FamTour.accommodationRate
            case .experience: return FamTour.experienceRate
            case .insurance: return FamTour.insuranceRate
            case .activityFee: return FamTour.activityFeeRate
            }
        }

        /// The activity fee goes to each influencer; everything else is bought from vendors.
        public var payee: Payee { self == .activityFee ? .person(.influencer) : .vendor }

        /// How messages name the component.
        var what: String {
            switch self {
            case .transport: return "the fam tour transport (교통비)"
            case .meals: return "the fam tour meals (식비)"
            case .accommodation: return "the fam tour accommodation (숙박비)"
            case .experience: return "the fam tour experience fee (체험비)"
            case .insurance: return "the fam tour travel insurance (여행자보험료)"
            case .activityFee: return "the influencer activity fee (활동비)"
            }
        }
    }

    /// One component of the breakdown, per person per tour.
    public struct Part: Sendable {
        /// The standard component, or nil for an extra the plan names itself (always written, paid to a vendor).
        public var component: Component?
        /// The line's name.
        public var name: String
        /// The plan's own amount; nil takes the component's standard rate.
        public var amount: RateResolver.Written?
        /// Where the component is written, for its line and its messages.
        public var location: SourceLocation?
        /// Path of the component in the plan, e.g. `….lines[2].costs.meals`.
        public var path: String

        /// A standard component; `amount` nil means its standard rate.
        public init(_ component: Component, amount: RateResolver.Written? = nil, name: String? = nil, at location: SourceLocation? = nil, path: String = "") {
            self.component = component
            self.name = name ?? component.defaultLineName
            self.amount = amount
            self.location = location
            self.path = path
        }

        /// An extra component with the plan's own name and amount (기념품, 촬영 소품 …), paid to a vendor.
        public init(extra name: String, amount: RateResolver.Written, at location: SourceLocation? = nil, path: String = "") {
            self.component = nil
            self.name = name
            self.amount = amount
            self.location = location
            self.path = path
        }

        public var payee: Payee { component?.payee ?? .vendor }
    }

    /// One tour's date and destination, either of which may be unknown yet.
    public struct Tour: Sendable, Equatable {
        public var date: CalendarDate?
        public var destination: String?
        public init(date: CalendarDate? = nil, destination: String? = nil) {
            self.date = date
            self.destination = destination
        }
    }

    /// How a breakdown is shown on the page.
    public enum Layout: String, CaseIterable, Sendable {
        /// One line per component (the default).
        case perComponent = "per-component"
        /// One line named `lineName` whose details are the components (`CostLine.details`); the page
        /// shows it as the sum of the details times `1식`.
        case rollUp = "roll-up"
    }

    public struct Input: Sendable {
        /// Influencers on each tour.
        public var influencers: Located<Int64>
        /// How many tours.
        public var tours: Located<Int64>
        /// Dates and destinations of the tours, in order: one per tour when written (`tours` written out
        /// as a list gives exactly one each; `dates:` beside a count must give one per tour).
        public var schedule: Located<[Tour]>?
        /// One amount per person per tour (exclusive with `costs`).
        public var perPerson: Located<Won>?
        /// The breakdown per person per tour, in the plan's order (exclusive with `perPerson`).
        public var costs: Located<[Part]>?
        /// How a breakdown is shown; only with `costs`.
        public var layout: Located<Layout>?
        /// Name of the single line or of the roll-up line.
        public var lineName = FamTour.defaultLineName

        public init(influencers: Located<Int64>, tours: Located<Int64>, schedule: Located<[Tour]>? = nil,
                    perPerson: Located<Won>? = nil, costs: Located<[Part]>? = nil, layout: Located<Layout>? = nil) {
            self.influencers = influencers
            self.tours = tours
            self.schedule = schedule
            self.perPerson = perPerson
            self.costs = costs
            self.layout = layout
        }
    }

    /// The tours' lines and planned sessions (one per tour). `at`/`path` place the event in its plan file.
    ///
    /// ```swift
    /// let input = FamTour.Input(influencers: Located(10), tours: Located(12), perPerson: Located(Won(150_000)))
    /// FamTour.expand(input, origin: origin, rates: rates, at: nil, path: "lines[2]").lines[0].formula
    /// // "150,000원*10명*12회"
    /// ```
    public static func expand(_ input: Input, origin: EventOrigin, rates: RateResolver, at location: SourceLocation?, path: String) -> EventExpansion {
        var diagnostics: [Diagnostic] = []
        let influencers = input.influencers.value, tours = input.tours.value
        diagnostics += KindSupport.checkSchedule(count: input.tours, dates: input.schedule, words: words, at: location, path: path)
        if let noInfluencers = KindSupport.checkAtLeastOne(input.influencers, "influencer per tour", key: "influencers", at: location, path: path) {
            diagnostics.append(noInfluencers)
        }
        switch (input.perPerson, input.costs) {
        case (.some, .some(let costs)):
            diagnostics.append(.error(at: costs.location, path: path + ".costs",
                "expected either perPerson (one amount per person per tour) or costs (its breakdown), got both",
                hint: "keep perPerson for one line like 1인미디어 팸투어 150,000원*10명*12회, or costs for a line per component"))
        case (nil, nil):
            diagnostics.append(.error(at: location, path: path,
                "expected the cost per person per tour, got neither perPerson nor costs",
                hint: "write perPerson: 150,000원, or costs: with transport, meals, activityFee, … per person"))
        case (nil, .some(let costs)) where costs.value.isEmpty:
            diagnostics.append(.error(at: costs.location, path: path + ".costs",
                "expected at least one cost per person in costs, got none",
                hint: "the components are \(Component.allCases.map(\.rawValue).joined(separator: ", ")) and other (named extras)"))
        case (.some, nil):
            if let layout = input.layout, layout.value == .rollUp {
                diagnostics.append(.error(at: layout.location, path: path + ".layout",
                    "expected layout only with costs (a breakdown), got it with perPerson",
                    hint: "a single perPerson amount is already one line; drop layout"))
            }
        default: break
        }
        var resolved: [(part: Part, amount: Won)] = []
        if input.perPerson == nil, let costs = input.costs {
            for part in costs.value {
                let amount: Won?
                if let component = part.component {
                    amount = rates.resolve(component.rate, written: part.amount, what: component.what,
                                           at: part.location ?? location, path: part.path, diagnostics: &diagnostics)
                } else {
                    amount = part.amount?.amount
                }
                if let amount { resolved.append((part, amount)) }
            }
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return EventExpansion(diagnostics: diagnostics) }

        let factors = [KindSupport.factor(influencers, "명"), KindSupport.factor(tours, "회")]
        var lines: [CostLine] = []
        if let perPerson = input.perPerson {
            lines.append(KindSupport.line(input.lineName, unitPrice: perPerson.value, factors: factors, payee: .vendor,
                                          origin: origin, at: location, path: path))
        } else {
            let components = resolved.map { part, amount in
                KindSupport.line(part.name, unitPrice: amount, factors: factors, payee: part.payee, origin: origin,
                                 at: part.location ?? location, path: part.path)
            }
            if input.layout?.value == .rollUp {
                // Core pricing sets the roll-up's unit price to the sum of its details' budgeted amounts.
                var rollUp = KindSupport.line(input.lineName, unitPrice: .zero, factors: [KindSupport.factor(1, "식")], payee: .vendor,
                                              origin: origin, at: location, path: path)
                rollUp.details = components
                lines.append(rollUp)
            } else {
                lines = components
            }
        }
        let activityFee = resolved.filter { $0.part.component == .activityFee }.map(\.amount).checkedSum() ?? .zero
        return EventExpansion(lines: lines, sessions: sessions(input, origin: origin, activityFee: activityFee), diagnostics: diagnostics)
    }

    /// One planned session per tour: its date and destination (as the title) where known, the
    /// influencers as headcount, and the influencer role when an activity fee is paid.
    static func sessions(_ input: Input, origin: EventOrigin, activityFee: Won) -> [PlannedSession] {
        let paysInfluencers = activityFee > .zero
        guard input.tours.value > 0 else { return [] }
        let schedule = input.schedule?.value ?? []
        return (1...Int(min(input.tours.value, 10_000))).map { number in
            let tour = number <= schedule.count ? schedule[number - 1] : Tour()
            return PlannedSession(event: origin, number: number, title: tour.destination, date: tour.date,
                                  headcount: Int(clamping: input.influencers.value), payableRoles: paysInfluencers ? [.influencer] : [],
                                  fees: paysInfluencers ? [.influencer: activityFee] : [:])
        }
    }
}
