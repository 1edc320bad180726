import FuzzSupport
import Foundation
import PlanFiles
import PlannerCore

// Fuzz target: budget-page text (`BudgetPageReader.read(_:file:encoding:rounding:)`).
//
// Mode byte mod 8 (bit 2 chooses the rounding rule, truncate or half-up):
//   0: the rest as is, encoding .automatic (UTF-8, UTF-16 with a BOM, else CP949);
//   1: the rest as UTF-8 text converted to CP949, encoding .automatic (the CP949 fallback);
//   2: the rest as is, encoding .cp949;
//   3: the rest as is, encoding .utf8.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let (mode, rest) = FuzzInput.split(data, size) else { return 0 }
    let rounding: RoundingRule = mode & 4 == 0 ? .halfUp : .truncate
    let result: (plan: Plan?, diagnostics: [Diagnostic])
    switch mode % 4 {
    case 0: result = BudgetPageReader.read(rest, file: "page.txt", encoding: .automatic, rounding: rounding)
    case 1: result = BudgetPageReader.read(FuzzInput.toCP949(rest), file: "page.txt", encoding: .automatic, rounding: rounding)
    case 2: result = BudgetPageReader.read(rest, file: "page.txt", encoding: .cp949, rounding: rounding)
    default: result = BudgetPageReader.read(rest, file: "page.txt", encoding: .utf8, rounding: rounding)
    }
    _ = DiagnosticFormatter().format(result.diagnostics)
    return 0
}
