import Foundation

// planner-bench: each workload at each size runs in a child process (this binary re-executed with the
// hidden `--single NAME SIZE RUNS`), so that ru_maxrss — a process-wide high-water mark — belongs to
// that one measurement. The child prints one JSON line; the parent prints the table or a JSON array.

let usage = """
    USAGE: planner-bench [--quick] [--json] [--only <workload>]

    Measures plan evaluation and rendering (plan), procurement export against a raw libxml2/CSV baseline
    (export), budget-page checking (page), attendance ingestion against raw SQLite inserts (ingest) and
    honoraria with execution status over a year of records (honoraria): median wall time, rows/s and
    peak memory per size.

    OPTIONS:
      --quick            Only the smallest size of each workload, one run each (CI smoke).
      --json             One JSON array instead of the table.
      --only <workload>  Only this workload (plan, export, page, ingest, honoraria); may be repeated.
      --max-size <n>     Skip sizes above n.
      -h, --help         Show this help.
    """

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data(("planner-bench: " + message + "\n").utf8))
    exit(code)
}

let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}()

var arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--single" {
    guard arguments.count == 4, let size = Int(arguments[2]), let runs = Int(arguments[3]) else { fail("--single NAME SIZE RUNS", code: 64) }
    do {
        let measurement = try Workloads.run(arguments[1], size: size, runs: runs)
        FileHandle.standardOutput.write(try encoder.encode(measurement) + Data("\n".utf8))
        exit(0)
    } catch {
        fail("\(arguments[1]) \(size): \(error)")
    }
}

var quick = false
var json = false
var only: [String] = []
var maxSize = Int.max
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--quick": quick = true
    case "--json": json = true
    case "-h", "--help": print(usage); exit(0)
    case "--only":
        guard let name = arguments.first, Workloads.names.contains(name) else { fail("--only takes one of \(Workloads.names.joined(separator: ", "))", code: 64) }
        only.append(name); arguments.removeFirst()
    case "--max-size":
        guard let text = arguments.first, let value = Int(text) else { fail("--max-size takes a number", code: 64) }
        maxSize = value; arguments.removeFirst()
    default: fail("unknown argument \(argument)\n\n\(usage)", code: 64)
    }
}

func executablePath() -> String {
    #if os(Linux)
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    #endif
    return Bundle.main.executablePath ?? CommandLine.arguments[0]
}

func child(_ name: String, size: Int, runs: Int) -> Measurement {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executablePath())
    process.arguments = ["--single", name, String(size), String(runs)]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    do { try process.run() } catch { fail("can't start \(executablePath()): \(error)") }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fail("\(name) \(size) failed (exit \(process.terminationStatus))") }
    guard let line = data.split(separator: UInt8(ascii: "\n")).last,
          let measurement = try? JSONDecoder().decode(Measurement.self, from: Data(line)) else {
        fail("\(name) \(size): no measurement in the child's output")
    }
    return measurement
}

func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

func pad(_ text: String, _ width: Int, right: Bool = true) -> String {
    let space = String(repeating: " ", count: max(0, width - text.count))
    return right ? space + text : text + space
}

func sizeLabel(_ size: Int) -> String {
    if size >= 1_000_000, size % 1_000_000 == 0 { return "\(size / 1_000_000)M" }
    if size >= 1_000, size % 1_000 == 0 { return "\(size / 1_000)k" }
    return String(size)
}

let runs = quick ? 1 : 3
var results: [Measurement] = []
for name in Workloads.names where only.isEmpty || only.contains(name) {
    let sizes = (Workloads.sizes[name] ?? []).filter { $0 <= maxSize }
    for size in quick ? Array(sizes.prefix(1)) : sizes {
        if !json { FileHandle.standardError.write(Data("running \(name) \(sizeLabel(size))…\n".utf8)) }
        results.append(child(name, size: size, runs: runs))
    }
}

if json {
    var slim = results
    for index in slim.indices { slim[index].detail = nil }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    FileHandle.standardOutput.write((try? encoder.encode(slim)) ?? Data("[]".utf8))
    print()
} else {
    print("planner-bench: median of \(runs) run\(runs == 1 ? "" : "s"), each size in its own process")
    print()
    let header = [pad("workload", 9, right: false), pad("size", 6), pad("seconds", 9), pad("rows/s", 12), pad("peak MB", 9),
                  pad("baseline s", 11), pad("ratio", 7)]
    print(header.joined(separator: "  "))
    print(String(repeating: "-", count: header.joined(separator: "  ").count))
    for result in results {
        print([pad(result.name, 9, right: false), pad(sizeLabel(result.size), 6), pad(format(result.seconds, 3), 9),
               pad(format(result.rowsPerSecond, 0), 12), pad(format(result.peakMB, 1), 9),
               pad(result.baselineSeconds.map { format($0, 3) } ?? "", 11), pad(result.ratio.map { format($0, 2) + "×" } ?? "", 7)]
            .joined(separator: "  "))
    }
    let exports = results.filter { $0.name == "export" }
    if !exports.isEmpty {
        print()
        print("export phases (model / baseline, seconds): csv, xml write, validation; memory the export adds to what was resident")
        print("before it (the sheet model for the export, nothing for the baseline), in MB")
        for result in exports {
            let d = result.detail ?? [:]
            print("  \(pad(sizeLabel(result.size), 5)): csv \(format(d["csvSeconds"] ?? 0, 3)) / \(format(d["baselineCSVSeconds"] ?? 0, 3))"
                  + "  xml \(format(d["xmlSeconds"] ?? 0, 3)) / \(format(d["baselineXMLSeconds"] ?? 0, 3))"
                  + "  validate \(format(d["validateSeconds"] ?? 0, 3)) / \(format(d["baselineValidateSeconds"] ?? 0, 3))"
                  + "  added \(format(d["exportExtraMB"] ?? 0, 1)) / \(format(d["baselineExtraMB"] ?? 0, 1)) (sheet \(format(d["sheetMB"] ?? 0, 1)))")
        }
    }
    let ingests = results.filter { $0.name == "ingest" }
    if !ingests.isEmpty {
        print()
        print("ingest phases (seconds): read the CSV, resolve sessions and people, record; the store's record against raw C-API")
        print("inserts of the same rows; sqlite3 .import of the same CSV into a bare table")
        for result in ingests {
            let d = result.detail ?? [:]
            print("  \(pad(sizeLabel(result.size), 5)): read \(format(d["parseSeconds"] ?? 0, 3))  resolve \(format(d["resolveSeconds"] ?? 0, 3))"
                  + "  record \(format(d["recordSeconds"] ?? 0, 3)) / \(format(d["rawInsertSeconds"] ?? 0, 3)) (\(format(d["recordRatio"] ?? 0, 2))×)"
                  + (d["sqliteImportSeconds"].map { "  sqlite3 .import \(format($0, 3))" } ?? ""))
        }
    }
    let honoraria = results.filter { $0.name == "honoraria" }
    if !honoraria.isEmpty {
        print()
        print("honoraria phases (seconds): earnings with withholding and the payment sheet; execution status")
        for result in honoraria {
            let d = result.detail ?? [:]
            print("  \(pad(sizeLabel(result.size), 5)): earnings \(format(d["earningsSeconds"] ?? 0, 3))  status \(format(d["statusSeconds"] ?? 0, 3))"
                  + "  (\(Int(d["payments"] ?? 0)) payments, \(Int(d["ledgerEntries"] ?? 0)) ledger entries)")
        }
    }
}
