import ArgumentParser
import Foundation
import PlanFiles
import PlannerCore
import SheetExport

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the procurement sheets of a plan: CSV for Excel, XML for systems, UBL requests for quotation.",
        discussion: """
            Only what is bought from vendors goes into the sheets; honoraria paid to people never do.
            Files are staged in a hidden folder beside --out, checked (every XML against its schema), and only
            then switched into place as a set, so a reader sees the old sheets or the new ones, never a mix.
            A manifest (.planner-export.json) lists what was written; only files it listed for the same plan
            are ever removed, never files of your own.
            Example: planner export Events/social-city-2017.yaml
                     planner export Events/social-city-2017.yaml --format csv --encoding cp949 --out /tmp/sheets
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xml, ubl, all
    }

    @Argument(help: "The plan file (YAML), or - for standard input (then --out is required).")
    var plan: String

    @Option(help: "What to write: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .all

    @Option(help: "The folder to write into (default: Exports/<plan name>/).")
    var out: String?

    @Option(help: "CSV encoding: utf8 (with a byte-order mark, for Excel) or cp949 (older office software).")
    var encoding: SheetCSV.Encoding = .utf8

    @Option(help: "CSV headers: ko (Korean) or en (English, the XML element names).")
    var headers: SheetCSV.Headers = .ko

    @Option(name: .customLong("issue-date"), help: "The IssueDate of the requests for quotation, YYYY-MM-DD (default: the plan's first day).")
    var issueDate: String?

    @Option(help: "The day quotations are due (SubmissionDueDate), YYYY-MM-DD (default: the issue day + 7).")
    var due: String?

    func validate() throws {
        if plan == "-" && out == nil { throw ValidationError("a plan from standard input needs --out DIR") }
        if let issueDate, PlanReader.date(issueDate) == nil {
            throw ValidationError("--issue-date expects a day like 2017-01-01, got \"\(issueDate)\"")
        }
        if let due, PlanReader.date(due) == nil {
            throw ValidationError("--due expects a day like 2017-01-08, got \"\(due)\"")
        }
    }

    func run() throws {
        // Warnings are `check`'s business; an export reports only what stops it.
        let (_, page) = try PlanInput.page(plan, nothing: "no sheets", warnings: false)
        let parsed = page.plan
        let sheet = ProcurementSheet.build(page)
        let name = ((plan as NSString).lastPathComponent as NSString).deletingPathExtension
        let directory = URL(fileURLWithPath: out ?? "Exports/\(name)")
        let day = issueDate.flatMap(PlanReader.date) ?? parsed.program.period?.start
            ?? CalendarDate(year: parsed.program.year, month: 1, day: 1)!
        let dueDay = due.flatMap(PlanReader.date)
        if let dueDay, dueDay < day {
            let issued = issueDate == nil ? "the issue day \(day) (the plan's first day)" : "the issue day \(day)"
            Console.error("planner: error: --due: expected a day on or after \(issued), got \(dueDay)\n"
                          + "  hint: quotations can't be due before they are asked for; give a later --due or an earlier --issue-date\n")
            throw ExitCode(ExitStatus.usage)
        }

        let batch: ExportBatch
        do {
            batch = try ExportBatch(directory: directory, plan: "\(parsed.program.name) \(parsed.program.year)")
        } catch let failure as ExportBatch.Failure {
            Console.error("planner: error: \(failure.message)\n  hint: choose another folder with --out\n")
            throw ExitCode(ExitStatus.ioError)
        }
        do {
            if format == .csv || format == .all {
                batch.stageWritten("procurement.csv")
                try SheetCSV.write(sheet, to: batch.temporaryURL(for: "procurement.csv").path, headers: headers, encoding: encoding)
            }
            if format == .xml || format == .all {
                let temporary = batch.temporaryURL(for: "procurement.xml")
                batch.stageWritten("procurement.xml")
                try SheetXML.writeValidated(sheet, to: temporary.path)
            }
            if format == .ubl || format == .all {
                for package in sheet.packages {
                    let file = UBLRequestForQuotation.fileName(for: package)
                    batch.stageWritten(file)
                    try UBLRequestForQuotation.write(sheet, package: package, issueDate: day, dueDate: dueDay, to: batch.temporaryURL(for: file).path)
                }
            }
            let format = self.format
            let placed = try batch.commit { name in
                switch format {
                case .all: return true
                case .csv: return name == "procurement.csv"
                case .xml: return name == "procurement.xml"
                case .ubl: return name.hasPrefix("rfq-") && name.hasSuffix(".xml")
                }
            }
            let written = placed.written
            let rfqs = written.filter { $0.lastPathComponent.hasPrefix("rfq-") }.count
            let sheets = written.count - rfqs
            var parts: [String] = []
            if sheets > 0 { parts.append(written.filter { !$0.lastPathComponent.hasPrefix("rfq-") }.map(\.lastPathComponent).joined(separator: ", ")) }
            if rfqs > 0 { parts.append("\(rfqs) request\(rfqs == 1 ? "" : "s") for quotation") }
            let leftOut = sheet.notPurchases == .zero ? ""
                : ", left out as not purchases \(MoneyFormat.won(sheet.notPurchases)) (\(sheet.notPurchaseClasses.joined(separator: ", ")))"
            Console.out("planner: wrote \(parts.joined(separator: " and ")) to \(directory.relativePath)/: "
                + "\(sheet.rows.count) procurement row\(sheet.rows.count == 1 ? "" : "s") in \(sheet.packages.count) package\(sheet.packages.count == 1 ? "" : "s"), "
                + "procurement total \(MoneyFormat.won(sheet.total)) (honoraria \(MoneyFormat.won(sheet.honoraria))\(leftOut), plan total \(MoneyFormat.won(sheet.planTotal)))\n")
            if !placed.removed.isEmpty {
                Console.out("planner: removed \(placed.removed.joined(separator: ", ")): written by the previous export of this plan, no longer part of it\n")
            }
        } catch let error as CSVEncodingError {
            batch.discard()
            Console.error("planner: error: the CSV can't be written in \(encoding.rawValue):\n\(error.description)\n")
            throw ExitCode(ExitStatus.dataError)
        } catch let error as SheetXMLError {
            batch.discard()
            Console.error("planner: internal error: the XML sheet does not match its schema; nothing was written\n\(error)\n")
            throw ExitCode(ExitStatus.internalError)
        } catch let failure as ExportBatch.Failure {
            batch.discard()
            Console.error("planner: error: \(failure.message)\n")
            throw ExitCode(ExitStatus.ioError)
        } catch {
            batch.discard()
            Console.error("planner: error: the export failed, nothing was written: \(error)\n")
            throw ExitCode(ExitStatus.ioError)
        }
    }
}

extension SheetCSV.Encoding: ExpressibleByArgument {}
extension SheetCSV.Headers: ExpressibleByArgument {}
