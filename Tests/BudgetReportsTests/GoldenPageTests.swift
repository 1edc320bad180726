import BudgetReports
import Foundation
import PlannerCore
import Testing

/// The budget pages of the two reference plans, byte for byte. When an output change is intended,
/// regenerate with `bash .ci/update-golden` and review the diff; tests never rewrite these files.
@Suite("Golden budget pages")
struct GoldenPageTests {
    static let plans = ["social-city-2017", "sns-communication-2021"]

    static func render(_ page: BudgetPage, _ format: String) -> String {
        switch format {
        case "txt": return PlainTextWriter.write(BudgetPageLayout.blocks(page))
        case "md": return MarkdownWriter.write(BudgetPageLayout.blocks(page))
        case "json": return BudgetJSON.render(page)
        default: return BudgetCSV.render(page.budget)
        }
    }

    @Test("page matches its golden file", arguments: plans, ["txt", "md", "json", "csv"])
    func matchesGolden(plan: String, format: String) throws {
        let page = try Fixtures.page(plan)
        // Bytes, not strings: a BOM or a CRLF must not be lost in decoding.
        let expectedBytes = try Data(contentsOf: Fixtures.golden.appendingPathComponent("\(plan).\(format)"))
        let actual = Self.render(page, format)
        if Data(actual.utf8) != expectedBytes {
            let expected = String(decoding: expectedBytes, as: UTF8.self)
            let a = actual.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            let e = expected.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("""
                \(plan).\(format) differs from its golden file at line \((first?.offset ?? min(a.count, e.count)) + 1):
                  got:      \(first.map { String($0.element.0) } ?? "(\(a.count) lines)")
                  expected: \(first.map { String($0.element.1) } ?? "(\(e.count) lines)")
                If the change is intended, run: bash .ci/update-golden
                """)
        }
    }

    @Test("rendering twice gives the same bytes", arguments: plans)
    func deterministic(plan: String) throws {
        let first = try Fixtures.page(plan), second = try Fixtures.page(plan)
        for format in ["txt", "md", "json", "csv"] {
            #expect(Self.render(first, format) == Self.render(second, format))
        }
    }

    @Test("the text page writes lines, items and the summary in the documents' notation")
    func notation() throws {
        let text2017 = Self.render(try Fixtures.page("social-city-2017"), "txt")
        #expect(text2017.contains("  - 자문회의 참석수당 150,000원*15인*6회 = 13,500천원\n"))
        #expect(text2017.contains("○ 소셜미디어 활성화를 위한 민간 네트워크 구축 = 14,400천원\n"))
        #expect(text2017.contains("  계                                  416,500           234,400   △182,100          △43\n"))
        let text2021 = Self.render(try Fixtures.page("sns-communication-2021"), "txt")
        #expect(text2021.contains("  - 카카오 1boon 콘텐츠 제작 240,000원*주1회*52주 = 12,480천원\n"))
        #expect(text2021.contains("○ 소셜미디어를 통한 시민과의 소통 활성화 2,700,000원 = 2,700천원\n"))
        #expect(text2021.contains("  2019   524,600         0         0   524,600  516,812         0     7,788\n"))
    }

    @Test("the CSV sheet starts with a BOM, uses CRLF and plain integer amounts")
    func csvShape() throws {
        let csv = Self.render(try Fixtures.page("social-city-2017"), "csv")
        #expect(csv.hasPrefix("\u{FEFF}통계목코드,통계목,세부사업,산출내역,단가(원),산출식,금액(원),편성액(천원),행사,지급대상\r\n"))
        #expect(csv.contains("201-01,사무관리비,소셜미디어 활성화를 위한 민간 네트워크 구축,자문회의 참석수당,150000,\"150,000원*15인*6회\",13500000,13500,소셜특별시 자문위원회,allowance\r\n"))
        #expect(csv.contains("201-01,사무관리비,소셜미디어 활성화를 위한 민간 네트워크 구축,자문회의 운영경비,10000,\"10,000원*15명*6회\",900000,900,소셜특별시 자문위원회,vendor\r\n"))
        #expect(csv.contains("\"시민주도 클린소셜 캠페인 자문료, 간담회비용\""))
    }
}
