import Foundation

/// A synthetic year of a city's paid events, generated in memory and deterministic: a plan with
/// `kind:` events (advisory committees, influencer fam tours, staff education), the roster of the
/// people they pay, and a sign-in sheet of exactly `checkIns` rows spread over the sessions.
///
/// Everyone is made up. Names are common Korean surname + given-name pairs; organisations, banks and
/// e-mail domains say 가상 / example; resident numbers follow one obviously synthetic pattern that
/// `ResidentNumber.parse` accepts (`YY0101-S00NNNN`: born on 1 January, then `00` and a serial), phones are
/// `010-0000-NNNN` and accounts `000-00-NNNNNN`, as in `Events/rosters/`.
enum SyntheticEvents {
    struct World {
        /// The plan (YAML); its events take their standard rates from `ratesYAML`.
        let planYAML: String
        let ratesYAML: String
        /// A roster CSV as `planner roster import` reads it (UTF-8, Korean headers).
        let rosterCSV: Data
        /// A sign-in sheet CSV (`session,person,time`) as `planner attend PLAN --sheet` reads it.
        let sheetCSV: Data
        let checkIns: Int
        let events: Int
        let sessions: Int
        let people: Int
    }

    static let year = 2026
    static let program = "도시 시민참여 행사 벤치마크"

    static let surnames = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"]
    static let givenNames = ["민준", "서연", "도윤", "하은", "시우", "지아", "하준", "서아", "은우", "지호", "예린", "건우", "수아", "지민", "현우",
                             "유진", "준서", "다은", "우진", "채원", "연우", "지유", "선우", "소율", "태윤", "윤서", "승현", "가은", "재원", "나연",
                             "동현", "하린", "성민", "예서", "정우", "수빈", "민재", "지원", "영호", "미경"]

    /// The `n`-th distinct name of an event (n < 800), shifted per event so events differ.
    static func name(_ n: Int, event: Int) -> String {
        let k = (n + event * 37) % (surnames.count * givenNames.count)
        return surnames[k % surnames.count] + givenNames[k / surnames.count]
    }

    /// A tiny deterministic generator (64-bit LCG), so that every run sees the same data.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    enum Kind { case advisory, famTour, education }

    static func kind(_ event: Int) -> Kind {
        switch event % 10 {
        case 0..<6: return .advisory
        case 6..<8: return .famTour
        default: return .education
        }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Session dates spread over the year, one month apart at most, in ascending order.
    static func dates(_ count: Int, event: Int) -> [String] {
        (0..<count).map { k in "\(year)-\(two(1 + k * 12 / count))-\(two(1 + (event * 3 + k * 5) % 28))" }
    }

    static let ratesYAML = """
        effective:
          - from: 2024-01-01
            basis: 벤치마크용 가상 단가 (실제 기준 아님)
            rates:
              committee.allowance: 200,000원
              committee.operating: 15,000원
              committee.review: 100,000원
              lecturer.special.firstHour: 500,000원
              lecturer.special.extraHour: 350,000원
              lecturer.grade1.firstHour: 350,000원
              lecturer.grade1.extraHour: 250,000원
              lecturer.grade2.firstHour: 230,000원
              lecturer.grade2.extraHour: 120,000원
              lecturer.manuscript: 350,000원
              education.roomDay: 600,000원
              famTour.meal: 40,000원
              famTour.activityFee: 150,000원

        """

    static func world(checkIns target: Int) -> World {
        var random = Random(state: 20_260_101)
        var roster = "성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호\n"
        var sheet = "session,person,time\n"
        var rows = 0
        var serial = 0
        // Events go into items of up to 40 events: advisory committees and education under 사무관리비,
        // fam tours under 행사운영비.
        var office: [String] = []
        var tours: [String] = []
        var event = 0
        var sessionCount = 0

        func person(_ name: String, role: String, event id: String, nonresident: Bool = false, business: Bool = false) {
            serial += 1
            let s = String(serial % 10_000 + 10_000).dropFirst()  // 4 digits
            let rrn = nonresident ? "" : "\(60 + serial % 40)0101-\(serial % 2 == 0 ? 2 : 1)00\(s)"
            let residency = nonresident ? "비거주자" : "거주자"
            let income = nonresident ? "비거주자" : (business ? "사업소득" : "기타소득")
            roster += "\(name),\(role),\(id),가상기관 \(serial % 50 + 1),person\(serial)@example.kr,010-0000-\(s),\(residency),\(income),\(rrn),가상은행,000-00-\(100_000 + serial % 900_000)\n"
        }

        func checkIn(_ session: String, _ name: String, date: String, minute: Int) {
            guard rows < target else { return }
            let separator = minute % 3 == 0 ? "T" : " "
            let time = minute < 60 ? "13:\(two(minute))" : "14:\(two(minute - 60))"
            sheet += "\(session),\(name),\(date)\(separator)\(time)\n"
            rows += 1
        }

        while rows < target {
            let number = String(event + 10_000).dropFirst()
            switch kind(event) {
            case .advisory:
                let id = "committee-\(number)"
                let members = 12 + (event * 7) % 19
                let meetings = 6 + event % 7
                let days = dates(meetings, event: event)
                sessionCount += meetings
                office.append("""
                          - kind: advisory
                            id: \(id)
                            name: 시민참여 정책 자문위원회 \(event + 1)
                            members: \(members)
                            meetings: \(meetings)
                            dates: [\(days.joined(separator: ", "))]
                            operatingCost: standard

                """)
                let names = (0..<members).map { name($0, event: event) }
                for n in names { person(n, role: "위원", event: id) }
                for meeting in 0..<meetings {
                    for n in names where random.next(100) < 85 {
                        checkIn("\(id)/\(meeting + 1)", n, date: days[meeting], minute: 40 + random.next(30))
                    }
                }
            case .famTour:
                let id = "fam-tour-\(number)"
                let influencers = 10 + event % 21
                let count = 4 + event % 9
                let days = dates(count, event: event)
                sessionCount += count
                tours.append("""
                          - kind: fam-tour
                            id: \(id)
                            name: 서울 1인미디어 팸투어 \(event + 1)
                            influencers: \(influencers)
                            tours: \(count)
                            dates: [\(days.joined(separator: ", "))]
                            costs:
                              transport: 35,000원
                              meals: standard
                              experience: 25,000원
                              activityFee: standard

                """)
                let names = (0..<influencers).map { name($0, event: event) }
                for (index, n) in names.enumerated() { person(n, role: "인플루언서", event: id, nonresident: index % 10 == 9) }
                for tour in 0..<count {
                    for n in names where random.next(100) < 90 {
                        checkIn("\(id)/\(tour + 1)", n, date: days[tour], minute: 30 + random.next(30))
                    }
                }
            case .education:
                let id = "education-\(number)"
                let sessions = 4 + event % 9
                let days = dates(sessions, event: event)
                sessionCount += sessions
                office.append("""
                          - kind: education
                            id: \(id)
                            name: 직원 소셜미디어 역량 교육 \(event + 1)
                            grade: \(event % 20 == 9 ? "grade2" : "grade1")
                            hours: 2
                            headcount: 40
                            sessions: \(sessions)
                            dates: [\(days.joined(separator: ", "))]
                            materials: 1,200,000원

                """)
                // A few lecturers per course, each paid for the lecture and for its manuscript.
                let lecturers = (0..<min(3, sessions)).map { name($0, event: event) }
                for (index, n) in lecturers.enumerated() {
                    person(n, role: "강사", event: id, business: index == 1)
                    person(n, role: "원고", event: id, business: index == 1)
                }
                for session in 0..<sessions {
                    checkIn("\(id)/\(session + 1)", lecturers[session % lecturers.count], date: days[session], minute: 50 + random.next(10))
                }
            }
            event += 1
        }

        func items(_ events: [String], name: String) -> String {
            stride(from: 0, to: events.count, by: 40).map { start in
                "      - name: \(name) \(start / 40 + 1)\n        lines:\n" + events[start..<min(events.count, start + 40)].joined()
            }.joined()
        }
        var plan = """
            program: \(program)
            year: \(year)
            division: 뉴미디어담당관
            period: \(year)-01-01 ~ \(year)-12-31
            policy:
              rounding: half-up
              percent: half-up
            categories:

            """
        if !office.isEmpty {
            plan += "  - code: 201-01\n    name: 사무관리비\n    items:\n" + items(office, name: "시민참여 위원회 및 직원 교육 운영")
        }
        if !tours.isEmpty {
            plan += "  - code: 201-03\n    name: 행사운영비\n    items:\n" + items(tours, name: "1인미디어 팸투어 운영")
        }
        return World(planYAML: plan, ratesYAML: ratesYAML, rosterCSV: Data(roster.utf8), sheetCSV: Data(sheet.utf8), checkIns: rows,
                     events: event, sessions: sessionCount, people: serial)
    }
}
