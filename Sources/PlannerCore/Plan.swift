/// A program's plan for one year: what a budget page says, as data.
///
/// Everything that appears on the reference pages has a place here; the plan-file reader fills it and
/// keeps where each value came from so that every finding points at a line of the file.
public struct Plan: Sendable {
    public var program: ProgramInfo
    public var policies: RoundingPolicies
    public var categories: [BudgetCategory]
    /// The program's total as printed (총사업비), checked against the computed total. In won.
    public var declaredTotal: Located<Won>?
    public var funding: Funding?
    /// Earlier years' budgets as published, oldest first; the latest one is the comparison's (A) column.
    public var history: [PublishedBudget]
    public var schedule: [ScheduleRow]
    public var results: [YearResults]
    public var settlement: [SettlementEntry]
    /// The events declared with `kind:`, in file order, with their planned sessions.
    public var events: [PlannedEvent] = []
    /// Where contract methods change, by 추정가격.
    public var contractThresholds = ContractThresholds()
    /// The budget classes whose vendor lines are purchases (procurement sheets leave the others out).
    public var purchaseClasses = PurchaseClasses()
    /// The rate table the events were priced with and the rates they looked up; nil when no event
    /// looked one up or no table was found.
    public var rates: UsedRates?
    /// The file the plan was read from.
    public var file: String

    public init(program: ProgramInfo, policies: RoundingPolicies = RoundingPolicies(), categories: [BudgetCategory],
                declaredTotal: Located<Won>? = nil, funding: Funding? = nil, history: [PublishedBudget] = [],
                schedule: [ScheduleRow] = [], results: [YearResults] = [], settlement: [SettlementEntry] = [], file: String = "") {
        self.program = program
        self.policies = policies
        self.categories = categories
        self.declaredTotal = declaredTotal
        self.funding = funding
        self.history = history
        self.schedule = schedule
        self.results = results
        self.settlement = settlement
        self.file = file
    }
}

/// A value with the place it was read from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation?
    public init(_ value: Value, at location: SourceLocation? = nil) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}

/// Who runs the program and on what grounds: the 기본 현황 and 사업설명 parts of the page.
public struct ProgramInfo: Sendable, Equatable {
    /// 사업명, e.g. `소셜특별시 프로젝트 추진`.
    public var name: String
    /// The budget year.
    public var year: Int
    /// 회계, e.g. `일반회계`.
    public var account: String?
    /// 실·국, e.g. `시민소통기획관`.
    public var bureau: String?
    /// 부서명, e.g. `뉴미디어담당관`.
    public var division: String?
    /// 사업기간 kind, e.g. `연례반복`.
    public var recurrence: String?
    /// 사업형태, e.g. `직접수행`.
    public var executionType: String?
    /// 사업시행주체, e.g. `서울특별시`.
    public var executor: String?
    /// The 사업시행주체's 기관코드 (행정표준코드, seven digits: `6110000` is 서울특별시), which identifies the
    /// buyer in requests for quotation.
    public var authorityCode: String?
    /// 사업 성격: `신규` or `계속`, `경상` or `투자`.
    public var nature: [String]
    /// 사업내용 in the overview box.
    public var overview: [String]
    public var officers: [OfficerRow]
    /// 사업기간 in the description: first and last day.
    public var period: PlanPeriod?
    public var purpose: [OutlineEntry]
    /// 사업근거: plans, decisions and laws the program rests on.
    public var legalBasis: [OutlineEntry]
    /// 사업내용 in the description.
    public var content: [OutlineEntry]
    /// 추진경위.
    public var progress: [OutlineEntry]
    /// 중점추진사항.
    public var priorities: [OutlineEntry]
    /// 집행절차.
    public var procedure: [OutlineEntry]
    /// 향후 기대효과.
    public var effects: [OutlineEntry]

    public init(name: String, year: Int, account: String? = nil, bureau: String? = nil, division: String? = nil,
                recurrence: String? = nil, executionType: String? = nil, executor: String? = nil, nature: [String] = [],
                overview: [String] = [], officers: [OfficerRow] = [], period: PlanPeriod? = nil,
                purpose: [OutlineEntry] = [], legalBasis: [OutlineEntry] = [], content: [OutlineEntry] = [],
                progress: [OutlineEntry] = [], priorities: [OutlineEntry] = [], procedure: [OutlineEntry] = [],
                effects: [OutlineEntry] = []) {
        self.name = name
        self.year = year
        self.account = account
        self.bureau = bureau
        self.division = division
        self.recurrence = recurrence
        self.executionType = executionType
        self.executor = executor
        self.nature = nature
        self.overview = overview
        self.officers = officers
        self.period = period
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.content = content
        self.progress = progress
        self.priorities = priorities
        self.procedure = procedure
        self.effects = effects
    }
}

/// A bullet with optional sub-bullets.
public struct OutlineEntry: Sendable, Equatable {
    public var text: String
    public var children: [OutlineEntry]
    public init(_ text: String, children: [OutlineEntry] = []) {
        self.text = text
        self.children = children
    }
}

/// A person responsible for the program, with the office phone printed on the page.
public struct Contact: Sendable, Equatable {
    public var name: String
    public var phone: String?
    public init(name: String, phone: String? = nil) {
        self.name = name
        self.phone = phone
    }
}

/// One row of the 사업 담당자 table: the division head, team lead and officer in charge of one part.
public struct OfficerRow: Sendable, Equatable {
    public var bureau: String?
    public var division: String?
    public var director: Contact?
    public var teamLead: Contact?
    public var officer: Contact?
    public init(bureau: String? = nil, division: String? = nil, director: Contact? = nil, teamLead: Contact? = nil, officer: Contact? = nil) {
        self.bureau = bureau
        self.division = division
        self.director = director
        self.teamLead = teamLead
        self.officer = officer
    }
}

/// A calendar day, without time zone: plans speak in days.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// A valid Gregorian date, or nil (`2021-02-30` is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// ISO 8601: `2017-01-01`.
    public var description: String {
        "\(year)-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }

    /// Budget-page notation: `2017.1.1.`.
    public var dotted: String { "\(year).\(month).\(day)." }
}

public struct PlanPeriod: Sendable, Equatable {
    public var start: CalendarDate
    public var end: CalendarDate
    public init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }
}

/// Where the money comes from (총사업비 box), in won.
public struct Funding: Sendable, Equatable {
    /// 국비.
    public var national: Won?
    /// 시비.
    public var city: Won?
    /// 구비.
    public var district: Won?
    /// 기타 (예산 외).
    public var other: Won?
    /// 보조율 in percent, as printed.
    public var subsidyRate: Int?
    public var source: SourceLocation?

    public init(national: Won? = nil, city: Won? = nil, district: Won? = nil, other: Won? = nil, subsidyRate: Int? = nil, source: SourceLocation? = nil) {
        self.national = national
        self.city = city
        self.district = district
        self.other = other
        self.subsidyRate = subsidyRate
        self.source = source
    }

    /// All sources together; nil on overflow.
    public var sum: Won? { [national, city, district, other].compactMap { $0 }.checkedSum() }
}

/// A year's budget as it was published, kept as printed even when it does not add up.
public struct PublishedBudget: Sendable, Equatable {
    public struct Figure: Sendable, Equatable {
        public var category: String
        public var amount: Won
        public var source: SourceLocation?
        public init(category: String, amount: Won, source: SourceLocation? = nil) {
            self.category = category
            self.amount = amount
            self.source = source
        }
    }

    public var year: Int
    /// The published total (계); nil when the page leaves the column empty.
    public var total: Won?
    public var totalSource: SourceLocation?
    public var categories: [Figure]
    public var source: SourceLocation?

    public init(year: Int, total: Won? = nil, totalSource: SourceLocation? = nil, categories: [Figure] = [], source: SourceLocation? = nil) {
        self.year = year
        self.total = total
        self.totalSource = totalSource
        self.categories = categories
        self.source = source
    }

    /// Whether the page prints any figure for this year.
    public var hasFigures: Bool { total != nil || !categories.isEmpty }
}

/// A row of the year's schedule (추진일정): step, period, amount to be executed, detail.
public struct ScheduleRow: Sendable, Equatable {
    public var step: String
    /// As written on the page: `2021.01~2021.12`.
    public var period: String
    /// In won; nil when the page leaves it empty.
    public var amount: Won?
    public var detail: String?
    public var source: SourceLocation?

    public init(step: String, period: String, amount: Won? = nil, detail: String? = nil, source: SourceLocation? = nil) {
        self.step = step
        self.period = period
        self.amount = amount
        self.detail = detail
        self.source = source
    }
}

/// A year of past results (최근 3년 추진실적); an empty list prints as an empty row.
public struct YearResults: Sendable, Equatable {
    public var year: Int
    public var entries: [String]
    public init(year: Int, entries: [String]) {
        self.year = year
        self.entries = entries
    }
}
