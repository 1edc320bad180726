import Foundation
import GRDB
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("Roster import")
struct RosterTests {
    let folder: TemporaryFolder
    let database: AppDatabase
    let plan: Int64

    init() throws {
        folder = try TemporaryFolder()
        database = try AppDatabase.inMemory(keyFile: folder.keyFile, clock: fixedClock)
        plan = try database.planID(program: "social-city", year: 2017)
    }

    @Test("people are stored with masked numbers only")
    func maskedPeople() throws {
        defer { folder.remove() }
        let roster = try committeeRoster(count: 2) + [
            RosterEntry(row: 3, name: "Jane Roe", role: .speaker, event: "conference", residency: .nonresident, incomeType: .nonresident,
                        treatyExempt: true),
        ]
        #expect(try database.importRoster(planID: plan, entries: roster, actor: "kim") == RosterImportResult(added: 3, updated: 0, unchanged: 0))

        let people = try database.people(planID: plan)
        #expect(people == [
            StoredPerson(id: 1, name: "위원01", role: .allowance, event: "advisory-committee", organization: "서울연구원",
                         email: "member01@example.org", residency: .resident, incomeType: .other, treatyExempt: false,
                         rrnMasked: "610315-1******", bank: "국민은행", accountMasked: "********5601", phoneMasked: "*******7701"),
            StoredPerson(id: 2, name: "위원02", role: .allowance, event: "advisory-committee", organization: "서울연구원",
                         email: "member02@example.org", residency: .resident, incomeType: .other, treatyExempt: false,
                         rrnMasked: "620315-1******", bank: "국민은행", accountMasked: "********5602", phoneMasked: "*******7702"),
            StoredPerson(id: 3, name: "Jane Roe", role: .speaker, event: "conference", organization: nil, email: nil,
                         residency: .nonresident, incomeType: .nonresident, treatyExempt: true, rrnMasked: nil, bank: nil,
                         accountMasked: nil, phoneMasked: nil),
        ])
        #expect(people.map(\.hasResidentNumber) == [true, true, false])
        #expect(FileManager.default.fileExists(atPath: folder.keyFile.path))
    }

    @Test("re-importing the same roster changes nothing and logs nothing")
    func idempotent() throws {
        defer { folder.remove() }
        let roster = try committeeRoster()
        #expect(try database.importRoster(planID: plan, entries: roster, actor: "kim") == RosterImportResult(added: 15, updated: 0, unchanged: 0))
        let rowsBefore = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM person ORDER BY id") }
        let auditBefore = try database.auditLog(planID: plan)
        #expect(auditBefore.map(\.action) == [.rosterImported])
        #expect(auditBefore.map(\.detail) == ["added 15, updated 0, unchanged 0"])

        #expect(try database.importRoster(planID: plan, entries: roster, actor: "lee") == RosterImportResult(added: 0, updated: 0, unchanged: 15))

        let rowsAfter = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM person ORDER BY id") }
        #expect(rowsAfter == rowsBefore)
        #expect(try database.auditLog(planID: plan) == auditBefore)
    }

    @Test("a changed row updates the person and the audit names the fields, not personal values")
    func changedRow() throws {
        defer { folder.remove() }
        var roster = try committeeRoster(count: 3)
        _ = try database.importRoster(planID: plan, entries: roster, actor: "kim")

        // Given: member 2 moved, has a new resident number on file, and no account any more.
        roster[1].organization = "서울시"
        roster[1].residentNumber = try residentNumber("620315-2000102")
        roster[1].account = nil
        roster[1].bank = nil
        // And: member 3 wrote the same phone number with spaces instead of hyphens.
        roster[2].phone = "010 5503 7703"

        let result = try database.importRoster(planID: plan, entries: roster, actor: "lee")

        #expect(result == RosterImportResult(added: 0, updated: 1, unchanged: 2))
        let entries = try database.auditLog(planID: plan)
        #expect(entries.count == 3)
        #expect(entries[1] == AuditEntry(id: 2, at: fixedNow, actor: "lee", action: .personUpdated, planID: plan,
                                         subject: "위원02 (allowance, advisory-committee)",
                                         detail: "changed organization (\"서울연구원\" → \"서울시\"), residentNumber, bank (\"국민은행\" → none), account"))
        #expect(entries[2].detail == "added 0, updated 1, unchanged 2")
        for entry in entries {
            for form in clearForms(of: roster[1]) + ["6203152000102", "620315-2000102", "110-202-345602"] {
                #expect(!entry.detail.contains(form) && !entry.subject.contains(form))
            }
        }
        let member = try #require(try database.people(planID: plan).first { $0.name == "위원02" })
        #expect(member.rrnMasked == "620315-2******")
        #expect(member.accountMasked == nil)
        #expect(member.bank == nil)
        #expect(member.organization == "서울시")
        #expect(try database.revealResidentNumbers(personIDs: [member.id], purpose: "check", actor: "lee")[member.id]?.digits == "6203152000102")
    }

    @Test("a person named twice in one roster is refused and nothing is stored")
    func duplicates() throws {
        defer { folder.remove() }
        var roster = try committeeRoster(count: 3)
        roster.append(RosterEntry(row: 4, name: "위원02", role: .allowance, event: "advisory-committee"))

        #expect(throws: StoreError.duplicateRosterEntry(name: "위원02", role: .allowance, event: "advisory-committee", rows: [2, 4])) {
            try database.importRoster(planID: plan, entries: roster, actor: "kim")
        }
        #expect(try database.people(planID: plan).isEmpty)
        #expect(try database.auditLog(planID: plan).isEmpty)
    }

    @Test("the same name in another role is another person")
    func sameNameOtherRole() throws {
        defer { folder.remove() }
        let roster = [
            RosterEntry(row: 1, name: "홍길동", role: .lecturer, event: "staff-education"),
            RosterEntry(row: 2, name: "홍길동", role: .manuscript, event: "staff-education"),
        ]
        #expect(try database.importRoster(planID: plan, entries: roster, actor: "kim").added == 2)
        #expect(try database.people(planID: plan).map(\.role) == [.lecturer, .manuscript])
    }

    @Test("an unknown plan is refused")
    func unknownPlan() throws {
        defer { folder.remove() }
        #expect(throws: StoreError.unknownPlan(99)) {
            try database.importRoster(planID: 99, entries: try committeeRoster(count: 1), actor: "kim")
        }
    }

    @Test("revealing decrypts and writes who, why and whose numbers to the audit log")
    func reveal() throws {
        defer { folder.remove() }
        let roster = try committeeRoster(count: 2) + [RosterEntry(row: 3, name: "무기명", role: .allowance, event: "advisory-committee")]
        _ = try database.importRoster(planID: plan, entries: roster, actor: "kim")

        let numbers = try database.revealResidentNumbers(personIDs: [1, 2, 3], purpose: "간이지급명세서 2017-03", actor: "park")
        let accounts = try database.revealAccounts(personIDs: [2], purpose: "transfer file for batch 1", actor: "park")

        #expect(numbers.mapValues(\.digits) == [1: "6103151000101", 2: "6203151000102"])
        #expect(accounts == [2: BankAccount(bank: "국민은행", number: "110202345602")])
        #expect(accounts[2]?.description == "국민은행 ********5602")
        let log = try database.auditLog(planID: plan).dropFirst()
        #expect(log.map(\.action) == [.residentNumbersRevealed, .accountsRevealed])
        #expect(log.map(\.actor) == ["park", "park"])
        #expect(log.map(\.subject) == ["위원01 (allowance, advisory-committee), 위원02 (allowance, advisory-committee), 무기명 (allowance, advisory-committee)",
                                       "위원02 (allowance, advisory-committee)"])
        #expect(log.map(\.detail) == ["purpose: 간이지급명세서 2017-03", "purpose: transfer file for batch 1"])
    }

    @Test("revealing needs a purpose and known people")
    func revealRefusals() throws {
        defer { folder.remove() }
        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 1), actor: "kim")
        #expect(throws: StoreError.reasonRequired) { try database.revealResidentNumbers(personIDs: [1], purpose: " ", actor: "park") }
        #expect(throws: StoreError.unknownPerson(7)) { try database.revealAccounts(personIDs: [1, 7], purpose: "transfer", actor: "park") }
        #expect(try database.auditLog(planID: plan).count == 1)
    }
}
