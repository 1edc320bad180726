import Foundation
import PlanFiles
import PlannerCore
import Testing

/// Keys of `kind:` events: a misspelled key is one error, at that key, with a did-you-mean, whatever
/// else the event holds; and the known keys listed for a key that resembles nothing are all the kind's
/// keys, each once, whatever is missing.
@Suite("Event keys")
struct EventKeyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let events = repository.appendingPathComponent("Events")

    /// The example plans of the four kinds, which between them write every key the kinds read.
    static let plans = ["advisory-committee-2026", "staff-sns-education-2026", "influencer-fam-tour-2026", "seoul-social-conference-2026"]

    static func load(_ text: String) -> LoadedPlan {
        PlanLoader.load(data: Data(text.utf8), file: "Events/x.yaml",
                        rates: PlanLoader.rateFinder(directory: events.path, shownDirectory: "Events", defaultName: "rates.yaml"))
    }

    /// A key written in an event: its line (0-based), column (0-based, in characters) and name.
    struct Key {
        let line: Int
        let column: Int
        let name: String
    }

    /// Every key inside the `kind:` events of `lines` (but `kind` itself), block and flow style alike.
    static func eventKeys(_ lines: [String]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            guard body.hasPrefix("- kind: ") || body.hasPrefix("kind: ") else {
                index += 1
                continue
            }
            let keyIndent = indent + (body.hasPrefix("- ") ? 2 : 0)
            index += 1
            while index < lines.count {
                let inner = lines[index]
                let innerIndent = inner.prefix { $0 == " " }.count
                let trimmed = inner.drop { $0 == " " }
                if trimmed.isEmpty || trimmed.hasPrefix("#") {
                    index += 1
                    continue
                }
                if innerIndent < keyIndent || (innerIndent == keyIndent - 2 && trimmed.hasPrefix("- ")) { break }
                keys += keysOnLine(inner, line: index)
                index += 1
            }
        }
        return keys
    }

    /// `name:` at the start of a line (after `- `), or after `{` or `,` in a flow mapping; ASCII names only
    /// (Korean keys under `promotion:` are data, not keys of the kind).
    static func keysOnLine(_ text: String, line: Int) -> [Key] {
        let characters = Array(text)
        var keys: [Key] = []
        var position = 0
        var atStart = true
        while position < characters.count {
            let character = characters[position]
            if character == "#" && atStart { break }
            if atStart && (character == " " || character == "-") {
                position += 1
                continue
            }
            if atStart || character == "{" || character == "," {
                var start = atStart ? position : position + 1
                while start < characters.count && characters[start] == " " { start += 1 }
                var end = start
                while end < characters.count && characters[end].isASCII && characters[end].isLetter { end += 1 }
                if end > start + 1, end < characters.count, characters[end] == ":" {
                    keys.append(Key(line: line, column: start, name: String(characters[start..<end])))
                }
                atStart = false
                position = max(position + 1, end)
                continue
            }
            position += 1
        }
        return keys.filter { $0.name != "kind" }
    }

    @Test("every key of every kind, misspelled in an example plan, is the only error, with its suggestion", arguments: plans)
    func misspelledEventKeys(_ plan: String) throws {
        let lines = try Self.lines(of: plan)
        let keys = Self.eventKeys(lines)
        #expect(keys.count >= 10, "the plan's events have keys to misspell")
        try Self.expectOneErrorEach(misspelling: keys, in: lines, plan: plan)
    }

    /// The keys of every line outside `exchangeRates:` (whose currency codes are data, and whose
    /// misspelling leaves each foreign fee without a rate, reported at the fee).
    static func allKeys(_ lines: [String]) -> [Key] {
        var keys: [Key] = []
        var inRates = false
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("exchangeRates:") { inRates = true; continue }
            if inRates, line.first.map({ $0 != " " && $0 != "#" }) ?? false { inRates = false }
            if inRates || line.drop(while: { $0 == " " }).hasPrefix("#") { continue }
            keys += keysOnLine(line, line: index)
        }
        return keys
    }

    @Test("every other key of a plan (program, categories, items, plain lines, schedule …), misspelled, is the only error too",
          arguments: plans + ["social-city-2017", "sns-communication-2021"])
    func misspelledPlanKeys(_ plan: String) throws {
        let lines = try Self.lines(of: plan)
        let eventLines = Set(Self.eventKeys(lines).map(\.line))
        let keys = Self.allKeys(lines).filter { !eventLines.contains($0.line) }
        #expect(keys.count >= 20, "the plan has keys to misspell")
        try Self.expectOneErrorEach(misspelling: keys, in: lines, plan: plan)
    }

    static func lines(of plan: String) throws -> [String] {
        let text = try String(contentsOf: events.appendingPathComponent("\(plan).yaml"), encoding: .utf8)
        #expect(load(text).diagnostics.filter { $0.severity == .error }.isEmpty, "the example plan reads without errors")
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func expectOneErrorEach(misspelling keys: [Key], in lines: [String], plan: String,
                                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for key in keys {
            // Given the key with its last letter dropped (`meetings` → `meeting`)
            let typo = String(key.name.dropLast())
            var changed = lines
            var characters = Array(changed[key.line])
            characters.replaceSubrange(key.column..<(key.column + key.name.count), with: typo)
            changed[key.line] = String(characters)
            // When the plan is read
            let errors = load(changed.joined(separator: "\n")).diagnostics.filter { $0.severity == .error }
            // Then the typo is the one error, at the key, suggesting the key
            #expect(errors.count == 1, "\(plan):\(key.line + 1) \(key.name) → \(typo): \(errors.map(\.headline))", sourceLocation: sourceLocation)
            let error = try #require(errors.first, sourceLocation: sourceLocation)
            #expect(error.location == PlannerCore.SourceLocation(file: "Events/x.yaml", line: key.line + 1, column: key.column + 1), sourceLocation: sourceLocation)
            #expect(error.path.hasSuffix(typo), sourceLocation: sourceLocation)
            #expect(error.message == "unknown key \"\(typo)\"", sourceLocation: sourceLocation)
            #expect(error.hint == "did you mean \"\(key.name)\"?", sourceLocation: sourceLocation)
        }
    }

    /// The whole keys of each kind, in the order the hint lists them.
    static let kindKeys: [(kind: String, keys: String)] = [
        ("advisory", "kind, name, id, package, members, meetings, dates, allowance, operatingCost, writtenReviews, reviewAllowance"),
        ("education", "kind, name, id, package, grade, hours, lecturerFee, sessions, dates, headcount, manuscripts, manuscriptFee, materials, venue, names, unit"),
        ("fam-tour", "kind, name, id, package, influencers, tours, dates, perPerson, costs, layout, lineName"),
        ("conference", "kind, name, id, package, dates, days, attendees, speakers, venue, services, promotion, print, lineNames"),
    ]

    static func plan(event: String) -> String {
        """
        program: 테스트 사업
        year: 2017
        categories:
          - name: 사무관리비
            items:
              - name: 행사
                lines:
        \(event.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n"))
        """
    }

    @Test("a key that resembles none lists all the kind's keys, each once, even when required keys are missing",
          arguments: [
            ("advisory", "- kind: advisory\n  zzzzzz: 1", 3),
            ("advisory", "- kind: advisory\n  members: [김민준, 이서연]\n  meetings: 2\n  zzzzzz: 1", 1),
            ("education", "- kind: education\n  zzzzzz: 1", 2),
            ("education", "- kind: education\n  sessions:\n    - { date: 2017-03-08 }\n  grade: grade1\n  hours: 2\n  zzzzzz: 1", 1),
            ("fam-tour", "- kind: fam-tour\n  zzzzzz: 1", 4),
            ("fam-tour", "- kind: fam-tour\n  influencers: 2\n  tours:\n    - { date: 2017-04-18 }\n  perPerson: 150,000원\n  zzzzzz: 1", 1),
            ("conference", "- kind: conference\n  zzzzzz: 1", 1),
            ("conference", "- kind: conference\n  days: 2\n  speakers: 1,000,000원\n  zzzzzz: 1", 1),
          ])
    func knownKeys(_ kind: String, _ event: String, _ errorCount: Int) throws {
        let errors = Self.load(Self.plan(event: event)).diagnostics.filter { $0.severity == .error }
        #expect(errors.count == errorCount, "\(errors.map(\.headline))")
        let unknown = try #require(errors.first { $0.message == "unknown key \"zzzzzz\"" })
        let expected = try #require(Self.kindKeys.first { $0.kind == kind }).keys
        #expect(unknown.hint == "known keys here: \(expected)")
    }
}
