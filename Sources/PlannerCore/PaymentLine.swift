import Foundation

/// One row of a payment sheet (지급 명세): a person paid in a role for a session, with the tax withheld
/// and the net. Resident numbers and accounts are already masked unless the sheet is made for a
/// withholding-tax statement or the transfer itself; whoever builds the line decides.
public struct PaymentLine: Sendable, Equatable {
    public var number: Int
    public var person: String
    /// Masked by default; the full number only in a tax-statement export.
    public var residentNumber: String
    public var incomeType: IncomeType
    /// The session as a person names it: `소셜특별시 자문위원회 1회 (2017-03-15)` (`EarnedHonorarium.sessionLabel`).
    public var session: String
    /// 내용: what the payment is for (`EarnedHonorarium.paymentDescription`).
    public var sessionTitle: String
    /// 일자: the day the session was held, `YYYY-MM-DD`, or empty when not known.
    public var date: String
    public var role: PayableRole
    public var gross: Won
    public var incomeTax: Won
    public var localTax: Won
    public var net: Won
    public var bank: String
    /// Masked unless the sheet is for the transfer.
    public var account: String
    /// The planned session's stable id (`social-city-committee/1`), for scripts (`honoraria --format json`).
    public var sessionID: String

    public init(number: Int, person: String, residentNumber: String, incomeType: IncomeType, session: String, sessionTitle: String,
                date: String, role: PayableRole, gross: Won, incomeTax: Won, localTax: Won, net: Won, bank: String, account: String,
                sessionID: String = "") {
        self.number = number
        self.person = person
        self.residentNumber = residentNumber
        self.incomeType = incomeType
        self.session = session
        self.sessionTitle = sessionTitle
        self.date = date
        self.role = role
        self.gross = gross
        self.incomeTax = incomeTax
        self.localTax = localTax
        self.net = net
        self.bank = bank
        self.account = account
        self.sessionID = sessionID
    }
}

/// One line of a bank bulk-transfer file (대량이체): one payee, the bank and the full account number,
/// and the net amount of all their payments in a batch, in won. Personal data: written only to a
/// file readable by its owner, and the reveal of the accounts is audited.
public struct TransferLine: Sendable, Equatable {
    public var number: Int
    /// 은행: the bank's name as the roster gives it.
    public var bank: String
    /// 계좌번호: in full, as stored (hyphens and spaces removed on import).
    public var account: String
    /// 예금주: the payee's name.
    public var holder: String
    /// 이체금액: the sum of the payee's net amounts.
    public var amount: Won
    /// How many payments of the batch the amount sums.
    public var payments: Int

    public init(number: Int, bank: String, account: String, holder: String, amount: Won, payments: Int) {
        self.number = number
        self.bank = bank
        self.account = account
        self.holder = holder
        self.amount = amount
        self.payments = payments
    }
}
