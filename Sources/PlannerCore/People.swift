/// Whether a person is a resident of Korea for tax purposes (거주자 / 비거주자).
public enum Residency: String, CaseIterable, Sendable, Codable {
    case resident, nonresident

    /// The words a roster may use: `resident`, `거주자`, `nonresident`, `비거주자`.
    public static func parse(_ text: String) -> Residency? {
        switch text.trimmingWhitespace().lowercased() {
        case "resident", "거주자", "내국인": return .resident
        case "nonresident", "non-resident", "비거주자": return .nonresident
        default: return nil
        }
    }
}

/// How an honorarium is taxed at source.
public enum IncomeType: String, CaseIterable, Sendable, Codable {
    /// 기타소득: lectures, manuscripts, committee allowances, one-off work. 8.8% above 125,000원.
    case other
    /// 사업소득: a professional lecturer. 3.3%.
    case business
    /// A non-resident (foreign speaker): 22%, or 0% with a treaty exemption on file.
    case nonresident
    /// 비과세 or otherwise not withheld.
    case exempt

    /// The words a roster may use, English or Korean.
    public static func parse(_ text: String) -> IncomeType? {
        switch text.trimmingWhitespace().lowercased() {
        case "other", "기타소득", "기타": return .other
        case "business", "사업소득", "사업": return .business
        case "nonresident", "non-resident", "비거주자", "비거주자소득": return .nonresident
        case "exempt", "비과세", "면제", "과세제외": return .exempt
        default: return nil
        }
    }

    public var korean: String {
        switch self {
        case .other: return "기타소득"
        case .business: return "사업소득"
        case .nonresident: return "비거주자"
        case .exempt: return "비과세"
        }
    }
}

extension PayableRole {
    /// The words a roster may use for a role: the English name or a Korean one.
    public static func parse(_ text: String) -> PayableRole? {
        let word = text.trimmingWhitespace().lowercased()
        if let role = PayableRole(rawValue: word) { return role }
        switch word {
        case "강사", "강사료": return .lecturer
        case "원고", "원고료", "집필": return .manuscript
        case "위원", "참석수당", "자문위원": return .allowance
        case "서면심의", "심의위원": return .review
        case "연사", "발표자": return .speaker
        case "인플루언서", "1인미디어", "크리에이터": return .influencer
        default: return nil
        }
    }

    public var korean: String {
        switch self {
        case .lecturer: return "강사료"
        case .manuscript: return "원고료"
        case .allowance: return "참석수당"
        case .review: return "서면심의 수당"
        case .speaker: return "연사 사례비"
        case .influencer: return "활동비"
        }
    }
}

/// A resident registration number (주민등록번호), validated and kept as its 13 digits.
///
/// It is personal data protected by law (PIPA §24-2): store it only encrypted, show it only masked
/// (`711231-1******`), never put it in messages or logs. `description` is the masked form, so that
/// string interpolation can't leak it by accident.
public struct ResidentNumber: Sendable, Equatable, CustomStringConvertible {
    /// The 13 digits, without the hyphen. Handle with care.
    public let digits: String

    /// Reads `711231-1234567` or `7112311234567`. Checks the length, the birth date and the
    /// century/sex digit; numbers issued since October 2020 carry no check digit, so none is checked.
    /// Problems never quote the number itself.
    public static func parse(_ text: String) -> Result<ResidentNumber, NotationProblem> {
        let digits = text.trimmingWhitespace().filter { $0 != "-" }
        guard digits.count == 13, digits.allSatisfy({ $0.isASCIIDigit }) else {
            return .failure(NotationProblem("expected a resident number of 13 digits like 711231-1234567, got \(digits.count) characters",
                                            hint: "write it as 6 digits, a hyphen and 7 digits"))
        }
        let numbers = digits.compactMap { $0.wholeNumberValue }
        let centuries = [1: 1900, 2: 1900, 3: 2000, 4: 2000, 5: 1900, 6: 1900, 7: 2000, 8: 2000, 9: 1800, 0: 1800]
        let centuryDigit = numbers[6]
        guard let century = centuries[centuryDigit], centuryDigit != 0 && centuryDigit != 9 else {
            return .failure(NotationProblem("expected a resident number whose 7th digit is 1 to 8 (century and sex), got another digit"))
        }
        let year = century + numbers[0] * 10 + numbers[1]
        let month = numbers[2] * 10 + numbers[3], day = numbers[4] * 10 + numbers[5]
        guard CalendarDate(year: year, month: month, day: day) != nil else {
            return .failure(NotationProblem("expected a resident number that starts with a real birth date (YYMMDD), got an impossible date"))
        }
        return .success(ResidentNumber(digits: digits))
    }

    init(digits: String) { self.digits = digits }

    /// `711231-1******`: birth date and the century/sex digit, the rest hidden.
    public var masked: String {
        String(digits.prefix(6)) + "-" + String(digits.dropFirst(6).prefix(1)) + "******"
    }

    public var description: String { masked }
}

/// Shows the last four characters of an account or phone number: `****-**-1234`-style, as `*******1234`.
public enum Masking {
    public static func tail(_ text: String, keep: Int = 4) -> String {
        let visible = text.suffix(keep)
        return String(repeating: "*", count: max(0, text.count - visible.count)) + visible
    }
}

/// One person on a program's roster: who they are paid as, for which event, and how they are taxed.
public struct RosterEntry: Sendable, Equatable {
    /// The data row of the roster file it came from (1-based, the header not counted).
    public var row: Int
    public var name: String
    public var role: PayableRole
    /// The event id as `planner sessions` shows it.
    public var event: String
    public var organization: String?
    public var email: String?
    public var phone: String?
    public var residency: Residency
    public var incomeType: IncomeType
    /// A tax-treaty exemption on file (non-residents only).
    public var treatyExempt: Bool
    public var residentNumber: ResidentNumber?
    public var bank: String?
    public var account: String?

    public init(row: Int, name: String, role: PayableRole, event: String, organization: String? = nil, email: String? = nil,
                phone: String? = nil, residency: Residency = .resident, incomeType: IncomeType = .other, treatyExempt: Bool = false,
                residentNumber: ResidentNumber? = nil, bank: String? = nil, account: String? = nil) {
        self.row = row
        self.name = name
        self.role = role
        self.event = event
        self.organization = organization
        self.email = email
        self.phone = phone
        self.residency = residency
        self.incomeType = incomeType
        self.treatyExempt = treatyExempt
        self.residentNumber = residentNumber
        self.bank = bank
        self.account = account
    }
}
