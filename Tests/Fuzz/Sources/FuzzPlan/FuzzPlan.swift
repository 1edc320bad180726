import FuzzSupport
import Foundation
import PlanFiles
import PlannerCore

// Fuzz target: plan files (`PlanLoader.load(data:file:rates:)`: BOM, CRLF, UTF-8 and CP949 detection,
// then `PlanReader.read` with the event kinds expanded against Events/rates.yaml).
//
// Mode byte (first byte of the input) mod 4:
//   0: the rest as is;
//   1: the rest as UTF-8 text converted to CP949 (the "not UTF-8, looks like CP949" path);
//   2: the rest with a UTF-8 byte-order mark in front;
//   3: the rest with CRLF line ends.

/// Events/rates.yaml, read once: plans with `kind:` events price themselves from it.
let rateTable: (table: RateTable?, diagnostics: [Diagnostic]) = {
    let path = FuzzInput.root + "/Events/rates.yaml"
    guard let loaded = RateTableReader.load(path: path, displayName: "rates.yaml"), loaded.table != nil else {
        fatalError("fuzz-plan: can't read \(path); set PLANNER_ROOT to the package folder")
    }
    return loaded
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let (mode, rest) = FuzzInput.split(data, size) else { return 0 }
    let bytes: Data
    switch mode % 4 {
    case 0: bytes = rest
    case 1: bytes = FuzzInput.toCP949(rest)
    case 2: bytes = FuzzInput.bom + rest
    default: bytes = FuzzInput.crlf(rest)
    }
    let table = rateTable
    let loaded = PlanLoader.load(data: bytes, file: "fuzz.yaml", rates: { _ in table })
    // A plan is returned only without errors; messages must be renderable.
    precondition(loaded.plan == nil || !loaded.diagnostics.hasErrors)
    // Messages must render, with the excerpt and caret the CLI shows under them.
    let lines = loaded.lines
    _ = DiagnosticFormatter { _, line in line <= lines.count ? lines[line - 1] : nil }.format(loaded.diagnostics)
    return 0
}
