import ConferenceKind
import PlannerCore
import Testing

// MARK: - Fixtures

private let conferenceOrigin = EventOrigin(id: "seoul-2026", name: "서울 소셜 컨퍼런스", kind: .conference)

private func place(_ line: Int, _ column: Int = 13) -> PlannerCore.SourceLocation { PlannerCore.SourceLocation(file: "plan.yaml", line: line, column: column) }

private func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
    guard let date = CalendarDate(year: year, month: month, day: day) else { preconditionFailure("a test date that exists") }
    return date
}

/// The conference rates of Events/rates.yaml, in two blocks (2016 and 2024).
private let conferenceRates: RateTable = {
    func block(_ year: Int, _ rates: [(String, Int64)]) -> [RateTable.Entry] {
        rates.map { RateTable.Entry(key: RateKey($0.0), amount: Won($0.1), from: day(year, 1, 1), basis: "기준 \(year)") }
    }
    return RateTable(entries: block(2016, [
        ("airfare.economy.europe", 1_800_000), ("airfare.business.northAmerica", 6_500_000), ("hotel.night", 200_000),
        ("transport.speakerLocal", 100_000), ("interpretation.simultaneous", 1_000_000), ("interpretation.booth", 500_000),
        ("interpretation.receiver", 5_000), ("translation.page", 25_000),
    ]) + block(2024, [
        ("airfare.economy.europe", 2_200_000), ("airfare.business.northAmerica", 7_500_000), ("hotel.night", 250_000),
        ("transport.speakerLocal", 150_000), ("interpretation.simultaneous", 1_300_000), ("interpretation.booth", 600_000),
        ("interpretation.receiver", 6_000), ("translation.page", 30_000),
    ]), file: "Events/rates.yaml")
}()

private func rates(_ year: Int, table: RateTable? = conferenceRates) -> RateResolver { RateResolver(table: table, date: day(year, 1, 1)) }

private func expand(_ input: Conference.Input, year: Int = 2026, table: RateTable? = conferenceRates) -> EventExpansion {
    Conference.expand(input, origin: conferenceOrigin, rates: rates(year, table: table), at: place(9), path: "categories[0].items[0].lines[0]")
}

private func won(_ amount: Int64, at line: Int) -> Located<Won> { Located(Won(amount), at: place(line)) }
private func count(_ value: Int64, at line: Int = 10) -> Located<Int64> { Located(value, at: place(line)) }
private func foreign(_ text: String) -> CurrencyAmount {
    guard case .success(let amount) = Currency.amount(text) else { preconditionFailure("a valid foreign amount: \(text)") }
    return amount
}
private func rate(_ currency: String, _ text: String, at line: Int = 4) -> Located<ExchangeRate> {
    guard case .success(let rate) = Currency.exchangeRate(text, currency: currency) else { preconditionFailure("a valid rate: \(text)") }
    return Located(rate, at: place(line, 8))
}

/// The 2017 page's five lump sums.
private let lumpSums2017 = Conference.Input(
    days: count(1), speakers: .lumpSum(won(40_000_000, at: 11)), venue: .lumpSum(won(28_000_000, at: 12)),
    services: .lumpSum(won(12_000_000, at: 13)), promotion: .lumpSum(won(10_000_000, at: 14)), print: .lumpSum(won(10_000_000, at: 15)))

/// A two-day conference with a foreign keynote, two European speakers, four domestic panellists and
/// interpretation into English and Chinese, on standard rates where the plan writes none.
private func twoDayConference(days: Int64 = 2) -> Conference.Input {
    Conference.Input(
        days: count(days), dates: Located([day(2026, 10, 14), day(2026, 10, 15)].prefix(Int(days)).map { $0 }, at: place(10)),
        attendees: count(400, at: 11),
        speakers: .itemised([
            Conference.Speaker(name: "Keynote", origin: .foreign, fee: Located(foreign("USD 5,000"), at: place(14)),
                               flight: Conference.Flight(seatClass: Located("business", at: place(15)), region: Located("northAmerica", at: place(16))),
                               hotelNights: count(3, at: 17), localTransport: .standard(place(18)), location: place(13)),
            Conference.Speaker(count: count(2, at: 20), origin: .foreign, fee: Located(foreign("EUR 3,333.33"), at: place(21)),
                               flight: Conference.Flight(seatClass: Located("economy", at: place(22)), region: Located("europe", at: place(23))),
                               hotelNights: count(3, at: 24), location: place(19)),
            Conference.Speaker(count: count(4, at: 26), origin: .domestic, fee: Located(.won(Won(1_000_000)), at: place(27)), location: place(25)),
        ]),
        venue: .itemised(Conference.Venue(mainHall: Conference.Room(dayRate: won(8_000_000, at: 30)),
                                          sideRooms: Conference.Room(rooms: count(3, at: 32), dayRate: won(1_500_000, at: 33)),
                                          setup: won(12_000_000, at: 34), decoration: won(3_000_000, at: 35))),
        services: .itemised(Conference.Services(
            interpretation: Conference.Interpretation(languages: Located(.named(["영어", "중국어"]), at: place(38)), boothRental: .standard(place(39)),
                                                      receivers: count(300, at: 40), location: place(37)),
            translation: Conference.Translation(pages: count(120, at: 42)),
            transport: [Conference.Entry(name: "셔틀버스 임차", unitPrice: Won(600_000), factors: [Factor(count: 2, unit: "대"), Factor(count: 2, unit: "일")])],
            receptions: [Conference.Reception(name: "환영 만찬", persons: count(80, at: 46), unitPrice: won(80_000, at: 47))])),
        promotion: .itemised([Conference.Entry.amount("SNS 광고", Won(4_000_000)), Conference.Entry.amount("현수막", Won(1_500_000))]),
        print: .itemised([Conference.PrintItem(item: "자료집", copies: count(500, at: 52), unitPrice: won(12_000, at: 53))]),
        exchangeRates: ["USD": rate("USD", "1,350원", at: 4), "EUR": rate("EUR", "1,452.5원", at: 5)])
}

/// Prices the lines as core pricing does and writes them as the page does: roll-up lines with their
/// details beneath (`· …`).
private func page(_ lines: [CostLine]) -> [String] {
    let item = BudgetItem(name: "국제컨퍼런스", lines: lines)
    let (budget, problems) = BudgetPricing.price([BudgetCategory(name: "행사운영비", items: [item])], rounding: .halfUp)
    guard let budget, problems.isEmpty else { return problems.map(\.message) }
    func text(_ line: PricedLine) -> String {
        "\(line.line.name) \(line.line.formula) = \(MoneyFormat.grouped(line.budgeted.value / 1_000))천원"
    }
    return budget.categories[0].items[0].lines.flatMap { line in [text(line)] + line.details.map { "· " + text($0) } }
}

private func total(_ lines: [CostLine]) -> Won? {
    BudgetPricing.price([BudgetCategory(name: "행사운영비", items: [BudgetItem(name: "국제컨퍼런스", lines: lines)])], rounding: .halfUp).0?.total
}

private func errors(_ expansion: EventExpansion) -> [String] {
    expansion.diagnostics.filter { $0.severity == .error }.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.path): \($0.message) | \($0.hint ?? "")" }
}

// MARK: - The lines

@Suite("Conference kind: lines")
struct ConferenceLineTests {
    @Test("five lump sums reproduce the 2017 page's 국제(내)컨퍼런스 개최 exactly")
    func reproducesThe2017Page() {
        let expansion = expand(lumpSums2017, year: 2017)
        #expect(expansion.diagnostics.isEmpty)
        #expect(page(expansion.lines) == [
            "연사초청경비 등 40,000,000원*1식 = 40,000천원",
            "행사장 및 부대행사장 조성비 28,000,000원*1식 = 28,000천원",
            "통번역, 수송, 오만찬 등 12,000,000원*1식 = 12,000천원",
            "홍보비 10,000,000원*1식 = 10,000천원",
            "인쇄물 제작비 10,000,000원*1식 = 10,000천원",
        ])
        #expect(total(expansion.lines) == Won(100_000_000))
        // Lump sums are single detail-less lines with the factor 1식, paid to vendors.
        for line in expansion.lines {
            #expect(line.details.isEmpty)
            #expect(line.factors == [Factor(count: 1, unit: "식")])
            #expect(!line.isLumpSum)
            #expect(line.payee == .vendor)
            #expect(line.origin == conferenceOrigin)
        }
        #expect(expansion.lines.map(\.source?.line) == [11, 12, 13, 14, 15])
    }

    @Test("an itemised conference rolls up to the five lines with its details beneath")
    func itemisedConference() {
        let expansion = expand(twoDayConference())
        #expect(expansion.diagnostics.isEmpty)
        #expect(page(expansion.lines) == [
            "연사초청경비 등 34,733,000원*1식 = 34,733천원",
            "· 해외연사 사례비(USD 5,000×1,350원) 6,750,000원*1인 = 6,750천원",
            "· 해외연사 사례비(EUR 3,333.33×1,452.5원) 4,841,662원*2인 = 9,683천원",
            "· 국내연사 사례비 1,000,000원*4인 = 4,000천원",
            "· 연사 왕복항공료(비즈니스석·북미) 7,500,000원*1인 = 7,500천원",
            "· 연사 왕복항공료(일반석·유럽) 2,200,000원*2인 = 4,400천원",
            "· 연사 숙박비 250,000원*3인*3박 = 2,250천원",
            "· 연사 현지교통비 150,000원*1인 = 150천원",
            "행사장 및 부대행사장 조성비 40,000,000원*1식 = 40,000천원",
            "· 메인홀 대관료 8,000,000원*2일 = 16,000천원",
            "· 부대행사장 대관료 1,500,000원*3실*2일 = 9,000천원",
            "· 행사장 설치비 12,000,000원*1식 = 12,000천원",
            "· 행사장 장식비 3,000,000원*1식 = 3,000천원",
            "통번역, 수송, 오만찬 등 28,800,000원*1식 = 28,800천원",
            "· 동시통역료(영어·중국어) 1,300,000원*2부스*2인*2일 = 10,400천원",
            "· 통역부스 임차료 600,000원*2부스*2일 = 2,400천원",
            "· 동시통역 수신기 임차료 6,000원*300대*2일 = 3,600천원",
            "· 자료 번역료 30,000원*120매 = 3,600천원",
            "· 셔틀버스 임차 600,000원*2대*2일 = 2,400천원",
            "· 환영 만찬 80,000원*80명 = 6,400천원",
            "홍보비 5,500,000원*1식 = 5,500천원",
            "· SNS 광고 4,000,000원*1식 = 4,000천원",
            "· 현수막 1,500,000원*1식 = 1,500천원",
            "인쇄물 제작비 6,000,000원*1식 = 6,000천원",
            "· 자료집 12,000원*500부 = 6,000천원",
        ])
        #expect(total(expansion.lines) == Won(115_033_000))
    }

    @Test("speakers' fees are paid to people; everything else, the roll-up lines included, to vendors")
    func payees() {
        let lines = expand(twoDayConference()).lines
        #expect(lines.map(\.payee) == Array(repeating: .vendor, count: 5))
        let details = lines.flatMap(\.details)
        let people = details.filter { $0.payee == .person(.speaker) }.map(\.name)
        #expect(people == ["해외연사 사례비(USD 5,000×1,350원)", "해외연사 사례비(EUR 3,333.33×1,452.5원)", "국내연사 사례비"])
        #expect(details.filter { $0.payee != .person(.speaker) }.allSatisfy { $0.payee == .vendor })
        #expect(details.allSatisfy { $0.origin == conferenceOrigin })
    }

    @Test("one day instead of two changes the venue and interpretation lines and the total")
    func oneDayLess() {
        let two = expand(twoDayConference(days: 2)).lines, one = expand(twoDayConference(days: 1)).lines
        #expect(page(one).filter { $0.contains("일 =") } == [
            "· 메인홀 대관료 8,000,000원*1일 = 8,000천원",
            "· 부대행사장 대관료 1,500,000원*3실*1일 = 4,500천원",
            "· 동시통역료(영어·중국어) 1,300,000원*2부스*2인*1일 = 5,200천원",
            "· 통역부스 임차료 600,000원*2부스*1일 = 1,200천원",
            "· 동시통역 수신기 임차료 6,000원*300대*1일 = 1,800천원",
            "· 셔틀버스 임차 600,000원*2대*2일 = 2,400천원",
        ])
        #expect(page(one).first { $0.hasPrefix("행사장") } == "행사장 및 부대행사장 조성비 27,500,000원*1식 = 27,500천원")
        #expect(total(two) == Won(115_033_000))
        #expect(total(one) == Won(115_033_000 - 8_000_000 - 4_500_000 - 5_200_000 - 1_200_000 - 1_800_000))
    }

    @Test("speakers on the same terms add up to one line, whichever entries they are written in")
    func speakersOnTheSameTermsAddUp() {
        var input = Conference.Input(days: count(1))
        input.speakers = .itemised([
            Conference.Speaker(count: count(2), origin: .domestic, fee: Located(.won(Won(1_000_000)))),
            Conference.Speaker(origin: .domestic, fee: Located(.won(Won(500_000)))),
            Conference.Speaker(count: count(3), origin: .domestic, fee: Located(.won(Won(1_000_000)))),
        ])
        #expect(page(expand(input).lines) == [
            "연사초청경비 등 5,500,000원*1식 = 5,500천원",
            "· 국내연사 사례비 1,000,000원*5인 = 5,000천원",
            "· 국내연사 사례비 500,000원*1인 = 500천원",
        ])
    }

    @Test("a group with nothing in it is left out; lump sums and roll-ups mix; lines can be renamed")
    func emptyGroupsAndNames() {
        var input = Conference.Input(days: count(1), speakers: .itemised([]), venue: .itemised(Conference.Venue()),
                                     promotion: .lumpSum(won(10_000_000, at: 14)),
                                     print: .itemised([Conference.PrintItem(item: "명찰", copies: count(300), unitPrice: won(1_500, at: 20), unit: "개")]))
        input.lineNames = [.promotion: "온라인 홍보비"]
        #expect(page(expand(input).lines) == [
            "온라인 홍보비 10,000,000원*1식 = 10,000천원",
            "인쇄물 제작비 450,000원*1식 = 450천원",
            "· 명찰 1,500원*300개 = 450천원",
        ])
    }

    @Test("a written fare needs no standard one: the seat class is then just a label")
    func writtenFare() {
        var input = Conference.Input(days: count(1))
        input.speakers = .itemised([Conference.Speaker(origin: .foreign, flight: Conference.Flight(
            seatClass: Located("first", at: place(12)), region: Located("oceania", at: place(13)),
            fare: RateResolver.Written(amount: Won(9_000_000), location: place(14))))])
        let expansion = expand(input)
        #expect(expansion.diagnostics.isEmpty)
        #expect(page(expansion.lines) == ["연사초청경비 등 9,000,000원*1식 = 9,000천원", "· 연사 왕복항공료(일등석·대양주) 9,000,000원*1인 = 9,000천원"])
    }
}

// MARK: - Rates

@Suite("Conference kind: rates")
struct ConferenceRateTests {
    private func standardSpeaker() -> Conference.Input {
        var input = Conference.Input(days: count(1))
        input.speakers = .itemised([Conference.Speaker(origin: .foreign,
            flight: Conference.Flight(seatClass: Located("business", at: place(12)), region: Located("northAmerica", at: place(13))),
            hotelNights: count(2, at: 14), localTransport: .standard(place(15)))])
        input.services = .itemised(Conference.Services(
            interpretation: Conference.Interpretation(languages: Located(.count(1), at: place(18)), boothRental: .standard(place(19))),
            translation: Conference.Translation(pages: count(10, at: 21))))
        return input
    }

    @Test("a 2017 plan gets the rates from 2016, a 2026 plan those from 2024")
    func ratesByDate() {
        #expect(page(expand(standardSpeaker(), year: 2017).lines).filter { $0.hasPrefix("·") } == [
            "· 연사 왕복항공료(비즈니스석·북미) 6,500,000원*1인 = 6,500천원",
            "· 연사 숙박비 200,000원*1인*2박 = 400천원",
            "· 연사 현지교통비 100,000원*1인 = 100천원",
            "· 동시통역료 1,000,000원*1부스*2인*1일 = 2,000천원",
            "· 통역부스 임차료 500,000원*1부스*1일 = 500천원",
            "· 자료 번역료 25,000원*10매 = 250천원",
        ])
        #expect(page(expand(standardSpeaker(), year: 2026).lines).filter { $0.hasPrefix("·") } == [
            "· 연사 왕복항공료(비즈니스석·북미) 7,500,000원*1인 = 7,500천원",
            "· 연사 숙박비 250,000원*1인*2박 = 500천원",
            "· 연사 현지교통비 150,000원*1인 = 150천원",
            "· 동시통역료 1,300,000원*1부스*2인*1일 = 2,600천원",
            "· 통역부스 임차료 600,000원*1부스*1일 = 600천원",
            "· 자료 번역료 30,000원*10매 = 300천원",
        ])
    }

    @Test("a rate the plan writes with its reason is a note; without a reason, a warning")
    func departingRates() {
        var input = standardSpeaker()
        guard case .itemised(var speakers)? = input.speakers else { Issue.record("itemised speakers"); return }
        speakers[0].hotelRate = RateResolver.Written(amount: Won(300_000), location: place(16), reason: "행사장 인근 호텔 협약 요금")
        input.speakers = .itemised(speakers)
        guard case .itemised(var services)? = input.services else { Issue.record("itemised services"); return }
        services.interpretation?.dayRate = RateResolver.Written(amount: Won(1_500_000), location: place(20))
        input.services = .itemised(services)

        let expansion = expand(input)
        #expect(expansion.diagnostics == [
            Diagnostic(.note, at: place(16), path: "categories[0].items[0].lines[0].speakers[0].hotelRate",
                       "the speakers' hotel rate (숙박비) is 300,000원 instead of the standard 250,000원 (기준 2024): 행사장 인근 호텔 협약 요금"),
            .warning(at: place(20), path: "categories[0].items[0].lines[0].services.interpretation.dayRate",
                     "the interpreter's day rate (동시통역료) is 1,500,000원, not the standard 1,300,000원 (기준 2024) in force on 2026-01-01",
                     hint: "write the reason beside it (reason: …), or drop the amount to use the standard rate interpretation.simultaneous"),
        ])
        #expect(page(expansion.lines).contains("· 연사 숙박비 300,000원*1인*2박 = 600천원"))
        #expect(page(expansion.lines).contains("· 동시통역료 1,500,000원*1부스*2인*1일 = 3,000천원"))
    }

    @Test("without a rate table a standard fare is an error, and no lines are made")
    func noRateTable() {
        let expansion = expand(standardSpeaker(), table: nil)
        #expect(expansion.lines.isEmpty)
        #expect(errors(expansion).first ==
            "12:13 categories[0].items[0].lines[0].speakers[0].airfare: the business airfare from northAmerica (연사 왕복항공료) needs a rate: no rate table was found and the plan gives no amount | add Events/rates.yaml (see the README) or write the amount in the plan")
    }
}

// MARK: - Sessions

@Suite("Conference kind: sessions")
struct ConferenceSessionTests {
    @Test("one session per day, dated, with the attendees; then one slot per paid speaker with that speaker's fee")
    func sessionsPerDay() {
        let sessions = expand(twoDayConference()).sessions
        let days = Array(sessions.prefix(2)), slots = Array(sessions.dropFirst(2))
        #expect(days.map(\.id) == ["seoul-2026/1", "seoul-2026/2"])
        #expect(days.map(\.title) == ["1일차", "2일차"])
        #expect(days.map(\.date) == [day(2026, 10, 14), day(2026, 10, 15)])
        #expect(days.map(\.headcount) == [400, 400])
        #expect(days.allSatisfy { $0.payableRoles.isEmpty && $0.fees.isEmpty })
        #expect(slots.map(\.id) == (3...9).map { "seoul-2026/\($0)" })
        #expect(slots.map(\.title) == ["연사: Keynote", "연사: 해외연사 1", "연사: 해외연사 2", "연사: 국내연사 1", "연사: 국내연사 2", "연사: 국내연사 3", "연사: 국내연사 4"])
        #expect(slots.allSatisfy { $0.payableRoles == [.speaker] && $0.headcount == 1 && $0.date == day(2026, 10, 14) })
        #expect(slots.allSatisfy { ($0.fees[.speaker] ?? .zero) > .zero })
    }

    @Test("no paid speaker (a lump sum, or speakers without a fee): no payable role; days without dates stay undated")
    func noPaidSpeakers() {
        let lump = expand(lumpSums2017).sessions
        #expect(lump.count == 1)
        #expect(lump[0].payableRoles.isEmpty)
        #expect(lump[0].date == nil)
        #expect(lump[0].headcount == nil)
        var unpaid = Conference.Input(days: count(3))
        unpaid.speakers = .itemised([Conference.Speaker(origin: .domestic, hotelNights: count(1))])
        let sessions = expand(unpaid).sessions
        #expect(sessions.count == 3)
        #expect(sessions.allSatisfy { $0.payableRoles.isEmpty })
    }
}

// MARK: - Bad input

@Suite("Conference kind: bad input")
struct ConferenceBadInputTests {
    private func interpretation(_ languages: Conference.Interpretation.Languages, days: Int64? = nil, perBooth: Int64? = nil) -> Conference.Input {
        var input = Conference.Input(days: count(2))
        input.services = .itemised(Conference.Services(interpretation: Conference.Interpretation(
            languages: Located(languages, at: place(12, 28)), interpretersPerBooth: perBooth.map { count($0, at: 14) },
            days: days.map { count($0, at: 13) }, location: place(11))))
        return input
    }

    @Test("interpreters without languages, or languages without days, are errors")
    func interpretationWithoutLanguagesOrDays() {
        let hint = "write the languages interpreted to and from Korean (languages: [영어, 중국어]) or how many (languages: 2), or drop interpretation"
        #expect(errors(expand(interpretation(.count(0)))) ==
            ["12:28 categories[0].items[0].lines[0].services.interpretation.languages: expected at least one language for the interpreters, got 0 | \(hint)"])
        #expect(errors(expand(interpretation(.named([])))) ==
            ["12:28 categories[0].items[0].lines[0].services.interpretation.languages: expected at least one language for the interpreters, got an empty list | \(hint)"])
        #expect(errors(expand(interpretation(.named(["영어", "일본어"]), days: 0))) ==
            ["13:13 categories[0].items[0].lines[0].services.interpretation.days: expected at least one day of interpretation for 2 languages, got 0 | leave days out to interpret on every conference day, or drop interpretation"])
        #expect(errors(expand(interpretation(.count(1), perBooth: 0))) ==
            ["14:13 categories[0].items[0].lines[0].services.interpretation.interpretersPerBooth: expected at least one interpreter per booth, got 0 | leave interpretersPerBooth out for the usual 2 (they take turns every 20–30 minutes)"])
        #expect(expand(interpretation(.count(0))).lines.isEmpty)
    }

    @Test("a foreign fee needs the plan's exchange rate for its currency")
    func foreignFeeWithoutRate() {
        var input = Conference.Input(days: count(1))
        input.speakers = .itemised([Conference.Speaker(origin: .foreign, fee: Located(foreign("USD 5,000"), at: place(12, 22)))])
        let hint = "add exchangeRates: { USD: 1,350원 } at the top of the plan (won per 1 USD), or write the fee in won"
        #expect(errors(expand(input)) == ["12:22 categories[0].items[0].lines[0].speakers[0].fee: expected an exchange rate for USD in the plan's exchangeRates, got none | \(hint)"])
        input.exchangeRates = ["EUR": rate("EUR", "1,500원"), "JPY": rate("JPY", "9.2원")]
        #expect(errors(expand(input)) == ["12:22 categories[0].items[0].lines[0].speakers[0].fee: expected an exchange rate for USD in the plan's exchangeRates, got only EUR, JPY | \(hint)"])
        // A rate that was written but could not be read is reported where it is written, not again here.
        input.unreadableRates = ["USD"]
        #expect(errors(expand(input)).isEmpty)
    }

    @Test("a fee too large to convert is an error, not a crash")
    func conversionOverflow() {
        var input = Conference.Input(days: count(1))
        input.speakers = .itemised([Conference.Speaker(origin: .foreign, fee: Located(foreign("USD 9,999,999,999,999,999"), at: place(12, 22)))])
        input.exchangeRates = ["USD": rate("USD", "1,350원")]
        #expect(errors(expand(input)) == ["12:22 categories[0].items[0].lines[0].speakers[0].fee: USD 9,999,999,999,999,999 at 1,350원 per USD is more than the planner can hold (9,223,372,036,854,775,807원) | check the fee and the exchange rate for a typo"])
    }

    private func flying(_ seatClass: String, from region: String) -> Conference.Input {
        var input = Conference.Input(days: count(1))
        input.speakers = .itemised([Conference.Speaker(origin: .foreign, flight: Conference.Flight(
            seatClass: Located(seatClass, at: place(12, 24)), region: Located(region, at: place(13, 23))))])
        return input
    }

    @Test("a seat class or an origin region the rate table has no fare for, with a did-you-mean")
    func unknownClassOrRegion() {
        let economyOnly = RateTable(entries: conferenceRates.entries.filter { !$0.key.name.hasPrefix("airfare.business") }, file: "Events/rates.yaml")
        #expect(errors(expand(flying("business", from: "northAmerica"), table: economyOnly)) ==
            ["12:24 categories[0].items[0].lines[0].speakers[0].class: expected a seat class that the rate table has airfares for (economy), got \"business\" | add airfare.business.northAmerica to Events/rates.yaml, or write the fare (airfare: 3,500,000원)"])
        #expect(errors(expand(flying("buisness", from: "northAmerica"))) ==
            ["12:24 categories[0].items[0].lines[0].speakers[0].class: expected a seat class that the rate table has airfares for (business, economy), got \"buisness\" | did you mean \"business\"?"])
        #expect(errors(expand(flying("economy", from: "southAmerica"))) ==
            ["13:23 categories[0].items[0].lines[0].speakers[0].from: expected an origin region that the rate table has economy airfares for (europe), got \"southAmerica\" | add airfare.economy.southAmerica to Events/rates.yaml, or write the fare (airfare: 3,500,000원)"])
        #expect(errors(expand(flying("economy", from: "Europe"))) ==
            ["13:23 categories[0].items[0].lines[0].speakers[0].from: expected an origin region that the rate table has economy airfares for (europe), got \"Europe\" | did you mean \"europe\"?"])
    }

    @Test("a conference of no days, or with more or fewer dates than days")
    func days() {
        var input = Conference.Input(days: count(0, at: 10), promotion: .lumpSum(won(1_000_000, at: 11)))
        #expect(errors(expand(input)) == ["10:13 categories[0].items[0].lines[0].days: expected at least one conference day, got 0 | drop the conference from the plan if there are no conference days this year"])
        input.days = count(1, at: 10)
        input.dates = Located([day(2026, 10, 14), day(2026, 10, 15)], at: place(11, 20))
        #expect(errors(expand(input)) == ["11:20 categories[0].items[0].lines[0].dates: expected 1 date, one per conference day, got 2 | add conference days, or drop the extra dates"])
        input.days = count(3, at: 10)
        #expect(errors(expand(input)) == ["11:20 categories[0].items[0].lines[0].dates: expected 3 dates, one per conference day, got 2 | give every conference day its date, or leave dates out until all are known"])
    }
}

// MARK: - Currency

@Suite("Conference kind: foreign currency")
struct ConferenceCurrencyTests {
    @Test("conversion is amount × rate rounded half-up to the won, once", arguments: [
        ("USD 5,000", "USD", "1,350원", 6_750_000),
        ("USD 3,333.33", "USD", "1,352.5원", 4_508_329),   // 4,508,328.825
        ("EUR 0.5", "EUR", "1원", 1),                      // half goes up
        ("EUR 0.49", "EUR", "1원", 0),
        ("JPY 400,000", "JPY", "9.2원", 3_680_000),
        ("2,500.50 EUR", "EUR", "1,452.5원", 3_631_976),   // 3,631,976.25
    ] as [(String, String, String, Int64)])
    func conversion(amount: String, currency: String, rateText: String, expected: Int64) {
        guard case .foreign(let foreignAmount) = foreign(amount) else { Issue.record("a foreign amount"); return }
        #expect(Currency.convert(foreignAmount, at: rate(currency, rateText).value) == Won(expected))
    }

    @Test("amounts and rates read as written, and print back the same way")
    func reading() {
        #expect(Currency.amount("USD 2,500.50") == .success(.foreign(ForeignAmount(currency: "USD", figure: DecimalFigure(units: 250_050, scale: 2)!))))
        #expect(Currency.amount("5,000 usd") == .success(.foreign(ForeignAmount(currency: "USD", figure: DecimalFigure(units: 5_000, scale: 0)!))))
        #expect(Currency.amount("3,000,000원") == .success(.won(Won(3_000_000))))
        #expect(Currency.amount("300만원") == .success(.won(Won(3_000_000))))
        #expect(foreign("EUR 2,500.50") == .foreign(ForeignAmount(currency: "EUR", figure: DecimalFigure(units: 250_050, scale: 2)!)))
        if case .foreign(let amount) = foreign("EUR 1,234,567.05") { #expect(amount.description == "EUR 1,234,567.05") }
        #expect(rate("JPY", "9.2원").value.description == "9.2원")
        #expect(Currency.convert(ForeignAmount(currency: "USD", figure: DecimalFigure(units: 1, scale: 0)!), at: rate("EUR", "1,500원").value) == nil)
    }

    @Test("malformed foreign amounts and rates say what was expected", arguments: [
        ("5,000 달러", "expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got \"5,000 달러\"",
         "write the currency as its three-letter code (USD, EUR, JPY) before or after the figure: USD 5,000"),
        ("5,000", "expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got \"5,000\"",
         "write the unit: 원 for won, or a currency code like USD 5,000"),
        ("USD 5.000,00", "expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got \"USD 5.000,00\"",
         "write the figure in digits with thousands commas and at most 4 digits after a decimal point: USD 2,500.50"),
        ("USD 1.23456", "expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got \"USD 1.23456\"",
         "write the figure in digits with thousands commas and at most 4 digits after a decimal point: USD 2,500.50"),
        ("USD", "expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got \"USD\"",
         "write the currency as its three-letter code (USD, EUR, JPY) before or after the figure: USD 5,000"),
    ] as [(String, String, String)])
    func malformedAmounts(text: String, message: String, hint: String) {
        #expect(Currency.amount(text) == .failure(NotationProblem(message, hint: hint)))
    }

    @Test("malformed exchange rates")
    func malformedRates() {
        #expect(Currency.exchangeRate("1350", currency: "USD") == .failure(NotationProblem("expected won per 1 USD like 1,350원 or 1,352.5원, got \"1350\"", hint: "write the unit 원")))
        #expect(Currency.exchangeRate("천삼백원", currency: "USD") == .failure(NotationProblem("expected won per 1 USD like 1,350원 or 1,352.5원, got \"천삼백원\"")))
        #expect(Currency.exchangeRate("0원", currency: "USD") == .failure(NotationProblem("expected won per 1 USD like 1,350원 or 1,352.5원, got \"0원\"")))
        #expect(Currency.exchangeRate("1,350원", currency: "US") == .failure(NotationProblem("expected a three-letter currency code like USD, got \"US\"",
            hint: "exchange rates are written as CODE: won per unit, e.g. USD: 1,350원")))
    }
}
