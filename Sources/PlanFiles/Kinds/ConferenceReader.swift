import ConferenceKind
import PlannerCore
import Yams

/// Reads a `kind: conference` entry. Each of the five groups is either one amount (a lump sum, written
/// `40,000,000원*1식` on the page) or itemised; a group left out has no line. Rates left out come from
/// the rate table (`airfare.<class>.<region>`, `hotel.night`, `transport.speakerLocal`,
/// `interpretation.simultaneous`, `interpretation.booth`, `interpretation.receiver`, `translation.page`).
/// A speaker's flight needs both `class` and `from`, unless `airfare` gives the fare itself. Foreign
/// fees use the plan's top-level `exchangeRates:` (`USD: 1,350원`, won per one unit), which are read
/// here, when a conference is in the plan: a rate that can't be read is reported at its place.
///
/// ```yaml
/// - kind: conference
///   name: 2026 서울 소셜 컨퍼런스
///   days: 2                        # default: the number of dates, or 1
///   dates: [2026-10-14, 2026-10-15]  # optional, at most one per day
///   attendees: 400                 # optional: expected per day
///   speakers:                      # 연사초청경비 등 — or one amount: speakers: 40,000,000원
///     - name: Keynote (optional)
///       type: foreign              # domestic | foreign
///       count: 1                   # optional, speakers on the same terms (default 1)
///       fee: USD 5,000             # or 3,000,000원; needs exchangeRates: at the top of the plan
///       class: business            # with from: → airfare.business.northAmerica
///       from: northAmerica
///       airfare: 7,500,000원        # optional: the fare itself, or { amount: …, reason: … }
///       hotelNights: 3             # with hotelRate: (optional, hotel.night otherwise)
///       localTransport: standard   # optional: standard or an amount
///   venue:                         # 행사장 및 부대행사장 조성비 — or one amount
///     mainHall: { dayRate: 8,000,000원, days: 2 }        # days default: the conference's
///     sideRooms: { rooms: 3, dayRate: 1,500,000원 }
///     setup: 12,000,000원
///     decoration: 3,000,000원
///     other: [ { name: …, amount: …원 } ]               # free lines: amount, or unitPrice with factors
///   services:                      # 통번역, 수송, 오만찬 등 — or one amount
///     interpretation:
///       languages: [영어, 중국어]     # or a count; one booth each
///       interpretersPerBooth: 2    # optional, default 2
///       days: 2                    # optional, default the conference's days
///       dayRate: 1,000,000원        # optional: interpretation.simultaneous otherwise
///       boothRental: standard      # optional: standard or an amount per booth per day; absent: none
///       receivers: 300             # optional, with receiverRate: (interpretation.receiver otherwise)
///     translation: { pages: 120 }  # with pageRate: (translation.page otherwise)
///     transport: [ { name: 셔틀버스 임차, unitPrice: 600,000원, factors: [2대, 2일] } ]
///     receptions: [ { name: 환영 만찬, persons: 80, unitPrice: 80,000원, times: 1 } ]
///     other: [ … ]
///   promotion:                     # 홍보비: channel: amount lines — or one amount
///     SNS 광고: 4,000,000원
///   print:                         # 인쇄물 제작비 — or one amount
///     - { item: 자료집, copies: 500, unitPrice: 12,000원 }   # unit: 부 unless unit: says otherwise
///   lineNames: { speakers: 연사초청경비 등 }   # optional: rename any of the five lines
/// ```
enum ConferenceReader {
    static func read(_ fields: Fields, origin: EventOrigin, context: ReadContext, at location: SourceLocation?) -> EventExpansion {
        let problems = fields.problems
        let dates = fields.sessionDates("dates", context: context, words: Conference.words)
        let days = fields.count("days", "the number of conference days")
            ?? dates.map { Located(Int64($0.value.count), at: $0.location) }
            ?? Located(1, at: location)
        let attendees = fields.count("attendees", "the expected attendees per day")

        let speakers = part(fields, "speakers", what: "the speakers as a list (lines starting with \"- \")", container: .sequence) { node, path in
            sequence(node, path: path).compactMap { speaker($0.node, path: $0.path, problems: problems) }
        }
        let venue = part(fields, "venue", what: "the venue as key: value lines (mainHall, sideRooms, setup, decoration)", container: .mapping) { node, path in
            Fields(node, path: path, problems: problems, what: "the venue").map(readVenue)
        }
        let services = part(fields, "services", what: "the services as key: value lines (interpretation, translation, transport, receptions)",
                            container: .mapping) { node, path in
            Fields(node, path: path, problems: problems, what: "the services").map(readServices)
        }
        let promotion = part(fields, "promotion", what: "the promotion channels as channel: amount lines", container: .mapping) { node, path in
            channels(node, path: path, problems: problems)
        }
        let print = part(fields, "print", what: "the printed items as a list (lines starting with \"- \")", container: .sequence) { node, path in
            sequence(node, path: path).compactMap { printItem($0.node, path: $0.path, problems: problems) }
        }
        var lineNames: [Conference.Group: String] = [:]
        if let names = fields.fields("lineNames", what: "new names for the lines (speakers, venue, services, promotion, print)") {
            for group in Conference.Group.allCases {
                if let name = names.text(group.rawValue) { lineNames[group] = name }
            }
            names.finish()
        }

        let (rates, unreadable) = exchangeRates(context)
        let input = Conference.Input(days: days, dates: dates, attendees: attendees, speakers: speakers, venue: venue, services: services,
                                     promotion: promotion, print: print, lineNames: lineNames, exchangeRates: rates, unreadableRates: unreadable)
        return Conference.expand(input, origin: origin, rates: context.rates(), at: location, path: fields.path)
    }

    // MARK: - Groups

    enum Container { case sequence, mapping }

    /// A group: one amount (a lump sum), or itemised contents read by `itemised`. Nil when absent or unreadable (reported).
    static func part<Items>(_ fields: Fields, _ key: String, what: String, container: Container,
                            itemised: (Node, String) -> Items?) -> Conference.Part<Items>? {
        guard let node = fields.value(key) else { return nil }
        let path = fields.childPath(key)
        switch (node, container) {
        case (.scalar(let scalar), _):
            switch Notation.amount(scalar.string) {
            case .success(let amount): return .lumpSum(Located(amount, at: fields.problems.location(of: node)))
            case .failure(let problem):
                let amountLike = scalar.string.hasSuffix("원") || scalar.string.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ",") }
                fields.problems.error(node, path, amountLike ? problem.message : "expected \(what), or one amount like 40,000,000원, got \(describe(node))",
                                      hint: problem.hint)
                return nil
            }
        case (.sequence, .sequence), (.mapping, .mapping):
            return itemised(node, path).map(Conference.Part.itemised)
        default:
            fields.problems.error(node, path, "expected \(what), or one amount like 40,000,000원, got \(describe(node))")
            return nil
        }
    }

    static func sequence(_ node: Node, path: String) -> [(node: Node, path: String)] {
        guard case .sequence(let sequence) = node else { return [] }
        return sequence.enumerated().map { (node: $0.element, path: "\(path)[\($0.offset)]") }
    }

    // MARK: - Speakers

    static func speaker(_ node: Node, path: String, problems: ProblemList) -> Conference.Speaker? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a speaker (type, fee, class, from, hotelNights, …)") else { return nil }
        let location = problems.location(of: node)
        let name = fields.text("name")
        let count = fields.count("count", "the number of speakers on these terms")
        let type = fields.choice("type", Conference.Speaker.Origin.self)
        if !fields.has("type") { fields.missing("type", "domestic or foreign") }
        let fee = self.fee(fields)
        let seatClass = fields.text("class").map { Located($0, at: fields.location("class")) }
        let region = fields.text("from").map { Located($0, at: fields.location("from")) }
        let fare = fields.writtenRate("airfare")
        var flight: Conference.Flight?
        if seatClass != nil || region != nil || fare != nil {
            if fare == nil, seatClass == nil {
                fields.missing("class", "the seat class of the flight, e.g. economy or business", hint: "or write the fare itself: airfare: 3,500,000원")
            } else if fare == nil, region == nil {
                fields.missing("from", "the region the speaker flies from, e.g. northAmerica", hint: "or write the fare itself: airfare: 3,500,000원")
            } else {
                flight = Conference.Flight(seatClass: seatClass, region: region, fare: fare)
            }
        }
        let hotelNights = fields.count("hotelNights", "the hotel nights per speaker")
        let hotelRate = fields.writtenRate("hotelRate")
        let localTransport = fields.optionalRate("localTransport")
        fields.finish()
        guard let type else { return nil }
        return Conference.Speaker(name: name, count: count ?? Located(1, at: location), origin: type, fee: fee, flight: flight,
                                  hotelNights: hotelNights, hotelRate: hotelRate, localTransport: localTransport, location: location)
    }

    /// `3,000,000원`, or a foreign amount `USD 5,000`.
    static func fee(_ fields: Fields) -> Located<CurrencyAmount>? {
        guard let node = fields.value("fee") else { return nil }
        guard case .scalar(let scalar) = node else {
            fields.problems.error(node, fields.childPath("fee"),
                                  "expected an amount in won like 3,000,000원 or in a foreign currency like USD 5,000, got \(describe(node))")
            return nil
        }
        switch Currency.amount(scalar.string) {
        case .success(let amount): return Located(amount, at: fields.problems.location(of: node))
        case .failure(let problem):
            fields.problems.error(node, fields.childPath("fee"), problem.message, hint: problem.hint)
            return nil
        }
    }

    /// The plan's exchange rates, read from its top-level `exchangeRates:` (kept as written by the plan
    /// reader), by upper-case code. A rate that can't be read is reported at its place, once even when
    /// several conferences read it, and its code is returned as unreadable.
    static func exchangeRates(_ context: ReadContext) -> ([String: Located<ExchangeRate>], Set<String>) {
        var rates: [String: Located<ExchangeRate>] = [:]
        var unreadable: Set<String> = []
        for (code, written) in context.exchangeRates.sorted(by: { $0.key < $1.key }) {
            switch Currency.exchangeRate(written.value, currency: code) {
            case .success(let rate): rates[rate.currency] = Located(rate, at: written.location)
            case .failure(let problem):
                unreadable.insert(code.uppercased())
                let path = "exchangeRates.\(code)"
                if !context.problems.diagnostics.contains(where: { $0.path == path && $0.location == written.location }) {
                    context.problems.add(.error(at: written.location, path: path, problem.message, hint: problem.hint))
                }
            }
        }
        return (rates, unreadable)
    }

    // MARK: - Venue

    static func readVenue(_ fields: Fields) -> Conference.Venue {
        let venue = Conference.Venue(mainHall: room(fields, "mainHall", what: "the main hall (dayRate, days)", rooms: false),
                                     sideRooms: room(fields, "sideRooms", what: "the side rooms (rooms, dayRate, days)", rooms: true),
                                     setup: fields.money("setup"), decoration: fields.money("decoration"),
                                     other: entries(fields, "other"))
        fields.finish()
        return venue
    }

    static func room(_ fields: Fields, _ key: String, what: String, rooms: Bool) -> Conference.Room? {
        guard let room = fields.fields(key, what: what) else { return nil }
        let name = room.text("name")
        let count = rooms ? room.count("rooms", "the number of rooms", required: true) : nil
        let dayRate = room.money("dayRate", required: "the rental per room per day, e.g. 1,500,000원")
        let days = room.count("days", "the days rented")
        room.finish()
        guard let dayRate, !rooms || count != nil else { return nil }
        return Conference.Room(name: name, rooms: count, dayRate: dayRate, days: days)
    }

    // MARK: - Services

    static func readServices(_ fields: Fields) -> Conference.Services {
        let problems = fields.problems
        var services = Conference.Services()
        if let interpretation = fields.fields("interpretation", what: "the interpretation (languages, interpretersPerBooth, days, …)") {
            services.interpretation = self.interpretation(interpretation)
        }
        if let translation = fields.fields("translation", what: "the translation (pages, pageRate)") {
            let pages = translation.count("pages", "the pages to translate", required: true)
            let pageRate = translation.writtenRate("pageRate")
            translation.finish()
            services.translation = pages.map { Conference.Translation(pages: $0, pageRate: pageRate) }
        }
        services.transport = entries(fields, "transport")
        services.receptions = fields.list("receptions").compactMap { reception($0.node, path: $0.path, problems: problems) }
        services.other = entries(fields, "other")
        fields.finish()
        return services
    }

    static func interpretation(_ fields: Fields) -> Conference.Interpretation? {
        var languages: Located<Conference.Interpretation.Languages>?
        let languagesNode = fields.value("languages")
        if languagesNode == nil {
            fields.missing("languages", "the languages interpreted to and from Korean, e.g. [영어, 중국어], or how many")
        } else if case .sequence? = languagesNode {
            languages = Located(.named(PlanReader.texts(fields, "languages")), at: fields.location("languages"))
        } else if let count = fields.count("languages", "the number of languages (or a list of them)") {
            languages = Located(.count(count.value), at: count.location)
        }
        let interpretation = languages.map { languages in
            Conference.Interpretation(languages: languages, interpretersPerBooth: fields.count("interpretersPerBooth", "the interpreters per booth"),
                                      days: fields.count("days", "the days interpreted"), dayRate: fields.writtenRate("dayRate"),
                                      boothRental: fields.optionalRate("boothRental"),
                                      receivers: fields.count("receivers", "the receivers rented"), receiverRate: fields.writtenRate("receiverRate"),
                                      location: fields.problems.location(of: fields.node))
        }
        if interpretation == nil {
            // Still ask for the other keys, so that they are checked and not reported as unknown.
            _ = (fields.count("interpretersPerBooth", "the interpreters per booth"), fields.count("days", "the days interpreted"),
                 fields.writtenRate("dayRate"), fields.optionalRate("boothRental"), fields.count("receivers", "the receivers rented"),
                 fields.writtenRate("receiverRate"))
        }
        fields.finish()
        return interpretation
    }

    static func reception(_ node: Node, path: String, problems: ProblemList) -> Conference.Reception? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a reception or meal (name, persons, unitPrice, times)") else { return nil }
        let name = fields.text("name", required: "what it is, e.g. 환영 만찬")
        let persons = fields.count("persons", "the number of persons", required: true)
        let unitPrice = fields.money("unitPrice", required: "the price per person, e.g. 80,000원")
        let times = fields.count("times", "how many times it is held")
        fields.finish()
        guard let name, let persons, let unitPrice else { return nil }
        return Conference.Reception(name: name, persons: persons, unitPrice: unitPrice, times: times)
    }

    // MARK: - Promotion, print, free lines

    /// `SNS 광고: 4,000,000원` lines: each channel one amount, written `amount*1식`.
    static func channels(_ node: Node, path: String, problems: ProblemList) -> [Conference.Entry] {
        guard case .mapping(let mapping) = node else { return [] }
        return mapping.compactMap { pair -> Conference.Entry? in
            let channel = pair.key.string ?? ""
            guard let amount = Fields.money(pair.value, path: "\(path).\(channel)", problems: problems) else { return nil }
            return .amount(channel, amount.value, at: problems.location(of: pair.key))
        }
    }

    static func printItem(_ node: Node, path: String, problems: ProblemList) -> Conference.PrintItem? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a printed item (item, copies, unitPrice)") else { return nil }
        let item = fields.text("item", required: "what is printed, e.g. 자료집")
        let copies = fields.count("copies", "the number of copies", required: true)
        let unitPrice = fields.money("unitPrice", required: "the price per copy, e.g. 12,000원")
        let unit = fields.text("unit")
        fields.finish()
        guard let item, let copies, let unitPrice else { return nil }
        return Conference.PrintItem(item: item, copies: copies, unitPrice: unitPrice, unit: unit ?? "부")
    }

    /// Free lines: `name` with `amount` (written `amount*1식`), or `unitPrice` with `factors`.
    static func entries(_ fields: Fields, _ key: String) -> [Conference.Entry] {
        fields.list(key).compactMap { entry($0.node, path: $0.path, problems: fields.problems) }
    }

    static func entry(_ node: Node, path: String, problems: ProblemList) -> Conference.Entry? {
        guard let fields = Fields(node, path: path, problems: problems, what: "a line (name, and amount or unitPrice with factors)") else { return nil }
        let name = fields.text("name", required: "what the line pays for")
        let amount = fields.money("amount")
        let unitPrice = fields.money("unitPrice")
        let parsedFactors = fields.factors("factors", examples: "2대 or 2일")
        let factors = parsedFactors ?? []
        var factorsOK = parsedFactors != nil
        if fields.has("amount") && (fields.has("unitPrice") || fields.has("factors")) {
            problems.error(node, path, "a line has either amount (a lump sum) or unitPrice with factors, not both")
            factorsOK = false
        } else if !fields.has("amount") && !fields.has("unitPrice") {
            fields.missing("unitPrice", "the price per unit, e.g. 600,000원", hint: "or amount: for a lump sum")
        }
        fields.finish()
        guard let name, factorsOK else { return nil }
        let location = problems.location(of: node)
        if let amount { return .amount(name, amount.value, at: location) }
        guard let unitPrice else { return nil }
        return Conference.Entry(name: name, unitPrice: unitPrice.value, factors: factors.isEmpty ? [KindSupport.factor(1, "식")] : factors,
                                location: location)
    }
}
