import Foundation
import GRDB
import PlannerCore
import Testing
@testable import PlannerStore

@Suite("Personal data at rest")
struct VaultTests {
    /// The main file and whatever WAL files exist next to it.
    func databaseFiles(_ path: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            files[suffix.isEmpty ? "main" : suffix] = try Data(contentsOf: URL(fileURLWithPath: path + suffix))
        }
        return files
    }

    /// Which clear forms appear in which file; reports only the masked forms, never the numbers.
    func leaks(of roster: [RosterEntry], in files: [String: Data]) -> [String] {
        var found: [String] = []
        for entry in roster {
            for form in clearForms(of: entry) {
                for (name, bytes) in files.sorted(by: { $0.key < $1.key }) where bytes.range(of: Data(form.utf8)) != nil {
                    found.append("\(name): a number of \(entry.name) (\(Masking.tail(form)))")
                }
            }
        }
        return found
    }

    @Test("no resident number, account or phone number is in the database files in clear")
    func encryptedAtRest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let roster = try committeeRoster()
        let database = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try database.planID(program: "social-city", year: 2017)
        _ = try database.importRoster(planID: plan, entries: roster, actor: "kim")
        // A second import with changed numbers leaves old pages behind: they must not hold clear text either.
        var changed = roster
        changed[0].account = "333-22-111111"
        _ = try database.importRoster(planID: plan, entries: changed, actor: "kim")
        _ = try database.revealResidentNumbers(personIDs: [1, 2], purpose: "tax statement", actor: "park")

        // While open: the WAL holds the recent pages.
        let open = try databaseFiles(path)
        #expect(open.keys.contains("-wal"))
        #expect(leaks(of: roster + changed, in: open) == [])

        try database.close()
        let closed = try databaseFiles(path)
        #expect(leaks(of: roster + changed, in: closed) == [])
        // The search is real: it finds a planted number, and the masked forms and names are there.
        let planted = Data("..".utf8) + Data(try #require(roster[3].account).utf8) + Data("..".utf8)
        #expect(leaks(of: roster, in: ["planted": planted]) == ["planted: a number of 위원04 (**********5604)"])
        let main = try #require(closed["main"])
        #expect(main.range(of: Data("610315-1******".utf8)) != nil)
        #expect(main.range(of: Data("위원15".utf8)) != nil)
    }

    @Test("the key file is 32 bytes, mode 0600, in a folder created with mode 0700, and only when first needed")
    func keyFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try AppDatabase.inMemory(keyFile: folder.keyFile)
        let plan = try database.planID(program: "social-city", year: 2017)
        _ = try database.importRoster(planID: plan, entries: [RosterEntry(row: 1, name: "무기명", role: .allowance, event: "advisory-committee")],
                                      actor: "kim")
        #expect(!FileManager.default.fileExists(atPath: folder.keyFile.path))
        #expect(try database.keyStatus() == .notCreated)

        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 1), actor: "kim")

        let attributes = try FileManager.default.attributesOfItem(atPath: folder.keyFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.keyFile.deletingLastPathComponent().path)
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.keyFile.deletingLastPathComponent().path) == ["planner.key"])
        #expect(try database.keyStatus() == .ready)
    }

    @Test("without the key file: masked reads and attendance work, decrypting and encrypting say the key is missing")
    func keyMissing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let first = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try first.planID(program: "social-city", year: 2017)
        _ = try first.importRoster(planID: plan, entries: try committeeRoster(count: 2), actor: "kim")
        try first.close()

        // Given: the same database on a machine without the key file.
        let missing = folder.url.appendingPathComponent("elsewhere/planner.key")
        let database = try AppDatabase.open(path: path, keyFile: missing)

        #expect(try database.keyStatus() == .missing)
        #expect(try database.people(planID: plan).map(\.rrnMasked) == ["610315-1******", "620315-1******"])
        #expect(try database.recordAttendance(planID: plan, sessionID: "advisory-committee/1", personID: 1, actor: "kim"))
        #expect(throws: StoreError.keyMissing(path: missing.path)) {
            try database.revealResidentNumbers(personIDs: [1], purpose: "tax statement", actor: "park")
        }
        #expect(throws: StoreError.keyMissing(path: missing.path)) {
            try database.revealAccounts(personIDs: [1], purpose: "transfer", actor: "park")
        }
        #expect(throws: StoreError.keyMissing(path: missing.path)) {
            try database.importRoster(planID: plan, entries: try committeeRoster(count: 3), actor: "kim")
        }
        // A roster without numbers still imports (here: a member whose numbers are not on file yet).
        #expect(try database.importRoster(planID: plan, entries: [RosterEntry(row: 1, name: "신규", role: .allowance, event: "advisory-committee")],
                                          actor: "kim").added == 1)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        #expect(!FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path))
        try database.close()
    }

    @Test("a key file that is not this database's key is detected")
    func wrongKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("planner.sqlite")
        let first = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        let plan = try first.planID(program: "social-city", year: 2017)
        _ = try first.importRoster(planID: plan, entries: try committeeRoster(count: 2), actor: "kim")
        try first.close()

        let other = folder.url.appendingPathComponent("other.key")
        try Data((0..<32).map { UInt8($0) }).write(to: other)
        let database = try AppDatabase.open(path: path, keyFile: other)

        #expect(try database.keyStatus() == .mismatch)
        #expect(throws: StoreError.keyMismatch(path: other.path)) {
            try database.revealResidentNumbers(personIDs: [1], purpose: "tax statement", actor: "park")
        }
        #expect(throws: StoreError.keyMismatch(path: other.path)) {
            try database.importRoster(planID: plan, entries: try committeeRoster(count: 2), actor: "kim")
        }
        #expect(try database.people(planID: plan).count == 2)
        try database.close()

        // The right key still works.
        let right = try AppDatabase.open(path: path, keyFile: folder.keyFile)
        #expect(try right.revealResidentNumbers(personIDs: [1], purpose: "tax statement", actor: "park")[1]?.masked == "610315-1******")
        try right.close()
    }

    @Test("a key file of the wrong size is refused")
    func invalidKeyFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bad = folder.url.appendingPathComponent("bad.key")
        try Data("not a key\n".utf8).write(to: bad)
        let database = try AppDatabase.inMemory(keyFile: bad)
        let plan = try database.planID(program: "social-city", year: 2017)
        #expect(throws: StoreError.keyFileInvalid(path: bad.path)) {
            try database.importRoster(planID: plan, entries: try committeeRoster(count: 1), actor: "kim")
        }
        #expect(try database.keyStatus() == .mismatch)
        #expect(try Data(contentsOf: bad) == Data("not a key\n".utf8))
    }

    @Test("an altered ciphertext is reported, not returned")
    func tampered() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let database = try AppDatabase.inMemory(keyFile: folder.keyFile)
        let plan = try database.planID(program: "social-city", year: 2017)
        _ = try database.importRoster(planID: plan, entries: try committeeRoster(count: 2), actor: "kim")
        // A flipped byte.
        try database.writer.write { db in
            try db.execute(sql: "UPDATE person SET rrnCipher = substr(rrnCipher, 1, 20) || x'00' || substr(rrnCipher, 22) WHERE id = 2")
        }
        #expect(throws: StoreError.personalDataUnreadable(personID: 2)) {
            try database.revealResidentNumbers(personIDs: [1, 2], purpose: "tax statement", actor: "park")
        }
        // Another person's ciphertext copied into this row.
        try database.writer.write { db in
            try db.execute(sql: "UPDATE person SET rrnCipher = (SELECT rrnCipher FROM person WHERE id = 1) WHERE id = 2")
        }
        #expect(throws: StoreError.personalDataUnreadable(personID: 2)) {
            try database.revealResidentNumbers(personIDs: [2], purpose: "tax statement", actor: "park")
        }
        // An account ciphertext in the resident-number column does not open either.
        try database.writer.write { db in try db.execute(sql: "UPDATE person SET rrnCipher = accountCipher WHERE id = 1") }
        #expect(throws: StoreError.personalDataUnreadable(personID: 1)) {
            try database.revealResidentNumbers(personIDs: [1], purpose: "tax statement", actor: "park")
        }
    }

    @Test("digests match equal numbers, differ between fields, and depend on the key")
    func digests() {
        let one = VaultKeys(master: Data(repeating: 1, count: 32))
        let two = VaultKeys(master: Data(repeating: 2, count: 32))
        #expect(one.digest("7112311234567", field: .residentNumber) == one.digest("7112311234567", field: .residentNumber))
        #expect(one.digest("7112311234567", field: .residentNumber) != one.digest("7112311234568", field: .residentNumber))
        #expect(one.digest("7112311234567", field: .residentNumber) != one.digest("7112311234567", field: .account))
        #expect(one.digest("7112311234567", field: .residentNumber) != two.digest("7112311234567", field: .residentNumber))
        #expect(one.fingerprint != two.fingerprint)
        #expect(one.fingerprint.count == 64)
    }
}
