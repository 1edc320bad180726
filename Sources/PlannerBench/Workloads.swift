import BudgetReports
import CLibXML2
import Foundation
import PlanFiles
import PlannerCore
import SheetExport

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One measured workload at one size, as the child prints it (one JSON line).
struct Measurement: Codable {
    var name: String
    var size: Int
    var seconds: Double
    var rowsPerSecond: Double
    var peakMB: Double
    var baselineSeconds: Double?
    var ratio: Double?
    /// Extra detail: per-phase medians, peak memory after the baseline alone, and so on.
    var detail: [String: Double]?
}

enum Clock {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Starts a new high-water mark of the resident set (Linux: `/proc/self/clear_refs` ← 5), so that
    /// `peakMB()` afterwards reports the peak of what follows; false where that isn't possible.
    @discardableResult
    static func resetPeak() -> Bool {
        #if os(Linux)
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
        #else
        return false
        #endif
    }

    /// A field of `/proc/self/status` in MB (`VmHWM`: the peak since the last reset, `VmRSS`: now).
    static func status(_ field: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = Double(line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") else { return nil }
        return kilobytes / 1024
    }

    /// The resident set now, in MB (0 where `/proc` isn't there).
    static func currentMB() -> Double { status("VmRSS") ?? 0 }

    /// The peak resident set since the last `resetPeak()` (or since the start), in MB.
    static func peakSinceResetMB() -> Double { status("VmHWM") ?? peakMB() }

    /// The process's peak resident set so far, in MB (`ru_maxrss`: KB on Linux, bytes on macOS).
    static func peakMB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / (1024 * 1024)
        #endif
    }
}

enum Workloads {
    static let names = ["plan", "export", "page", "ingest", "honoraria"]
    static let sizes: [String: [Int]] = ["plan": [1_000, 10_000, 100_000], "export": [10_000, 100_000, 1_000_000], "page": [1_000, 10_000, 100_000],
                                         "ingest": [10_000, 100_000, 1_000_000], "honoraria": [10_000, 1_000_000]]

    static func run(_ name: String, size: Int, runs: Int) throws -> Measurement {
        switch name {
        case "plan": return try plan(size, runs: runs)
        case "export": return try export(size, runs: runs)
        case "page": return try page(size, runs: runs)
        case "ingest": return try ingest(size, runs: runs)
        case "honoraria": return try honoraria(size, runs: runs)
        default: throw BenchFailure("unknown workload \(name)")
        }
    }

    // MARK: plan

    /// Plan file text → PlanReader → BudgetPage → text (layout + plain text) and JSON.
    static func plan(_ lines: Int, runs: Int) throws -> Measurement {
        let text = Synthetic.planYAML(lines: lines)
        var times: [Double] = []
        var outputBytes = 0
        for _ in 0..<runs {
            times.append(try Clock.seconds {
                let (plan, diagnostics) = PlanReader.read(text, file: "bench.yaml")
                guard let plan else { throw BenchFailure("the synthetic plan doesn't read: \(diagnostics.prefix(3).map(\.headline))") }
                let (page, findings) = BudgetPage.build(plan)
                guard let page, !findings.hasErrors else { throw BenchFailure("the synthetic plan has errors: \(findings.prefix(3).map(\.headline))") }
                let rendered = PlainTextWriter.write(BudgetPageLayout.blocks(page))
                let json = BudgetJSON.render(page)
                outputBytes = rendered.utf8.count + json.utf8.count
            })
        }
        let seconds = Clock.median(times)
        let actual = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return Measurement(name: "plan", size: lines, seconds: seconds, rowsPerSecond: Double(actual) / seconds, peakMB: Clock.peakMB(),
                           detail: ["lines": Double(actual), "outputBytes": Double(outputBytes)])
    }

    // MARK: page

    /// Budget-page text → BudgetPageReader → BudgetPage (every printed amount checked).
    static func page(_ lines: Int, runs: Int) throws -> Measurement {
        let text = Synthetic.pageText(lines: lines)
        var times: [Double] = []
        for _ in 0..<runs {
            times.append(try Clock.seconds {
                let (plan, diagnostics) = BudgetPageReader.read(text: text, file: "bench.txt")
                guard let plan, !diagnostics.hasErrors, diagnostics.isEmpty else {
                    throw BenchFailure("the synthetic page doesn't read cleanly: \(diagnostics.prefix(3).map(\.headline))")
                }
                let (page, findings) = BudgetPage.build(plan)
                guard page != nil, !findings.hasErrors else { throw BenchFailure("the synthetic page has errors: \(findings.prefix(3).map(\.headline))") }
            })
        }
        let seconds = Clock.median(times)
        let actual = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return Measurement(name: "page", size: lines, seconds: seconds, rowsPerSecond: Double(actual) / seconds, peakMB: Clock.peakMB(),
                           detail: ["lines": Double(actual)])
    }

    // MARK: export

    static let authority = "서울특별시"
    static let division = "뉴미디어담당관"

    /// A procurement sheet of `rows` rows. `ProcurementSheet` and its rows have no public initialiser,
    /// so one real sheet is built from a tiny plan and its first row is the template for all others.
    static func sheet(rows count: Int) throws -> ProcurementSheet {
        let (plan, diagnostics) = PlanReader.read(Synthetic.planYAML(lines: 40), file: "template.yaml")
        guard let plan, let page = BudgetPage.build(plan).page else { throw BenchFailure("template plan: \(diagnostics.map(\.headline))") }
        var sheet = ProcurementSheet.build(page)
        guard let template = sheet.rows.first else { throw BenchFailure("the template sheet has no rows") }
        let thresholds = sheet.thresholds
        sheet.program = Synthetic.program
        sheet.authority = authority
        sheet.division = division
        var rows: [ProcurementSheet.Row] = []
        rows.reserveCapacity(count)
        var packages: [ProcurementSheet.Package] = []
        packages.reserveCapacity(count / 10 + 1)
        var total: Int64 = 0
        var start = 0
        while start < count {
            let group = (start..<min(count, start + 10)).map(Synthetic.ExportRow.init)
            let estimated = group.reduce(Int64(0)) { $0 + $1.estimatedPrice }
            let method = thresholds.method(forEstimatedPrice: Won(estimated))
            for source in group {
                var row = template
                row.number = source.number
                row.event = source.event.isEmpty ? nil : source.event
                row.classCode = source.classCode
                row.className = source.className
                row.item = source.item
                row.name = source.name
                row.specification = source.specification
                row.quantity = source.quantity
                row.unit = source.unit
                row.unitCode = source.unitCode
                row.unitPrice = Won(source.unitPrice)
                row.amount = Won(source.amount)
                row.estimatedPrice = Won(source.estimatedPrice)
                row.vat = Won(source.vat)
                row.package = source.package
                row.contractMethod = method
                row.period = Synthetic.period
                row.officer = Synthetic.officer
                rows.append(row)
                total += source.amount
            }
            var package = sheet.packages[0]
            package.id = group[0].package
            package.rows = group.map(\.number)
            package.amount = Won(group.reduce(0) { $0 + $1.amount })
            package.vat = Won(group.reduce(0) { $0 + $1.vat })
            package.estimatedPrice = Won(estimated)
            package.contractMethod = method
            packages.append(package)
            start += 10
        }
        sheet.rows = rows
        sheet.packages = packages
        sheet.total = Won(total)
        sheet.honoraria = .zero
        sheet.planTotal = Won(total)
        return sheet
    }

    /// The export through the model (SheetCSV, SheetXML write + validate) against the same files
    /// written straight through libxml2's xmlTextWriter and a buffered CSV writer, validated by libxml2.
    static func export(_ count: Int, runs: Int) throws -> Measurement {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("planner-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csvPath = directory.appendingPathComponent("sheet.csv").path
        let xmlPath = directory.appendingPathComponent("sheet.xml").path
        let rawCSVPath = directory.appendingPathComponent("raw.csv").path
        let rawXMLPath = directory.appendingPathComponent("raw.xml").path
        let thresholds = ContractThresholds()

        // Baseline first, before any model exists, so that its peak memory can be read on its own.
        let raw = try RawExport(schemaPath: SheetXML.schemaURL.path, thresholds: thresholds)
        let idle = Clock.currentMB()
        Clock.resetPeak()
        var baseline: [(csv: Double, xml: Double, validate: Double)] = []
        for _ in 0..<runs {
            let csv = try Clock.seconds { try raw.writeCSV(rows: count, to: rawCSVPath) }
            let xml = try Clock.seconds { try raw.writeXML(rows: count, to: rawXMLPath) }
            let validate = try Clock.seconds { try raw.validate(rawXMLPath) }
            baseline.append((csv, xml, validate))
        }
        let baselinePeak = Clock.peakSinceResetMB()

        var build = 0.0
        var sheet: ProcurementSheet?
        build = try Clock.seconds { sheet = try Self.sheet(rows: count) }
        guard let sheet else { throw BenchFailure("no sheet") }
        _ = try SheetXML.validate(path: directory.appendingPathComponent("absent.xml").path, .streaming) // loads the schema once
        let sheetMB = Clock.currentMB()
        Clock.resetPeak()

        var model: [(csv: Double, xml: Double, validate: Double)] = []
        for _ in 0..<runs {
            let csv = try Clock.seconds { try SheetCSV.write(sheet, to: csvPath) }
            // Write and validate as `planner export` does (`writeValidated`), timed in its two parts.
            let xml = try Clock.seconds { try SheetXML.write(sheet, to: xmlPath) }
            var problems: [String] = []
            let validate = try Clock.seconds {
                problems = sheet.referenceProblems() + (try SheetXML.validate(path: xmlPath, .streaming)).map(\.description)
            }
            if !problems.isEmpty { throw BenchFailure("the exported XML is not valid: \(problems.prefix(3))") }
            model.append((csv, xml, validate))
        }
        // The export's own peak: the high-water mark while exporting, less what was resident before (the sheet).
        let peak = Clock.peakSinceResetMB()

        // Same bytes, or the comparison means nothing.
        let same = try sameFile(csvPath, rawCSVPath) && sameFile(xmlPath, rawXMLPath)
        if !same { throw BenchFailure("the baseline and the model export wrote different files (\(directory.path))") }

        let seconds = Clock.median(model.map { $0.csv + $0.xml + $0.validate })
        let baselineSeconds = Clock.median(baseline.map { $0.csv + $0.xml + $0.validate })
        let xmlBytes = (try? FileManager.default.attributesOfItem(atPath: xmlPath)[.size] as? Int) ?? 0
        return Measurement(name: "export", size: count, seconds: seconds, rowsPerSecond: Double(count) / seconds, peakMB: peak,
                           baselineSeconds: baselineSeconds, ratio: seconds / baselineSeconds,
                           detail: [
                               "csvSeconds": Clock.median(model.map(\.csv)), "xmlSeconds": Clock.median(model.map(\.xml)),
                               "validateSeconds": Clock.median(model.map(\.validate)),
                               "baselineCSVSeconds": Clock.median(baseline.map(\.csv)), "baselineXMLSeconds": Clock.median(baseline.map(\.xml)),
                               "baselineValidateSeconds": Clock.median(baseline.map(\.validate)),
                               "sheetBuildSeconds": build, "idleMB": idle, "baselinePeakMB": baselinePeak, "baselineExtraMB": baselinePeak - idle,
                               "sheetMB": sheetMB, "exportExtraMB": peak - sheetMB,
                               "xmlBytes": Double(xmlBytes),
                           ])
    }

    /// Compares two files in 1 MB chunks.
    static func sameFile(_ a: String, _ b: String) throws -> Bool {
        guard let left = FileHandle(forReadingAtPath: a), let right = FileHandle(forReadingAtPath: b) else { return false }
        defer { try? left.close(); try? right.close() }
        while true {
            let x = try left.read(upToCount: 1 << 20) ?? Data()
            let y = try right.read(upToCount: 1 << 20) ?? Data()
            if x != y { return false }
            if x.isEmpty { return true }
        }
    }
}

