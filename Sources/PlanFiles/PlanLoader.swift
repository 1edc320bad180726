import Foundation
import PlannerCore

/// A plan file as read from disk: its lines (for excerpts in messages), the plan when it is valid,
/// and every problem found while reading it.
public struct LoadedPlan: Sendable {
    public let file: String
    public let plan: Plan?
    public let diagnostics: [Diagnostic]
    /// The file's lines, for showing the offending line under a message.
    public let lines: [String]
    /// False when the file could not be read at all (missing, a folder, no permission): an I/O
    /// failure rather than a problem with the plan's contents.
    public let readable: Bool
    /// True when the file is a rate table (`effective:` blocks, no `program:`) rather than a plan: then
    /// `plan` is nil and `diagnostics` are the rate table's own problems, for `planner check`.
    public let isRateTable: Bool

    public init(file: String, plan: Plan?, diagnostics: [Diagnostic], lines: [String], readable: Bool = true, isRateTable: Bool = false) {
        self.file = file
        self.plan = plan
        self.diagnostics = diagnostics
        self.lines = lines
        self.readable = readable
        self.isRateTable = isRateTable
    }
}

/// Reads plan files from disk or from bytes already read (standard input).
public enum PlanLoader {
    /// Whether `text` is a rate table (a top-level `effective:` and no `program:`) rather than a plan.
    /// The one place that tells the two apart: every command that takes a plan loads through here.
    static func isRateTable(_ text: String) -> Bool {
        let keys = text.split(separator: "\n").filter { $0.first.map { $0.isLetter } ?? false }.map { $0.prefix { $0 != ":" } }
        return keys.contains("effective") && !keys.contains("program")
    }

    /// Reads the file at `path`. A missing or unreadable file is a diagnostic, not a thrown error.
    /// Messages name the file as `displayName` (default: the path as given).
    public static func load(path: String, displayName: String? = nil) -> LoadedPlan {
        let shown = displayName ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return LoadedPlan(file: shown, plan: nil, diagnostics: [.error(at: .wholeFile(shown), "no such file",
                hint: "plans live in Events/, e.g. Events/social-city-2017.yaml")], lines: [], readable: false)
        }
        guard !isDirectory.boolValue else {
            return LoadedPlan(file: shown, plan: nil, diagnostics: [.error(at: .wholeFile(shown), "this is a folder, not a plan file")], lines: [], readable: false)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return LoadedPlan(file: shown, plan: nil, diagnostics: [.error(at: .wholeFile(shown), "the file can't be read",
                hint: "check its permissions")], lines: [], readable: false)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let shownDirectory = (shown as NSString).deletingLastPathComponent
        return load(data: data, file: shown, rates: rateFinder(directory: directory, shownDirectory: shownDirectory, defaultName: "rates.yaml"))
    }

    /// Finds the rate table of a plan: the plan's `rates:` path, relative to the plan's folder, or
    /// `rates.yaml` beside the plan. A plan without events never asks.
    public static func rateFinder(directory: String, shownDirectory: String, defaultName: String) -> PlanReader.RateTableFinder {
        { named in
            let name = named ?? defaultName
            let path = name.hasPrefix("/") ? name : (directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name))
            let shown = name.hasPrefix("/") ? name : (shownDirectory.isEmpty ? name : (shownDirectory as NSString).appendingPathComponent(name))
            if let loaded = RateTableReader.load(path: path, displayName: shown) { return loaded }
            if named != nil {
                return (nil, [.error(at: .wholeFile(shown), "no such rate table (named by the plan's rates:)", hint: "check the path; it is relative to the plan's folder")])
            }
            return (nil, [])
        }
    }

    /// Reads plan bytes; `file` names them in messages (`<stdin>` for standard input). `rates` finds
    /// the rate table when an event needs it. A rate table comes back with `isRateTable` set, no plan,
    /// and the rate table's own problems (what `planner check` reports for it).
    public static func load(data: Data, file: String, rates: @escaping PlanReader.RateTableFinder = { _ in (nil, []) }) -> LoadedPlan {
        if let overlong = InputLimits.overlongLineError(data, file: file) { return LoadedPlan(file: file, plan: nil, diagnostics: [overlong], lines: []) }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let decoded = String(data: bytes, encoding: .utf8) else {
            let looksKorean = String(data: bytes, encoding: String.Encoding(rawValue: 0x8000_0422)) != nil
            return LoadedPlan(file: file, plan: nil, diagnostics: [.error(at: .wholeFile(file),
                "expected UTF-8 text, got bytes that are not UTF-8" + (looksKorean ? " (it looks like CP949/EUC-KR)" : ""),
                hint: "save the plan as UTF-8")], lines: [])
        }
        // "\r\n" is a single Character in Swift: normalise line ends once so that lines split the same
        // way for every file (libyaml's line numbers don't change).
        let text = decoded.replacingOccurrences(of: "\r\n", with: "\n")
        if isRateTable(text) {
            return LoadedPlan(file: file, plan: nil, diagnostics: RateTableReader.read(text, file: file).diagnostics,
                              lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), isRateTable: true)
        }
        if text.contains("\t") {
            // libyaml rejects tabs in indentation with a cryptic message; say it plainly.
            if let index = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") }) {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let column = lines[index].prefix(while: { $0 == " " }).count + 1
                return LoadedPlan(file: file, plan: nil, diagnostics: [.error(at: SourceLocation(file: file, line: index + 1, column: column),
                    "expected spaces for indentation, got a tab", hint: "YAML indents with spaces only")], lines: lines)
            }
        }
        let (plan, diagnostics) = PlanReader.read(text, file: file, rates: rates)
        return LoadedPlan(file: file, plan: plan, diagnostics: diagnostics,
                          lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
