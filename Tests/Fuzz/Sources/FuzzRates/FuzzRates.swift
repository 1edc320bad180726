import FuzzSupport
import Foundation
import PlanFiles
import PlannerCore

// Fuzz target: rate tables (`RateTableReader.read`, which takes text).
//
// Mode byte mod 3:
//   0: the rest decoded as UTF-8 (invalid sequences replaced), as `RateTableReader.load` reads files;
//   1: the rest decoded as CP949 (skipped when it isn't CP949): Korean text reaching the reader;
//   2: the rest decoded as UTF-8 with CRLF line ends.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let (mode, rest) = FuzzInput.split(data, size) else { return 0 }
    let text: String
    switch mode % 3 {
    case 0: text = String(decoding: rest, as: UTF8.self)
    case 1:
        guard let decoded = String(data: rest, encoding: FuzzInput.cp949) else { return 0 }
        text = decoded
    default: text = String(decoding: FuzzInput.crlf(rest), as: UTF8.self)
    }
    let (table, diagnostics) = RateTableReader.read(text, file: "rates.yaml")
    precondition(table == nil || !diagnostics.hasErrors)
    _ = DiagnosticFormatter().format(diagnostics)
    return 0
}
