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
            planner pay PLAN --through 2017-06-30 [--on PAYDAY] [--over-budget "reason"]   a new batch of every earned, unpaid honorarium
            planner pay PLAN --list                               the batches and their state
            planner pay PLAN --approve 1 [--on DAY]               draft → approved
            planner pay PLAN --paid 1 --on DAY                    approved → paid; a paid item is never paid again
            planner pay PLAN --cancel 1 --reason "…"              a draft or approved batch; its items are unpaid again
            planner pay PLAN --export 1 --format csv|xml [--out FILE] [--for-tax-statement]
            planner pay PLAN --export 1 --for-transfer --out FILE [--format csv|xml]
            A batch is withheld by the tax table of its payment day (default today); --paid on a day whose
            table withholds otherwise is refused: cancel the batch and gather it again with --on that day.
            A batch that would take a plan item over its budget (with the spending and the batches before
            it) is refused unless --over-budget "reason" documents the transfer; the reason is shown in
            status and the report, as spending's is.
            Resident numbers appear unmasked only with --for-tax-statement, accounts only in the bank
            transfer file (대량이체) of --for-transfer, written to --out only; the audit log records both.
            """
    )

    @Argument(help: "The plan file (YAML).") var plan: String
    @Option(help: "Gather payments for sessions held up to this day (YYYY-MM-DD).") var through: String?
    @Option(help: "The payment day: withholding follows the tax table in force then (default today).") var on: String?
    @Option(name: .customLong("over-budget"), help: "With --through: the documented reason for a batch that takes a plan item over its budget.")
    var overBudget: String?
    @Flag(help: "List the batches.") var list = false
    @Option(help: "Approve batch N.") var approve: Int?
    @Option(help: "Mark batch N paid (needs --on).") var paid: Int?
    @Option(help: "Cancel batch N, a draft or approved one (needs --reason); its payments can be gathered again.") var cancel: Int?
    @Option(help: "Why a batch is cancelled, for the audit log.") var reason: String?
    @Option(help: "Export batch N for the finance system.") var export: Int?
    @Option(help: "Export format: csv or xml.") var format: String = "csv"
    @Option(help: "Export headers (csv): ko or en.") var headers: SheetCSV.Headers = .ko
    @Option(help: "Write the export to this file instead of standard output.") var out: String?
    @Flag(name: .customLong("for-tax-statement"), help: "Show resident numbers in full, for the withholding-tax statement (recorded in the audit log).")
    var forTaxStatement = false
    @Flag(name: .customLong("for-transfer"), help: "Write the bank transfer file: bank, full account number, holder and net amount per payee (needs --out; recorded in the audit log).")
    var forTransfer = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        let actions = [through != nil, list, approve != nil, paid != nil, cancel != nil, export != nil].filter { $0 }.count
        guard actions == 1 else { throw ValidationError("choose one of --through DAY, --list, --approve N, --paid N, --cancel N, --export N") }
        if overBudget != nil && through == nil { throw ValidationError("--over-budget goes with --through DAY: it documents a batch over budget") }
        if paid != nil && on == nil { throw ValidationError("--paid needs --on DAY, the day the money went out") }
        if cancel != nil && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--cancel needs --reason \"…\" for the audit log")
        }
        if let through, PlanReader.date(through) == nil { throw ValidationError("--through expects a day like 2017-12-31, got \"\(through)\"") }
        _ = try Earnings.day(on)
        guard ["csv", "xml"].contains(format) else { throw ValidationError("--format is csv or xml, got \"\(format)\"") }
        if (forTaxStatement || forTransfer) && export == nil { throw ValidationError("--for-tax-statement and --for-transfer go with --export N") }
        if forTaxStatement && forTransfer { throw ValidationError("choose one of --for-tax-statement and --for-transfer: they are separate files") }
        if forTransfer && out == nil {
            throw ValidationError("--for-transfer writes account numbers in full: give --out FILE (it is written readable by you only), never the terminal")
        }
    }

    func run() throws {
        try reportingStoreErrors {
            let context = try PlanContext.open(plan, store: store, access: through != nil ? .record : list ? .read : .change,
                                               fullNumbers: forTaxStatement || forTransfer)
            let database = context.database
            if let through = through.flatMap(PlanReader.date) {
                try create(context, through: through)
            } else if list {
                for batch in try database.batches(planID: context.planID) { Console.out(summary(batch) + "\n") }
            } else if let number = approve {
                try database.approveBatch(planID: context.planID, number: number, on: try Earnings.day(on), actor: store.who)
                Console.out(summary(try database.batch(planID: context.planID, number: number)) + "\n")
            } else if let number = paid {
                try markPaid(context, number: number, on: try Earnings.day(on))
            } else if let number = cancel {
                let batch = try database.batch(planID: context.planID, number: number)
                try database.cancelBatch(planID: context.planID, number: number, reason: reason ?? "", actor: store.who)
                Console.out("payment batch \(number) cancelled: its \(batch.items.count) payments through \(batch.through) are unpaid again "
                    + "(recorded in the audit log)\n")
            } else if let number = export {
                if forTransfer { try exportTransfer(context, number: number) } else { try exportBatch(context, number: number) }
            }
        }
    }

    /// Every earned honorarium not yet in a batch, for sessions held up to `through`, withheld for the payment day.
    func create(_ context: PlanContext, through: CalendarDate) throws {
        let database = context.database
        let payDay = try Earnings.day(on)
        let people = try database.people(planID: context.planID)
        let batched = try database.batchedItemKeys(planID: context.planID)
        let sessions = Dictionary(context.sessions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byThen = try database.attendances(planID: context.planID).filter { attendance in
            // A session counts on its planned day, else on the day the attendance was taken.
            let day = sessions[attendance.sessionID]?.date ?? attendance.day
            return !attendance.isVoided && (day.map { $0 <= through } ?? true)
        }
        let held = byThen.filter { !batched.contains(PaymentItemKey(attendanceID: $0.id, role: $0.role)) }
        let (payments, problems) = Earnings.payments(context, attendances: held, people: people, paymentDate: payDay)
        for problem in problems { Console.error("planner: warning: \(problem)\n") }
        let drafts = payments.map { PaymentItemDraft(attendanceID: $0.earned.attendanceID, role: $0.earned.role, gross: $0.gross,
                                                     incomeTax: $0.withholding.incomeTax, localTax: $0.withholding.localTax) }
        guard !drafts.isEmpty else {
            let anyBatched = byThen.contains { batched.contains(PaymentItemKey(attendanceID: $0.id, role: $0.role)) }
            Console.out(anyBatched ? "nothing to pay: every earned honorarium through \(through) is already in a batch\n"
                                   : "nothing to pay: nothing earned through \(through)\n")
            return
        }
        // Over budget? Judged inside the store's write transaction, with the ledger and every batch
        // before this one, as `spend` judges an entry.
        let rule = BudgetRule(page: context.page, measure: .spent, reason: overBudget)
        let created: StoredBatch?
        do {
            created = try database.createPaymentBatch(planID: context.planID, through: through, payDay: payDay, items: drafts,
                                                      actor: store.who) { ledger, batched, batch in
                try rule.judge(ledger: ledger, batched: batched, sessions: context.sessions, addingHonoraria: batch).reason
            }
        } catch let refused as BudgetRule.OverBudget {
            let gross = drafts.map(\.gross).checkedSum() ?? Won(Int64.max)
            for excess in refused.items {
                Console.error("planner: error: a batch of \(MoneyFormat.won(gross)) through \(through) would take \"\(excess.name)\" to "
                    + "\(MoneyFormat.won(excess.after)) spent with the spending and batches before it, over its budget of "
                    + "\(MoneyFormat.won(excess.planned)) by \(MoneyFormat.won(excess.over)); no batch was made\n")
            }
            Console.error("  hint: pay over budget only with a documented transfer: planner pay \(Self.shellQuoted(plan)) --through \(through) "
                + "--over-budget \"reason\"\n")
            throw ExitCode(ExitStatus.dataError)
        }
        guard let batch = created else {
            Console.out("nothing to pay: every earned honorarium through \(through) is already in a batch\n")
            return
        }
        Console.out(summary(batch) + "\n")
    }

    /// Approved → paid on `day`; a day whose tax table withholds otherwise than the batch is refused
    /// with the commands that gather the batch again for that day.
    func markPaid(_ context: PlanContext, number: Int, on day: CalendarDate) throws {
        do {
            try context.database.markBatchPaid(planID: context.planID, number: number, on: day, actor: store.who)
        } catch let error as StoreError {
            guard case .withholdingDiffersOnPayDay(_, let through, _, _, _, _, _) = error else { throw error }
            let plan = Self.shellQuoted(self.plan)
            Console.error("planner: error: \(error.description)\n"
                + "  hint: withholding is decided by the payment day; cancel the batch and gather it again for \(day), then approve it and mark it paid:\n"
                + "    planner pay \(plan) --cancel \(number) --reason \"paid on \(day)\"\n"
                + "    planner pay \(plan) --through \(through.map(\.description) ?? "DAY") --on \(day)\n")
            throw ExitCode(ExitStatus.dataError)
        }
        Console.out(summary(try context.database.batch(planID: context.planID, number: number)) + "\n")
    }

    func exportBatch(_ context: PlanContext, number: Int) throws {
        let database = context.database
        let batch = try database.batch(planID: context.planID, number: number)
        let people = try database.people(planID: context.planID)
        var full: [Int64: ResidentNumber] = [:]
        if forTaxStatement, let out { try Console.checkOutput(out, privateData: true) }
        if forTaxStatement {
            full = try database.revealResidentNumbers(personIDs: Array(Set(batch.items.map(\.personID))).sorted(),
                                                      purpose: "withholding-tax statement of payment batch \(number)", actor: store.who)
        }
        let payments = HonorariumEarnings.batchPayments(batch, sessions: context.sessions, people: people,
                                                        attendances: try database.attendances(planID: context.planID))
        let sheet = Earnings.sheet(context, payments: payments, people: people, residentNumbers: full, batch: batch)
        if let out {
            try Console.writeFile(out, privateData: forTaxStatement) { temporary in
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

    /// The bank transfer file of an approved or paid batch: one row per payee, account in full, to `--out`
    /// with mode 0600. The reveal of the accounts is written to the audit log.
    func exportTransfer(_ context: PlanContext, number: Int) throws {
        guard let out else { return }
        let database = context.database
        let batch = try database.batch(planID: context.planID, number: number)
        guard batch.status != .draft else {
            Console.error("planner: error: payment batch \(number) is a draft; a transfer file is made from an approved batch\n"
                + "  hint: planner pay \(Self.shellQuoted(plan)) --approve \(number) --on DAY\n")
            throw ExitCode(ExitStatus.dataError)
        }
        let people = try database.people(planID: context.planID)
        let payments = HonorariumEarnings.batchPayments(batch, sessions: context.sessions, people: people,
                                                        attendances: try database.attendances(planID: context.planID))
        let payees = Array(Set(payments.map(\.earned.personID))).sorted()
        let withoutAccount = people.filter { payees.contains($0.id) && $0.accountMasked == nil }.map(\.name)
        guard withoutAccount.isEmpty else {
            Console.error("planner: error: no bank account on the roster for \(withoutAccount.joined(separator: ", ")); no transfer file was written\n"
                + "  hint: add their bank and account to the roster and import it again: planner roster import PLAN FILE.csv\n")
            throw ExitCode(ExitStatus.dataError)
        }
        try Console.checkOutput(out, privateData: true)
        let accounts = try database.revealAccounts(personIDs: payees, purpose: "bank transfer file of payment batch \(number)", actor: store.who)
        let (lines, missing) = HonorariumEarnings.transferLines(payments, accounts: accounts)
        guard missing.isEmpty else {
            Console.error("planner: error: no bank account on the roster for \(missing.joined(separator: ", ")); no transfer file was written\n")
            throw ExitCode(ExitStatus.dataError)
        }
        let sheet = TransferSheet(program: context.plan.program.name, year: context.plan.program.year, batch: number,
                                  payDay: (batch.paidOn ?? batch.payDay)?.description, rows: lines)
        try Console.writeFile(out, privateData: true) { temporary in
            try Self.createPrivateFile(temporary)
            if format == "xml" {
                try sheet.writeXML(to: temporary)
            } else {
                try sheet.csv(english: headers == .en).write(to: URL(fileURLWithPath: temporary))
            }
        }
        Console.out("wrote \(out): bank transfer of payment batch \(number), \(lines.count) payee\(lines.count == 1 ? "" : "s"), "
            + "\(MoneyFormat.won(sheet.total)) (account numbers in full; readable by you only; recorded in the audit log)\n")
    }

    /// `PATH` as a shell reads it: unchanged when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789-_./+,:@%".unicodeScalars.contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
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
        return "payment batch \(batch.number) (\(state)): \(batch.items.count) payments through \(batch.through)"
            + (batch.payDay.map { ", withheld for payment on \($0)" } ?? "") + " — "
            + "gross \(MoneyFormat.won(t.gross)), income tax \(MoneyFormat.won(t.incomeTax)), local tax \(MoneyFormat.won(t.localTax)), net \(MoneyFormat.won(t.net))"
            + (batch.overBudgetReason.map { "; over budget: \($0)" } ?? "")
    }
}
