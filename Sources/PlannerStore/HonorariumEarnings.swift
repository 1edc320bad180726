import Foundation
import PlannerCore

/// Earned honoraria from recorded attendance, priced with the plan's fees and the tax table:
/// what `planner honoraria` and `planner pay` show, and what the benchmark times.
///
/// Lives in the store because it joins the store's attendances and roster with the plan's sessions;
/// the pricing itself is the core's ``Honoraria/payments(_:table:)``.
public enum HonorariumEarnings {
    /// What each non-voided attendance earns, withheld as of `paymentDate` (the tax table is dated).
    ///
    /// Payments come in the attendances' order. An attendance whose session the plan no longer has (or
    /// whose person left the roster) is not paid; `problems` says so, before the core's own problems
    /// (roles a session does not pay, missing fees, …). Problems never hold personal numbers.
    public static func payments(sessions: [PlannedSession], attendances: [StoredAttendance], people: [StoredPerson], paymentDate: CalendarDate)
        -> (payments: [HonorariumPayment], problems: [String]) {
        let sessionsByID = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [String] = []
        var earned: [EarnedHonorarium] = []
        earned.reserveCapacity(attendances.count)
        for attendance in attendances where !attendance.isVoided {
            guard let session = sessionsByID[attendance.sessionID], let person = byID[attendance.personID] else {
                problems.append("the attendance of \(attendance.personName) at \(attendance.sessionID) is for a session the plan no longer has; it is not paid")
                continue
            }
            earned.append(EarnedHonorarium(attendanceID: attendance.id, session: session, role: attendance.role, personID: person.id,
                                           personName: person.name, incomeType: person.incomeType, treatyExempt: person.treatyExempt,
                                           date: paymentDate))
        }
        let (payments, more) = Honoraria.payments(earned)
        return (payments, problems + more)
    }

    /// One computed or batched payment, in won, ready to become a line of a payment sheet.
    public typealias Priced = (earned: EarnedHonorarium, gross: Won, incomeTax: Won, localTax: Won, net: Won)

    /// The lines of a payment sheet, in the payments' order, numbered from 1.
    ///
    /// The resident number is shown in full (`711231-1234567`) only for people in `residentNumbers`
    /// (a tax-statement export the caller had revealed and audited); otherwise masked as stored, or
    /// empty. The account is always the stored masked form. Bank and account are empty for a person no
    /// longer on the roster.
    public static func sheetLines(_ payments: [Priced], people: [StoredPerson], residentNumbers: [Int64: ResidentNumber] = [:]) -> [PaymentLine] {
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return payments.enumerated().map { index, payment in
            let person = byID[payment.earned.personID]
            let rrn = residentNumbers[payment.earned.personID].map { String($0.digits.prefix(6)) + "-" + String($0.digits.dropFirst(6)) }
                ?? person?.rrnMasked ?? ""
            return PaymentLine(number: index + 1, person: payment.earned.personName, residentNumber: rrn, incomeType: payment.earned.incomeType,
                                    session: payment.earned.session.id, sessionTitle: payment.earned.session.title ?? "",
                                    date: payment.earned.session.date?.description ?? "", role: payment.earned.role, gross: payment.gross,
                                    incomeTax: payment.incomeTax, localTax: payment.localTax, net: payment.net,
                                    bank: person?.bank ?? "", account: person?.accountMasked ?? "")
        }
    }
}
