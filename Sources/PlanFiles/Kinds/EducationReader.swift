import EducationKind
import PlannerCore
import Yams

/// Reads an `education` event: staff education sessions with lecturer and manuscript fees, materials
/// and, optionally, a rented room.
///
/// ```yaml
/// - kind: education
///   name: 직원 소셜미디어 전문가 교육
///   sessions: 12               # 교육 횟수, or a list of sessions (below)
///   dates: [2017-03-08, …]     # optional with a count: at most one per session, in order
///   headcount: 40              # optional: target headcount (교육 인원) per session
///   grade: grade1              # lecturer grade of the rate table (special 특별강사, grade1 1급, grade2 2급)
///   hours: 2                   # hours per session: fee = firstHour + extraHour × (hours − 1)
///   lecturerFee: 500,000원      # optional: the fee per session, instead of grade and hours
///   manuscripts: 12            # optional: 원고 건수; one per session by default, 0 for none
///   manuscriptFee: 300,000원    # optional: the standard lecturer.manuscript otherwise
///   materials: 10,400,000원     # optional: 교재제작 등 운영비, a lump sum
///   venue:                     # optional: a rented room
///     rooms: 1                 # default 1
///     days: 12                 # default one per session
///     rate: 500,000원           # per room per day; the standard education.roomDay otherwise
///   unit: 회                    # optional: the unit word of the session count
///   names:                     # optional: line names (these are the defaults)
///     lecturer: 강사료
///     manuscript: 원고료
///     venue: 교육장 임차료
///     materials: 교재제작 등 운영비
/// ```
///
/// Sessions written out one by one take `date`, `topic`, `headcount`, and may replace the event's
/// `grade`, `hours` or `lecturerFee`, or say `manuscript: no`:
///
/// ```yaml
///   sessions:
///     - { date: 2026-03-11, topic: 소셜미디어 트렌드, headcount: 40, grade: special }
///     - { date: 2026-04-08, topic: 숏폼 영상 기획, manuscript: no }
/// ```
/// Amounts are in won, VAT included for vendors. Every rate not written is looked up for the plan's
/// first day; a written rate that departs from the standard is shown by `check` (a note with its
/// `reason:`, a warning without).
enum EducationReader {
    static func read(_ fields: Fields, origin: EventOrigin, context: ReadContext, at location: SourceLocation?) -> EventExpansion {
        var schedule: EducationSessions.Schedule?
        let terms = Terms(fields)
        var sessionTerms: [Terms] = []
        if case .sequence? = fields.value("sessions") {
            let sessions = fields.list("sessions").compactMap { element -> EducationSessions.Session? in
                guard let read = session(element.node, path: element.path, context: context) else { return nil }
                sessionTerms.append(read.terms)
                return read.session
            }
            schedule = .list(Located(sessions, at: fields.location("sessions")))
            if fields.value("dates") != nil {
                fields.problems.error(fields.value("dates"), fields.childPath("dates"),
                    "expected the dates inside the sessions list (date: on each session), got a separate dates list",
                    hint: "move each date to its session, or write sessions as a count")
            }
        } else {
            let count = fields.count("sessions", "the number of sessions", required: true)
            let dates = fields.sessionDates("dates", context: context, words: EducationSessions.words)  // read even without a count, so that it is checked and known
            schedule = count.map { .count($0, dates: dates) }
        }
        let headcount = fields.count("headcount", "the target headcount per session")
        let manuscripts = fields.count("manuscripts", "the number of manuscripts")
        let manuscriptFee = fields.writtenRate("manuscriptFee")
        let materials = fields.money("materials")
        var venue: EducationSessions.Venue?
        if let venueFields = fields.fields("venue", what: "a venue (rooms, days, rate)") {
            venue = EducationSessions.Venue(rooms: venueFields.count("rooms", "the number of rooms"),
                                            days: venueFields.count("days", "the number of days"),
                                            rate: venueFields.writtenRate("rate"),
                                            location: fields.problems.location(of: venueFields.node))
            venueFields.finish()
        }
        var names = EducationSessions.Names()
        if let nameFields = fields.fields("names", what: "line names (lecturer, manuscript, venue, materials)") {
            names.lecturer = nameFields.text("lecturer") ?? names.lecturer
            names.manuscript = nameFields.text("manuscript") ?? names.manuscript
            names.venue = nameFields.text("venue") ?? names.venue
            names.materials = nameFields.text("materials") ?? names.materials
            nameFields.finish()
        }
        let unit = fields.text("unit")
        // Every session needs a fee, or a grade and hours to compute it from; a value written but
        // unreadable is reported where it is written, so the event is not expanded then.
        guard let schedule, lecturerTermsComplete(event: terms, sessions: sessionTerms, fields: fields) else { return EventExpansion() }
        var input = EducationSessions.Input(schedule: schedule, headcount: headcount, lecturer: terms.lecturer, manuscripts: manuscripts,
                                            manuscriptFee: manuscriptFee, venue: venue, materials: materials)
        input.names = names
        if let unit, !unit.isEmpty { input.unit = unit }
        return EducationSessions.expand(input, origin: origin, rates: context.rates(), at: location, path: fields.path)
    }

    /// `grade`, `hours` and `lecturerFee` of an event or a session, and which of them are written at
    /// all (a value can be written and still be unreadable).
    struct Terms {
        var lecturer: EducationSessions.Lecturer
        var gradeWritten: Bool
        var hoursWritten: Bool
        var feeWritten: Bool
        var unreadable: Bool

        init(_ fields: Fields) {
            gradeWritten = fields.value("grade") != nil
            hoursWritten = fields.value("hours") != nil
            feeWritten = fields.value("lecturerFee") != nil
            lecturer = EducationSessions.Lecturer(grade: fields.text("grade").map { Located($0, at: fields.location("grade")) },
                                                  hours: EducationReader.hours(fields), fee: fields.writtenRate("lecturerFee"))
            unreadable = (gradeWritten && lecturer.grade == nil) || (hoursWritten && lecturer.hours == nil) || (feeWritten && lecturer.fee == nil)
        }
    }

    /// Whether every session can be paid: by a fee written for it (its own, or the event's when it has
    /// no grade or hours of its own), or by a grade and hours. Reports the grade or hours missing once,
    /// in the event (as a missing key, so a misspelled key is reported instead).
    static func lecturerTermsComplete(event: Terms, sessions: [Terms], fields: Fields) -> Bool {
        var missingGrade = false, missingHours = false
        for own in sessions.isEmpty ? [nil] : sessions.map(Optional.some) {
            let ownTerms = (own?.gradeWritten ?? false) || (own?.hoursWritten ?? false)
            if (own?.feeWritten ?? false) || (!ownTerms && event.feeWritten) { continue }
            missingGrade = missingGrade || !((own?.gradeWritten ?? false) || event.gradeWritten)
            missingHours = missingHours || !((own?.hoursWritten ?? false) || event.hoursWritten)
        }
        let hint = "or write the fee per session yourself: lecturerFee: 500,000원"
        if missingGrade { fields.missing("grade", "the lecturer grade in the rate table, e.g. grade1", hint: hint) }
        if missingHours { fields.missing("hours", "the hours per session, e.g. 2", hint: hint) }
        return !missingGrade && !missingHours && !event.unreadable && !sessions.contains { $0.unreadable }
    }

    /// Hours per session: a whole number, `2` or `2시간`. Zero and too many hours are the kind's to report.
    static func hours(_ fields: Fields) -> Located<Int64>? {
        guard let node = fields.value("hours") else { return nil }
        if case .scalar(let scalar) = node {
            var text = scalar.string.trimmingCharacters(in: .whitespaces)
            if text.hasSuffix("시간") { text = String(text.dropLast(2)).trimmingCharacters(in: .whitespaces) }
            if !text.isEmpty, text.count <= 6, text.allSatisfy({ $0.isASCII && $0.isNumber }), let hours = Int64(text) {
                return Located(hours, at: fields.problems.location(of: node))
            }
        }
        fields.problems.error(node, fields.childPath("hours"),
            "expected the hours per session as a whole number from 1 to \(EducationSessions.maximumHours), got \(describe(node))",
            hint: "the fee is paid by whole hours: the first hour, then each further hour")
        return nil
    }

    /// One session of a `sessions:` list.
    static func session(_ node: Node, path: String, context: ReadContext) -> (session: EducationSessions.Session, terms: Terms)? {
        guard let fields = Fields(node, path: path, problems: context.problems, what: "a session (date, topic, headcount)") else { return nil }
        defer { fields.finish() }
        let terms = Terms(fields)
        let session = EducationSessions.Session(date: fields.sessionDate("date", context: context, words: EducationSessions.words)?.value, topic: fields.text("topic"),
                                                headcount: fields.count("headcount", "the target headcount")?.value,
                                                lecturer: terms.lecturer, paysManuscript: yesNo(fields, "manuscript") ?? true,
                                                location: context.problems.location(of: node), path: path)
        return (session, terms)
    }

    /// `yes`/`no` (also `true`/`false`).
    static func yesNo(_ fields: Fields, _ key: String) -> Bool? {
        guard let node = fields.value(key) else { return nil }
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "yes", "true": return true
            case "no", "false": return false
            default: break
            }
        }
        fields.problems.error(node, fields.childPath(key), "expected yes or no, got \(describe(node))",
                              hint: "manuscript: no when no manuscript is paid for this session")
        return nil
    }
}
