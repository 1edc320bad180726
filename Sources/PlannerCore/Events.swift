/// The kinds of event a plan can declare with `kind:`; each is planned from its own inputs by its own
/// target and turned into cost lines of the shared core.
public enum EventKind: String, CaseIterable, Sendable, Codable {
    case conference
    case education
    case advisory
    case famTour = "fam-tour"
}

/// A role that is paid to a person (honoraria, 기타소득 or 사업소득 subject to withholding), as
/// opposed to goods and services bought from vendors.
public enum PayableRole: String, CaseIterable, Sendable, Codable {
    /// 강사료: a lecturer, per session taught.
    case lecturer
    /// 원고료: a manuscript delivered.
    case manuscript
    /// 참석수당: a committee member, per meeting attended.
    case allowance
    /// 서면심의 수당: a written review.
    case review
    /// 연사 사례비: a conference speaker, per talk.
    case speaker
    /// 활동비: an influencer, per tour joined.
    case influencer
}

/// Who a line's money goes to: a vendor (procurement) or a person in a payable role (honoraria).
public enum Payee: Sendable, Equatable, Hashable {
    case vendor
    case person(PayableRole)

    public var role: PayableRole? {
        if case .person(let role) = self { return role }
        return nil
    }
}

/// The event a line came from, when a kind produced it.
public struct EventOrigin: Sendable, Equatable, Hashable {
    /// Stable id, unique in the plan: `advisory-committee`, or the plan's `id:` for the event.
    public var id: String
    public var name: String
    public var kind: EventKind

    public init(id: String, name: String, kind: EventKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// One planned occurrence of an event: an education session, a committee meeting, a tour, a
/// conference day. Attendance tracking fills these in later.
public struct PlannedSession: Sendable, Equatable {
    /// Stable id: `<event id>/<number>`, e.g. `advisory-committee/3`.
    public var id: String
    public var event: EventOrigin
    /// 1-based.
    public var number: Int
    public var title: String?
    public var date: CalendarDate?
    /// Planned headcount (members, participants, influencers).
    public var headcount: Int?
    /// Roles paid per this session (a lecturer and a manuscript for an education session).
    public var payableRoles: [PayableRole]
    /// What one person in each role is paid for this session (gross, in won), from the plan's lines:
    /// the allowance per member per meeting, this session's lecturer fee, a speaker's fee.
    public var fees: [PayableRole: Won] = [:]

    public init(event: EventOrigin, number: Int, title: String? = nil, date: CalendarDate? = nil, headcount: Int? = nil,
                payableRoles: [PayableRole], fees: [PayableRole: Won] = [:]) {
        self.id = "\(event.id)/\(number)"
        self.event = event
        self.number = number
        self.title = title
        self.date = date
        self.headcount = headcount
        self.payableRoles = payableRoles
        self.fees = fees
    }
}

/// What a kind makes of its inputs: cost lines (in order, to stand where the event is written in
/// its item), the planned sessions, and every problem found on the way.
public struct EventExpansion: Sendable {
    public var lines: [CostLine]
    public var sessions: [PlannedSession]
    public var diagnostics: [Diagnostic]

    public init(lines: [CostLine] = [], sessions: [PlannedSession] = [], diagnostics: [Diagnostic] = []) {
        self.lines = lines
        self.sessions = sessions
        self.diagnostics = diagnostics
    }
}

/// An event declared in a plan with `kind:`, with the sessions its kind planned.
public struct PlannedEvent: Sendable, Equatable {
    public var origin: EventOrigin
    public var sessions: [PlannedSession]
    public var source: SourceLocation?
    /// Where the event is written in the plan: `categories[1].items[0].lines[0]`.
    public var path: String

    public init(origin: EventOrigin, sessions: [PlannedSession], source: SourceLocation?, path: String = "") {
        self.origin = origin
        self.sessions = sessions
        self.source = source
        self.path = path
    }
}

extension PlannedSession {
    /// The warning `planner attend` gives when more paid people (distinct, voided attendance left out)
    /// are recorded at the session than the plan has for it (its headcount: a committee's members, a
    /// tour's influencers); nil within the plan or without a headcount. Recording goes on: people do
    /// come who weren't planned, but each is paid, and a payment batch that takes the item over its
    /// budget needs a documented reason.
    public func overHeadcountWarning(paidPeople: Int) -> String? {
        guard let headcount, paidPeople > headcount else { return nil }
        return "\(paidPeople) paid people are recorded at \(id), more than the \(headcount) the plan has for it; "
            + "recorded all the same, but a payment batch that takes the item over its budget needs --over-budget \"reason\""
    }
}
