import Foundation
import PlannerCore
@testable import PlannerStore

/// A folder of its own under the temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("planner-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    /// A key file path in a folder that does not exist yet.
    var keyFile: URL { url.appendingPathComponent("keys/planner.key") }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// 2017-03-02 10:00:00 KST, in whole seconds so that it survives the database's millisecond precision.
let fixedNow = Date(timeIntervalSince1970: 1_488_416_400)
let fixedClock: @Sendable () -> Date = { fixedNow }

func residentNumber(_ text: String) throws -> ResidentNumber {
    try ResidentNumber.parse(text).get()
}

/// Members of the 2017 advisory committee, made up: resident numbers `6N0315-1000NNN`, accounts
/// `110-2NN-3456NN`, phones `010-55NN-77NN`.
func committeeRoster(count: Int = 15) throws -> [RosterEntry] {
    try (1...count).map { index in
        let two = index < 10 ? "0\(index)" : "\(index)"
        return RosterEntry(row: index, name: "위원\(two)", role: .allowance, event: "advisory-committee", organization: "서울연구원",
                           email: "member\(two)@example.org", phone: "010-55\(two)-77\(two)", residency: .resident, incomeType: .other,
                           residentNumber: try residentNumber("6\(index % 10)0315-1000\(index + 100)"), bank: "국민은행",
                           account: "110-2\(two)-3456\(two)")
    }
}

/// Every clear form a person's numbers could take in a file.
func clearForms(of entry: RosterEntry) -> [String] {
    var forms: [String] = []
    if let number = entry.residentNumber {
        forms.append(number.digits)
        forms.append(String(number.digits.prefix(6)) + "-" + String(number.digits.dropFirst(6)))
    }
    for text in [entry.account, entry.phone].compactMap({ $0 }) {
        forms.append(text)
        forms.append(text.filter { $0 != "-" })
    }
    return forms
}
