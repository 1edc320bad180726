import Foundation
import PlanFiles
import PlannerCore
import Testing

/// Inputs that the fuzz targets of Tests/Fuzz (`Tests/Fuzz/run.sh`) found crashing, hanging or
/// exhausting a reader, kept so that they never come back. Each test gives the bytes the reader saw
/// (the fuzz input without its mode byte) and checks that the reader answers with a diagnostic.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// FuzzRates, mode 2 (crash-098b56fd…, minimized to 6 bytes): libyaml ends a line at a lone "\r"
    /// too, so the line of its error was past the lines that the "missing colon?" hint found by
    /// splitting at "\n" only, and the hint indexed past the last line: an array-index trap.
    @Test("a YAML error below lines ended by a lone carriage return is a diagnostic, not a trap")
    func loneCarriageReturn() {
        let bytes = Data(base64Encoded: "ZQ0Nczo=")!  // "e\r\rs:"
        let (table, diagnostics) = RateTableReader.read(String(decoding: bytes, as: UTF8.self), file: "rates.yaml")
        #expect(table == nil)
        #expect(diagnostics.map(\.headline) == ["error: rates.yaml:1:1: this is not valid YAML: mapping values are not allowed in this context"])
        let loaded = PlanLoader.load(data: bytes, file: "plan.yaml")
        #expect(loaded.plan == nil)
        #expect(loaded.diagnostics.map(\.headline) == ["error: plan.yaml:1:1: this is not valid YAML: mapping values are not allowed in this context"])
    }

    /// The same, with the other line breaks libyaml knows (NEL, U+2028, U+2029) and a "\r" right at
    /// the error.
    @Test("a YAML error below lines ended by NEL, LS or PS is a diagnostic, not a trap", arguments: ["\u{85}", "\u{2028}", "\u{2029}", "\r"])
    func otherLineBreaks(_ lineBreak: String) {
        let text = "program: x\(lineBreak)\(lineBreak)\(lineBreak)a b\(lineBreak)c: d: e\n"
        let (plan, diagnostics) = PlanReader.read(text, file: "plan.yaml")
        #expect(plan == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.headline.hasPrefix("error: plan.yaml:") == true)
    }

    /// FuzzPage, mode 1 (crash-87c83950…): the trap was in the fuzz target's own conversion to CP949,
    /// in Foundation's encoder (U+FEFF after other text; see `FuzzInput.toCP949`), not in the reader.
    /// The reader itself reads those bytes, as UTF-8 and as CP949, into one error.
    @Test("the bytes of crash-87c83950 read into an error in UTF-8 and in CP949")
    func byteOrderMarkInsideText() {
        let bytes = Data(base64Encoded: "7Iuc6wEnvxbvu78=")!
        for encoding in [PageEncoding.automatic, .utf8, .cp949] {
            let (plan, diagnostics) = BudgetPageReader.read(bytes, file: "page.txt", encoding: encoding)
            #expect(plan == nil)
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?.severity == .error)
        }
        let korean = Data([0xBD, 0xC3, 0x3F, 0x01, 0x27, 0x3F, 0x16, 0x3F])  // 시?\u{1}'?\u{16}? in CP949
        let (plan, diagnostics) = BudgetPageReader.read(korean, file: "page.txt")
        #expect(plan == nil)
        #expect(diagnostics.count == 1)
    }
}
