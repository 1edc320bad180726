import PlannerCore

/// An advisory committee: members meeting a number of times, paid an attendance allowance per
/// member per meeting, with a per-person operating cost and, optionally, written reviews.
///
/// Reproduces the 2017 page's `자문회의 참석수당 150,000원*15인*6회` and
/// `자문회의 운영경비 10,000원*15명*6회`.
public enum AdvisoryCommittee {
    /// 참석수당, per member per meeting.
    public static let allowanceRate: RateKey = "committee.allowance"
    /// 운영경비 (refreshments, materials), per person per meeting.
    public static let operatingRate: RateKey = "committee.operating"
    /// 서면심의 수당, per written review.
    public static let reviewRate: RateKey = "committee.review"

    public struct Input: Sendable {
        /// How many members; `memberNames` may name them (then the count is the names' count).
        public var members: Located<Int64>
        public var memberNames: [String]
        public var meetings: Located<Int64>
        /// Meeting dates, in order: one per meeting when written.
        public var dates: Located<[CalendarDate]>?
        /// The plan's own allowance, if it departs from the standard rate.
        public var allowance: RateResolver.Written?
        /// Whether there is an operating-cost line, and its amount when the plan writes one.
        public var operatingCost: OptionalRate
        /// Written reviews (서면심의) over the year, each paid to every member, and their allowance.
        public var writtenReviews: Located<Int64>?
        public var reviewAllowance: RateResolver.Written?
        /// Line names, defaulting to the wording of the 2017 page.
        public var allowanceName = "자문회의 참석수당"
        public var operatingName = "자문회의 운영경비"
        public var reviewName = "서면심의 수당"

        public init(members: Located<Int64>, memberNames: [String] = [], meetings: Located<Int64>, dates: Located<[CalendarDate]>? = nil,
                    allowance: RateResolver.Written? = nil, operatingCost: OptionalRate = .none,
                    writtenReviews: Located<Int64>? = nil, reviewAllowance: RateResolver.Written? = nil) {
            self.members = members
            self.memberNames = memberNames
            self.meetings = meetings
            self.dates = dates
            self.allowance = allowance
            self.operatingCost = operatingCost
            self.writtenReviews = writtenReviews
            self.reviewAllowance = reviewAllowance
        }
    }

    /// How messages name the committee's meetings.
    public static let words = SessionWords("meeting", "meetings", key: "meetings", event: "the committee")

    /// The committee's lines and meetings. `at`/`path` place the event in its plan file.
    ///
    /// Validated: at least one meeting and one member; dates, when written, one per meeting.
    public static func expand(_ input: Input, origin: EventOrigin, rates: RateResolver, at location: SourceLocation?, path: String) -> EventExpansion {
        var diagnostics: [Diagnostic] = []
        let members = input.members.value, meetings = input.meetings.value
        diagnostics += KindSupport.checkSchedule(count: input.meetings, dates: input.dates, words: words, at: location, path: path)
        if let noMembers = KindSupport.checkAtLeastOne(input.members, "member", key: "members", at: location, path: path) {
            diagnostics.append(noMembers)
        }
        let allowance = rates.resolve(allowanceRate, written: input.allowance, what: "the committee allowance (참석수당)",
                                      at: location, path: path + ".allowance", diagnostics: &diagnostics)
        var operating: Won?
        switch input.operatingCost {
        case .none: operating = nil
        case .standard(let at): operating = rates.resolve(operatingRate, written: nil, what: "the committee operating cost (운영경비)",
                                                          at: at, path: path + ".operatingCost", diagnostics: &diagnostics)
        case .written(let written): operating = rates.resolve(operatingRate, written: written, what: "the committee operating cost (운영경비)",
                                                              at: written.location, path: path + ".operatingCost", diagnostics: &diagnostics)
        }
        var review: Won?
        if let reviews = input.writtenReviews, reviews.value > 0 {
            review = rates.resolve(reviewRate, written: input.reviewAllowance, what: "the written-review allowance (서면심의 수당)",
                                   at: reviews.location, path: path + ".reviewAllowance", diagnostics: &diagnostics)
        }
        guard !diagnostics.contains(where: { $0.severity == .error }), let allowance else { return EventExpansion(diagnostics: diagnostics) }

        var lines = [KindSupport.line(input.allowanceName, unitPrice: allowance,
                                      factors: [KindSupport.factor(members, "인"), KindSupport.factor(meetings, "회")],
                                      payee: .person(.allowance), origin: origin, at: location, path: path)]
        if let operating {
            lines.append(KindSupport.line(input.operatingName, unitPrice: operating,
                                          factors: [KindSupport.factor(members, "명"), KindSupport.factor(meetings, "회")],
                                          payee: .vendor, origin: origin, at: location, path: path))
        }
        if let review, let reviews = input.writtenReviews {
            lines.append(KindSupport.line(input.reviewName, unitPrice: review,
                                          factors: [KindSupport.factor(members, "인"), KindSupport.factor(reviews.value, "건")],
                                          payee: .person(.review), origin: origin, at: location, path: path))
        }
        let sessions = KindSupport.sessions(origin, count: meetings, dates: input.dates?.value ?? [], headcount: Int(clamping: members),
                                            roles: [.allowance], fees: [.allowance: allowance])
        return EventExpansion(lines: lines, sessions: sessions, diagnostics: diagnostics)
    }
}
