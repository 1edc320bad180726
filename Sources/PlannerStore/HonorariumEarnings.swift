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
                                           date: paymentDate, heldOn: session.date ?? attendance.day))
        }
        let (payments, more) = Honoraria.payments(earned)
        return (payments, problems + more)
    }

    /// One computed or batched payment, in won, ready to become a line of a payment sheet.
    public typealias Priced = (earned: EarnedHonorarium, gross: Won, incomeTax: Won, localTax: Won, net: Won)

    /// The payments of a stored batch with the amounts it holds, in its order, each with the session it
    /// pays (held on the session's planned date, else the day of the sign-in). Items whose session the
    /// plan no longer has, or whose person left the roster, are left out.
    public static func batchPayments(_ batch: StoredBatch, sessions: [PlannedSession], people: [StoredPerson],
                                     attendances: [StoredAttendance]) -> [Priced] {
        let sessionsByID = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let days = Dictionary(attendances.map { ($0.id, $0.day) }, uniquingKeysWith: { first, _ in first })
        let payDay = batch.payDay ?? batch.paidOn ?? batch.through
        return batch.items.compactMap { item -> Priced? in
            guard let session = sessionsByID[item.sessionID], let person = byID[item.personID] else { return nil }
            let earned = EarnedHonorarium(attendanceID: item.attendanceID, session: session, role: item.role, personID: person.id,
                                          personName: person.name, incomeType: person.incomeType, treatyExempt: person.treatyExempt,
                                          date: payDay, heldOn: session.date ?? (days[item.attendanceID] ?? nil))
            return (earned, item.gross, item.incomeTax, item.localTax, item.net)
        }
    }

    /// The lines of a bank bulk-transfer file (대량이체): one per payee, in the order of their first
    /// payment, with the sum of their net amounts and their account in full from `accounts` (revealed,
    /// and audited, by the caller). Payees with nothing to receive (a net of 0원) are left out; the
    /// names of payees without an account are returned in `missing` (names only, never numbers).
    public static func transferLines(_ payments: [Priced], accounts: [Int64: BankAccount]) -> (lines: [TransferLine], missing: [String]) {
        var order: [Int64] = []
        var sums: [Int64: (name: String, amount: Won, count: Int)] = [:]
        for payment in payments {
            let id = payment.earned.personID
            if let sum = sums[id] {
                sums[id] = (sum.name, sum.amount.adding(payment.net) ?? Won(.max), sum.count + 1)
            } else {
                order.append(id)
                sums[id] = (payment.earned.personName, payment.net, 1)
            }
        }
        var lines: [TransferLine] = []
        var missing: [String] = []
        for id in order {
            guard let sum = sums[id], sum.amount > .zero else { continue }
            guard let account = accounts[id], !account.number.isEmpty else {
                missing.append(sum.name)
                continue
            }
            lines.append(TransferLine(number: lines.count + 1, bank: account.bank ?? "", account: account.number, holder: sum.name,
                                      amount: sum.amount, payments: sum.count))
        }
        return (lines, missing)
    }

    /// The lines of a payment sheet, in the payments' order, numbered from 1: the session by its event,
    /// number and day (`소셜특별시 자문위원회 1회 (2017-03-15)`), 내용 and 일자 filled.
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
                                    session: payment.earned.sessionLabel, sessionTitle: payment.earned.paymentDescription,
                                    date: payment.earned.heldOn?.description ?? "", role: payment.earned.role, gross: payment.gross,
                                    incomeTax: payment.incomeTax, localTax: payment.localTax, net: payment.net,
                                    bank: person?.bank ?? "", account: person?.accountMasked ?? "", sessionID: payment.earned.session.id)
        }
    }
}
