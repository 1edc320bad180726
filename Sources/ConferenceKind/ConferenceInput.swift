import PlannerCore

extension Conference {
    /// The five lines a conference rolls up to, in the order of the 2017 page.
    public enum Group: String, CaseIterable, Sendable {
        /// 연사초청경비 등: speakers' fees, airfare, hotel, local transport.
        case speakers
        /// 행사장 및 부대행사장 조성비: main hall and side rooms, set-up, decoration.
        case venue
        /// 통번역, 수송, 오만찬 등: interpretation, translation, transport, receptions and dinners.
        case services
        /// 홍보비: promotion channels.
        case promotion
        /// 인쇄물 제작비: printed items.
        case print

        /// The line's name on the 2017 page.
        public var defaultName: String {
            switch self {
            case .speakers: return "연사초청경비 등"
            case .venue: return "행사장 및 부대행사장 조성비"
            case .services: return "통번역, 수송, 오만찬 등"
            case .promotion: return "홍보비"
            case .print: return "인쇄물 제작비"
            }
        }
    }

    /// A group written as one amount (`40,000,000원*1식`), or itemised.
    public enum Part<Items: Sendable>: Sendable {
        /// In won; becomes a detail-less line `amount*1식`.
        case lumpSum(Located<Won>)
        case itemised(Items)
    }

    /// Everything a conference is planned from. Counts are validated by the reader as whole numbers of
    /// 0 or more; amounts are in won unless they are a speaker's foreign fee.
    public struct Input: Sendable {
        /// Conference days (each one a planned session). The reader takes the number of `dates` when
        /// `days` is not written, and 1 when neither is.
        public var days: Located<Int64>
        /// The days' dates, in order: one per day when written.
        public var dates: Located<[CalendarDate]>?
        /// Expected attendees per day: the planned headcount of each day.
        public var attendees: Located<Int64>?
        public var speakers: Part<[Speaker]>?
        public var venue: Part<Venue>?
        public var services: Part<Services>?
        /// Promotion channels, each an amount (`SNS 광고 4,000,000원*1식`).
        public var promotion: Part<[Entry]>?
        public var print: Part<[PrintItem]>?
        /// The plan's names for the five lines, where it renames them.
        public var lineNames: [Group: String]
        /// The plan's exchange rates by upper-case currency code, as read from its `exchangeRates:`.
        public var exchangeRates: [String: Located<ExchangeRate>]
        /// Currencies whose written rate could not be read (already reported): a fee in one of them is
        /// not reported again as lacking a rate.
        public var unreadableRates: Set<String>

        public init(days: Located<Int64>, dates: Located<[CalendarDate]>? = nil, attendees: Located<Int64>? = nil,
                    speakers: Part<[Speaker]>? = nil, venue: Part<Venue>? = nil, services: Part<Services>? = nil,
                    promotion: Part<[Entry]>? = nil, print: Part<[PrintItem]>? = nil, lineNames: [Group: String] = [:],
                    exchangeRates: [String: Located<ExchangeRate>] = [:], unreadableRates: Set<String> = []) {
            self.days = days
            self.dates = dates
            self.attendees = attendees
            self.speakers = speakers
            self.venue = venue
            self.services = services
            self.promotion = promotion
            self.print = print
            self.lineNames = lineNames
            self.exchangeRates = exchangeRates
            self.unreadableRates = unreadableRates
        }
    }

    /// One speaker, or `count` speakers invited on the same terms.
    public struct Speaker: Sendable {
        public enum Origin: String, CaseIterable, Sendable {
            /// 국내연사.
            case domestic
            /// 해외연사: paid as a non-resident (withholding is a later concern; the line says 해외연사).
            case foreign
        }

        /// Who, for the plan's reader; not printed on the page.
        public var name: String?
        public var count: Located<Int64>
        public var origin: Origin
        /// The honorarium per speaker (사례비): in won, or in a foreign currency converted with the plan's
        /// exchange rate. Absent: no fee (an official, a sponsor's speaker).
        public var fee: Located<CurrencyAmount>?
        /// The round trip, when the conference pays it.
        public var flight: Flight?
        /// Hotel nights per speaker, priced at `hotelRate` or the standard `hotel.night`.
        public var hotelNights: Located<Int64>?
        public var hotelRate: RateResolver.Written?
        /// Local transport per speaker (airport transfers, travel in Seoul): absent, standard
        /// (`transport.speakerLocal`) or written.
        public var localTransport: OptionalRate
        public var location: SourceLocation?

        public init(name: String? = nil, count: Located<Int64> = Located(1), origin: Origin, fee: Located<CurrencyAmount>? = nil,
                    flight: Flight? = nil, hotelNights: Located<Int64>? = nil, hotelRate: RateResolver.Written? = nil,
                    localTransport: OptionalRate = .none, location: SourceLocation? = nil) {
            self.name = name
            self.count = count
            self.origin = origin
            self.fee = fee
            self.flight = flight
            self.hotelNights = hotelNights
            self.hotelRate = hotelRate
            self.localTransport = localTransport
            self.location = location
        }
    }

    /// A speaker's round-trip flight: a seat class and an origin region, which name the standard fare
    /// `airfare.<class>.<region>` in the rate table, or a fare the plan writes itself.
    public struct Flight: Sendable {
        /// `economy`, `business`, … as the rate table names them. Nil only when `fare` is written.
        public var seatClass: Located<String>?
        /// `northAmerica`, `europe`, `asia`, … as the rate table names them. Nil only when `fare` is written.
        public var region: Located<String>?
        /// Round trip per person, in won.
        public var fare: RateResolver.Written?

        public init(seatClass: Located<String>?, region: Located<String>?, fare: RateResolver.Written? = nil) {
            self.seatClass = seatClass
            self.region = region
            self.fare = fare
        }
    }

    /// A rented room: a day rate times days (and rooms).
    public struct Room: Sendable {
        public var name: String?
        /// Rooms rented (side rooms); 1 for the main hall.
        public var rooms: Located<Int64>?
        /// In won, per room per day.
        public var dayRate: Located<Won>
        /// Days rented; the conference's days when nil.
        public var days: Located<Int64>?

        public init(name: String? = nil, rooms: Located<Int64>? = nil, dayRate: Located<Won>, days: Located<Int64>? = nil) {
            self.name = name
            self.rooms = rooms
            self.dayRate = dayRate
            self.days = days
        }
    }

    /// 행사장 및 부대행사장 조성비, itemised.
    public struct Venue: Sendable {
        public var mainHall: Room?
        public var sideRooms: Room?
        /// 행사장 설치비 (stage, booths, AV), in won.
        public var setup: Located<Won>?
        /// 행사장 장식비, in won.
        public var decoration: Located<Won>?
        public var other: [Entry]

        public init(mainHall: Room? = nil, sideRooms: Room? = nil, setup: Located<Won>? = nil, decoration: Located<Won>? = nil, other: [Entry] = []) {
            self.mainHall = mainHall
            self.sideRooms = sideRooms
            self.setup = setup
            self.decoration = decoration
            self.other = other
        }
    }

    /// Simultaneous interpretation: one booth per language interpreted to and from Korean.
    public struct Interpretation: Sendable {
        /// The languages interpreted to and from Korean (language pairs), one booth each: named, or counted.
        public enum Languages: Sendable, Equatable {
            case count(Int64)
            case named([String])

            /// How many languages, i.e. booths.
            public var count: Int64 {
                switch self {
                case .count(let count): return count
                case .named(let names): return Int64(names.count)
                }
            }
        }

        public var languages: Located<Languages>
        /// Interpreters working each booth in turns; 2 unless the plan says otherwise.
        public var interpretersPerBooth: Located<Int64>?
        /// Days interpreted; the conference's days when nil.
        public var days: Located<Int64>?
        /// Per interpreter per day; the standard `interpretation.simultaneous` when nil.
        public var dayRate: RateResolver.Written?
        /// Booth rental per booth per day: absent (the venue provides booths), standard
        /// (`interpretation.booth`) or written.
        public var boothRental: OptionalRate
        /// Receivers rented for the audience, per day.
        public var receivers: Located<Int64>?
        /// Per receiver per day; the standard `interpretation.receiver` when nil.
        public var receiverRate: RateResolver.Written?
        public var location: SourceLocation?

        public static let defaultInterpretersPerBooth: Int64 = 2

        public init(languages: Located<Languages>, interpretersPerBooth: Located<Int64>? = nil,
                    days: Located<Int64>? = nil, dayRate: RateResolver.Written? = nil, boothRental: OptionalRate = .none,
                    receivers: Located<Int64>? = nil, receiverRate: RateResolver.Written? = nil, location: SourceLocation? = nil) {
            self.languages = languages
            self.interpretersPerBooth = interpretersPerBooth
            self.days = days
            self.dayRate = dayRate
            self.boothRental = boothRental
            self.receivers = receivers
            self.receiverRate = receiverRate
            self.location = location
        }
    }

    /// Translation of conference materials, per page.
    public struct Translation: Sendable {
        public var pages: Located<Int64>
        /// Per page; the standard `translation.page` when nil.
        public var pageRate: RateResolver.Written?

        public init(pages: Located<Int64>, pageRate: RateResolver.Written? = nil) {
            self.pages = pages
            self.pageRate = pageRate
        }
    }

    /// A reception, lunch or dinner: persons × unit price (× times).
    public struct Reception: Sendable {
        public var name: String
        public var persons: Located<Int64>
        /// In won, per person.
        public var unitPrice: Located<Won>
        /// How many times it is held; one when nil (and then no 회 factor is written).
        public var times: Located<Int64>?

        public init(name: String, persons: Located<Int64>, unitPrice: Located<Won>, times: Located<Int64>? = nil) {
            self.name = name
            self.persons = persons
            self.unitPrice = unitPrice
            self.times = times
        }
    }

    /// 통번역, 수송, 오만찬 등, itemised.
    public struct Services: Sendable {
        public var interpretation: Interpretation?
        public var translation: Translation?
        /// Shuttle buses, VIP cars: free lines.
        public var transport: [Entry]
        public var receptions: [Reception]
        public var other: [Entry]

        public init(interpretation: Interpretation? = nil, translation: Translation? = nil, transport: [Entry] = [],
                    receptions: [Reception] = [], other: [Entry] = []) {
            self.interpretation = interpretation
            self.translation = translation
            self.transport = transport
            self.receptions = receptions
            self.other = other
        }
    }

    /// A printed item: copies × unit price.
    public struct PrintItem: Sendable {
        public var item: String
        public var copies: Located<Int64>
        /// In won, per copy.
        public var unitPrice: Located<Won>
        /// The unit word of the copies; `부` unless the plan says otherwise (`개` for name tags).
        public var unit: String

        public init(item: String, copies: Located<Int64>, unitPrice: Located<Won>, unit: String = "부") {
            self.item = item
            self.copies = copies
            self.unitPrice = unitPrice
            self.unit = unit
        }
    }

    /// A free line inside a group: a unit price with factors, or an amount (written `amount*1식`).
    public struct Entry: Sendable {
        public var name: String
        /// In won.
        public var unitPrice: Won
        public var factors: [Factor]
        public var location: SourceLocation?

        public init(name: String, unitPrice: Won, factors: [Factor], location: SourceLocation? = nil) {
            self.name = name
            self.unitPrice = unitPrice
            self.factors = factors
            self.location = location
        }

        /// `name amount*1식`.
        public static func amount(_ name: String, _ amount: Won, at location: SourceLocation? = nil) -> Entry {
            Entry(name: name, unitPrice: amount, factors: [KindSupport.factor(1, "식")], location: location)
        }
    }
}
