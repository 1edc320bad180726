import Foundation
import PlanFiles
import PlannerCore
import Testing

@Suite("Roster reader")
struct RosterReaderTests {
    static let committee = EventOrigin(id: "social-city-committee", name: "소셜특별시 자문위원회", kind: .advisory)
    static let conference = EventOrigin(id: "social-conference", name: "소셜 국제 컨퍼런스", kind: .conference)
    static let events: [PlannedEvent] = [
        PlannedEvent(origin: committee, sessions: (1...6).map {
            PlannedSession(event: committee, number: $0, payableRoles: [.allowance], fees: [.allowance: Won(150_000)])
        }, source: nil),
        PlannedEvent(origin: conference, sessions: [PlannedSession(event: conference, number: 1, payableRoles: [.speaker])], source: nil),
    ]
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every resident number the fixtures of this suite use, valid or not: none may reach a message.
    static let residentNumbers = ["691015-1357924", "680512-2345678", "750203-1456789", "820917-2567890", "590630-1678901",
                                  "881122-2789012", "630408-1890123", "790725-2901234", "840101-1012345", "920314-2123456",
                                  "660829-1234568", "770611-2345670", "850228-1456781", "600919-2567892", "730405-1678903",
                                  "69101-1357924", "691315-1357924", "691015-0357924", "6910151357924680", "870230-2345671"]

    func read(_ text: String) -> (entries: [RosterEntry], diagnostics: [Diagnostic]) {
        RosterReader.read(Data(text.utf8), file: "roster.csv", events: Self.events)
    }

    func headlines(_ text: String) -> [String] { read(text).diagnostics.map(\.headline) }

    func rrn(_ text: String) throws -> ResidentNumber { try ResidentNumber.parse(text).get() }

    // MARK: - Reading

    @Test("a roster with every column reads into entries, defaults filled in")
    func everyColumn() throws {
        let text = """
            name,role,event,organization,email,phone,residency,income_type,rrn,bank,account,treaty_exempt
            김민수,allowance,social-city-committee,서울연구원,minsu@example.org,010-1234-5678,resident,other,691015-1357924,국민은행,123456-78-901234,
            Jane Smith,speaker,social-conference,MIT,,,nonresident,,,,,yes
            박지원,allowance,social-city-committee,,,,,business,680512-2345678,,,no
            """
        let (entries, diagnostics) = read(text)
        #expect(diagnostics.isEmpty)
        #expect(entries == [
            RosterEntry(row: 1, name: "김민수", role: .allowance, event: "social-city-committee", organization: "서울연구원",
                        email: "minsu@example.org", phone: "010-1234-5678", residency: .resident, incomeType: .other,
                        residentNumber: try rrn("691015-1357924"), bank: "국민은행", account: "123456-78-901234"),
            RosterEntry(row: 2, name: "Jane Smith", role: .speaker, event: "social-conference", organization: "MIT",
                        residency: .nonresident, incomeType: .nonresident, treatyExempt: true),
            RosterEntry(row: 3, name: "박지원", role: .allowance, event: "social-city-committee", residency: .resident,
                        incomeType: .business, treatyExempt: false, residentNumber: try rrn("680512-2345678")),
        ])
    }

    @Test("Korean header names, in any order and spacing, with Korean values")
    func koreanHeaders() throws {
        let text = """
            역할, 성명 ,행사,소속,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호,조세조약면제,이메일
            위원,김민수,social-city-committee,서울연구원,02-2133-6480,거주자,기타소득,691015-1357924,신한은행,110-123-456789,아니오,
            연사,John Doe,social-conference,,,비거주자,비거주자,,,,예,john@example.org
            """
        let (entries, diagnostics) = read(text)
        #expect(diagnostics.isEmpty)
        #expect(entries == [
            RosterEntry(row: 1, name: "김민수", role: .allowance, event: "social-city-committee", organization: "서울연구원",
                        phone: "02-2133-6480", residency: .resident, incomeType: .other, residentNumber: try rrn("691015-1357924"),
                        bank: "신한은행", account: "110-123-456789"),
            RosterEntry(row: 2, name: "John Doe", role: .speaker, event: "social-conference", email: "john@example.org",
                        residency: .nonresident, incomeType: .nonresident, treatyExempt: true),
        ])
    }

    @Test("header names ignore case, spaces, underscores and hyphens; 이름, 전화번호, 주민번호 and a 비고 column are accepted too")
    func headerSpelling() throws {
        let (entries, diagnostics) = read("""
            NAME, Role ,EVENT,Income Type,E-Mail,treaty-exempt
            김민수,allowance,social-city-committee,exempt,,N
            """)
        #expect(diagnostics.isEmpty)
        #expect(entries == [RosterEntry(row: 1, name: "김민수", role: .allowance, event: "social-city-committee", incomeType: .exempt)])
        let (korean, problems) = read("이름,역할,행사,전화번호,주민번호,비고\n이영희,위원,social-city-committee,010-9876-5432,680512-2345678,위원장\n")
        #expect(problems.isEmpty)
        #expect(korean == [RosterEntry(row: 1, name: "이영희", role: .allowance, event: "social-city-committee", phone: "010-9876-5432",
                                       residentNumber: try rrn("680512-2345678"))])
    }

    @Test("CP949 bytes (Excel's Korean CSV) are read, 똠 included")
    func cp949() throws {
        let text = "성명,역할,행사,소속\r\n김똠,위원,social-city-committee,서울시\r\n"
        let data = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0422)))
        #expect(Array(data.prefix(4)) == [0xBC, 0xBA, 0xB8, 0xED])  // 성명 in CP949
        #expect(String(data: data, encoding: .utf8) == nil)
        let (entries, diagnostics) = RosterReader.read(data, file: "roster.csv", events: Self.events)
        #expect(diagnostics.isEmpty)
        #expect(entries == [RosterEntry(row: 1, name: "김똠", role: .allowance, event: "social-city-committee", organization: "서울시")])
    }

    @Test("a UTF-8 byte-order mark (Excel's CSV UTF-8) doesn't become part of the first column's name")
    func byteOrderMark() {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("성명,역할,행사\n김민수,위원,social-city-committee\n".utf8)
        let (entries, diagnostics) = RosterReader.read(data, file: "roster.csv", events: Self.events)
        #expect(diagnostics.isEmpty)
        #expect(entries == [RosterEntry(row: 1, name: "김민수", role: .allowance, event: "social-city-committee")])
    }

    @Test("quoted fields keep commas and line breaks, and later rows keep their true line numbers", arguments: ["\n", "\r\n"])
    func quotedFields(lineEnd: String) {
        let text = [
            "name,role,event,organization",
            "\"Kim, Minsu\",allowance,social-city-committee,\"서울연구원",
            "도시사회연구실\"",
            "",
            "\"Lee Jiwon\",allowance,social-city-committee,\"say \"\"hi\"\"",
            "\"",
            "Park,lecturer,social-city-committee,",
        ].joined(separator: lineEnd) + lineEnd
        let (entries, diagnostics) = read(text)
        #expect(entries.isEmpty)
        #expect(diagnostics.map(\.headline) == [
            "error: roster.csv:7:1: row 3.role: expected a role that social-city-committee pays per session (allowance), got lecturer",
        ])
        let valid = read(text.replacingOccurrences(of: "Park,lecturer", with: "Park,allowance")).entries
        #expect(valid == [
            RosterEntry(row: 1, name: "Kim, Minsu", role: .allowance, event: "social-city-committee", organization: "서울연구원\(lineEnd)도시사회연구실"),
            RosterEntry(row: 2, name: "Lee Jiwon", role: .allowance, event: "social-city-committee", organization: "say \"hi\""),
            RosterEntry(row: 3, name: "Park", role: .allowance, event: "social-city-committee"),
        ])
    }

    @Test("blank lines and rows of empty cells are skipped but counted as lines; a trailing comma is tolerated")
    func blankRows() {
        let text = "name,role,event\n\n,,\n김민수,위원,social-city-committee,,\n\n이영희,강사,social-city-committee\n"
        #expect(headlines(text) == [
            "error: roster.csv:6:1: row 2.role: expected a role that social-city-committee pays per session (allowance), got lecturer",
        ])
    }

    // MARK: - Bad rows

    static let header = "name,role,event,residency,income_type,rrn,treaty_exempt"

    /// One bad row under `header`, on line 2, and the exact headline it gets.
    static let badRows: [(row: String, headline: String)] = [
        ("김민수,allowance,social-city-committee,resident,other,,no,서울시",
         "error: roster.csv:2:1: row 1: expected 7 values (one per column of the header), got 8"),
        ("김민수,allowance,social-city-committee,resident",
         "error: roster.csv:2:1: row 1: expected 7 values (one per column of the header), got 4"),
        (" ,allowance,social-city-committee,,,,",
         "error: roster.csv:2:1: row 1.name: expected the person's name, got nothing"),
        ("김민수,allowence,social-city-committee,,,,",
         "error: roster.csv:2:1: row 1.role: expected a role (lecturer, manuscript, allowance, review, speaker or influencer), got \"allowence\""),
        ("김민수,,social-city-committee,,,,",
         "error: roster.csv:2:1: row 1.role: expected a role (lecturer, manuscript, allowance, review, speaker or influencer), got nothing"),
        ("김민수,allowance,social-city-comittee,,,,",
         "error: roster.csv:2:1: row 1.event: expected an event of the plan, got \"social-city-comittee\""),
        ("김민수,allowance,,,,,",
         "error: roster.csv:2:1: row 1.event: expected an event id as planner sessions shows it, got nothing"),
        ("김민수,lecturer,social-city-committee,,,,",
         "error: roster.csv:2:1: row 1.role: expected a role that social-city-committee pays per session (allowance), got lecturer"),
        ("김민수,allowance,social-city-committee,foreigner,,,",
         "error: roster.csv:2:1: row 1.residency: expected resident or nonresident (거주자, 비거주자), got \"foreigner\""),
        ("김민수,allowance,social-city-committee,,기타 소득,,",
         "error: roster.csv:2:1: row 1.income_type: expected other, business, nonresident or exempt (기타소득, 사업소득, 비거주자, 비과세), got \"기타 소득\""),
        ("김민수,allowance,social-city-committee,resident,nonresident,,",
         "error: roster.csv:2:1: row 1.income_type: expected an income type for a resident (other, business or exempt), got nonresident"),
        ("Jane Smith,speaker,social-conference,nonresident,business,,",
         "error: roster.csv:2:1: row 1.income_type: expected an income type for a non-resident (nonresident or exempt), got business"),
        ("김민수,allowance,social-city-committee,,,69101-1357924,",
         "error: roster.csv:2:1: row 1.rrn: expected a resident number of 13 digits like 711231-1234567, got 12 characters"),
        ("김민수,allowance,social-city-committee,,,6910151357924680,",
         "error: roster.csv:2:1: row 1.rrn: expected a resident number of 13 digits like 711231-1234567, got 16 characters"),
        ("김민수,allowance,social-city-committee,,,691315-1357924,",
         "error: roster.csv:2:1: row 1.rrn: expected a resident number that starts with a real birth date (YYMMDD), got an impossible date"),
        ("김민수,allowance,social-city-committee,,,870230-2345671,",
         "error: roster.csv:2:1: row 1.rrn: expected a resident number that starts with a real birth date (YYMMDD), got an impossible date"),
        ("김민수,allowance,social-city-committee,,,691015-0357924,",
         "error: roster.csv:2:1: row 1.rrn: expected a resident number whose 7th digit is 1 to 8 (century and sex), got another digit"),
        ("Jane Smith,speaker,social-conference,nonresident,,,maybe",
         "error: roster.csv:2:1: row 1.treaty_exempt: expected yes or no (예, 아니오), got \"maybe\""),
        ("김민수,allowance,social-city-committee,resident,,,yes",
         "error: roster.csv:2:1: row 1.treaty_exempt: expected a treaty exemption only for a non-resident, got yes for a resident"),
        // A value in the wrong column is quoted with its digits starred or its phone number masked.
        ("김민수,691015-1357924,social-city-committee,,,,",
         "error: roster.csv:2:1: row 1.role: expected a role (lecturer, manuscript, allowance, review, speaker or influencer), got \"******-*******\""),
        ("김민수,allowance,social-city-committee,010-1234-5678,,,",
         "error: roster.csv:2:1: row 1.residency: expected resident or nonresident (거주자, 비거주자), got \"***-****-****\""),
        // A personal number where free text is kept in clear (and listed) is refused, in any spelling.
        ("６９１０１５－１３５７９２４,allowance,social-city-committee,,,,",
         "error: roster.csv:2:1: row 1.name: expected the person's name, got a number like a resident number, an account or a phone in \"＊＊＊＊＊＊－＊＊＊＊＊＊＊\""),
    ]

    @Test("each bad row gets its exact message at the row's line, and nothing is returned", arguments: badRows)
    func badRow(row: String, headline: String) {
        let (entries, diagnostics) = read(Self.header + "\n" + row + "\n")
        #expect(diagnostics.map(\.headline) == [headline])
        #expect(entries.isEmpty)
    }

    @Test("a personal number anywhere in a column kept in clear is refused, masked, at its row and column; dates, codes and short numbers are not")
    func numbersInClearColumns() {
        let (entries, diagnostics) = read("""
            name,role,event,organization,email,bank,note,account
            김민수,allowance,social-city-committee,110 123 456789,,010.1234.5678,,110-123-456789
            이영희,allowance,social-city-committee,제2연구실 (2017-03-15 신설),member1@example.kr,국민은행 201-01 지점,2017.3.15 150000원 kim19700101,110-123-456789
            "=DDE(""cmd"";""/C calc"";""__DdeLink_60_870516294"")",allowance,social-city-committee,2015 2016,,201-01,,
            김민준7001011234500,allowance,social-city-committee,소속 710202-2234501,700101-1234500,,,
            박서준,allowance,social-city-committee,,,,계좌 ７００１０１－１２３４５００,
            """)
        let why = "got a number like a resident number, an account or a phone in"
        #expect(diagnostics.map(\.headline) == [
            "error: roster.csv:2:1: row 1.organization: expected an organization, \(why) \"*** *** ******\"",
            "error: roster.csv:2:1: row 1.bank: expected a bank's name, \(why) \"***.****.****\"",
            "error: roster.csv:5:1: row 4.name: expected the person's name, \(why) \"김민준*************\"",
            "error: roster.csv:5:1: row 4.organization: expected an organization, \(why) \"소속 ******-*******\"",
            "error: roster.csv:5:1: row 4.email: expected an e-mail address, \(why) \"******-*******\"",
            "error: roster.csv:6:1: row 5.note: expected a note, \(why) \"계좌 ＊＊＊＊＊＊－＊＊＊＊＊＊＊\"",
        ])
        #expect(diagnostics.allSatisfy { $0.hint == "resident numbers, accounts and phones go in their own columns (rrn, account, phone), which are kept encrypted" })
        #expect(entries.isEmpty)
        let formatted = DiagnosticFormatter(sourceLine: { _, _ in nil }).format(diagnostics)
        for secret in ["1234500", "2234501", "123456789", "1234", "１２３４５００"] { #expect(!formatted.contains(secret), "\(secret) in \(formatted)") }
    }

    @Test("a line break inside a quoted name is refused: no one could type the name at the door or on a sign-in sheet")
    func lineBreakInName() {
        let diagnostics = read("name,role,event,note\n\"김민\n준\",allowance,social-city-committee,\"메모\n둘째 줄\"\n\"이서연\n\",allowance,social-city-committee,\n").diagnostics
        #expect(diagnostics.map(\.headline) == ["error: roster.csv:2:1: row 1.name: expected the person's name on one line, got a line break inside \"김민…\""])
        #expect(diagnostics.first?.hint == "remove the line break from the cell (Alt+Enter in Excel)")
    }

    @Test("one resident number under two names is refused at the second row, naming the first, never the number; one person with two roles is not")
    func residentNumberUnderTwoNames() {
        let (entries, diagnostics) = read("""
            name,role,event,rrn
            김민수,allowance,social-city-committee,691015-1357924
            김민수,speaker,social-conference,6910151357924
            이영희,allowance,social-city-committee,691015-1357924
            """)
        #expect(diagnostics.map(\.headline) == [
            "error: roster.csv:4:1: row 3.rrn: expected each resident number under one name, got the resident number of row 1 (김민수) under the name \"이영희\"",
        ])
        #expect(diagnostics.first?.hint == "check the resident numbers of both rows, and write one person's name the same way on every row")
        #expect(entries.isEmpty)
        #expect(read("name,role,event,rrn\n김민수,allowance,social-city-committee,691015-1357924\n김민수,speaker,social-conference,6910151357924\n").entries.count == 2)
    }

    @Test("a byte-order mark inside the file is reported at its line and column, not at 1:1, in UTF-8 with or without a leading mark")
    func byteOrderMarkInside() {
        let body = "성명,역할,행사\n김민수,위원,social-city-committee\n\u{FEFF}이영희,위원,social-city-committee\n"
        for data in [Data(body.utf8), Data([0xEF, 0xBB, 0xBF]) + Data(body.utf8), Data([0xEF, 0xBB, 0xBF]) + Data(body.replacingOccurrences(of: "\n\u{FEFF}", with: "\r\n\u{FEFF}").utf8)] {
            let (entries, diagnostics) = RosterReader.read(data, file: "roster.csv", events: Self.events)
            #expect(diagnostics.map(\.headline) == ["error: roster.csv:3:1: expected text, got a byte-order mark (U+FEFF) inside the file"])
            #expect(diagnostics.first?.hint == "it is invisible in most editors and is left where two files were joined; delete it")
            #expect(entries.isEmpty)
        }
        let inLine = RosterReader.read(Data("name,role,event\n김민수,allowance,\u{FEFF}social-city-committee\n".utf8), file: "roster.csv", events: Self.events)
        #expect(inLine.diagnostics.map(\.headline) == ["error: roster.csv:2:15: expected text, got a byte-order mark (U+FEFF) inside the file"])
    }

    @Test("hints: did-you-mean for roles, events, residency and income types; the event's id for its name")
    func hints() {
        func hint(_ row: String) -> String? { read(Self.header + "\n" + row).diagnostics.first?.hint }
        #expect(hint("김민수,allowence,social-city-committee,,,,") == "did you mean \"allowance\"? Korean names work too: 강사, 원고, 위원, 서면심의, 연사, 인플루언서")
        #expect(hint("김민수,chair,social-city-committee,,,,") == "Korean names work too: 강사, 원고, 위원, 서면심의, 연사, 인플루언서")
        #expect(hint("김민수,allowance,social-city-comittee,,,,") == "did you mean \"social-city-committee\"?")
        #expect(hint("김민수,allowance,소셜특별시 자문위원회,,,,") == "write the event's id \"social-city-committee\" (the name planner sessions shows)")
        #expect(hint("김민수,allowance,education,,,,") == "the plan's events are social-city-committee, social-conference")
        #expect(hint("김민수,allowance,social-city-committee,residnet,,,") == "did you mean \"resident\"?")
        #expect(hint("김민수,allowance,social-city-committee,,기타 소득,,") == "did you mean \"기타소득\"?")
        #expect(hint("김민수,allowance,social-city-committee,,,69101-1357924,") == "write it as 6 digits, a hyphen and 7 digits")
        #expect(hint("김민수,allowance,social-city-committee,,,,,x") == "a value with a comma must be in double quotes, like \"서울시, 소통기획관\"")
        #expect(hint("김민수,allowance,social-city-committee") == "every row needs a value, possibly empty, for every column: check for a missing comma")
    }

    @Test("a duplicate (same event, role and name) points back at the first row")
    func duplicate() {
        let diagnostics = read("""
            name,role,event
            김민수,allowance,social-city-committee
            이영희,allowance,social-city-committee
            김민수,위원,social-city-committee
            김민수,speaker,social-conference
            """).diagnostics
        #expect(diagnostics.map(\.headline) == ["error: roster.csv:4:1: row 3: duplicate of row 1 (same event, role and name)"])
        #expect(diagnostics.first?.hint == "keep one row per person, role and event")
    }

    @Test("every problem of every row is collected, sorted by line, and nothing is returned")
    func allProblems() {
        let (entries, diagnostics) = read("""
            name,role,event,residency,income_type,rrn,treaty_exempt
            김민수,allowance,social-city-committee,,,,
            ,allowence,social-city-comittee,foreigner,기타 소득,691315-1357924,maybe
            이영희,allowance,social-city-committee
            김민수,allowance,social-city-committee,,,,
            """)
        #expect(entries.isEmpty)
        #expect(diagnostics.map(\.headline) == [
            "error: roster.csv:3:1: row 2.name: expected the person's name, got nothing",
            "error: roster.csv:3:1: row 2.role: expected a role (lecturer, manuscript, allowance, review, speaker or influencer), got \"allowence\"",
            "error: roster.csv:3:1: row 2.event: expected an event of the plan, got \"social-city-comittee\"",
            "error: roster.csv:3:1: row 2.residency: expected resident or nonresident (거주자, 비거주자), got \"foreigner\"",
            "error: roster.csv:3:1: row 2.income_type: expected other, business, nonresident or exempt (기타소득, 사업소득, 비거주자, 비과세), got \"기타 소득\"",
            "error: roster.csv:3:1: row 2.treaty_exempt: expected yes or no (예, 아니오), got \"maybe\"",
            "error: roster.csv:3:1: row 2.rrn: expected a resident number that starts with a real birth date (YYMMDD), got an impossible date",
            "error: roster.csv:4:1: row 3: expected 7 values (one per column of the header), got 3",
            "error: roster.csv:5:1: row 4: duplicate of row 1 (same event, role and name)",
        ])
    }

    @Test("paths name the column as the header writes it")
    func koreanPaths() {
        #expect(headlines("성명,역할,행사,주민등록번호\n김민수,위원,social-city-committee,691315-1357924\n") == [
            "error: roster.csv:2:1: row 1.주민등록번호: expected a resident number that starts with a real birth date (YYMMDD), got an impossible date",
        ])
    }

    // MARK: - Header and file problems

    static let badHeaders: [(text: String, headline: String, hint: String?)] = [
        ("nmae,role,event\n김민수,allowance,social-city-committee\n",
         "error: roster.csv:1:1: header: unknown column \"nmae\" (column 1)", "did you mean \"name\"?"),
        ("name,role,event,소속부서\n김민수,allowance,social-city-committee,\n",
         "error: roster.csv:1:1: header: unknown column \"소속부서\" (column 4)",
         "the columns are name, role, event, organization, email, phone, residency, income_type, rrn, bank, account, treaty_exempt, note"),
        ("name,role,evnet,event\n김민수,allowance,,social-city-committee\n",
         "error: roster.csv:1:1: header: unknown column \"evnet\" (column 3)", "did you mean \"event\"?"),
        ("name,event\n김민수,social-city-committee\n",
         "error: roster.csv:1:1: header: missing column \"role\"", "add a column named \"role\" or \"역할\""),
        ("name,role,event,성명\n김민수,allowance,social-city-committee,김민수\n",
         "error: roster.csv:1:1: header: expected each column once, got \"성명\" in column 4, the same as \"name\" in column 1",
         "delete one of the two columns"),
        ("김민수,allowance,social-city-committee\n",
         "error: roster.csv:1:1: header: expected a header row naming the columns, got no known column name",
         "start the roster with a line like: name,role,event,organization,email,phone,residency,income_type,rrn,bank,account,treaty_exempt,note"),
        ("",
         "error: roster.csv: expected a header row naming the columns, got an empty file",
         "start the roster with a line like: name,role,event,organization,email,phone,residency,income_type,rrn,bank,account,treaty_exempt,note"),
        ("\n\n",
         "error: roster.csv: expected a header row naming the columns, got an empty file",
         "start the roster with a line like: name,role,event,organization,email,phone,residency,income_type,rrn,bank,account,treaty_exempt,note"),
    ]

    @Test("header problems: unknown, missing and repeated columns, no header, an empty file", arguments: badHeaders)
    func badHeader(text: String, headline: String, hint: String?) {
        let (entries, diagnostics) = read(text)
        #expect(diagnostics.map(\.headline) == [headline])
        #expect(diagnostics.first?.hint == hint)
        #expect(entries.isEmpty)
    }

    @Test("a header without rows is a warning, not an error")
    func headerOnly() {
        let (entries, diagnostics) = read("name,role,event\n")
        #expect(entries.isEmpty)
        #expect(diagnostics.map(\.headline) == ["warning: roster.csv:1:1: header: the roster has no rows under its header"])
    }

    @Test("a quoted field left open is reported where it opens; rows before it are still checked")
    func unterminatedQuote() {
        let (entries, diagnostics) = read("""
            name,role,event,organization
            김민수,lecturer,social-city-committee,
            이영희,allowance,social-city-committee,"서울시
            박지원,allowance,social-city-committee,
            """)
        #expect(entries.isEmpty)
        #expect(diagnostics.map(\.headline) == [
            "error: roster.csv:2:1: row 1.role: expected a role that social-city-committee pays per session (allowance), got lecturer",
            "error: roster.csv:3:37: expected a closing double quote for the field opened here, got the end of the file",
        ])
        #expect(diagnostics.last?.hint == "a quoted field ends with a double quote followed by a comma or the end of the line; write a double quote inside it as \"\"")
    }

    @Test("text after a closing quote is reported at that character")
    func textAfterQuote() {
        #expect(headlines("name,role,event\n\"김민수\" 박,allowance,social-city-committee\n") == [
            "error: roster.csv:2:6: expected a comma or the end of the line after a closing double quote, got more text",
        ])
    }

    @Test("bytes that are neither UTF-8 nor CP949, UTF-16 and workbooks are one error each", arguments: [
        ([0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x41, 0xB0] as [UInt8], "error: roster.csv: expected UTF-8 or CP949 (EUC-KR) text, got bytes that are neither"),
        ([0x6E, 0x61, 0x6D, 0x65, 0x2C, 0xFF, 0x0A], "error: roster.csv: expected UTF-8 or CP949 (EUC-KR) text, got bytes that are neither"),
        ([0xFF, 0xFE, 0x6E, 0x00, 0x61, 0x00], "error: roster.csv: expected UTF-8 or CP949 text, got UTF-16"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "error: roster.csv: expected a CSV file, got a ZIP archive (an .xlsx workbook?)"),
        ([0x6E, 0x00, 0x61, 0x00], "error: roster.csv: expected CSV text, got binary data"),
    ])
    func unreadable(bytes: [UInt8], headline: String) {
        let (entries, diagnostics) = RosterReader.read(Data(bytes), file: "roster.csv", events: Self.events)
        #expect(diagnostics.map(\.headline) == [headline])
        #expect(diagnostics.first?.hint == "save it from Excel as \"CSV UTF-8 (comma delimited)\"")
        #expect(entries.isEmpty)
    }

    // MARK: - The 2017 committee

    static let committeeRoster = #"""
        성명,역할,행사,소속,이메일,연락처,거주구분,소득구분,주민등록번호,은행,계좌번호
        김민수,위원,social-city-committee,서울연구원,minsu@example.org,010-1111-2222,거주자,기타소득,691015-1357924,국민은행,123456-78-901234
        이영희,위원,social-city-committee,서울대학교,,010-2222-3333,거주자,기타소득,680512-2345678,신한은행,110-123-456789
        박준호,위원,social-city-committee,한국언론진흥재단,,,거주자,기타소득,750203-1456789,우리은행,1002-345-678901
        최수진,위원,social-city-committee,"소셜미디어연구소, 서울지부",,,거주자,기타소득,820917-2567890,하나은행,123-456789-01234
        정대현,위원,social-city-committee,서울시의회,,,거주자,기타소득,590630-1678901,농협은행,301-1234-5678-91
        강은비,위원,social-city-committee,블로거,,,거주자,기타소득,881122-2789012,카카오뱅크,3333-01-2345678
        조성민,위원,social-city-committee,연세대학교,,,거주자,기타소득,630408-1890123,국민은행,234567-89-012345
        윤지혜,위원,social-city-committee,시민기자단,,,거주자,기타소득,790725-2901234,기업은행,123-456789-01-012
        장동건,위원,social-city-committee,고려대학교,,,거주자,기타소득,840101-1012345,신한은행,110-234-567890
        임하늘,위원,social-city-committee,"사단법인 ""열린소셜""",,,거주자,기타소득,920314-2123456,우리은행,1002-456-789012
        한상우,위원,social-city-committee,중앙일보,,,거주자,기타소득,660829-1234568,하나은행,234-567890-12345
        오미란,위원,social-city-committee,서울시립대학교,,,거주자,기타소득,770611-2345670,국민은행,345678-90-123456
        서진우,위원,social-city-committee,IT 기업,,,거주자,기타소득,850228-1456781,농협은행,302-2345-6789-01
        신예린,위원,social-city-committee,변호사,,,거주자,기타소득,600919-2567892,신한은행,110-345-678901
        배경수,위원,social-city-committee,세무사,,,거주자,사업소득,730405-1678903,우리은행,1002-567-890123
        """#

    @Test("the 2017 plan's 15-member committee reads against Events/social-city-2017.yaml")
    func committee2017() throws {
        // Given the events of the 2017 plan
        let loaded = PlanLoader.load(path: Self.repository.appendingPathComponent("Events/social-city-2017.yaml").path,
                                     displayName: "Events/social-city-2017.yaml")
        let plan = try #require(loaded.plan)
        #expect(plan.events.map(\.origin.id).contains("social-city-committee"))

        // When the roster is read
        let (entries, diagnostics) = RosterReader.read(Data(Self.committeeRoster.utf8), file: "committee.csv", events: plan.events)

        // Then all fifteen are allowance-paid members of the committee, in file order
        #expect(diagnostics.map(\.headline) == [])
        #expect(entries.count == 15)
        #expect(entries.map(\.row) == Array(1...15))
        #expect(entries.allSatisfy { $0.role == .allowance && $0.event == "social-city-committee" && $0.residency == .resident })
        #expect(entries.map(\.incomeType) == Array(repeating: .other, count: 14) + [.business])
        #expect(entries.map(\.residentNumber?.masked) == Self.residentNumbers.prefix(15).map { String($0.prefix(8)) + "******" })
        #expect(entries[3].organization == "소셜미디어연구소, 서울지부")
        #expect(entries[9].organization == "사단법인 \"열린소셜\"")
        #expect(entries[0].account == "123456-78-901234")

        // And the same roster against the plan's events reports a lecturer for the committee
        let wrong = Self.committeeRoster.replacingOccurrences(of: "배경수,위원", with: "배경수,강사")
        #expect(RosterReader.read(Data(wrong.utf8), file: "committee.csv", events: plan.events).diagnostics.map(\.headline) == [
            "error: committee.csv:16:1: row 15.역할: expected a role that social-city-committee pays per session (allowance), got lecturer",
        ])
    }

    // MARK: - Personal data

    @Test("no message or hint carries a digit run of any resident number of the fixtures")
    func noResidentNumberInMessages() {
        var texts: [String] = []
        var inputs = Self.badRows.map { Self.header + "\n" + $0.row }
        inputs += Self.residentNumbers.map { "name,role,event,rrn\n김민수,allowance,social-city-committee,\($0)\n" }
        // Resident numbers in every other column, and a row whose count is off.
        inputs += Self.residentNumbers.map { "name,role,event,residency,income_type,treaty_exempt\n\($0),\($0),\($0),\($0),\($0),\($0)\n" }
        inputs += Self.residentNumbers.map { "name,role,event\n김민수,\($0)\n\($0),\"\($0)\" x\n" }
        inputs += Self.residentNumbers.map { "\($0),role,event\n" }
        for input in inputs {
            for diagnostic in read(input).diagnostics {
                texts.append(diagnostic.headline)
                if let hint = diagnostic.hint { texts.append(hint) }
            }
        }
        let runs = Set(Self.residentNumbers.flatMap { $0.split(separator: "-").map(String.init) })
        #expect(texts.count > 100)
        let leaks = texts.filter { text in runs.contains { text.contains($0) } }
        #expect(leaks.isEmpty, "\(leaks.count) messages quote a fixture's resident number")
    }
}
