import PlannerCore

/// What a plan buys from vendors, as rows for the contracts team: the neutral model every writer
/// (CSV, XML, UBL) works from. Honoraria paid to people never appear here, and neither do lines of
/// budget classes that are not purchases (업무추진비 203-xx, 여비 202-xx …: `Plan.purchaseClasses`).
public struct ProcurementSheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// 1-based, in plan order.
        public var number: Int
        public var event: String?
        /// The budget class (통계목), e.g. `201-01` `사무관리비`.
        public var classCode: String?
        public var className: String
        /// The item (○) the line belongs to.
        public var item: String
        /// The line's name; a detail of a roll-up line reads `연사초청경비 등 / 연사 숙박비`.
        public var name: String
        /// The calculation as written on the page: `150,000원*15인*6회`.
        public var specification: String
        /// The product of the line's counts (1 for a lump sum).
        public var quantity: Int64
        /// The unit word(s): `건`, `식`, `명×회`.
        public var unit: String
        /// The UN/ECE Recommendation 20 code of the unit (`C62` one, `DAY`, `MON`, `LS` lump sum …).
        public var unitCode: String
        /// In won, VAT included.
        public var unitPrice: Won
        /// As budgeted (rounded to 천원 by the plan's policy), in won, VAT included.
        public var amount: Won
        /// 추정가격: amount − VAT.
        public var estimatedPrice: Won
        /// ⌊amount / 11⌋.
        public var vat: Won
        /// The contract the row is bought in; a row without a package is a contract of its own.
        public var package: String
        /// The method suggested for the row's package, by the package's 추정가격.
        public var contractMethod: ContractMethod
        /// When the purchase is planned, from the plan's schedule, as written there (`2017.01~2017.12`).
        public var period: String
        /// The same period as days (`2017-01-01`…`2017-12-31`), when it can be read as dates.
        public var periodDates: PlanPeriod?
        /// The officer responsible (주무관), by name.
        public var officer: String
    }

    /// A contract: the rows bought together and the method their 추정가격 calls for.
    public struct Package: Sendable, Equatable {
        public var id: String
        public var rows: [Int]
        public var amount: Won
        public var estimatedPrice: Won
        public var vat: Won
        public var contractMethod: ContractMethod
    }

    public var program: String
    public var year: Int
    /// 사업시행주체 and 부서: who asks for quotations.
    public var authority: String
    /// The authority's 기관코드 (행정표준코드), when the plan gives one.
    public var authorityCode: String?
    public var division: String?
    public var rows: [Row]
    public var packages: [Package]
    /// Sum of the rows' amounts, in won.
    public var total: Won
    /// Sum of the lines paid to people (honoraria), in won.
    public var honoraria: Won
    /// Sum of the vendor lines left out because their budget class is not a purchase (업무추진비 …), in
    /// won; `total + honoraria + notPurchases` is the plan's total.
    public var notPurchases: Won
    /// The classes of the lines left out, once each in plan order: `203-02 시책추진업무추진비`.
    public var notPurchaseClasses: [String]
    public var planTotal: Won
    public var thresholds: ContractThresholds
}

extension ProcurementSheet {
    /// What `procurement-sheet.xsd`'s identity constraints require, checked on the model: row numbers
    /// are unique, package ids are unique, every row's package is declared, every package's row
    /// reference names a row, and no row is referenced by two packages. One message per problem, empty
    /// when there is none; `build` never makes a sheet with one.
    ///
    /// Memory is a flag per row (rows are numbered in order; otherwise a sorted copy of the numbers),
    /// so it stays small where libxml2's own check of these constraints would hold every key.
    public func referenceProblems() -> [String] {
        var problems: [String] = []
        var numbers = rows.map(\.number)
        if !zip(numbers, numbers.dropFirst()).allSatisfy({ $0 < $1 }) { numbers.sort() }
        for (a, b) in zip(numbers, numbers.dropFirst()) where a == b { problems.append("row number \(a) is used twice") }
        var ids = Set<String>()
        for package in packages where !ids.insert(package.id).inserted { problems.append("package \(package.id) is declared twice") }
        for row in rows where !ids.contains(row.package) {
            problems.append("row \(row.number) names package \(row.package), which is not declared")
        }
        var referenced = [Bool](repeating: false, count: numbers.count)
        for package in packages {
            for number in package.rows {
                var low = 0, high = numbers.count
                while low < high {
                    let middle = (low + high) / 2
                    if numbers[middle] < number { low = middle + 1 } else { high = middle }
                }
                guard low < numbers.count, numbers[low] == number else {
                    problems.append("package \(package.id) lists row \(number), which is not in the sheet")
                    continue
                }
                if referenced[low] { problems.append("row \(number) is listed by more than one package") }
                referenced[low] = true
            }
        }
        return problems
    }
}

extension ProcurementSheet {
    /// The sheet of a priced plan: every vendor line of a purchase class (a roll-up line as its
    /// details), in plan order.
    public static func build(_ page: BudgetPage) -> ProcurementSheet {
        let plan = page.plan
        let period = plannedPeriod(plan)
        let periodDates = plannedDates(plan)
        let officer = plan.program.officers.compactMap { $0.officer?.name ?? $0.teamLead?.name }.first ?? plan.program.division ?? ""
        var rows: [Row] = []
        var honoraria: [Won] = []
        var notPurchases: [Won] = []
        var notPurchaseClasses: [String] = []

        for paid in page.budget.paidLines {
            let leaf = paid.priced
            guard leaf.line.payee == .vendor else {
                honoraria.append(leaf.budgeted)
                continue
            }
            let category = paid.category.category
            guard plan.purchaseClasses.includes(category.code) else {
                notPurchases.append(leaf.budgeted)
                let label = [category.code ?? "", category.name].filter { !$0.isEmpty }.joined(separator: " ")
                if !notPurchaseClasses.contains(label) { notPurchaseClasses.append(label) }
                continue
            }
            let number = rows.count + 1
            let (quantity, unit, code) = measure(leaf.line)
            let vat = VAT.of(leaf.budgeted)
            rows.append(Row(number: number, event: paid.origin?.name, classCode: category.code, className: category.name,
                            item: paid.item.item.name, name: paid.name, specification: leaf.line.formula, quantity: quantity, unit: unit, unitCode: code,
                            unitPrice: leaf.line.unitPrice, amount: leaf.budgeted, estimatedPrice: Won(leaf.budgeted.value - vat.value), vat: vat,
                            package: paid.package ?? soloPackage(number), contractMethod: .singleQuotation,
                            period: period, periodDates: periodDates, officer: officer))
        }

        // Packages in order of first appearance; the method follows the package's 추정가격.
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for row in rows {
            if members[row.package] == nil { order.append(row.package) }
            members[row.package, default: []].append(row.number)
        }
        let packages = order.map { id -> Package in
            let numbers = members[id] ?? []
            let amount = numbers.map { rows[$0 - 1].amount }.checkedSum() ?? .zero
            let vat = numbers.map { rows[$0 - 1].vat }.checkedSum() ?? .zero
            let estimated = numbers.map { rows[$0 - 1].estimatedPrice }.checkedSum() ?? .zero
            return Package(id: id, rows: numbers, amount: amount, estimatedPrice: estimated, vat: vat,
                           contractMethod: plan.contractThresholds.method(forEstimatedPrice: estimated))
        }
        for package in packages { for number in package.rows { rows[number - 1].contractMethod = package.contractMethod } }

        return ProcurementSheet(program: plan.program.name, year: plan.program.year, authority: plan.program.executor ?? "서울특별시",
                                authorityCode: plan.program.authorityCode, division: plan.program.division, rows: rows, packages: packages,
                                total: rows.map(\.amount).checkedSum() ?? .zero, honoraria: honoraria.checkedSum() ?? .zero,
                                notPurchases: notPurchases.checkedSum() ?? .zero, notPurchaseClasses: notPurchaseClasses,
                                planTotal: page.budget.total, thresholds: plan.contractThresholds)
    }

    /// The schedule row that executes the budget (the one with the largest amount), else the plan's period.
    static func plannedPeriod(_ plan: Plan) -> String {
        if let row = executionRow(plan) { return row.period }
        if let period = plan.program.period { return "\(period.start)~\(period.end)" }
        return "\(plan.program.year)"
    }

    /// `plannedPeriod` as days: the execution row's period read by `dates(of:)`, else the plan's period.
    static func plannedDates(_ plan: Plan) -> PlanPeriod? {
        if let row = executionRow(plan) { return dates(of: row.period) }
        return plan.program.period
    }

    static func executionRow(_ plan: Plan) -> ScheduleRow? {
        plan.schedule.filter { $0.amount != nil }.max { ($0.amount ?? .zero) < ($1.amount ?? .zero) }
    }

    /// A schedule period as days: `2017.01~2017.12` → 2017-01-01…2017-12-31, `2026.10` → the month,
    /// `2026.03.05~2026.03.20` and `2026-03-05~2026-03-20` → those days, `'23.3` → March 2023; an end
    /// without a year (`2026.03~06`) is in the start's year. Nil when either end can't be read or the
    /// period ends before it starts.
    public static func dates(of period: String) -> PlanPeriod? {
        let sides = period.split(separator: "~", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard (1...2).contains(sides.count), let first = sides.first, let start = day(first, year: nil, end: false) else { return nil }
        guard let end = day(sides.last ?? first, year: start.year, end: true), start <= end else { return nil }
        return PlanPeriod(start: start, end: end)
    }

    /// One end of a period: `2017.01`, `2017.1.15.`, `2017-01-15`, `'17.3`, or `06` (a month of `year`);
    /// a month alone is its first day, or its last when `end`.
    static func day(_ text: String, year: Int?, end: Bool) -> CalendarDate? {
        var body = Substring(text)
        while body.last == "." { body = body.dropLast() }
        let parts = body.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "-" }.map(String.init)
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        func number(_ part: String) -> Int? { part.allSatisfy { $0.isASCII && $0.isNumber } ? Int(part) : nil }
        var numbers = parts
        let resolvedYear: Int
        if let head = parts.first, head.hasPrefix("'"), head.count == 3, let short = number(String(head.dropFirst())) {
            resolvedYear = 2000 + short
            numbers.removeFirst()
        } else if let head = parts.first, head.count == 4, let full = number(head) {
            resolvedYear = full
            numbers.removeFirst()
        } else if let year, parts.count == 1 {
            resolvedYear = year
        } else {
            return nil
        }
        guard let monthText = numbers.first, let month = number(monthText), (1...12).contains(month) else { return nil }
        if numbers.count == 2 {
            guard let dayNumber = number(numbers[1]) else { return nil }
            return CalendarDate(year: resolvedYear, month: month, day: dayNumber)
        }
        guard numbers.count == 1 else { return nil }
        if !end { return CalendarDate(year: resolvedYear, month: month, day: 1) }
        return (28...31).reversed().lazy.compactMap { CalendarDate(year: resolvedYear, month: month, day: $0) }.first
    }

    /// Quantity, unit word and Rec 20 code of a line: one factor keeps its unit; several multiply, and
    /// their units are joined with `×`; a lump sum is one `식` (`LS`).
    static func measure(_ line: CostLine) -> (Int64, String, String) {
        guard !line.factors.isEmpty else { return (1, "식", "LS") }
        let quantity = line.factors.reduce(Int64(1)) { product, factor in
            let (next, overflow) = product.multipliedReportingOverflow(by: factor.count)
            return overflow ? Int64.max : next
        }
        if line.factors.count == 1, let unit = line.factors.first?.unit {
            return (quantity, unit, UnitCodes.code(for: unit))
        }
        return (quantity, line.factors.map(\.unit).joined(separator: "×"), "C62")
    }
}

/// UN/ECE Recommendation 20 codes for the unit words of budget lines. Unknown words count as `C62` (one).
public enum UnitCodes {
    static let table: [String: String] = [
        "식": "LS", "일": "DAY", "박": "DAY", "월": "MON", "개월": "MON", "주": "WEE", "시간": "HUR", "분기": "QAN",
        "년": "ANN", "명": "IE", "인": "IE", "매": "ZP", "쪽": "ZP", "면": "ZP",
    ]

    public static func code(for unit: String) -> String { table[unit] ?? "C62" }
}

extension ProcurementSheet {
    /// `7` → `P007`: the package id of a row bought on its own.
    static func soloPackage(_ number: Int) -> String {
        let digits = String(number)
        return "P" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
