import ArgumentParser
import BudgetReports
import Foundation
import PlanFiles
import PlannerCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check plans and budget pages: every arithmetic and consistency finding, with file:line.",
        discussion: """
            A .yaml file is a plan; a .txt file is a budget page as converted from an office document: every
            formula, sum, △ change and percentage of it is checked, and lines that can't be read are listed.
            Exits 1 when any file has errors; warnings alone exit 0.
            Example: planner check Events/*.yaml
                     planner check page-2017.txt --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Plan files (YAML) or budget pages (text); - for a plan on standard input.")
    var plans: [String]

    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: "For pages: how line amounts were rounded to 천원 (half-up or truncate).") var rounding: RoundingRule = .halfUp
    @Option(help: "For pages: the text encoding (automatic, utf8 or cp949).") var encoding: PageEncodingOption = .automatic

    func run() throws {
        var anyErrors = false, anyUnreadable = false
        var reports: [JSONValue] = []
        for path in plans {
            let (loaded, findings, plan) = Self.findings(path, rounding: rounding, encoding: encoding.value)
            if format == .text { Console.report(findings, of: loaded) }
            anyErrors = anyErrors || findings.hasErrors
            anyUnreadable = anyUnreadable || !loaded.readable
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            let notes = findings.filter { $0.severity == .note }.count
            let unread = findings.filter { $0.severity == .unread }.count
            switch format {
            case .text:
                Console.out("\(loaded.file): \(count(errors, "error")), \(count(warnings, "warning"))" + (notes > 0 ? ", \(count(notes, "note"))" : "")
                            + (unread > 0 ? ", \(unread) unread line\(unread == 1 ? "" : "s")" : "") + "\n")
            case .json:
                reports.append(Self.json(file: loaded.file, findings: findings, plan: plan))
            }
        }
        if format == .json { Console.out((reports.count == 1 ? reports[0] : .array(reports)).serialized()) }
        if anyUnreadable { throw ExitCode(ExitStatus.ioError) }
        if anyErrors { throw ExitCode(ExitStatus.findings) }
    }

    /// The findings of one file, plan or page, and the plan read from it.
    static func findings(_ path: String, rounding: RoundingRule, encoding: PageEncoding) -> (LoadedPlan, [Diagnostic], Plan?) {
        let loaded = path.lowercased().hasSuffix(".txt") ? PageInput.load(path, rounding: rounding, encoding: encoding) : PlanInput.load(path)
        guard let plan = loaded.plan else { return (loaded, loaded.diagnostics, nil) }
        return (loaded, (loaded.diagnostics + BudgetPage.build(plan).findings).sortedBySource(), plan)
    }

    /// `findings[]` (`severity`, `line`, `column`, `path`, `message`, `hint`) and the totals read.
    static func json(file: String, findings: [Diagnostic], plan: Plan?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("file", .string(file))]
        pairs.append(("findings", .array(findings.map { d in
            .object([("severity", .string(d.severity.rawValue)), ("line", .optional(d.location.flatMap { $0.line > 0 ? Int64($0.line) : nil })),
                     ("column", .optional(d.location.flatMap { $0.line > 0 ? Int64($0.column) : nil })), ("path", .string(d.path)),
                     ("message", .string(d.message)), ("hint", .optional(d.hint))])
        })))
        if let plan, let page = BudgetPage.build(plan).page {
            pairs.append(("totals", .object([
                ("total", .int(page.budget.total.value)),
                ("categories", .array(page.budget.categories.map { .object([("name", .string($0.category.name)), ("total", .int($0.total.value))]) })),
            ])))
        }
        return .object(pairs)
    }

    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

/// `--encoding automatic|utf8|cp949`.
enum PageEncodingOption: String, ExpressibleByArgument, CaseIterable {
    case automatic, utf8, cp949
    var value: PageEncoding {
        switch self {
        case .automatic: return .automatic
        case .utf8: return .utf8
        case .cp949: return .cp949
        }
    }
}

extension RoundingRule: ExpressibleByArgument {}

/// Budget pages read as plans.
enum PageInput {
    static func load(_ path: String, rounding: RoundingRule, encoding: PageEncoding) -> LoadedPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            return LoadedPlan(file: path, plan: nil, diagnostics: [.error(at: .wholeFile(path), "no such file, or it can't be read")], lines: [], readable: false)
        }
        let (plan, diagnostics) = BudgetPageReader.read(data, file: path, encoding: encoding, rounding: rounding)
        let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: String.Encoding(rawValue: 0x8000_0422)) ?? ""
        return LoadedPlan(file: path, plan: plan, diagnostics: diagnostics,
                          lines: text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
