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
    public var session: String
    public var sessionTitle: String
    public var date: String
    public var role: PayableRole
    public var gross: Won
    public var incomeTax: Won
    public var localTax: Won
    public var net: Won
    public var bank: String
    /// Masked unless the sheet is for the transfer.
    public var account: String

    public init(number: Int, person: String, residentNumber: String, incomeType: IncomeType, session: String, sessionTitle: String,
                date: String, role: PayableRole, gross: Won, incomeTax: Won, localTax: Won, net: Won, bank: String, account: String) {
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
    }
}
