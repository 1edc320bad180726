import Foundation
import GRDB
import PlannerCore

extension AppDatabase {
    /// Stores a roster: adds new people, updates changed ones, leaves identical rows alone.
    ///
    /// One transaction: if any entry is refused, nothing of the roster is stored. A person is
    /// identified by name, role and event; people missing from the roster are kept (attendance
    /// refers to them). Resident numbers, accounts and phone numbers are compared through their
    /// keyed digests, so re-importing the same roster changes nothing and writes no audit entry.
    /// A changed row writes a `person-updated` audit entry naming the changed fields, with old
    /// and new values only for fields that are not personal data; an empty cell clears a field.
    /// Account and phone numbers are kept without spaces and hyphens.
    ///
    /// Throws ``StoreError/keyMissing(path:)`` or ``StoreError/keyMismatch(path:)`` when an entry
    /// holds a personal number and the key file can't be used; the key file is created here when
    /// the database holds nothing encrypted yet.
    public func importRoster(planID: Int64, entries: [RosterEntry], actor: String) throws -> RosterImportResult {
        try Self.checkNoDuplicates(entries)
        return try writer.write { db in
            try requirePlan(db, planID)
            let needsKeys = entries.contains { $0.residentNumber != nil || $0.account != nil || $0.phone != nil }
            let keys = needsKeys ? try self.keys(db, for: .encrypt) : nil
            let now = clock()
            var result = RosterImportResult(added: 0, updated: 0, unchanged: 0)
            for entry in entries {
                let owner = PersonRecord.sealOwner(planID: planID, event: entry.event, role: entry.role, name: entry.name)
                let incoming = try IncomingPersonalData(entry, keys: keys, owner: owner)
                let existing = try PersonRecord
                    .filter(PersonRecord.Columns.planID == planID && PersonRecord.Columns.event == entry.event
                            && PersonRecord.Columns.role == entry.role.rawValue && PersonRecord.Columns.name == entry.name)
                    .fetchOne(db)
                guard var person = existing else {
                    var person = PersonRecord(id: nil, planID: planID, event: entry.event, role: entry.role, name: entry.name,
                                              organization: entry.organization, email: entry.email, residency: entry.residency,
                                              incomeType: entry.incomeType, treatyExempt: entry.treatyExempt,
                                              bank: entry.bank, createdAt: now, updatedAt: now)
                    incoming.apply(to: &person, fields: [.residentNumber, .account, .phone])
                    try person.insert(db)
                    result.added += 1
                    continue
                }
                let changes = Self.changes(from: person, to: entry, incoming: incoming)
                guard !changes.isEmpty else {
                    result.unchanged += 1
                    continue
                }
                person.organization = entry.organization
                person.email = entry.email
                person.residency = entry.residency
                person.incomeType = entry.incomeType
                person.treatyExempt = entry.treatyExempt
                person.bank = entry.bank
                incoming.apply(to: &person, fields: changes.compactMap(\.personalField))
                person.updatedAt = now
                try person.update(db)
                try audit(db, planID: planID, actor: actor, action: .personUpdated, subject: person.auditName,
                          detail: "changed " + changes.map(\.description).joined(separator: ", "))
                result.updated += 1
            }
            // One resident number is one person: checked once everything is in place, so that a
            // roster moving a number from one row to another is judged by where it ends up.
            for entry in entries {
                guard let number = entry.residentNumber, let keys else { continue }
                let digest = keys.digest(number.digits, field: .residentNumber)
                if let holder = try PersonRecord.filter(PersonRecord.Columns.planID == planID && PersonRecord.Columns.rrnDigest == digest
                                                        && PersonRecord.Columns.name != entry.name).fetchOne(db) {
                    throw StoreError.residentNumberUnderAnotherName(name: entry.name, row: entry.row, holder: holder.name)
                }
            }
            if result.added + result.updated > 0 {
                try audit(db, planID: planID, actor: actor, action: .rosterImported, subject: "roster",
                          detail: "added \(result.added), updated \(result.updated), unchanged \(result.unchanged)")
            }
            return result
        }
    }

    /// The plan's roster in the order people were first imported, personal numbers masked.
    /// Works without the key file.
    public func people(planID: Int64) throws -> [StoredPerson] {
        try writer.read { db in
            try PersonRecord.filter(PersonRecord.Columns.planID == planID).order(PersonRecord.Columns.id).fetchAll(db).map(\.stored)
        }
    }

    /// Decrypts the resident numbers of these people, for a tax statement or an export that the
    /// law requires. Each call writes a `resident-numbers-revealed` audit entry (per plan) naming
    /// the people and the purpose. People without a resident number are absent from the result.
    public func revealResidentNumbers(personIDs: [Int64], purpose: String, actor: String) throws -> [Int64: ResidentNumber] {
        try reveal(personIDs: personIDs, purpose: purpose, actor: actor, action: .residentNumbersRevealed,
                   hasCipher: { $0.rrnCipher != nil }) { person, keys in
            guard let cipher = person.rrnCipher else { return nil }
            guard let digits = keys.open(cipher, field: .residentNumber, owner: person.sealOwner),
                  case .success(let number) = ResidentNumber.parse(digits) else { return .failure }
            return .value(number)
        }
    }

    /// Decrypts the bank accounts of these people, for a transfer file. Each call writes an
    /// `accounts-revealed` audit entry (per plan). People without an account are absent.
    public func revealAccounts(personIDs: [Int64], purpose: String, actor: String) throws -> [Int64: BankAccount] {
        try reveal(personIDs: personIDs, purpose: purpose, actor: actor, action: .accountsRevealed,
                   hasCipher: { $0.accountCipher != nil }) { person, keys in
            guard let cipher = person.accountCipher else { return nil }
            guard let number = keys.open(cipher, field: .account, owner: person.sealOwner) else { return .failure }
            return .value(BankAccount(bank: person.bank, number: number))
        }
    }

    private enum Revealed<Value> { case value(Value), failure }

    private func reveal<Value>(personIDs: [Int64], purpose: String, actor: String, action: AuditAction,
                               hasCipher: (PersonRecord) -> Bool,
                               _ decrypt: (PersonRecord, VaultKeys) -> Revealed<Value>?) throws -> [Int64: Value] {
        let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !purpose.isEmpty else { throw StoreError.reasonRequired }
        let ids = Array(Set(personIDs)).sorted()
        guard !ids.isEmpty else { return [:] }
        return try writer.write { db in
            let people = try PersonRecord.fetchAll(db, keys: ids).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
            if let missing = ids.first(where: { id in !people.contains { $0.id == id } }) { throw StoreError.unknownPerson(missing) }
            var out: [Int64: Value] = [:]
            // Ask for the key only when there is something to decrypt.
            if people.contains(where: { hasCipher($0) }) {
                let keys = try self.keys(db, for: .decrypt)
                // Numbers in full only with a key its owner alone can read.
                if let mode = vault.exposedMode { throw StoreError.keyFileExposed(path: vault.keyFile.path, mode: mode) }
                for person in people {
                    guard let id = person.id else { continue }
                    switch decrypt(person, keys) {
                    case nil: continue
                    case .failure?: throw StoreError.personalDataUnreadable(personID: id)
                    case .value(let value)?: out[id] = value
                    }
                }
            }
            for (planID, group) in Dictionary(grouping: people, by: \.planID).sorted(by: { $0.key < $1.key }) {
                try audit(db, planID: planID, actor: actor, action: action, subject: group.map(\.auditName).joined(separator: ", "),
                          detail: "purpose: \(purpose)")
            }
            return out
        }
    }

    static func checkNoDuplicates(_ entries: [RosterEntry]) throws {
        struct Key: Hashable { var name: String, role: PayableRole, event: String }
        var rows: [Key: [Int]] = [:]
        var order: [Key] = []
        for entry in entries {
            let key = Key(name: entry.name, role: entry.role, event: entry.event)
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(entry.row)
        }
        if let key = order.first(where: { (rows[$0]?.count ?? 0) > 1 }) {
            throw StoreError.duplicateRosterEntry(name: key.name, role: key.role, event: key.event, rows: rows[key] ?? [])
        }
    }

    /// What differs between a stored person and a roster row, in a fixed order.
    static func changes(from person: PersonRecord, to entry: RosterEntry, incoming: IncomingPersonalData) -> [FieldChange] {
        var changes: [FieldChange] = []
        func compare(_ name: String, _ old: String?, _ new: String?) {
            if old != new { changes.append(.plain(name, old: old, new: new)) }
        }
        compare("organization", person.organization, entry.organization)
        if person.email != entry.email { changes.append(.personal("email", nil)) }
        compare("residency", person.residency.rawValue, entry.residency.rawValue)
        compare("incomeType", person.incomeType.rawValue, entry.incomeType.rawValue)
        compare("treatyExempt", person.treatyExempt ? "yes" : "no", entry.treatyExempt ? "yes" : "no")
        if person.rrnDigest != incoming.residentNumber?.digest { changes.append(.personal("residentNumber", .residentNumber)) }
        compare("bank", person.bank, entry.bank)
        if person.accountDigest != incoming.account?.digest { changes.append(.personal("account", .account)) }
        if person.phoneDigest != incoming.phone?.digest { changes.append(.personal("phone", .phone)) }
        return changes
    }
}

/// One changed field of a person, as an audit entry names it.
enum FieldChange: CustomStringConvertible {
    /// Not personal data: the audit shows old and new values.
    case plain(String, old: String?, new: String?)
    /// Personal data: the audit names the field only.
    case personal(String, PersonalField?)

    var personalField: PersonalField? {
        if case .personal(_, let field) = self { return field }
        return nil
    }

    var description: String {
        switch self {
        case .plain(let name, let old, let new):
            func show(_ value: String?) -> String { value.map(Redaction.quoted) ?? "none" }
            return "\(name) (\(show(old)) → \(show(new)))"
        case .personal(let name, _):
            return name
        }
    }
}

/// A roster row's personal numbers, sealed and digested with the vault's keys.
struct IncomingPersonalData {
    struct Sealed {
        var cipher: Data
        var masked: String
        var digest: Data
    }

    var residentNumber: Sealed?
    var account: Sealed?
    var phone: Sealed?

    init(_ entry: RosterEntry, keys: VaultKeys?, owner: String) throws {
        func seal(_ text: String?, _ field: PersonalField, masked: (String) -> String) throws -> Sealed? {
            guard let text, let keys else { return nil }
            return Sealed(cipher: try keys.seal(text, field: field, owner: owner), masked: masked(text), digest: keys.digest(text, field: field))
        }
        residentNumber = try seal(entry.residentNumber?.digits, .residentNumber) { _ in entry.residentNumber?.masked ?? "" }
        account = try seal(entry.account.map(Self.compact), .account) { Masking.tail($0) }
        phone = try seal(entry.phone.map(Self.compact), .phone) { Masking.tail($0) }
    }

    /// `110-123 456789` → `110123456789`.
    static func compact(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "-" && !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    func apply(to person: inout PersonRecord, fields: [PersonalField]) {
        for field in fields {
            switch field {
            case .residentNumber:
                person.rrnCipher = residentNumber?.cipher
                person.rrnMasked = residentNumber?.masked
                person.rrnDigest = residentNumber?.digest
            case .account:
                person.accountCipher = account?.cipher
                person.accountMasked = account?.masked
                person.accountDigest = account?.digest
            case .phone:
                person.phoneCipher = phone?.cipher
                person.phoneMasked = phone?.masked
                person.phoneDigest = phone?.digest
            }
        }
    }
}
