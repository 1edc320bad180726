import FuzzSupport
import Foundation
import PlanFiles
import PlannerCore

// Fuzz target: roster CSV files (`RosterReader.read(_:file:events:)`), checked against the events of
// Events/social-city-2017.yaml, loaded once.
//
// Mode byte mod 4:
//   0: the rest as is (UTF-8, else CP949 detection);
//   1: the rest as UTF-8 text converted to CP949;
//   2: the rest with a UTF-8 byte-order mark in front;
//   3: the rest with CRLF line ends.

let events: [PlannedEvent] = {
    let path = FuzzInput.root + "/Events/social-city-2017.yaml"
    guard let plan = PlanLoader.load(path: path).plan, !plan.events.isEmpty else {
        fatalError("fuzz-roster: can't read the events of \(path); set PLANNER_ROOT to the package folder")
    }
    return plan.events
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoster(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let (mode, rest) = FuzzInput.split(data, size) else { return 0 }
    let bytes: Data
    switch mode % 4 {
    case 0: bytes = rest
    case 1: bytes = FuzzInput.toCP949(rest)
    case 2: bytes = FuzzInput.bom + rest
    default: bytes = FuzzInput.crlf(rest)
    }
    let (entries, diagnostics) = RosterReader.read(bytes, file: "roster.csv", events: events)
    precondition(entries.isEmpty || !diagnostics.hasErrors)
    _ = DiagnosticFormatter().format(diagnostics)
    return 0
}
