import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore
import SheetExport

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
        // The formatter hides the personal numbers of the excerpt (Redaction.excerptLine).
        let formatter = DiagnosticFormatter(prefix: "planner: ") { name, line in
            name == file && line >= 1 && line <= lines.count ? lines[line - 1] : nil
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
    /// Writes one output file all or nothing (`AtomicFile`), or into the pipe or device `path` names;
    /// a failure is one plain line and an exit code (73 for a destination refused, 74 for I/O).
    static func writeFile(_ path: String, privateData: Bool = false, _ produce: (String) throws -> Void) throws {
        do {
            try AtomicFile.write(path, privateData: privateData, produce)
        } catch let failure as ExportBatch.Failure {
            error("planner: error: \(failure.message)\n")
            throw ExitCode(failure.kind == .refused ? ExitStatus.cannotCreate : ExitStatus.ioError)
        } catch let invalid as SheetXMLError {
            error("planner: internal error: the XML does not match its schema; nothing was written\n\(invalid)\n")
            throw ExitCode(ExitStatus.internalError)
        } catch {
            self.error("planner: error: can't write \(path): \(error.localizedDescription)\n")
            throw ExitCode(ExitStatus.ioError)
        }
    }

    /// Refuses, before anything is revealed or computed, an output path the planner won't write
    /// (`OutputTarget`): the same message and exit code `writeFile` would give.
    static func checkOutput(_ path: String, privateData: Bool) throws {
        do {
            _ = try OutputTarget.of(path, privateData: privateData)
        } catch let failure as ExportBatch.Failure {
            error("planner: error: \(failure.message)\n")
            throw ExitCode(ExitStatus.cannotCreate)
        }
    }

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
    /// EX_CANTCREAT: an output file or the database can't be created.
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
}

/// The day it is in Korea, where the planner's officers work: the default of `--on`, `--made-on` and
/// `planner new --year`. The CLI is the one place that reads the clock.
enum Today {
    static func inKorea(_ now: Date = Date()) -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Seoul") ?? .current, from: now)
        return CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }
}
