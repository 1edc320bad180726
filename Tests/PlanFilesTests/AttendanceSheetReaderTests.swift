import Foundation
import PlanFiles
import PlannerCore
import Testing

@Suite("Attendance sheet reader")
struct AttendanceSheetReaderTests {
    typealias Row = AttendanceSheetReader.Row

    func read(_ text: String) -> (rows: [Row], diagnostics: [Diagnostic]) {
        AttendanceSheetReader.read(Data(text.utf8), file: "sheet.csv")
    }

    @Test("a sheet reads into rows with their lines; both time forms come out with T, and time may be empty")
    func englishSheet() {
        let (rows, diagnostics) = read("""
            session,person,time
            social-city-committee/1,김민수,2017-03-15 14:00
            social-city-committee/1, 이영희 ,2017-03-15T09:05
            social-city-committee/2,김민수,
            social-city-committee/2,박지원,2017-04-20 9:30
            """)
        #expect(diagnostics.isEmpty)
        #expect(rows == [
            Row(line: 2, session: "social-city-committee/1", person: "김민수", time: "2017-03-15T14:00"),
            Row(line: 3, session: "social-city-committee/1", person: "이영희", time: "2017-03-15T09:05"),
            Row(line: 4, session: "social-city-committee/2", person: "김민수", time: nil),
            Row(line: 5, session: "social-city-committee/2", person: "박지원", time: "2017-04-20T09:30"),
        ])
    }

    @Test("the time column is optional; Korean headers in any order; a signature column is not read")
    func koreanHeaders() {
        let (rows, diagnostics) = read("성명,회차\n김민수,social-city-committee/3\n")
        #expect(diagnostics.isEmpty)
        #expect(rows == [Row(line: 2, session: "social-city-committee/3", person: "김민수")])
        let (timed, problems) = read("시각,이름,세션\n2017-05-01 10:00,이영희,social-city-committee/4\n")
        #expect(problems.isEmpty)
        #expect(timed == [Row(line: 2, session: "social-city-committee/4", person: "이영희", time: "2017-05-01T10:00")])
        let (named, more) = read("Session,Name,시간,서명\nsocial-city-committee/4,Jane Smith,,(signed)\n")
        #expect(more.isEmpty)
        #expect(named == [Row(line: 2, session: "social-city-committee/4", person: "Jane Smith")])
    }

    @Test("CP949 bytes and a UTF-8 byte-order mark are read")
    func encodings() throws {
        let text = "회차,성명,시각\r\nsocial-city-committee/1,김똠,2017-03-15 14:00\r\n"
        let cp949 = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0422)))
        #expect(String(data: cp949, encoding: .utf8) == nil)
        let expected = [Row(line: 2, session: "social-city-committee/1", person: "김똠", time: "2017-03-15T14:00")]
        let fromCP949 = AttendanceSheetReader.read(cp949, file: "sheet.csv")
        #expect(fromCP949.diagnostics.isEmpty)
        #expect(fromCP949.rows == expected)
        let withMark = AttendanceSheetReader.read(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), file: "sheet.csv")
        #expect(withMark.diagnostics.isEmpty)
        #expect(withMark.rows == expected)
        let neither = AttendanceSheetReader.read(Data([0x41, 0x0A, 0x41, 0xB0]), file: "sheet.csv")
        #expect(neither.diagnostics.map(\.headline) == ["error: sheet.csv: expected UTF-8 or CP949 (EUC-KR) text, got bytes that are neither"])
    }

    @Test("quoted names with commas and line breaks keep the following lines' numbers right")
    func quotedFields() {
        let (rows, diagnostics) = read("""
            session,person,time
            social-city-committee/1,"Smith, Jane",

            social-city-committee/1,"Kim
            Minsu",2017-03-15 14:00
            social-city-committee/1,박지원,2017-03-15 25:00
            """)
        #expect(rows.isEmpty)
        #expect(diagnostics.map(\.headline) == [
            "error: sheet.csv:6:1: row 3.time: expected a real date and time like 2017-03-15 14:00, got \"2017-03-15 25:00\"",
        ])
        let valid = read("session,person\n\"a/1\",\"Smith, Jane\"\n\"a/1\",\"Kim\nMinsu\"\na/2,박지원\n").rows
        #expect(valid == [
            Row(line: 2, session: "a/1", person: "Smith, Jane"),
            Row(line: 3, session: "a/1", person: "Kim\nMinsu"),
            Row(line: 5, session: "a/2", person: "박지원"),
        ])
    }

    static let badRows: [(row: String, headline: String)] = [
        (",김민수,", "error: sheet.csv:2:1: row 1.session: expected a session id like social-city-committee/1, got nothing"),
        ("social-city-committee/1,  ,", "error: sheet.csv:2:1: row 1.person: expected the name of a person on the roster, got nothing"),
        ("social-city-committee/1,김민수", "error: sheet.csv:2:1: row 1: expected 3 values (one per column of the header), got 2"),
        ("social-city-committee/1,김민수,2017-03-15 14:00,x", "error: sheet.csv:2:1: row 1: expected 3 values (one per column of the header), got 4"),
        ("social-city-committee/1,김민수,2017-03-15",
         "error: sheet.csv:2:1: row 1.time: expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \"2017-03-15\""),
        ("social-city-committee/1,김민수,14:00",
         "error: sheet.csv:2:1: row 1.time: expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \"14:00\""),
        ("social-city-committee/1,김민수,2017.3.15 14:00",
         "error: sheet.csv:2:1: row 1.time: expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \"2017.3.15 14:00\""),
        ("social-city-committee/1,김민수,2017-03-15  14:00",
         "error: sheet.csv:2:1: row 1.time: expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \"2017-03-15  14:00\""),
        ("social-city-committee/1,김민수,2017-03-15 14:00:30",
         "error: sheet.csv:2:1: row 1.time: expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \"2017-03-15 14:00:30\""),
        ("social-city-committee/1,김민수,2017-02-29 14:00",
         "error: sheet.csv:2:1: row 1.time: expected a real date and time like 2017-03-15 14:00, got \"2017-02-29 14:00\""),
        ("social-city-committee/1,김민수,2017-03-15 24:00",
         "error: sheet.csv:2:1: row 1.time: expected a real date and time like 2017-03-15 14:00, got \"2017-03-15 24:00\""),
        ("social-city-committee/1,김민수,2017-03-15 14:60",
         "error: sheet.csv:2:1: row 1.time: expected a real date and time like 2017-03-15 14:00, got \"2017-03-15 14:60\""),
        // A phone number or a resident number in the time column is not quoted as written.
        ("social-city-committee/1,김민수,010-1234-5678",
         "error: sheet.csv:2:1: row 1.time: expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \"***-****-****\""),
        ("social-city-committee/1,김민수,691015-1357924",
         "error: sheet.csv:2:1: row 1.time: expected a time like 2017-03-15 14:00 or 2017-03-15T14:00, got \"******-*******\""),
    ]

    @Test("each bad row gets its exact message at its line, and no rows are returned", arguments: badRows)
    func badRow(row: String, headline: String) {
        let (rows, diagnostics) = read("session,person,time\n" + row + "\n")
        #expect(diagnostics.map(\.headline) == [headline])
        #expect(rows.isEmpty)
    }

    @Test("every problem of the sheet is collected, in line order")
    func allProblems() {
        let (rows, diagnostics) = read("""
            session,person,time
            social-city-committee/1,김민수,2017-03-15 14:00
            ,,2017-13-01 10:00
            social-city-committee/2
            social-city-committee/2,이영희,
            """)
        #expect(rows.isEmpty)
        #expect(diagnostics.map(\.headline) == [
            "error: sheet.csv:3:1: row 2.session: expected a session id like social-city-committee/1, got nothing",
            "error: sheet.csv:3:1: row 2.person: expected the name of a person on the roster, got nothing",
            "error: sheet.csv:3:1: row 2.time: expected a real date and time like 2017-03-15 14:00, got \"2017-13-01 10:00\"",
            "error: sheet.csv:4:1: row 3: expected 3 values (one per column of the header), got 1",
        ])
    }

    @Test("header problems: a misspelt column suggests the right one; a missing one is named", arguments: [
        ("sesion,person\na/1,김민수\n", "error: sheet.csv:1:1: header: unknown column \"sesion\" (column 1)", "did you mean \"session\"?"),
        ("session,time\na/1,\n", "error: sheet.csv:1:1: header: missing column \"person\"", "add a column named \"person\" or \"name\" or \"성명\" or \"이름\""),
        ("", "error: sheet.csv: expected a header row naming the columns, got an empty file", "start the sign-in sheet with a line like: session,person,time,note"),
        ("회자,성명\na/1,김민수\n", "error: sheet.csv:1:1: header: unknown column \"회자\" (column 1)", "did you mean \"회차\"?"),
        ("session,person,비고란\na/1,김민수,\n", "error: sheet.csv:1:1: header: unknown column \"비고란\" (column 3)", "did you mean \"비고\"?"),
        ("session,person,출석여부\na/1,김민수,O\n", "error: sheet.csv:1:1: header: unknown column \"출석여부\" (column 3)",
         "the columns are session, person, time, note"),
    ])
    func badHeader(text: String, headline: String, hint: String) {
        let (rows, diagnostics) = read(text)
        #expect(diagnostics.map(\.headline) == [headline])
        #expect(diagnostics.first?.hint == hint)
        #expect(rows.isEmpty)
    }
}
