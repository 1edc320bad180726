import Foundation
import Testing

@Suite("planner sessions")
struct SessionsCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the 2017 plan expands into 12 lectures, 6 committee meetings, 12 tours and a conference day, with stable ids and fees")
    func sessions2017() throws {
        let outcome = try runPlanner(["sessions", "Events/social-city-2017.yaml", "--format", "json"], in: Self.repository)
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "")
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        let ids = sessions.compactMap { $0["id"] as? String }
        #expect(ids.count == 31)
        #expect(ids.filter { $0.hasPrefix("staff-sns-education/") }.count == 12)
        #expect(ids.filter { $0.hasPrefix("social-city-committee/") } == (1...6).map { "social-city-committee/\($0)" })
        #expect(ids.filter { $0.hasPrefix("influencer-fam-tour/") }.count == 12)
        #expect(ids.last == "international-conference/1")
        let meeting = try #require(sessions.first { ($0["id"] as? String) == "social-city-committee/1" })
        #expect(meeting["kind"] as? String == "advisory")
        #expect(meeting["payableRoles"] as? [String] == ["allowance"])
        #expect((meeting["fees"] as? [String: Int])?["allowance"] == 150_000)
        #expect(meeting["headcount"] as? Int == 15)
    }

    @Test("the text listing shows what each session pays")
    func text() throws {
        let outcome = try runPlanner(["sessions", "Events/advisory-committee-2026.yaml"], in: Self.repository)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("policy-committee-2026/1  advisory  "))
        #expect(outcome.stdout.contains("2026-02-25         12  allowance 200,000원\n"))
    }
}
