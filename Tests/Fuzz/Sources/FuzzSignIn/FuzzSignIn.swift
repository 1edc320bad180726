import FuzzSupport
import Foundation
import PlanFiles
import PlannerCore

// Fuzz target: sign-in sheet CSV files (`AttendanceSheetReader.read(_:file:)`).
//
// Mode byte mod 4:
//   0: the rest as is (UTF-8, else CP949 detection);
//   1: the rest as UTF-8 text converted to CP949;
//   2: the rest with a UTF-8 byte-order mark in front;
//   3: the rest with CRLF line ends.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignIn(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let (mode, rest) = FuzzInput.split(data, size) else { return 0 }
    let bytes: Data
    switch mode % 4 {
    case 0: bytes = rest
    case 1: bytes = FuzzInput.toCP949(rest)
    case 2: bytes = FuzzInput.bom + rest
    default: bytes = FuzzInput.crlf(rest)
    }
    let (rows, diagnostics) = AttendanceSheetReader.read(bytes, file: "sign-in.csv")
    precondition(rows.isEmpty || !diagnostics.hasErrors)
    _ = DiagnosticFormatter().format(diagnostics)
    return 0
}
