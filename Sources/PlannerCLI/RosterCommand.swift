import ArgumentParser
import BudgetReports
import Foundation
import PlanFiles
import PlannerCore
import PlannerStore

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "The people a program pays: import them from a CSV file, list them (personal numbers masked).",
        subcommands: [Import.self, List.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a roster (UTF-8 or CP949 CSV; English or Korean headers). All or nothing.",
            discussion: """
                Columns: name, role, event, organization, email, phone, residency, income_type, rrn, bank, account
                (or 성명, 역할, 행사, 소속, 이메일, 연락처, 거주구분, 소득구분, 주민등록번호, 은행, 계좌번호).
                `role` and `event` use the names `planner sessions` shows. Re-importing the same file changes
                nothing; a changed row updates the person and is written to the audit log. Resident numbers,
                accounts and phone numbers are stored encrypted.
                Example: planner roster import Events/social-city-2017.yaml committee.csv
                """
        )

        @Argument(help: "The plan file (YAML).") var plan: String
        @Argument(help: "The roster (CSV).") var file: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let (_, page) = try PlanInput.page(plan, nothing: "nothing was imported", warnings: false)
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("planner: error: \(file): no such file, or it can't be read\n")
                throw ExitCode(ExitStatus.ioError)
            }
            let (entries, diagnostics) = RosterReader.read(data, file: file, events: page.plan.events)
            Console.report(diagnostics, file: file, data: data)
            guard !diagnostics.hasErrors else {
                Console.noOutput("nothing was imported", file, errors: diagnostics)
                throw ExitCode(ExitStatus.dataError)
            }
            let result = try reportingStoreErrors {
                let database = try store.open(.record)
                let planID = try database.planID(program: page.plan.program.name, year: page.plan.program.year)
                return try database.importRoster(planID: planID, entries: entries, actor: store.who)
            }
            Console.out("\(file): \(entries.count) \(entries.count == 1 ? "person" : "people"): \(result.added) added, \(result.updated) updated, \(result.unchanged) unchanged\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the roster of a plan, personal numbers masked.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Argument(help: "The plan file (YAML).") var plan: String
        @Option(help: "Output format: text or json.") var format: Format = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            let people = try reportingStoreErrors {
                let context = try PlanContext.open(plan, store: store, access: .read)
                return try context.database.people(planID: context.planID)
            }
            switch format {
            case .json:
                Console.out(JSONValue.array(people.map { person in
                    .object([("name", .string(person.name)), ("role", .string(person.role.rawValue)), ("event", .string(person.event)),
                             ("organization", .optional(person.organization)), ("residency", .string(person.residency.rawValue)),
                             ("incomeType", .string(person.incomeType.rawValue)), ("residentNumber", .optional(person.rrnMasked)),
                             ("bank", .optional(person.bank)), ("account", .optional(person.accountMasked))])
                }).serialized())
            case .text:
                let rows = people.map { p in
                    [p.name, p.role.korean, p.event, p.organization ?? "", p.incomeType.korean, p.rrnMasked ?? "", p.bank ?? "", p.accountMasked ?? ""]
                }
                Console.out(PlainTextWriter.write([.table(PageTable(headers: ["성명", "역할", "행사", "소속", "소득구분", "주민등록번호", "은행", "계좌"],
                                                                   alignments: Array(repeating: .left, count: 8), rows: rows))]))
            }
        }
    }
}
