import Foundation
import PlannerCore
import Yams

/// Reads a rate table (`Events/rates.yaml`): blocks of standard unit prices, each block in force from
/// its `from` date until a later block gives the same rate again.
///
/// ```yaml
/// effective:
///   - from: 2016-01-01
///     basis: 서울특별시 위원회 수당 지급 기준
///     rates:
///       committee.allowance: 150,000원
/// ```
public enum RateTableReader {
    public static func read(_ text: String, file: String) -> (table: RateTable?, diagnostics: [Diagnostic]) {
        if let refused = InputLimits.overlongLineError(text, file: file) ?? InputLimits.strayByteOrderMarkError(text, file: file) { return (nil, [refused]) }
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        if let aliasKey = InputLimits.aliasKeyError(text, file: file) { return (nil, [aliasKey]) }
        let problems = ProblemList(file: file, text: text)
        let root: Node?
        do {
            root = try Yams.compose(yaml: ThousandsRejoin.protect(text))
        } catch let error as YamlError {
            return (nil, [PlanReader.syntaxError(error, file: file)])
        } catch {
            return (nil, [.error(at: .wholeFile(file), "this is not valid YAML")])
        }
        if let root, let tooLarge = InputLimits.expansionError(root, file: file) { return (nil, [tooLarge]) }
        guard let root = root.map(ThousandsRejoin.rejoin), let top = Fields(root, path: "", problems: problems, what: "a rate table (effective: blocks)") else {
            return (nil, problems.diagnostics.isEmpty ? [.error(at: .wholeFile(file), "the rate table is empty")] : problems.diagnostics)
        }
        let table = table(top, file: file)
        top.finish()
        let diagnostics = problems.diagnostics.sortedBySource()
        return (diagnostics.hasErrors ? nil : table, diagnostics)
    }

    /// The `effective:` blocks of `fields` (a rate table's top level, or a plan's inline `rates:`) as a
    /// table named `file` in messages; problems go to the fields' problem list. The caller finishes
    /// `fields`.
    static func table(_ fields: Fields, file: String) -> RateTable {
        let problems = fields.problems
        var entries: [RateTable.Entry] = []
        for block in fields.list("effective", required: "the blocks of rates, each with from: and rates:") {
            guard let blockFields = Fields(block.node, path: block.path, problems: problems, what: "a block of rates (from, basis, rates)") else { continue }
            let from = blockFields.date("from", required: "the first day the rates apply, e.g. 2017-01-01")
            let basis = blockFields.text("basis")
            let pairs = blockFields.pairs("rates", what: "rate name: amount lines")
            if !blockFields.has("rates") { blockFields.missing("rates", "the rates of this block, e.g. committee.allowance: 150,000원") }
            for pair in pairs {
                guard let amount = Fields.money(pair.value, path: "\(block.path).rates.\(pair.key)", problems: problems) else { continue }
                if let from {
                    entries.append(RateTable.Entry(key: RateKey(pair.key), amount: amount.value, from: from.value, basis: basis, source: amount.location))
                }
            }
            blockFields.finish()
        }
        // The same rate twice from the same day is ambiguous.
        var seen: [String: SourceLocation?] = [:]
        for entry in entries {
            let id = "\(entry.key)@\(entry.from)"
            if let first = seen[id] {
                problems.error(nil, fields.childPath("effective"), "the rate \(entry.key) from \(entry.from) is given twice", hint: first.map { "the other one is at \($0)" })
            }
            seen[id] = entry.source
        }
        return RateTable(entries: entries, file: file)
    }

    /// Reads the table at `path`; nil without diagnostics when there is no such file.
    public static func load(path: String, displayName: String) -> (table: RateTable?, diagnostics: [Diagnostic])? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (nil, [.error(at: .wholeFile(displayName), "the rate table can't be read as UTF-8 text", hint: "save it as UTF-8")])
        }
        return read(text, file: displayName)
    }
}
