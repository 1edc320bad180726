import PlannerCore

/// What a plan buys from vendors, as rows for the contracts team: the neutral model every writer
/// (CSV, XML, UBL) works from. Honoraria paid to people never appear here.
public struct ProcurementSheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// 1-based, in plan order.
        public var number: Int
        public var event: String?
        /// The budget class (편성목/통계목).
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
        /// When the purchase is planned, from the plan's schedule.
        public var period: String
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
    public var division: String?
    public var rows: [Row]
    public var packages: [Package]
    /// Sum of the rows' amounts, in won.
    public var total: Won
    /// Sum of the lines paid to people (honoraria), in won; `total + honoraria` is the plan's total.
    public var honoraria: Won
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
    /// The sheet of a priced plan: every vendor line (a roll-up line as its details), in plan order.
    public static func build(_ page: BudgetPage) -> ProcurementSheet {
        let plan = page.plan
        let period = plannedPeriod(plan)
        let officer = plan.program.officers.compactMap { $0.officer?.name ?? $0.teamLead?.name }.first ?? plan.program.division ?? ""
        var rows: [Row] = []
        var honoraria: [Won] = []

        func add(_ leaf: PricedLine, name: String, category: PricedCategory, item: PricedItem, origin: EventOrigin?, package: String?) {
            guard leaf.line.payee == .vendor else {
                honoraria.append(leaf.budgeted)
                return
            }
            let number = rows.count + 1
            let (quantity, unit, code) = measure(leaf.line)
            let vat = VAT.of(leaf.budgeted)
            rows.append(Row(number: number, event: origin?.name, classCode: category.category.code, className: category.category.name,
                            item: item.item.name, name: name, specification: leaf.line.formula, quantity: quantity, unit: unit, unitCode: code,
                            unitPrice: leaf.line.unitPrice, amount: leaf.budgeted, estimatedPrice: Won(leaf.budgeted.value - vat.value), vat: vat,
                            package: package ?? leaf.line.package ?? soloPackage(number), contractMethod: .singleQuotation,
                            period: period, officer: officer))
        }

        for category in page.budget.categories {
            for item in category.items {
                if let own = item.exactOwnAmount {
                    let line = PricedLine(line: .lumpSum(item.item.name, own), exact: own, budgeted: item.total)
                    add(line, name: item.item.name, category: category, item: item, origin: nil, package: nil)
                }
                for line in item.lines {
                    if line.details.isEmpty {
                        add(line, name: line.line.name, category: category, item: item, origin: line.line.origin, package: line.line.package)
                    } else {
                        for detail in line.details {
                            add(detail, name: "\(line.line.name) / \(detail.line.name)", category: category, item: item,
                                origin: detail.line.origin ?? line.line.origin, package: detail.line.package ?? line.line.package)
                        }
                    }
                }
            }
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
                                division: plan.program.division, rows: rows, packages: packages,
                                total: rows.map(\.amount).checkedSum() ?? .zero, honoraria: honoraria.checkedSum() ?? .zero,
                                planTotal: page.budget.total, thresholds: plan.contractThresholds)
    }

    /// The schedule row that executes the budget (the one with the largest amount), else the plan's period.
    static func plannedPeriod(_ plan: Plan) -> String {
        if let row = plan.schedule.filter({ $0.amount != nil }).max(by: { ($0.amount ?? .zero) < ($1.amount ?? .zero) }) {
            return row.period
        }
        if let period = plan.program.period { return "\(period.start)~\(period.end)" }
        return "\(plan.program.year)"
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
