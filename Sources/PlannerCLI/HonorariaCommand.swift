import ArgumentParser
import BudgetReports
import Foundation
import PlanFiles
import PlannerCore
import PlannerStore
import SheetExport

/// Earned honoraria from recorded attendance: shared by `honoraria` and `pay`.
enum Earnings {
    /// What each non-voided attendance earns, withheld as of `paymentDate` (the tax table is dated).
    static func payments(_ context: PlanContext, attendances: [StoredAttendance], people: [StoredPerson], paymentDate: CalendarDate)
        -> (payments: [HonorariumPayment], problems: [String]) {
        HonorariumEarnings.payments(sessions: context.sessions, attendances: attendances, people: people, paymentDate: paymentDate)
    }

    /// The sheet of payments, personal numbers masked unless `residentNumbers` holds them in full.
    static func sheet(_ context: PlanContext, payments: [HonorariumEarnings.Priced],
                      people: [StoredPerson], residentNumbers: [Int64: ResidentNumber] = [:], batch: StoredBatch? = nil) -> PaymentSheet {
        let rows = HonorariumEarnings.sheetLines(payments, people: people, residentNumbers: residentNumbers)
        return PaymentSheet(program: context.plan.program.name, year: context.plan.program.year, batch: batch?.number,
                            status: batch?.status.rawValue, through: batch?.through.description, rows: rows)
    }

    /// `YYYY-MM-DD`, or today (the CLI is the one place that reads the clock).
    static func day(_ text: String?) throws -> CalendarDate {
        if let text {
            guard let day = PlanReader.date(text) else { throw ValidationError("expected a day like 2017-12-31, got \"\(text)\"") }
            return day
        }
        return Today.inKorea()
    }

    /// Amounts as integers in won: `gross`, `incomeTax`, `localTax`, `net` per row and in `totals`; `session` is the
    /// session's id, `sessionName` how a person names it.
    static func json(_ sheet: PaymentSheet) -> JSONValue {
        func money(_ gross: Won, _ incomeTax: Won, _ localTax: Won, _ net: Won) -> [(String, JSONValue)] {
            [("gross", .int(gross.value)), ("incomeTax", .int(incomeTax.value)), ("localTax", .int(localTax.value)), ("net", .int(net.value))]
        }
        let t = sheet.totals
        var top: [(String, JSONValue)] = [("program", .string(sheet.program)), ("year", .int(Int64(sheet.year)))]
        if let batch = sheet.batch { top.append(("batch", .int(Int64(batch)))) }
        if let status = sheet.status { top.append(("status", .string(status))) }
        top.append(("payments", .array(sheet.rows.map { r in
            .object([("person", .string(r.person)), ("residentNumber", .string(r.residentNumber)), ("incomeType", .string(r.incomeType.rawValue)),
                     ("session", .string(r.sessionID)), ("sessionName", .string(r.session)), ("date", .string(r.date)),
                     ("role", .string(r.role.rawValue))] + money(r.gross, r.incomeTax, r.localTax, r.net))
        })))
        top.append(("totals", .object([("count", .int(Int64(sheet.rows.count)))] + money(t.gross, t.incomeTax, t.localTax, t.net))))
        return .object(top)
    }

    static func write(_ sheet: PaymentSheet, format: String, english: Bool) throws {
        switch format {
        case "csv": Console.outData(sheet.csv(english: english))
        case "xml":
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("planner-payments-\(UUID().uuidString).xml").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try sheet.writeXML(to: path)
            Console.outData(FileManager.default.contents(atPath: path) ?? Data())
        case "json":
            Console.out(json(sheet).serialized())
        default:
            let rows = sheet.rows.map { r in
                [r.person, r.residentNumber, r.session, r.role.korean, MoneyFormat.grouped(r.gross.value), MoneyFormat.grouped(r.incomeTax.value),
                 MoneyFormat.grouped(r.localTax.value), MoneyFormat.grouped(r.net.value)]
            }
            let t = sheet.totals
            let total = ["합계", "", "\(sheet.rows.count)건", "", MoneyFormat.grouped(t.gross.value), MoneyFormat.grouped(t.incomeTax.value),
                         MoneyFormat.grouped(t.localTax.value), MoneyFormat.grouped(t.net.value)]
            let table = PageTable(headers: ["성명", "주민등록번호", "회차", "지급구분", "지급액", "소득세", "지방소득세", "실지급액"],
                                  alignments: [.left, .left, .left, .left, .right, .right, .right, .right], rows: rows + [total])
            Console.out(PlainTextWriter.write([.table(table)]))
        }
    }
}

struct HonorariaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "honoraria",
        abstract: "What each person is owed for the sessions they attended, with tax withheld.",
        discussion: """
            One row per payment (person, masked resident number, session, role, gross, income tax, local tax,
            net) and totals. Withholding follows the tax table in force on the payment day (--on, default today).
            Example: planner honoraria Events/social-city-2017.yaml --format csv > honoraria.csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, xml, json }

    @Argument(help: "The plan file (YAML).") var plan: String
    @Option(help: "Output format: text, csv, xml or json.") var format: Format = .text
    @Option(help: "CSV headers: ko or en.") var headers: SheetCSV.Headers = .ko
    @Option(help: "The payment day the tax table is read for, YYYY-MM-DD (default today).") var on: String?
    @OptionGroup var store: StoreOptions

    func validate() throws { _ = try Earnings.day(on) }

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store, access: .read)
            let people = try context.database.people(planID: context.planID)
            let attendances = try context.database.attendances(planID: context.planID)
            let (payments, problems) = Earnings.payments(context, attendances: attendances, people: people, paymentDate: try Earnings.day(on))
            for problem in problems { Console.error("planner: warning: \(problem)\n") }
            let sheet = Earnings.sheet(context, payments: payments.map { ($0.earned, $0.gross, $0.withholding.incomeTax, $0.withholding.localTax, $0.net) },
                                       people: people)
            try Earnings.write(sheet, format: format.rawValue, english: headers == .en)
        }
    }
}
