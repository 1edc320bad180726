/// One check-in of a sign-in sheet (who came to which session, and when), as the sheet's reader
/// (`AttendanceSheetReader` in PlanFiles) finds it and the store (`SignInSheet`) resolves it.
public struct SignInLine: Sendable, Equatable {
    /// The physical line (1-based) of the file the row starts on.
    public var line: Int
    /// The session as written, surrounding spaces removed.
    public var session: String
    /// The person as written, surrounding spaces removed.
    public var person: String
    /// When the person signed in, as `2017-03-15T14:00` (always with `T`); nil when not given.
    public var time: String?

    public init(line: Int, session: String, person: String, time: String? = nil) {
        self.line = line
        self.session = session
        self.person = person
        self.time = time
    }
}
