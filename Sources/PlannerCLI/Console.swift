import Foundation
import PlanFiles
import PlannerCore

/// The only place that writes to the terminal.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func outData(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// Prints diagnostics about a data file (a roster, a sign-in sheet) with its lines as excerpts.
    static func report(_ diagnostics: [Diagnostic], file: String, data: Data) {
        guard !diagnostics.isEmpty else { return }
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: String.Encoding(rawValue: 0x8000_0422)) ?? ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let formatter = DiagnosticFormatter(prefix: "planner: ") { name, line in
            // Roster lines hold personal numbers: show them only with digits hidden.
            name == file && line >= 1 && line <= lines.count ? Redaction.maskingDigitRuns(in: lines[line - 1]) : nil
        }
        error(formatter.format(diagnostics))
    }

    /// Prints diagnostics of one plan to standard error, with the offending line of the file under each.
    static func report(_ diagnostics: [Diagnostic], of loaded: LoadedPlan) {
        guard !diagnostics.isEmpty else { return }
        let lines = loaded.lines, file = loaded.file
        let formatter = DiagnosticFormatter(prefix: "planner: ") { name, line in
            name == file && line >= 1 && line <= lines.count ? lines[line - 1] : nil
        }
        error(formatter.format(diagnostics))
    }
}

extension Console {
    /// `planner: no sheets: plan.yaml has 2 errors`.
    static func noOutput(_ what: String, _ file: String, errors diagnostics: [Diagnostic]) {
        let count = diagnostics.filter { $0.severity == .error }.count
        error("planner: \(what): \(file) has \(count) error\(count == 1 ? "" : "s")\n")
    }
}

/// Exit codes of sysexits(3), as the house style lists them.
enum ExitStatus {
    static let findings: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let internalError: Int32 = 70
    static let ioError: Int32 = 74
}
