import Foundation
import Testing

/// The column of a budget class like `201-01 사무관리비` has one name in every CSV the planner writes:
/// 통계목 (the 편성목 is `201 일반운영비`, one level up).
@Suite("The 통계목 column in every sheet")
struct SheetColumnNameTests {
    @Test("budget, status and procurement CSVs name the 201-01 column 통계목코드 and 통계목, and none says 편성목")
    func classColumn() throws {
        try Sandbox.with { sandbox in
            let store = AttendanceEndToEndTests.Store(sandbox: sandbox)
            let plan = AttendanceEndToEndTests.plan
            // A spending entry, so that the year has a database to report on.
            #expect(try store.run("spend", plan, "국제(내)컨퍼런스 개최", "1,000,000원", "--date", "2017-09-01").status == 0)
            let budget = try store.run("budget", plan, "--format", "csv").stdout
            let status = try store.run("status", plan, "--format", "csv", "--as-of", "2017-12-31").stdout
            #expect(try store.run("export", plan, "--format", "csv", "--out", "sheets").status == 0)
            let procurement = String(decoding: try Data(contentsOf: sandbox.directory.appendingPathComponent("sheets/procurement.csv")), as: UTF8.self)
            for (name, csv) in [("budget", budget), ("status", status), ("procurement", procurement)] {
                let lines = csv.split(separator: "\r\n").map(String.init)
                let header = lines.first ?? ""
                #expect(header.contains("통계목코드,통계목,"), "\(name): \(header)")
                #expect(!csv.contains("편성목"), "\(name): \(header)")
                // and the column holds 통계목 codes: 201-01, 201-03
                #expect(lines.dropFirst().allSatisfy { $0.contains(",201-01,사무관리비,") || $0.contains(",201-03,행사운영비,") || $0.hasPrefix("201-0") },
                        "\(name)")
            }
        }
    }
}
