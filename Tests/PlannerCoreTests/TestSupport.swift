@testable import PlannerCore

/// An amount written in 천원 on a budget page, as won: `kw(13_500)` is 13,500천원 = 13,500,000원.
func kw(_ thousands: Int64) -> Won { Won(thousands * 1_000) }

/// A location in the plan file most tests pretend to read.
func at(_ line: Int, _ column: Int, file: String = "Events/social.yaml") -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
}
