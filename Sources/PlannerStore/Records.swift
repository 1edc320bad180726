import Foundation
import GRDB
import PlannerCore

// One Codable struct per table, each with its columns. Internal: callers see the `Stored…` values.

struct MetaRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "meta"
    var key: String
    var value: String

    enum Columns {
        static let key = Column(CodingKeys.key)
        static let value = Column(CodingKeys.value)
    }

    static let keyFingerprint = "keyFingerprint"
}

struct PlanRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "plan"
    var id: Int64?
    var program: String
    var year: Int

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let program = Column(CodingKeys.program)
        static let year = Column(CodingKeys.year)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct PersonRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "person"
    var id: Int64?
    var planID: Int64
    var event: String
    var role: PayableRole
    var name: String
    var organization: String?
    var email: String?
    var residency: Residency
    var incomeType: IncomeType
    var treatyExempt: Bool
    var rrnCipher: Data?
    var rrnMasked: String?
    var rrnDigest: Data?
    var accountCipher: Data?
    var accountMasked: String?
    var accountDigest: Data?
    var bank: String?
    var phoneCipher: Data?
    var phoneMasked: String?
    var phoneDigest: Data?
    var createdAt: Date
    var updatedAt: Date

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let planID = Column(CodingKeys.planID)
        static let event = Column(CodingKeys.event)
        static let role = Column(CodingKeys.role)
        static let name = Column(CodingKeys.name)
        static let organization = Column(CodingKeys.organization)
        static let email = Column(CodingKeys.email)
        static let residency = Column(CodingKeys.residency)
        static let incomeType = Column(CodingKeys.incomeType)
        static let treatyExempt = Column(CodingKeys.treatyExempt)
        static let rrnCipher = Column(CodingKeys.rrnCipher)
        static let rrnMasked = Column(CodingKeys.rrnMasked)
        static let rrnDigest = Column(CodingKeys.rrnDigest)
        static let accountCipher = Column(CodingKeys.accountCipher)
        static let accountMasked = Column(CodingKeys.accountMasked)
        static let accountDigest = Column(CodingKeys.accountDigest)
        static let bank = Column(CodingKeys.bank)
        static let phoneCipher = Column(CodingKeys.phoneCipher)
        static let phoneMasked = Column(CodingKeys.phoneMasked)
        static let phoneDigest = Column(CodingKeys.phoneDigest)
        static let createdAt = Column(CodingKeys.createdAt)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Who a sealed value belongs to: the person's identity, which never changes.
    var sealOwner: String { Self.sealOwner(planID: planID, event: event, role: role, name: name) }

    static func sealOwner(planID: Int64, event: String, role: PayableRole, name: String) -> String {
        "\(planID)\u{0}\(event)\u{0}\(role.rawValue)\u{0}\(name)"
    }

    /// `홍길동 (allowance, advisory-committee)`: how audit entries name a person.
    var auditName: String { "\(name) (\(role.rawValue), \(event))" }

    var stored: StoredPerson {
        StoredPerson(id: id ?? 0, name: name, role: role, event: event, organization: organization, email: email,
                     residency: residency, incomeType: incomeType, treatyExempt: treatyExempt, rrnMasked: rrnMasked,
                     bank: bank, accountMasked: accountMasked, phoneMasked: phoneMasked)
    }
}

struct AttendanceRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "attendance"
    var id: Int64?
    var planID: Int64
    var sessionID: String
    var personID: Int64
    var time: String?
    var recordedAt: Date
    var recordedBy: String
    var voidedAt: Date?
    var voidReason: String?
    var voidedBy: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let planID = Column(CodingKeys.planID)
        static let sessionID = Column(CodingKeys.sessionID)
        static let personID = Column(CodingKeys.personID)
        static let time = Column(CodingKeys.time)
        static let recordedAt = Column(CodingKeys.recordedAt)
        static let recordedBy = Column(CodingKeys.recordedBy)
        static let voidedAt = Column(CodingKeys.voidedAt)
        static let voidReason = Column(CodingKeys.voidReason)
        static let voidedBy = Column(CodingKeys.voidedBy)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct PaymentBatchRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "paymentBatch"
    var id: Int64?
    var planID: Int64
    var number: Int
    /// `YYYY-MM-DD`.
    var throughDate: String
    var status: BatchStatus
    var createdAt: Date
    var createdBy: String
    var approvedOn: String?
    var approvedBy: String?
    var paidOn: String?
    var paidBy: String?
    /// `YYYY-MM-DD`: the payment day the withholding was computed for (nil for batches from before v3).
    var payDay: String?
    /// Why the batch may take a plan item over its budget (nil: it keeps every item within budget; v4).
    var overBudgetReason: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let planID = Column(CodingKeys.planID)
        static let number = Column(CodingKeys.number)
        static let payDay = Column(CodingKeys.payDay)
        static let throughDate = Column(CodingKeys.throughDate)
        static let status = Column(CodingKeys.status)
        static let createdAt = Column(CodingKeys.createdAt)
        static let createdBy = Column(CodingKeys.createdBy)
        static let approvedOn = Column(CodingKeys.approvedOn)
        static let approvedBy = Column(CodingKeys.approvedBy)
        static let paidOn = Column(CodingKeys.paidOn)
        static let paidBy = Column(CodingKeys.paidBy)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct PaymentItemRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "paymentItem"
    var id: Int64?
    var batchID: Int64
    var attendanceID: Int64
    var role: PayableRole
    /// In won.
    var gross: Int64
    var incomeTax: Int64
    var localTax: Int64
    var net: Int64

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let batchID = Column(CodingKeys.batchID)
        static let attendanceID = Column(CodingKeys.attendanceID)
        static let role = Column(CodingKeys.role)
        static let gross = Column(CodingKeys.gross)
        static let incomeTax = Column(CodingKeys.incomeTax)
        static let localTax = Column(CodingKeys.localTax)
        static let net = Column(CodingKeys.net)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct AuditRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "auditLog"
    var id: Int64?
    var at: Date
    var actor: String
    var action: AuditAction
    var planID: Int64?
    var subject: String
    var detail: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let at = Column(CodingKeys.at)
        static let actor = Column(CodingKeys.actor)
        static let action = Column(CodingKeys.action)
        static let planID = Column(CodingKeys.planID)
        static let subject = Column(CodingKeys.subject)
        static let detail = Column(CodingKeys.detail)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var entry: AuditEntry {
        AuditEntry(id: id ?? 0, at: at, actor: actor, action: action, planID: planID, subject: subject, detail: detail)
    }
}

extension CalendarDate {
    /// Reads `YYYY-MM-DD` as the store writes it.
    init?(storeText text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }
}

struct SpendingRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "spending"
    var id: Int64?
    var planID: Int64
    var itemKey: String
    var itemName: String
    var package: String?
    var kind: SpendingKind
    /// In won; negative only in a reversal.
    var amount: Int64
    /// `YYYY-MM-DD`.
    var date: String
    var vendor: String?
    var contract: String?
    var note: String?
    var overBudgetReason: String?
    var reverses: Int64?
    var recordedAt: Date
    var recordedBy: String

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let planID = Column(CodingKeys.planID)
        static let itemKey = Column(CodingKeys.itemKey)
        static let itemName = Column(CodingKeys.itemName)
        static let package = Column(CodingKeys.package)
        static let kind = Column(CodingKeys.kind)
        static let amount = Column(CodingKeys.amount)
        static let date = Column(CodingKeys.date)
        static let vendor = Column(CodingKeys.vendor)
        static let contract = Column(CodingKeys.contract)
        static let note = Column(CodingKeys.note)
        static let overBudgetReason = Column(CodingKeys.overBudgetReason)
        static let reverses = Column(CodingKeys.reverses)
        static let recordedAt = Column(CodingKeys.recordedAt)
        static let recordedBy = Column(CodingKeys.recordedBy)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
