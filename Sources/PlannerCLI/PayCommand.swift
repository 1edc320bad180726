import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlanFiles
import PlannerCore
import PlannerStore
import SheetExport

struct PayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay",
        abstract: "Payment batches (지급 결의): gather what is earned and unpaid, approve, mark paid, export for finance.",
        discussion: """
            planner pay PLAN --through 2017-12-31 [--on DAY]   a new batch of every earned, unpaid honorarium
            planner pay PLAN --list                            the batches and their state
            planner pay PLAN --approve 1 [--on DAY]            draft → approved
            planner pay PLAN --paid 1 --on DAY                 approved → paid; a paid item is never paid again
            planner pay PLAN --export 1 --format csv|xml [--out FILE] [--for-tax-statement]
            Resident numbers appear unmasked only with --for-tax-statement, which the audit log records.
            """
    )

    @Argument(help: "The plan file (YAML).") var plan: String
    @Option(help: "Gather payments for sessions held up to this day (YYYY-MM-DD).") var through: String?
    @Option(help: "The payment day: withholding follows the tax table in force then (default today).") var on: String?
    @Flag(help: "List the batches.") var list = false
    @Option(help: "Approve batch N.") var approve: Int?
    @Option(help: "Mark batch N paid (needs --on).") var paid: Int?
    @Option(help: "Export batch N for the finance system.") var export: Int?
    @Option(help: "Export format: csv or xml.") var format: String = "csv"
    @Option(help: "Export headers (csv): ko or en.") var headers: SheetCSV.Headers = .ko
    @Option(help: "Write the export to this file instead of standard output.") var out: String?
    @Flag(name: .customLong("for-tax-statement"), help: "Show resident numbers in full, for the withholding-tax statement (recorded in the audit log).")
    var forTaxStatement = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        let actions = [through != nil, list, approve != nil, paid != nil, export != nil].filter { $0 }.count
        guard actions == 1 else { throw ValidationError("choose one of --through DAY, --list, --approve N, --paid N, --export N") }
        if paid != nil && on == nil { throw ValidationError("--paid needs --on DAY, the day the money went out") }
        if let through, PlanReader.date(through) == nil { throw ValidationError("--through expects a day like 2017-12-31, got \"\(through)\"") }
        _ = try Earnings.day(on)
        guard ["csv", "xml"].contains(format) else { throw ValidationError("--format is csv or xml, got \"\(format)\"") }
    }

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store)
            let database = context.database
            if let through = through.flatMap(PlanReader.date) {
                try create(context, through: through)
            } else if list {
                for batch in try database.batches(planID: context.planID) { Console.out(summary(batch) + "\n") }
            } else if let number = approve {
                try database.approveBatch(planID: context.planID, number: number, on: try Earnings.day(on), actor: store.who)
                Console.out(summary(try database.batch(planID: context.planID, number: number)) + "\n")
            } else if let number = paid {
                try database.markBatchPaid(planID: context.planID, number: number, on: try Earnings.day(on), actor: store.who)
                Console.out(summary(try database.batch(planID: context.planID, number: number)) + "\n")
            } else if let number = export {
                try exportBatch(context, number: number)
            }
        }
    }

    /// Every earned honorarium not yet in a batch, for sessions held up to `through`.
    func create(_ context: PlanContext, through: CalendarDate) throws {
        let database = context.database
        let people = try database.people(planID: context.planID)
        let batched = try database.batchedItemKeys(planID: context.planID)
        let sessions = Dictionary(context.sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let held = try database.attendances(planID: context.planID).filter { attendance in
            guard !batched.contains(PaymentItemKey(attendanceID: attendance.id, role: attendance.role)) else { return false }
            // A session counts on its planned day, else on the day the attendance was taken.
            let day = sessions[attendance.sessionID]?.date ?? attendance.time.flatMap { PlanReader.date(String($0.prefix(10))) }
            return day.map { $0 <= through } ?? true
        }
        let (payments, problems) = Earnings.payments(context, attendances: held, people: people, paymentDate: try Earnings.day(on))
        for problem in problems { Console.error("planner: warning: \(problem)\n") }
        let drafts = payments.map { PaymentItemDraft(attendanceID: $0.earned.attendanceID, role: $0.earned.role, gross: $0.gross,
                                                     incomeTax: $0.withholding.incomeTax, localTax: $0.withholding.localTax) }
        guard let batch = try database.createPaymentBatch(planID: context.planID, through: through, items: drafts, actor: store.who) else {
            Console.out("nothing to pay: every earned honorarium through \(through) is already in a batch\n")
            return
        }
        Console.out(summary(batch) + "\n")
    }

    func exportBatch(_ context: PlanContext, number: Int) throws {
        let database = context.database
        let batch = try database.batch(planID: context.planID, number: number)
        let people = try database.people(planID: context.planID)
        let sessions = Dictionary(context.sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var full: [Int64: ResidentNumber] = [:]
        if forTaxStatement {
            full = try database.revealResidentNumbers(personIDs: Array(Set(batch.items.map(\.personID))).sorted(),
                                                      purpose: "withholding-tax statement of payment batch \(number)", actor: store.who)
        }
        let payments = batch.items.compactMap { item -> (earned: EarnedHonorarium, gross: Won, incomeTax: Won, localTax: Won, net: Won)? in
            guard let session = sessions[item.sessionID], let person = byID[item.personID] else { return nil }
            let earned = EarnedHonorarium(attendanceID: item.attendanceID, session: session, role: item.role, personID: person.id,
                                          personName: person.name, incomeType: person.incomeType, treatyExempt: person.treatyExempt,
                                          date: batch.through)
            return (earned, item.gross, item.incomeTax, item.localTax, item.net)
        }
        let sheet = Earnings.sheet(context, payments: payments, people: people, residentNumbers: full, batch: batch)
        if let out {
            try Console.writeFile(out) { temporary in
                if forTaxStatement { try Self.createPrivateFile(temporary) }
                if format == "xml" {
                    try sheet.writeXML(to: temporary)
                } else {
                    try sheet.csv(english: headers == .en).write(to: URL(fileURLWithPath: temporary))
                }
            }
            Console.out("wrote \(out): payment batch \(number), \(sheet.rows.count) payments" + (forTaxStatement ? " (resident numbers in full; recorded in the audit log)" : "") + "\n")
        } else if forTaxStatement && format == "xml" {
            // As Earnings.write does, through a temporary file (libxml2 writes and validates files), but one
            // readable by its owner only: the statement holds resident numbers in full.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("planner-payments-\(UUID().uuidString).xml").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Self.createPrivateFile(path)
            try sheet.writeXML(to: path)
            Console.outData(FileManager.default.contents(atPath: path) ?? Data())
        } else {
            try Earnings.write(sheet, format: format, english: headers == .en)
        }
    }

    /// Creates (or empties) `path` with mode 0600 before anything is written to it, whatever the umask:
    /// a tax statement holds resident numbers in full. Writers that truncate it keep the mode, and the
    /// rename into place keeps it too.
    static func createPrivateFile(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    func summary(_ batch: StoredBatch) -> String {
        let t = batch.totals
        var state = batch.status.rawValue
        if let day = batch.approvedOn { state += ", approved \(day)" }
        if let day = batch.paidOn { state += ", paid \(day)" }
        return "payment batch \(batch.number) (\(state)): \(batch.items.count) payments through \(batch.through) — "
            + "gross \(MoneyFormat.won(t.gross)), income tax \(MoneyFormat.won(t.incomeTax)), local tax \(MoneyFormat.won(t.localTax)), net \(MoneyFormat.won(t.net))"
    }
}
