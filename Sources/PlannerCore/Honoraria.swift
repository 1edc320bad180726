/// One honorarium a person has earned: a recorded attendance in a payable role at a planned session.
///
/// It carries no resident number or account: what is paid and withheld depends only on the session's
/// fee, the role, the income type and the date.
public struct EarnedHonorarium: Sendable, Equatable {
    /// The attendance record it comes from (the store's id).
    public var attendanceID: Int64
    public var session: PlannedSession
    public var role: PayableRole
    public var personID: Int64
    public var personName: String
    public var incomeType: IncomeType
    /// A tax-treaty exemption on file; only a non-resident's withholding looks at it.
    public var treatyExempt: Bool
    /// The day the tax table is read for: the payment day (withholding is decided when the income is paid).
    public var date: CalendarDate
    /// The day the session was held: its planned date, else the day of the sign-in; nil when neither is known.
    public var heldOn: CalendarDate?

    public init(attendanceID: Int64, session: PlannedSession, role: PayableRole, personID: Int64, personName: String,
                incomeType: IncomeType, treatyExempt: Bool, date: CalendarDate, heldOn: CalendarDate? = nil) {
        self.attendanceID = attendanceID
        self.session = session
        self.role = role
        self.personID = personID
        self.personName = personName
        self.incomeType = incomeType
        self.treatyExempt = treatyExempt
        self.date = date
        self.heldOn = heldOn
    }

    /// How a payment sheet names the session: the event, the meeting's number and the day it was
    /// held — `소셜특별시 자문위원회 1회 (2017-03-15)`; without the day when it is not known.
    public var sessionLabel: String {
        "\(session.event.name) \(session.number)회" + (heldOn.map { " (\($0))" } ?? "")
    }

    /// What the payment is for, as a sheet's 내용 column says it: the session's title when the plan
    /// gives one (a lecture's topic, a tour's destination), else the event and the role — `소셜특별시 자문위원회 참석수당`.
    public var paymentDescription: String {
        session.title.flatMap { $0.isEmpty ? nil : $0 } ?? "\(session.event.name) \(role.korean)"
    }
}

/// What one earned honorarium pays: the gross from the plan, the taxes withheld and the net, in won.
public struct HonorariumPayment: Sendable, Equatable {
    public var earned: EarnedHonorarium
    /// The session's fee for the role (`PlannedSession.fees`).
    public var gross: Won
    public var withholding: Withholding
    /// `gross − withholding.total`: what reaches the person's account.
    public var net: Won

    public init(earned: EarnedHonorarium, gross: Won, withholding: Withholding, net: Won) {
        self.earned = earned
        self.gross = gross
        self.withholding = withholding
        self.net = net
    }
}

/// Turning earned honoraria into payments: gross from the plan's fee, withholding from the tax table.
public enum Honoraria {
    /// One payment per payable earned honorarium, in input order, and a sentence for each one that is
    /// not paid.
    ///
    /// Not paid, with a problem naming the session id, the role and the person's name (never personal
    /// numbers): a role the session does not pay (not in `payableRoles`), a session with no fee for the
    /// role or a fee of zero or less, the same attendance and role listed a second time (it is paid
    /// once), and a payment that would take the totals past the largest amount the planner holds.
    ///
    /// ```swift
    /// let (payments, problems) = Honoraria.payments(earned)
    /// // a committee member at a 2017 meeting: gross 150,000원, withheld 13,200원, net 136,800원
    /// ```
    public static func payments(_ earned: [EarnedHonorarium], table: TaxTable = .standard)
        -> (payments: [HonorariumPayment], problems: [String]) {
        var payments: [HonorariumPayment] = []
        var problems: [String] = []
        var seen = Set<AttendanceRole>()
        var running = Won.zero
        for item in earned {
            // Only messages use it: built when one is written, not for each of a million payments.
            var what: String { "\(item.role.korean) (\(item.role.rawValue))" }
            let session = item.session.id
            guard item.session.payableRoles.contains(item.role) else {
                problems.append("session \(session) does not pay \(what); \(item.personName) is not paid for it")
                continue
            }
            guard let gross = item.session.fees[item.role] else {
                problems.append("session \(session) has no planned fee for \(what); \(item.personName) is not paid for it until the plan gives one")
                continue
            }
            guard gross > .zero else {
                problems.append("session \(session) plans a fee of \(MoneyFormat.won(gross)) for \(what); \(item.personName) is not paid for it")
                continue
            }
            guard seen.insert(AttendanceRole(attendanceID: item.attendanceID, role: item.role)).inserted else {
                problems.append("\(item.personName)'s \(what) for session \(session) is listed twice (attendance \(item.attendanceID)); it is paid once")
                continue
            }
            guard let next = running.adding(gross) else {
                problems.append("\(item.personName)'s \(what) for session \(session) would take the total past the largest amount the planner holds; it is not paid")
                continue
            }
            running = next
            let withholding = table.withholding(gross: gross, incomeType: item.incomeType, treatyExempt: item.treatyExempt, on: item.date)
            // Withholding is at most 22% of the gross, so the net is positive and cannot overflow.
            let net = Won(gross.value - withholding.total.value)
            payments.append(HonorariumPayment(earned: item, gross: gross, withholding: withholding, net: net))
        }
        return (payments, problems)
    }

    /// The sums of the payments' columns, in won. For the output of `payments(_:table:)` they always fit;
    /// a hand-built list whose sums do not fit saturates at the largest amount.
    public static func totals(_ payments: [HonorariumPayment]) -> (gross: Won, incomeTax: Won, localTax: Won, net: Won) {
        func sum(_ column: (HonorariumPayment) -> Won) -> Won {
            payments.map(column).checkedSum() ?? Won(.max)
        }
        return (sum(\.gross), sum(\.withholding.incomeTax), sum(\.withholding.localTax), sum(\.net))
    }

    private struct AttendanceRole: Hashable {
        var attendanceID: Int64
        var role: PayableRole
    }
}
