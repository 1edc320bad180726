import Foundation
import PlannerCore

/// Reads a sign-in sheet CSV file (who came to which session, and when) into rows, collecting every
/// problem of the file with its line.
///
/// Same encodings and header rules as `RosterReader`: UTF-8 with or without a byte-order mark, or
/// CP949; a header row naming the columns in English or Korean, in any order:
///
/// ```
/// session,person,time
/// social-city-committee/1,김민수,2017-03-15 14:00
/// social-city-committee/1,"Smith, Jane",
/// ```
///
/// | column | Korean | required | values |
/// | --- | --- | --- | --- |
/// | `session` | 회차, 세션 | yes | a session id as `planner sessions` shows it (not checked here) |
/// | `person` | 성명, 이름 (also `name`) | yes | a name on the roster (not checked here) |
/// | `time` | 시각, 시간 | no | `2017-03-15T14:00` or `2017-03-15 14:00`, a real date and time |
/// | `note` | 비고, 메모, 서명, signature | no | not read |
///
/// Session and person names are matched against the plan and the roster by the caller.
public enum AttendanceSheetReader {
    /// One check-in of the sheet (`SignInLine`, in PlannerCore, so that the store can take it as it is).
    public typealias Row = SignInLine

    /// Reads `data`, naming it `file` in messages.
    ///
    /// Returns the rows only when no problem is an error, so that a sheet is recorded whole or not at
    /// all. Problems are reported at `FILE:LINE:1` with the path `row N.COLUMN`, as for rosters;
    /// diagnostics come sorted by location.
    public static func read(_ data: Data, file: String) -> (rows: [Row], diagnostics: [Diagnostic]) {
        let text: String
        switch CSVFile.decode(data, file: file) {
        case .text(let decoded): text = decoded
        case .unreadable(let problem): return ([], [problem])
        }
        let table = CSVFile.table(text, file: file, columns: Column.allCases, what: "sign-in sheet")
        var diagnostics = table.diagnostics
        guard let header = table.header else { return ([], diagnostics) }

        var rows: [Row] = []
        for record in table.records {
            guard let row = header.row(record, file: file, into: &diagnostics) else { continue }
            let before = diagnostics.count
            let session = row[.session], person = row[.person]
            if row.has(.session), session == nil {
                diagnostics.append(.error(at: row.location, path: row.path(.session), "expected a session id like social-city-committee/1, got nothing",
                                          hint: "planner sessions lists the session ids of the plan"))
            }
            if row.has(.person), person == nil {
                diagnostics.append(.error(at: row.location, path: row.path(.person), "expected the name of a person on the roster, got nothing"))
            }
            var time: String?
            if let written = row[.time] {
                switch Self.time(written) {
                case .success(let normalized): time = normalized
                case .failure(let problem):
                    diagnostics.append(.error(at: row.location, path: row.path(.time), problem.message, hint: problem.hint))
                }
            }
            if diagnostics.count == before, let session, let person {
                rows.append(Row(line: record.line, session: session, person: person, time: time))
            }
        }
        if table.records.isEmpty, !diagnostics.hasErrors {
            diagnostics.append(.warning(at: SourceLocation(file: file, line: header.line, column: 1), path: "header",
                                        "the sign-in sheet has no rows under its header"))
        }
        let sorted = diagnostics.sortedBySource()
        return (sorted.hasErrors ? [] : rows, sorted)
    }

    /// Reads `2017-03-15T14:00` or `2017-03-15 14:00` (the hour may be one digit) into
    /// `2017-03-15T14:00`. The date must exist and the time be 00:00–23:59.
    public static func time(_ text: String) -> Result<String, NotationProblem> {
        // Built only on failure: a sheet of a million valid times must not pay for a million messages.
        var expected: String { "expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \(Redaction.quoted(text))" }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "T" || $0 == " " }
        guard parts.count == 2 else { return .failure(NotationProblem(expected)) }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        func number(_ piece: Substring, digits: ClosedRange<Int>) -> Int? {
            guard digits.contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(piece)
        }
        guard date.count == 3, clock.count == 2,
              let year = number(date[0], digits: 4...4), let month = number(date[1], digits: 2...2), let day = number(date[2], digits: 2...2),
              let hour = number(clock[0], digits: 1...2), let minute = number(clock[1], digits: 2...2) else {
            return .failure(NotationProblem(expected))
        }
        guard let calendarDate = CalendarDate(year: year, month: month, day: day), (0...23).contains(hour), (0...59).contains(minute) else {
            return .failure(NotationProblem("expected a real date and time like 2017-03-15 14:00, got \(Redaction.quoted(text))"))
        }
        return .success("\(calendarDate)T" + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)")
    }

    /// The columns of a sign-in sheet, with the header names accepted for each.
    enum Column: String, CaseIterable, CSVColumn {
        case session, person, time
        /// Remarks or a signature column: accepted and not read.
        case note

        var headerNames: [String] {
            switch self {
            case .session: return ["session", "회차", "세션"]
            case .person: return ["person", "name", "성명", "이름"]
            case .time: return ["time", "시각", "시간"]
            case .note: return ["note", "비고", "메모", "signature", "서명"]
            }
        }

        var isRequired: Bool { self == .session || self == .person }
    }
}
