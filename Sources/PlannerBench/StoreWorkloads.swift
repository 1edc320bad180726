import Foundation
import GRDBSQLite
import PlanFiles
import PlannerCore
import PlannerStore
import SheetExport

/// The store workloads: attendance ingestion (`ingest`) and honoraria + execution status
/// (`honoraria`), each on a fresh database file in a temporary folder, through the same library
/// functions the `planner` commands call.
extension Workloads {
    static let actor = "bench"

    // MARK: ingest

    /// A sign-in sheet of `checkIns` rows, as `planner attend PLAN --sheet FILE.csv` records it:
    /// AttendanceSheetReader → the roster → SignInSheet.marks → AppDatabase.recordAttendanceSheet, into
    /// a fresh copy of a database that holds only the roster.
    ///
    /// Baselines, on fresh copies of the same database: the same CSV read raw (lines and commas split as
    /// bytes, no quoting or checks), each line resolved through two dictionaries, and the rows inserted
    /// into the same `attendance` table through SQLite's C API (one prepared statement, bound and stepped
    /// per row, one transaction: below GRDB's cached `Statement`, which still builds `StatementArguments`
    /// per row) — the practical limit of sheet → store, and the `ratio`; the C-API inserts of the
    /// resolved rows alone (`rawInsertSeconds`, to compare with the store's write, `recordRatio`); and
    /// `sqlite3 DB ".import --csv"` of the sheet into a new table (when a `sqlite3` binary is on PATH).
    static func ingest(_ checkIns: Int, runs: Int) throws -> Measurement {
        let bench = try StoreBench(checkIns: checkIns)
        defer { bench.remove() }
        let sheetPath = bench.file("sign-in.csv")
        try bench.world.sheetCSV.write(to: URL(fileURLWithPath: sheetPath))
        let template = bench.file("template.sqlite")
        var setup = 0.0
        var planID: Int64 = 0
        setup = try Clock.seconds {
            let database = try bench.open(template)
            planID = try bench.importRoster(database)
            try database.close()
        }

        // The rows the baseline inserts: the marks the sheet resolves to (computed here, untimed).
        let resolved = try bench.open(template)
        let (marks, problems) = SignInSheet.marks(try bench.sheetLines(sheetPath), file: sheetPath, sessions: bench.sessions,
                                                  people: try resolved.people(planID: planID))
        try resolved.close()
        guard problems.isEmpty else { throw BenchFailure("the synthetic sheet doesn't resolve: \(problems.prefix(3))") }
        let sqlite3 = executable(named: "sqlite3")

        // What the raw importer knows before it starts: each session's event and payable roles, and each
        // roster person by event and name (the lookups a sheet needs, as plain dictionaries).
        let rosterDatabase = try bench.open(template)
        let roster = Dictionary(grouping: try rosterDatabase.people(planID: planID), by: { $0.event + "\u{1F}" + $0.name })
            .mapValues { $0.map { (id: $0.id, role: $0.role) } }
        try rosterDatabase.close()
        let sessionsByID = Dictionary(bench.sessions.map { ($0.id, (event: $0.event.id, roles: Set($0.payableRoles))) }, uniquingKeysWith: { first, _ in first })

        var ours: [(parse: Double, resolve: Double, record: Double)] = []
        var baseline: [Double] = []
        var insertsOnly: [Double] = []
        var imports: [Double] = []
        for run in 0..<runs {
            let raw = bench.file("raw-\(run).sqlite")
            try FileManager.default.copyItem(atPath: template, toPath: raw)
            let (seconds, rows) = try RawAttendanceInsert.importSheet(sheetPath, sessions: sessionsByID, roster: roster, planID: planID,
                                                                      recordedAt: "2026-12-31 09:00:00.000", actor: actor, into: raw)
            guard rows == marks.count else { throw BenchFailure("the raw import inserted \(rows) rows, the planner \(marks.count)") }
            baseline.append(seconds)
            let rawInserts = bench.file("raw-inserts-\(run).sqlite")
            try FileManager.default.copyItem(atPath: template, toPath: rawInserts)
            insertsOnly.append(try RawAttendanceInsert.insert(marks, planID: planID, recordedAt: "2026-12-31 09:00:00.000", actor: actor, into: rawInserts))

            if let sqlite3 {
                let imported = bench.file("import-\(run).sqlite")
                imports.append(try Clock.seconds { try runProcess(sqlite3, [imported, ".import --csv \(sheetPath) checkins"]) })
            }

            let path = bench.file("store-\(run).sqlite")
            try FileManager.default.copyItem(atPath: template, toPath: path)
            let database = try bench.open(path)
            var lines: [SignInLine] = []
            var found: [AttendanceMark] = []
            var result: AttendanceSheetResult?
            // The steps of AttendCommand.recordSheet, minus printing.
            let parse = try Clock.seconds { lines = try bench.sheetLines(sheetPath) }
            let resolve = try Clock.seconds {
                let people = try database.people(planID: planID)
                let (marks, problems) = SignInSheet.marks(lines, file: sheetPath, sessions: bench.sessions, people: people)
                guard problems.isEmpty else { throw BenchFailure("the synthetic sheet doesn't resolve: \(problems.prefix(3))") }
                found = marks
            }
            let record = try Clock.seconds { result = try database.recordAttendanceSheet(planID: planID, marks: found, actor: actor) }
            try database.close()
            guard let result, result.recorded == marks.count, result.alreadyRecorded == 0, result.stillVoided.isEmpty else {
                throw BenchFailure("expected \(marks.count) new attendances, got \(String(describing: result))")
            }
            ours.append((parse, resolve, record))
        }

        let seconds = Clock.median(ours.map { $0.parse + $0.resolve + $0.record })
        let baselineSeconds = Clock.median(baseline)
        var detail: [String: Double] = [
            "parseSeconds": Clock.median(ours.map(\.parse)), "resolveSeconds": Clock.median(ours.map(\.resolve)),
            "recordSeconds": Clock.median(ours.map(\.record)), "rawInsertSeconds": Clock.median(insertsOnly),
            "recordRatio": Clock.median(ours.map(\.record)) / Clock.median(insertsOnly),
            "marks": Double(marks.count), "people": Double(bench.world.people), "sessions": Double(bench.world.sessions),
            "events": Double(bench.world.events), "setupSeconds": setup,
        ]
        if !imports.isEmpty { detail["sqliteImportSeconds"] = Clock.median(imports) }
        return Measurement(name: "ingest", size: checkIns, seconds: seconds, rowsPerSecond: Double(checkIns) / seconds, peakMB: Clock.peakMB(),
                           baselineSeconds: baselineSeconds, ratio: seconds / baselineSeconds, detail: detail)
    }

    // MARK: honoraria

    /// Honoraria and execution status over `checkIns` attendances and `checkIns / 10` ledger entries.
    ///
    /// The database is built once, untimed, through the store's own writes: the roster, the sign-in
    /// sheet, the ledger (one `recordSpending` each), and two payment batches (sessions up to June,
    /// then the rest) created from the computed payments, approved and paid. Then, timed:
    /// (a) `planner honoraria`: the roster and attendances loaded, each priced with withholding
    /// (HonorariumEarnings.payments) and the payment sheet built; (b) `planner status`: ledger and
    /// paid honoraria → ExecutionStatus (AppDatabase.executionStatus).
    static func honoraria(_ checkIns: Int, runs: Int) throws -> Measurement {
        let bench = try StoreBench(checkIns: checkIns)
        defer { bench.remove() }
        let sheetPath = bench.file("sign-in.csv")
        try bench.world.sheetCSV.write(to: URL(fileURLWithPath: sheetPath))
        let path = bench.file("store.sqlite")
        let database = try bench.open(path)
        defer { try? database.close() }
        let yearEnd = CalendarDate(year: SyntheticEvents.year, month: 12, day: 31)!
        let midYear = CalendarDate(year: SyntheticEvents.year, month: 6, day: 30)!
        var planID: Int64 = 0
        var ledgerEntries = 0
        var setupPhases: [String: Double] = [:]
        setupPhases["setupRosterSeconds"] = try Clock.seconds { planID = try bench.importRoster(database) }
        setupPhases["setupAttendanceSeconds"] = try Clock.seconds {
            let (marks, problems) = SignInSheet.marks(try bench.sheetLines(sheetPath), file: sheetPath, sessions: bench.sessions,
                                                      people: try database.people(planID: planID))
            guard problems.isEmpty else { throw BenchFailure("the synthetic sheet doesn't resolve: \(problems.prefix(3))") }
            _ = try database.recordAttendanceSheet(planID: planID, marks: marks, actor: actor)
        }
        setupPhases["setupLedgerSeconds"] = try Clock.seconds { ledgerEntries = try bench.recordLedger(database, planID: planID, entries: checkIns / 10) }
        setupPhases["setupBatchesSeconds"] = try Clock.seconds {
            let sessionDates = Dictionary(bench.sessions.map { ($0.id, $0.date) }, uniquingKeysWith: { first, _ in first })
            for (number, through, paidOn) in [(1, midYear, CalendarDate(year: SyntheticEvents.year, month: 7, day: 10)!),
                                              (2, yearEnd, yearEnd)] {
                let due = try database.unbatchedAttendanceRoles(planID: planID).filter { attendance in
                    (sessionDates[attendance.sessionID] ?? nil).map { $0 <= through } ?? true
                }
                let (payments, _) = HonorariumEarnings.payments(sessions: bench.sessions, attendances: due, people: try database.people(planID: planID),
                                                                paymentDate: paidOn)
                let drafts = payments.map { PaymentItemDraft(attendanceID: $0.earned.attendanceID, role: $0.earned.role, gross: $0.gross,
                                                             incomeTax: $0.withholding.incomeTax, localTax: $0.withholding.localTax) }
                guard try database.createPaymentBatch(planID: planID, through: through, payDay: paidOn, items: drafts, actor: actor) != nil else {
                    throw BenchFailure("payment batch \(number) is empty")
                }
                try database.approveBatch(planID: planID, number: number, on: through, actor: actor)
                try database.markBatchPaid(planID: planID, number: number, on: paidOn, actor: actor)
            }
        }

        var times: [(earnings: Double, status: Double)] = []
        var paymentRows = 0
        var spent = Won.zero
        for _ in 0..<runs {
            // (a) HonorariaCommand.run: people, attendances, Earnings.payments, Earnings.sheet.
            let earnings = try Clock.seconds {
                let people = try database.people(planID: planID)
                let attendances = try database.attendances(planID: planID)
                let (payments, problems) = HonorariumEarnings.payments(sessions: bench.sessions, attendances: attendances, people: people,
                                                                       paymentDate: yearEnd)
                guard problems.isEmpty else { throw BenchFailure("unexpected honoraria problems: \(problems.prefix(3))") }
                let priced = payments.map { ($0.earned, $0.gross, $0.withholding.incomeTax, $0.withholding.localTax, $0.net) }
                let rows = HonorariumEarnings.sheetLines(priced, people: people)
                let sheet = PaymentSheet(program: bench.page.plan.program.name, year: bench.page.plan.program.year, rows: rows)
                paymentRows = sheet.rows.count
            }
            // (b) StatusCommand.run: Actuals.status.
            let status = try Clock.seconds {
                spent = try database.executionStatus(planID: planID, page: bench.page, asOf: yearEnd).total.spent
            }
            times.append((earnings, status))
        }
        guard spent > .zero else { throw BenchFailure("the status shows nothing spent") }
        let seconds = Clock.median(times.map { $0.earnings + $0.status })
        var detail = setupPhases
        detail["earningsSeconds"] = Clock.median(times.map(\.earnings))
        detail["statusSeconds"] = Clock.median(times.map(\.status))
        detail["payments"] = Double(paymentRows)
        detail["ledgerEntries"] = Double(ledgerEntries)
        detail["people"] = Double(bench.world.people)
        detail["sessions"] = Double(bench.world.sessions)
        return Measurement(name: "honoraria", size: checkIns, seconds: seconds, rowsPerSecond: Double(paymentRows) / seconds,
                           peakMB: Clock.peakMB(), detail: detail)
    }

    // MARK: helpers

    /// The full path of an executable on PATH, or nil.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func runProcess(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("\(executable) \(arguments) exited \(process.terminationStatus)") }
    }
}

/// One synthetic world in a temporary folder: the plan priced, the key file, database files.
struct StoreBench {
    let world: SyntheticEvents.World
    let page: BudgetPage
    let sessions: [PlannedSession]
    let directory: URL
    let keyFile: URL

    init(checkIns: Int) throws {
        world = SyntheticEvents.world(checkIns: checkIns)
        let rates = world.ratesYAML
        let (plan, diagnostics) = PlanReader.read(world.planYAML, file: "bench-events.yaml", rates: { _ in RateTableReader.read(rates, file: "rates.yaml") })
        guard let plan else { throw BenchFailure("the synthetic event plan doesn't read: \(diagnostics.filter { $0.severity == .error }.prefix(3).map(\.headline))") }
        let (built, findings) = BudgetPage.build(plan)
        guard let built, !findings.hasErrors else { throw BenchFailure("the synthetic event plan has errors: \(findings.prefix(3).map(\.headline))") }
        page = built
        sessions = plan.events.flatMap(\.sessions)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("planner-bench-store-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        keyFile = directory.appendingPathComponent("keys/planner.key")
    }

    func file(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: directory) }

    func open(_ path: String) throws -> AppDatabase { try AppDatabase.open(path: path, keyFile: keyFile) }

    /// `planner roster import`: RosterReader, then AppDatabase.importRoster. Returns the plan's id.
    func importRoster(_ database: AppDatabase) throws -> Int64 {
        let planID = try database.planID(program: page.plan.program.name, year: page.plan.program.year)
        let (entries, diagnostics) = RosterReader.read(world.rosterCSV, file: "roster.csv", events: page.plan.events)
        guard !diagnostics.hasErrors else { throw BenchFailure("the synthetic roster doesn't read: \(diagnostics.prefix(3).map(\.headline))") }
        let result = try database.importRoster(planID: planID, entries: entries, actor: Workloads.actor)
        guard result.added == world.people else { throw BenchFailure("expected \(world.people) people, added \(result.added)") }
        return planID
    }

    /// The sheet read as AttendCommand reads it, as the store's neutral lines.
    func sheetLines(_ path: String) throws -> [SignInLine] {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchFailure("can't read \(path)") }
        let (rows, diagnostics) = AttendanceSheetReader.read(data, file: path)
        guard !diagnostics.hasErrors else { throw BenchFailure("the synthetic sheet doesn't read: \(diagnostics.prefix(3).map(\.headline))") }
        return rows
    }

    /// `planner spend`, `entries` times: commitments and payments spread over the plan's items and the
    /// year, with Korean vendor names. Returns the number recorded.
    func recordLedger(_ database: AppDatabase, planID: Int64, entries: Int) throws -> Int {
        let items = page.budget.categories.flatMap(\.items)
        guard !items.isEmpty else { return 0 }
        let vendors = ["한빛인쇄", "서울기획", "가람미디어", "누리홍보", "다온디자인", "바른케이터링", "하늘관광버스"]
        for index in 0..<entries {
            let item = items[index % items.count]
            let date = CalendarDate(year: SyntheticEvents.year, month: 1 + index % 12, day: 1 + (index / 12) % 28)!
            _ = try database.recordSpending(planID: planID, itemKey: item.item.path, itemName: item.item.name, kind: index % 4 == 0 ? .commitment : .payment,
                                            amount: Won(Int64(10_000 * (1 + index % 50))), date: date, vendor: vendors[index % vendors.count],
                                            contract: index % 4 == 0 ? "2026-\(index)" : nil, actor: Workloads.actor)
        }
        return entries
    }
}

/// The raw limit of inserting attendances: SQLite's C API, one prepared statement, one transaction.
enum RawAttendanceInsert {
    /// Reads the sign-in sheet at `sheetPath` as bytes (a header, then `session,person,time` lines with
    /// no quoting, as the synthetic sheet is), resolves each line through `sessions` and `roster` (keyed
    /// `event + U+001F + name`) to the people paid at that session, and inserts them as `insert` does.
    /// Returns the seconds from reading the file to COMMIT and the number of rows inserted.
    static func importSheet(_ sheetPath: String, sessions: [String: (event: String, roles: Set<PayableRole>)],
                            roster: [String: [(id: Int64, role: PayableRole)]], planID: Int64, recordedAt: String, actor: String,
                            into path: String) throws -> (seconds: Double, rows: Int) {
        var rows = 0
        let seconds = try Clock.seconds {
            guard let data = FileManager.default.contents(atPath: sheetPath) else { throw BenchFailure("can't read \(sheetPath)") }
            var marks: [AttendanceMark] = []
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var lineStart = bytes.startIndex
                var first = true
                while lineStart < bytes.endIndex {
                    let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
                    defer { lineStart = lineEnd + 1 }
                    if first { first = false; continue }   // the header
                    let fields = bytes[lineStart..<lineEnd].split(separator: 0x2C, omittingEmptySubsequences: false)
                    guard fields.count >= 2 else { continue }
                    let session = String(decoding: fields[0], as: UTF8.self)
                    let person = String(decoding: fields[1], as: UTF8.self)
                    let time = fields.count > 2 && !fields[2].isEmpty ? String(decoding: fields[2], as: UTF8.self) : nil
                    guard let found = sessions[session] else { continue }
                    for entry in roster[found.event + "\u{1F}" + person] ?? [] where found.roles.contains(entry.role) {
                        marks.append(AttendanceMark(sessionID: session, personID: entry.id, time: time.map { $0.replacingOccurrences(of: " ", with: "T") }))
                    }
                }
            }
            rows = marks.count
            _ = try insert(marks, planID: planID, recordedAt: recordedAt, actor: actor, into: path)
        }
        return (seconds, rows)
    }

    /// Inserts `marks` into the `attendance` table of the database at `path` (a copy of the store's
    /// file, so the table, its unique key, index, trigger and foreign keys are the store's own) with
    /// foreign keys on, as every planner connection has them. Returns the seconds from BEGIN to COMMIT.
    static func insert(_ marks: [AttendanceMark], planID: Int64, recordedAt: String, actor: String, into path: String) throws -> Double {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else { throw BenchFailure("can't open \(path)") }
        defer { sqlite3_close_v2(db) }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchFailure("\(sql): \(String(cString: sqlite3_errmsg(db)))") }
        }
        try exec("PRAGMA foreign_keys = ON")
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        return try Clock.seconds {
            try exec("BEGIN IMMEDIATE")
            var statement: OpaquePointer?
            let sql = "INSERT INTO attendance (planID, sessionID, personID, time, recordedAt, recordedBy) VALUES (?, ?, ?, ?, ?, ?)"
            guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw BenchFailure("prepare: \(sql)") }
            defer { sqlite3_finalize(statement) }
            for mark in marks {
                sqlite3_bind_int64(statement, 1, planID)
                sqlite3_bind_text(statement, 2, mark.sessionID, -1, transient)
                sqlite3_bind_int64(statement, 3, mark.personID)
                if let time = mark.time { sqlite3_bind_text(statement, 4, time, -1, transient) } else { sqlite3_bind_null(statement, 4) }
                sqlite3_bind_text(statement, 5, recordedAt, -1, transient)
                sqlite3_bind_text(statement, 6, actor, -1, transient)
                guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchFailure("insert: \(String(cString: sqlite3_errmsg(db)))") }
                sqlite3_reset(statement)
            }
            try exec("COMMIT")
        }
    }
}
