import Testing
@testable import PlannerCore

/// One purchase split into contracts that each stay under the one-quotation limit (분할계약), and the
/// budget classes that are purchases at all.
@Suite("Split purchases and purchase classes")
struct ProcurementCheckTests {
    static let agency = EventOrigin(id: "forum", name: "시민 포럼", kind: .conference)

    /// A 행사운영비 plan with one event whose vendor lines cost `amounts` (VAT included), each with
    /// `package`, plus a person-paid line; `code` is the category's 통계목.
    static func plan(_ amounts: [Int64], package: String? = nil, code: String = "201-03") -> Plan {
        var lines = amounts.enumerated().map { index, amount -> CostLine in
            var line = CostLine.lumpSum("용역 \(index + 1)", Won(amount), source: at(12, 11), path: "categories[0].items[0].lines[0]")
            line.origin = agency
            line.package = package
            return line
        }
        var speaker = CostLine.lumpSum("연사 사례비", Won(30_000_000), path: "categories[0].items[0].lines[0]")
        speaker.payee = .person(.speaker)
        speaker.origin = agency
        lines.append(speaker)
        var plan = Plan(program: ProgramInfo(name: "포럼", year: 2026), categories: [
            BudgetCategory(code: code, name: "행사운영비", items: [BudgetItem(name: "시민 포럼 개최", lines: lines, path: "categories[0].items[0]")]),
        ])
        plan.events = [PlannedEvent(origin: agency, sessions: [], source: at(10, 11), path: "categories[0].items[0].lines[0]")]
        return plan
    }

    static func findings(_ plan: Plan) throws -> [Diagnostic] {
        PlanCheck.splitPurchases(try #require(BudgetPricing.price(plan.categories, rounding: plan.policies.amounts).0), plan: plan)
    }

    @Test("an event's lines without a package, each within the one-quotation limit but over it together, are one warning at the event")
    func splitWarning() throws {
        // Given three lines of 11,000,000원 (추정가격 10,000,000원 each, 30,000,000원 together), no package
        let plan = Self.plan([11_000_000, 11_000_000, 11_000_000])
        // Then check warns once, at the event's line, and says what to do and why
        #expect(try Self.findings(plan) == [
            .warning(at: at(10, 11), path: "categories[0].items[0].lines[0]",
                     "expected the vendor lines of 시민 포럼 in one contract, found 3 lines without a package, "
                        + "each within the one-quotation limit of 20,000,000원 (추정가격) but 30,000,000원 together",
                     hint: "add package: to the event to buy them in one contract; splitting one purchase to stay under a quotation limit "
                        + "(분할계약) is not allowed (지방계약법 시행령 제77조, 지방자치단체 입찰 및 계약 집행기준)"),
        ])
        // and BudgetPage.build reports it with the plan's other findings
        #expect(BudgetPage.build(plan).findings.map(\.message) == (try Self.findings(plan)).map(\.message))
    }

    @Test("no warning when the lines are one package, add up to no more than the limit, are one line, or are not purchases", arguments: [
        ([11_000_000, 11_000_000, 11_000_000], "forum-agency", "201-03"),  // one contract already
        ([11_000_000, 11_000_000], nil, "201-03"),                          // 추정가격 20,000,000원 together: within the limit
        ([11_000_000, 44_000_000], nil, "201-03"),                          // only one line is within the limit
        ([11_000_000, 11_000_000, 11_000_000], nil, "203-02"),              // 업무추진비 is not a purchase
    ] as [([Int64], String?, String)])
    func noWarning(amounts: [Int64], package: String?, code: String) throws {
        #expect(try Self.findings(Self.plan(amounts, package: package, code: code)) == [])
    }

    @Test("the limit is the plan's own when it sets one")
    func planLimit() throws {
        var plan = Self.plan([11_000_000, 11_000_000, 11_000_000])
        plan.contractThresholds = ContractThresholds(singleQuotationLimit: Won(50_000_000), quotationLimit: Won(100_000_000))
        #expect(try Self.findings(plan) == [])
    }

    @Test("purchase classes: 201, 206, 207, 401 and 405 and what is under them; a category without a code counts", arguments: [
        ("201-01", true), ("201-03", true), ("206-01", true), ("207-01", true), ("401-01", true), ("405-01", true), (nil, true),
        ("203-01", false), ("203-02", false), ("202-01", false), ("307-02", false), ("101-01", false), ("2011-01", false),
    ] as [(String?, Bool)])
    func standardClasses(code: String?, purchase: Bool) {
        #expect(PurchaseClasses().includes(code) == purchase)
    }

    @Test("a plan's own list matches a 편성목 and everything under it, or one 통계목")
    func ownClasses() {
        let classes = PurchaseClasses(codes: ["201", "203-02"])
        #expect(classes.includes("201-02") && classes.includes("203-02") && classes.includes(" 201-01 "))
        #expect(!classes.includes("203-01") && !classes.includes("206-01"))
    }
}
