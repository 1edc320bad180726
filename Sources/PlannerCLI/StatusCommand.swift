import ArgumentParser
import BudgetReports
import Foundation
import PlanFiles
import PlannerCore
import PlannerStore
import SheetExport

/// `--as-of DAY`: count what is dated up to this day (default: the last day of the plan's year).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Count what is dated up to this day (default: the end of the plan's year).")
    var asOf: String?

    func validate() throws {
        if let asOf, PlanReader.date(asOf) == nil { throw ValidationError("--as-of expects a day like 2017-06-30, got \"\(asOf)\"") }
    }

    func day(for plan: Plan) -> CalendarDate {
        asOf.flatMap(PlanReader.date) ?? CalendarDate(year: plan.program.year, month: 12, day: 31)!
    }
}

/// What the ledger and the payment batches say about a plan, in the core's terms.
enum Actuals {
    static func status(_ context: PlanContext, asOf: CalendarDate) throws -> ExecutionStatus {
        try context.database.executionStatus(planID: context.planID, page: context.page, asOf: asOf)
    }

    static func results(_ context: PlanContext) throws -> [EventResult] {
        let attendance = try context.database.attendances(planID: context.planID).filter { !$0.isVoided }.map { (session: $0.sessionID, person: $0.personID) }
        let people = try context.database.people(planID: context.planID)
        let roster = Dictionary(grouping: people, by: \.event).mapValues { Set($0.map(\.name)).count }
        return EventResult.compute(events: context.plan.events, attendance: attendance, rosterSize: roster)
    }

    /// The year's settlement row: the plan's budget, what was spent in the year, and what the officer says
    /// was carried or changed.
    static func settlement(_ context: PlanContext, year: Int, carriedIn: Won, adjustment: Won, carriedOut: Won) throws -> SettlementEntry {
        let end = CalendarDate(year: year, month: 12, day: 31)!
        let status = try status(context, asOf: end)
        let inYear = status.total.spent
        return SettlementEntry(year: year, finalBudget: context.page.budget.total, carriedIn: carriedIn, adjustment: adjustment,
                               spent: inYear, carriedOut: carriedOut)
    }

    /// `1,234,567` with `%` rates as `87.50%`.
    static func rate(_ basisPoints: Int64?) -> String {
        guard let basisPoints else { return "" }
        let whole = basisPoints / 100, fraction = basisPoints % 100
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Plan versus actual: planned, committed, spent, remaining and execution rate per category and item, and by month.",
        discussion: """
            Spending comes from the ledger (planner spend) and from paid honoraria batches (planner pay).
            Example: planner status Events/social-city-2017.yaml --as-of 2017-06-30
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @Argument(help: "The plan file (YAML).") var plan: String
    @OptionGroup var asOf: AsOfOption
    @Option(help: "Output format: text, json or csv.") var format: Format = .text
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store, access: .read)
            let day = asOf.day(for: context.plan)
            let status = try Actuals.status(context, asOf: day)
            switch format {
            case .json: Console.out(StatusCommand.json(status).serialized())
            case .csv: Console.outData(StatusCommand.csv(status))
            case .text: Console.out(StatusCommand.text(status))
            }
        }
    }

    static func row(_ name: String, _ f: ExecutionStatus.Figures) -> [String] {
        [name, MoneyFormat.grouped(f.planned.value), MoneyFormat.grouped(f.committed.value), MoneyFormat.grouped(f.spent.value),
         MoneyFormat.signed(f.remaining.value), Actuals.rate(f.rateBasisPoints)]
    }

    static func text(_ status: ExecutionStatus) -> String {
        var rows: [[String]] = []
        var notes: [String] = []
        for category in status.categories {
            rows.append(row(category.name, category.figures))
            for item in category.items {
                rows.append(row("  ○ " + item.name, item.figures))
                notes += item.overBudgetReasons.map { "○ \(item.name): 예산 초과 집행 사유 — \($0)" }
            }
        }
        rows.append(row("계", status.total))
        let table = PageTable(unitNote: "(단위 : 원)", headers: ["구 분", "계획", "계약", "집행", "잔액", "집행률"],
                              alignments: [.left, .right, .right, .right, .right, .right], rows: rows)
        let months = PageTable(headers: ["월", "계획 누계", "집행 누계"], alignments: [.left, .right, .right],
                               rows: status.months.map { ["\($0.month)월", MoneyFormat.grouped($0.plannedCumulative.value), MoneyFormat.grouped($0.spentCumulative.value)] })
        var blocks: [PageBlock] = [.heading(level: 1, "집행 현황 (기준일 \(status.asOf))"), .table(table)]
        if !notes.isEmpty { blocks.append(.bullets(notes.map { OutlineEntry($0) })) }
        blocks += [.heading(level: 2, "□ 월별 누계 집행"), .table(months)]
        return PlainTextWriter.write(blocks)
    }

    static func json(_ status: ExecutionStatus) -> JSONValue {
        func figures(_ f: ExecutionStatus.Figures) -> [(String, JSONValue)] {
            [("planned", .int(f.planned.value)), ("committed", .int(f.committed.value)), ("spent", .int(f.spent.value)),
             ("remaining", .int(f.remaining.value)), ("rateBasisPoints", .optional(f.rateBasisPoints))]
        }
        return .object([
            ("asOf", .string(status.asOf.description)),
            ("total", .object(figures(status.total))),
            ("categories", .array(status.categories.map { category in
                .object([("code", .optional(category.code)), ("name", .string(category.name))] + figures(category.figures) + [
                    ("items", .array(category.items.map { item in
                        .object([("key", .string(item.key)), ("name", .string(item.name))] + figures(item.figures)
                                + [("overBudgetReasons", .array(item.overBudgetReasons.map(JSONValue.string)))])
                    })),
                ])
            })),
            ("months", .array(status.months.map { .object([("month", .int(Int64($0.month))), ("plannedCumulative", .int($0.plannedCumulative.value)),
                                                           ("spentCumulative", .int($0.spentCumulative.value))]) })),
        ])
    }

    static func csv(_ status: ExecutionStatus) -> Data {
        var rows: [[String]] = []
        for category in status.categories {
            for item in category.items {
                let f = item.figures
                rows.append([category.code ?? "", category.name, item.name, String(f.planned.value), String(f.committed.value), String(f.spent.value),
                             String(f.remaining.value), f.rateBasisPoints.map(String.init) ?? "", item.overBudgetReasons.joined(separator: "; ")])
            }
        }
        return Data(CSVFormat.document(header: ["통계목코드", "통계목", "세부사업", "계획(원)", "계약(원)", "집행(원)", "잔액(원)", "집행률(bp)", "초과집행사유"],
                                       rows: rows, numberColumns: [3, 4, 5, 6, 7], byteOrderMark: true).utf8)
    }
}

struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "What the events achieved, from attendance: sessions held, participants, attendance rate (추진실적).",
        discussion: "Example: planner results Events/social-city-2017.yaml"
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The plan file (YAML).") var plan: String
    @Option(help: "Output format: text or json.") var format: Format = .text
    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store, access: .read)
            let results = try Actuals.results(context)
            switch format {
            case .text:
                Console.out(results.map { "○ " + $0.line + "\n" }.joined())
            case .json:
                Console.out(JSONValue.array(results.map { r in
                    .object([("event", .string(r.event.id)), ("name", .string(r.event.name)), ("kind", .string(r.event.kind.rawValue)),
                             ("planned", .int(Int64(r.planned))), ("held", .int(Int64(r.held))), ("attendances", .int(Int64(r.attendances))),
                             ("people", .int(Int64(r.people))), ("attendanceRatePercent", .optional(r.attendanceRatePercent)),
                             ("attendanceRecorded", .bool(r.attendanceRecorded)), ("line", .string(r.line))])
                }).serialized())
            }
        }
    }
}

struct SettleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract: "The year's settlement row (결산) from the ledger, in the page's format, as JSON, or as YAML for next year's plan.",
        discussion: """
            최종예산 is the plan's budget; 집행액 what the ledger and paid honoraria say was spent in the year.
            Carry-overs and budget changes come from the officer (--carried-in, --adjustment, --carried-out).
            The planner never edits Events/: paste the YAML into next year's plan, or use planner roll.
            Example: planner settle Events/social-city-2017.yaml --year 2017 --format yaml
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, yaml }

    @Argument(help: "The plan file (YAML).") var plan: String
    @Option(help: "The year to settle: the plan's year, the only one its ledger holds (the default).") var year: Int?
    @Option(name: .customLong("carried-in"), help: "전년이월, e.g. 0원.") var carriedIn: String = "0원"
    @Option(help: "예산변경 (transfers, reserve funds), e.g. △5,000천원.") var adjustment: String = "0원"
    @Option(name: .customLong("carried-out"), help: "차년이월, e.g. 0원.") var carriedOut: String = "0원"
    @Option(help: "Output format: text, json or yaml.") var format: Format = .text
    @OptionGroup var store: StoreOptions

    func money(_ text: String, _ option: String, negative: Bool = false) throws -> Won {
        switch Notation.amount(text, allowNegative: negative) {
        case .success(let won): return won
        case .failure(let problem): throw ValidationError("--\(option): \(problem.message)")
        }
    }

    func validate() throws {
        _ = try money(carriedIn, "carried-in")
        _ = try money(adjustment, "adjustment", negative: true)
        _ = try money(carriedOut, "carried-out")
    }

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store, access: .read)
            // The ledger and the batches of a plan are of its year (the store refuses other dates): that
            // is the one year this plan can settle; another year's row comes from that year's plan.
            if let year, year != context.plan.program.year {
                Console.error("planner: error: --year \(year): this plan's ledger is of \(context.plan.program.year), the only year it can settle\n"
                    + "  hint: settle \(year) from the plan of \(year), or leave --year out\n")
                throw ExitCode(ExitStatus.usage)
            }
            let entry = try Actuals.settlement(context, year: context.plan.program.year, carriedIn: try money(carriedIn, "carried-in"),
                                               adjustment: try money(adjustment, "adjustment", negative: true), carriedOut: try money(carriedOut, "carried-out"))
            let findings = SettlementCheck.check([entry])
            for finding in findings { Console.error("planner: \(finding.headline)\n") }
            let notation = BudgetNotation(rounding: context.plan.policies.amounts)
            switch format {
            case .text:
                let table = PageTable(unitNote: "(단위 : 천원)", headers: ["연도", "최종예산", "전년이월", "예산변경", "예산현액", "집행액", "차년이월", "집행잔액"],
                                      alignments: [.left] + Array(repeating: .right, count: 7),
                                      rows: [[String(entry.year)] + [entry.finalBudget, entry.carriedIn, entry.adjustment, entry.available ?? .zero,
                                                                     entry.spent, entry.carriedOut, entry.unspent ?? .zero].map(notation.signedThousands)])
                Console.out(PlainTextWriter.write([.table(table)]))
            case .json:
                Console.out(BudgetJSON.settlement(entry).serialized())
            case .yaml:
                func figure(_ won: Won) -> String {
                    won.value % 1_000 == 0 ? MoneyFormat.signed(won.value / 1_000) + "천원" : MoneyFormat.signed(won.value) + "원"
                }
                Console.out("""
                    settlement:
                      - year: \(entry.year)
                        finalBudget: \(figure(entry.finalBudget))
                        carriedIn: \(figure(entry.carriedIn))
                        adjustment: \(figure(entry.adjustment))
                        available: \(figure(entry.available ?? .zero))
                        spent: \(figure(entry.spent))
                        carriedOut: \(figure(entry.carriedOut))
                        unspent: \(figure(entry.unspent ?? .zero))

                    """)
            }
            if findings.hasErrors { throw ExitCode(ExitStatus.dataError) }
        }
    }
}
