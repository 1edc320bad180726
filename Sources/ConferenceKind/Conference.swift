import PlannerCore

/// An international conference: invited speakers, a venue, interpretation and hospitality, promotion
/// and print, rolled up to the five lines of the 2017 page.
///
/// The kind always produces at most five lines, in this order, named as on the 2017 page unless the
/// plan renames them: `연사초청경비 등`, `행사장 및 부대행사장 조성비`, `통번역, 수송, 오만찬 등`, `홍보비`,
/// `인쇄물 제작비`. A group written as one amount is a detail-less line `40,000,000원*1식`; an itemised
/// group is a roll-up line whose `details` are its itemised lines (core pricing makes its unit price
/// the sum of the details' budgeted amounts, with the factor `1식`). A group with nothing in it is left out.
///
/// Payees: speakers' fees are `.person(.speaker)`; everything else, interpreters included (they are
/// contracted through an agency), is `.vendor`. A roll-up line mixes payees, so its own payee is
/// `.vendor`; what is paid to people is found on its detail lines.
///
/// Foreign fees are converted once per fee by `Currency.convert` (amount × the plan's rate, rounded
/// half-up to the whole won), then multiplied by the number of speakers.
///
/// Sessions: one planned session per conference day (`1일차`, `2일차`, …), dated when `dates` are
/// given (one per day, checked like every kind's by `KindSupport.checkSchedule`), with the expected
/// attendees as headcount. Every day carries the payable role `.speaker` when the itemised speakers
/// include a paid one (a fee above zero): the plan does not say which day each speaker talks. A lump-sum speakers group has no known speakers, hence no payable role.
public enum Conference {
    /// Standard round-trip fares per person: `airfare.<class>.<region>`, e.g. `airfare.business.northAmerica`.
    public static func airfareRate(seatClass: String, region: String) -> RateKey { RateKey("airfare.\(seatClass).\(region)") }
    /// 숙박비, per speaker per night.
    public static let hotelRate: RateKey = "hotel.night"
    /// 현지교통비, per speaker for the stay (airport transfers, travel in the city).
    public static let localTransportRate: RateKey = "transport.speakerLocal"
    /// 동시통역료, per interpreter per day.
    public static let interpreterRate: RateKey = "interpretation.simultaneous"
    /// 통역부스 임차료, per booth per day.
    public static let boothRate: RateKey = "interpretation.booth"
    /// 수신기 임차료, per receiver per day.
    public static let receiverRate: RateKey = "interpretation.receiver"
    /// 번역료, per page.
    public static let translationRate: RateKey = "translation.page"
    /// How messages name the conference's days.
    public static let words = SessionWords("conference day", "conference days", key: "days", event: "the conference")

    /// The conference's lines and days. `at`/`path` place the event in its plan file.
    public static func expand(_ input: Input, origin: EventOrigin, rates: RateResolver, at location: SourceLocation?, path: String) -> EventExpansion {
        var expander = Expander(input: input, origin: origin, rates: rates, location: location, path: path)
        return expander.expand()
    }

    /// Korean words for the usual seat classes and regions, for line names; other names are shown as written.
    static let seatClassNames = ["economy": "일반석", "premiumEconomy": "프리미엄일반석", "business": "비즈니스석", "first": "일등석"]
    static let regionNames = ["asia": "아시아", "europe": "유럽", "northAmerica": "북미", "southAmerica": "남미", "oceania": "대양주",
                              "middleEast": "중동", "africa": "아프리카", "domestic": "국내"]
}

/// Builds one conference's lines, collecting diagnostics as it goes.
private struct Expander {
    let input: Conference.Input
    let origin: EventOrigin
    let rates: RateResolver
    let location: SourceLocation?
    let path: String
    var diagnostics: [Diagnostic] = []
    /// One entry per paid speaker (each of a `count`), with the fee in won: the speaker slots.
    var speakerSlots: [(title: String, fee: Won)] = []

    init(input: Conference.Input, origin: EventOrigin, rates: RateResolver, location: SourceLocation?, path: String) {
        self.input = input
        self.origin = origin
        self.rates = rates
        self.location = location
        self.path = path
    }

    var days: Int64 { input.days.value }

    mutating func expand() -> EventExpansion {
        diagnostics += KindSupport.checkSchedule(count: input.days, dates: input.dates, words: Conference.words, at: location, path: path)
        var lines: [CostLine] = []
        var paidSpeakers = false
        switch input.speakers {
        case .lumpSum(let amount)?: lines.append(lumpSum(.speakers, amount))
        case .itemised(let speakers)?:
            paidSpeakers = speakers.contains { speaker in
                guard speaker.count.value > 0, let fee = speaker.fee?.value else { return false }
                switch fee {
                case .won(let won): return won.value > 0
                case .foreign(let amount): return amount.figure.units > 0
                }
            }
            lines += rollUp(.speakers, speakerLines(speakers))
        case nil: break
        }
        switch input.venue {
        case .lumpSum(let amount)?: lines.append(lumpSum(.venue, amount))
        case .itemised(let venue)?: lines += rollUp(.venue, venueLines(venue))
        case nil: break
        }
        switch input.services {
        case .lumpSum(let amount)?: lines.append(lumpSum(.services, amount))
        case .itemised(let services)?: lines += rollUp(.services, serviceLines(services))
        case nil: break
        }
        switch input.promotion {
        case .lumpSum(let amount)?: lines.append(lumpSum(.promotion, amount))
        case .itemised(let channels)?: lines += rollUp(.promotion, entries(channels, at: path + ".promotion"))
        case nil: break
        }
        switch input.print {
        case .lumpSum(let amount)?: lines.append(lumpSum(.print, amount))
        case .itemised(let items)?: lines += rollUp(.print, printLines(items))
        case nil: break
        }
        guard !diagnostics.hasErrors else { return EventExpansion(diagnostics: diagnostics) }

        // Sessions: the conference days (for attendance), then one slot per paid speaker, numbered after
        // the days, each paying that speaker's fee.
        let count = Int(min(days, 10_000))
        var sessions = KindSupport.sessions(origin, count: days, dates: input.dates?.value ?? [],
                                            titles: count > 0 ? (1...count).map { "\($0)일차" } : [],
                                            headcount: input.attendees.map { Int(clamping: $0.value) }, roles: [])
        let firstDay = input.dates?.value.first
        for (offset, slot) in speakerSlots.enumerated() {
            sessions.append(PlannedSession(event: origin, number: count + offset + 1, title: slot.title, date: firstDay, headcount: 1,
                                           payableRoles: [.speaker], fees: [.speaker: slot.fee]))
        }
        _ = paidSpeakers
        return EventExpansion(lines: lines, sessions: sessions, diagnostics: diagnostics)
    }

    // MARK: - The five lines

    func name(_ group: Conference.Group) -> String { input.lineNames[group] ?? group.defaultName }

    /// A group written as one amount: `40,000,000원*1식`, with no details.
    func lumpSum(_ group: Conference.Group, _ amount: Located<Won>) -> CostLine {
        KindSupport.line(name(group), unitPrice: amount.value, factors: [KindSupport.factor(1, "식")], payee: .vendor,
                         origin: origin, at: amount.location ?? location, path: path + "." + group.rawValue)
    }

    /// An itemised group: one roll-up line over its details, or nothing when it has none.
    func rollUp(_ group: Conference.Group, _ details: [CostLine]) -> [CostLine] {
        guard !details.isEmpty else { return [] }
        // Pricing replaces the unit price with the sum of the details' budgeted amounts; the exact sum
        // stands in until then so that the unpriced line reads sensibly.
        var line = KindSupport.line(name(group), unitPrice: details.compactMap(\.exactAmount).checkedSum() ?? .zero,
                                    factors: [KindSupport.factor(1, "식")], payee: .vendor, origin: origin, at: location,
                                    path: path + "." + group.rawValue)
        line.details = details
        return [line]
    }

    func line(_ name: String, _ unitPrice: Won, _ factors: [Factor], payee: Payee = .vendor, at source: SourceLocation?, path: String) -> CostLine {
        KindSupport.line(name, unitPrice: unitPrice, factors: factors, payee: payee, origin: origin, at: source ?? location, path: path)
    }

    /// Free entries (transport, promotion channels, other costs) as lines.
    func entries(_ entries: [Conference.Entry], at path: String) -> [CostLine] {
        entries.map { line($0.name, $0.unitPrice, $0.factors, at: $0.location, path: path) }
    }

    // MARK: - 연사초청경비 등

    /// Lines of speakers on the same terms add up: four domestic speakers at 1,000,000원 are one line
    /// `국내연사 사례비 1,000,000원*4인`, whichever entries they were written in.
    struct Tally {
        var name: String
        var unitPrice: Won
        var people: Int64
        var trailing: [Factor]
        var payee: Payee
        var source: SourceLocation?
        var path: String
    }

    mutating func speakerLines(_ speakers: [Conference.Speaker]) -> [CostLine] {
        var fees: [Tally] = [], fares: [Tally] = [], hotels: [Tally] = [], transport: [Tally] = []
        func add(_ tally: Tally, to list: inout [Tally]) {
            if let index = list.firstIndex(where: { $0.name == tally.name && $0.unitPrice == tally.unitPrice && $0.trailing == tally.trailing }) {
                let (sum, overflow) = list[index].people.addingReportingOverflow(tally.people)
                list[index].people = overflow ? .max : sum
            } else {
                list.append(tally)
            }
        }
        for (index, speaker) in speakers.enumerated() {
            let speakerPath = "\(path).speakers[\(index)]"
            let people = speaker.count.value
            let at = speaker.location
            if let fee = speaker.fee, let (name, amount) = self.fee(fee, origin: speaker.origin, path: speakerPath + ".fee") {
                add(Tally(name: name, unitPrice: amount, people: people, trailing: [], payee: .person(.speaker), source: at, path: speakerPath), to: &fees)
                if amount > .zero {
                    let title = "연사: " + (speaker.name ?? (speaker.origin == .domestic ? "국내연사" : "해외연사"))
                    for n in 0..<Int(min(people, 1_000)) { speakerSlots.append((people > 1 ? "\(title) \(n + 1)" : title, amount)) }
                }
            }
            if let flight = speaker.flight, let fare = self.fare(flight, speaker: speaker, path: speakerPath) {
                add(Tally(name: fare.name, unitPrice: fare.amount, people: people, trailing: [], payee: .vendor, source: at, path: speakerPath), to: &fares)
            }
            if let nights = speaker.hotelNights, nights.value > 0,
               let rate = rates.resolve(Conference.hotelRate, written: speaker.hotelRate, what: "the speakers' hotel rate (숙박비)",
                                        at: nights.location, path: speakerPath + ".hotelRate", diagnostics: &diagnostics) {
                add(Tally(name: "연사 숙박비", unitPrice: rate, people: people, trailing: [KindSupport.factor(nights.value, "박")],
                          payee: .vendor, source: at, path: speakerPath), to: &hotels)
            }
            if let rate = optional(speaker.localTransport, Conference.localTransportRate, what: "the speakers' local transport (현지교통비)",
                                   path: speakerPath + ".localTransport") {
                add(Tally(name: "연사 현지교통비", unitPrice: rate, people: people, trailing: [], payee: .vendor, source: at, path: speakerPath),
                    to: &transport)
            }
        }
        return (fees + fares + hotels + transport).map { tally in
            line(tally.name, tally.unitPrice, [KindSupport.factor(tally.people, "인")] + tally.trailing, payee: tally.payee,
                 at: tally.source, path: tally.path)
        }
    }

    /// The fee's line name and amount in won; a foreign fee is converted with the plan's rate.
    mutating func fee(_ fee: Located<CurrencyAmount>, origin: Conference.Speaker.Origin, path: String) -> (String, Won)? {
        let base = origin == .domestic ? "국내연사 사례비" : "해외연사 사례비"
        switch fee.value {
        case .won(let won):
            return (base, won)
        case .foreign(let amount):
            guard let rate = input.exchangeRates[amount.currency] else {
                guard !input.unreadableRates.contains(amount.currency) else { return nil }
                let known = input.exchangeRates.keys.sorted()
                diagnostics.append(.error(at: fee.location, path: path,
                    "expected an exchange rate for \(amount.currency) in the plan's exchangeRates, got \(known.isEmpty ? "none" : "only " + known.joined(separator: ", "))",
                    hint: "add exchangeRates: { \(amount.currency): 1,350원 } at the top of the plan (won per 1 \(amount.currency)), or write the fee in won"))
                return nil
            }
            guard let won = Currency.convert(amount, at: rate.value) else {
                diagnostics.append(.error(at: fee.location, path: path,
                    "\(amount) at \(rate.value) per \(amount.currency) is more than the planner can hold (9,223,372,036,854,775,807원)",
                    hint: "check the fee and the exchange rate for a typo"))
                return nil
            }
            return ("\(base)(\(amount)×\(rate.value))", won)
        }
    }

    /// The round-trip fare and its line name, from the rate table unless the plan writes it.
    mutating func fare(_ flight: Conference.Flight, speaker: Conference.Speaker, path: String) -> (name: String, amount: Won)? {
        var labels: [String] = []
        if let seatClass = flight.seatClass?.value { labels.append(Conference.seatClassNames[seatClass] ?? seatClass) }
        if let region = flight.region?.value { labels.append(Conference.regionNames[region] ?? region) }
        let name = "연사 왕복항공료" + (labels.isEmpty ? "" : "(\(labels.joined(separator: "·")))")
        guard let seatClass = flight.seatClass, let region = flight.region else {
            // The reader asks for both unless the fare is written.
            return flight.fare.map { (name, $0.amount) }
        }
        let key = Conference.airfareRate(seatClass: seatClass.value, region: region.value)
        if flight.fare == nil, let table = rates.table, table.entry(key, on: rates.date) == nil, table.earliest(key) == nil {
            // Say which part of the key the table lacks, among what it has.
            let fares = table.keys.compactMap { key -> (seatClass: String, region: String)? in
                let parts = key.name.split(separator: ".", omittingEmptySubsequences: false)
                return parts.count == 3 && parts[0] == "airfare" ? (String(parts[1]), String(parts[2])) : nil
            }
            let classes = ordered(fares.map(\.seatClass))
            let writeFare = "or write the fare (airfare: 3,500,000원)"
            if !classes.contains(seatClass.value) {
                let suggestion = Suggestion.closest(to: seatClass.value, among: classes)
                diagnostics.append(.error(at: seatClass.location ?? speaker.location, path: path + ".class",
                    "expected a seat class that the rate table has airfares for (\(listed(classes))), got \(Redaction.quoted(seatClass.value))",
                    hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "add \(key) to \(table.file), \(writeFare)"))
            } else {
                let regions = ordered(fares.filter { $0.seatClass == seatClass.value }.map(\.region))
                let suggestion = Suggestion.closest(to: region.value, among: regions)
                diagnostics.append(.error(at: region.location ?? speaker.location, path: path + ".from",
                    "expected an origin region that the rate table has \(seatClass.value) airfares for (\(listed(regions))), got \(Redaction.quoted(region.value))",
                    hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "add \(key) to \(table.file), \(writeFare)"))
            }
            return nil
        }
        return rates.resolve(key, written: flight.fare, what: "the \(seatClass.value) airfare from \(region.value) (연사 왕복항공료)",
                             at: seatClass.location ?? speaker.location, path: path + ".airfare", diagnostics: &diagnostics).map { (name, $0) }
    }

    func ordered(_ names: [String]) -> [String] { Array(Set(names)).sorted() }
    func listed(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    /// A cost the plan may leave out, take at the standard rate, or write.
    mutating func optional(_ rate: OptionalRate, _ key: RateKey, what: String, path: String) -> Won? {
        switch rate {
        case .none: return nil
        case .standard(let at): return rates.resolve(key, written: nil, what: what, at: at ?? location, path: path, diagnostics: &diagnostics)
        case .written(let written): return rates.resolve(key, written: written, what: what, at: written.location, path: path, diagnostics: &diagnostics)
        }
    }

    // MARK: - 행사장 및 부대행사장 조성비

    func venueLines(_ venue: Conference.Venue) -> [CostLine] {
        let venuePath = path + ".venue"
        var lines: [CostLine] = []
        if let hall = venue.mainHall {
            var factors: [Factor] = []
            if let rooms = hall.rooms { factors.append(KindSupport.factor(rooms.value, "실")) }
            factors.append(KindSupport.factor(hall.days?.value ?? days, "일"))
            lines.append(line(hall.name ?? "메인홀 대관료", hall.dayRate.value, factors, at: hall.dayRate.location, path: venuePath + ".mainHall"))
        }
        if let side = venue.sideRooms {
            let factors = [KindSupport.factor(side.rooms?.value ?? 1, "실"), KindSupport.factor(side.days?.value ?? days, "일")]
            lines.append(line(side.name ?? "부대행사장 대관료", side.dayRate.value, factors, at: side.dayRate.location, path: venuePath + ".sideRooms"))
        }
        if let setup = venue.setup {
            lines.append(line("행사장 설치비", setup.value, [KindSupport.factor(1, "식")], at: setup.location, path: venuePath + ".setup"))
        }
        if let decoration = venue.decoration {
            lines.append(line("행사장 장식비", decoration.value, [KindSupport.factor(1, "식")], at: decoration.location, path: venuePath + ".decoration"))
        }
        return lines + entries(venue.other, at: venuePath + ".other")
    }

    // MARK: - 통번역, 수송, 오만찬 등

    mutating func serviceLines(_ services: Conference.Services) -> [CostLine] {
        let servicesPath = path + ".services"
        var lines: [CostLine] = []
        if let interpretation = services.interpretation {
            lines += interpretationLines(interpretation, path: servicesPath + ".interpretation")
        }
        if let translation = services.translation, translation.pages.value > 0,
           let rate = rates.resolve(Conference.translationRate, written: translation.pageRate, what: "the translation rate per page (번역료)",
                                    at: translation.pages.location, path: servicesPath + ".translation.pageRate", diagnostics: &diagnostics) {
            lines.append(line("자료 번역료", rate, [KindSupport.factor(translation.pages.value, "매")], at: translation.pages.location,
                              path: servicesPath + ".translation"))
        }
        lines += entries(services.transport, at: servicesPath + ".transport")
        for (index, reception) in services.receptions.enumerated() {
            var factors = [KindSupport.factor(reception.persons.value, "명")]
            if let times = reception.times { factors.append(KindSupport.factor(times.value, "회")) }
            lines.append(line(reception.name, reception.unitPrice.value, factors, at: reception.unitPrice.location,
                              path: "\(servicesPath).receptions[\(index)]"))
        }
        return lines + entries(services.other, at: servicesPath + ".other")
    }

    mutating func interpretationLines(_ interpretation: Conference.Interpretation, path: String) -> [CostLine] {
        let languages = interpretation.languages.value.count
        guard languages > 0 else {
            let got = if case .named = interpretation.languages.value { "an empty list" } else { "0" }
            diagnostics.append(.error(at: interpretation.languages.location ?? interpretation.location, path: path + ".languages",
                "expected at least one language for the interpreters, got \(got)",
                hint: "write the languages interpreted to and from Korean (languages: [영어, 중국어]) or how many (languages: 2), or drop interpretation"))
            return []
        }
        let interpretationDays = interpretation.days?.value ?? days
        if let written = interpretation.days, written.value == 0 {
            diagnostics.append(.error(at: written.location, path: path + ".days",
                "expected at least one day of interpretation for \(languages) language\(languages == 1 ? "" : "s"), got 0",
                hint: "leave days out to interpret on every conference day, or drop interpretation"))
            return []
        }
        let perBooth = interpretation.interpretersPerBooth?.value ?? Conference.Interpretation.defaultInterpretersPerBooth
        if let written = interpretation.interpretersPerBooth, written.value == 0 {
            diagnostics.append(.error(at: written.location, path: path + ".interpretersPerBooth",
                "expected at least one interpreter per booth, got 0",
                hint: "leave interpretersPerBooth out for the usual 2 (they take turns every 20–30 minutes)"))
            return []
        }
        var lines: [CostLine] = []
        let booths = KindSupport.factor(languages, "부스"), dayFactor = KindSupport.factor(interpretationDays, "일")
        var languageLabel = ""
        if case .named(let names) = interpretation.languages.value { languageLabel = "(\(names.joined(separator: "·")))" }
        if let rate = rates.resolve(Conference.interpreterRate, written: interpretation.dayRate, what: "the interpreter's day rate (동시통역료)",
                                    at: interpretation.languages.location ?? interpretation.location, path: path + ".dayRate", diagnostics: &diagnostics) {
            lines.append(line("동시통역료" + languageLabel, rate, [booths, KindSupport.factor(perBooth, "인"), dayFactor],
                              at: interpretation.location, path: path))
        }
        if let rate = optional(interpretation.boothRental, Conference.boothRate, what: "the interpretation booth rental (통역부스 임차료)",
                               path: path + ".boothRental") {
            lines.append(line("통역부스 임차료", rate, [booths, dayFactor], at: interpretation.location, path: path + ".boothRental"))
        }
        if let receivers = interpretation.receivers, receivers.value > 0,
           let rate = rates.resolve(Conference.receiverRate, written: interpretation.receiverRate, what: "the receiver rental (수신기 임차료)",
                                    at: receivers.location, path: path + ".receiverRate", diagnostics: &diagnostics) {
            lines.append(line("동시통역 수신기 임차료", rate, [KindSupport.factor(receivers.value, "대"), dayFactor],
                              at: receivers.location, path: path + ".receivers"))
        }
        return lines
    }

    // MARK: - 인쇄물 제작비

    func printLines(_ items: [Conference.PrintItem]) -> [CostLine] {
        items.enumerated().map { index, item in
            line(item.item, item.unitPrice.value, [KindSupport.factor(item.copies.value, item.unit)], at: item.unitPrice.location,
                 path: "\(path).print[\(index)]")
        }
    }
}
