// swift-tools-version:6.0
import PackageDescription

// The pipeline is the architecture: plan file → plan model → cost lines → page/sheet → render.
// Dependencies point one way: PlannerCLI → PlanFiles / BudgetReports → PlannerCore.
let package = Package(
    name: "planner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "planner", targets: ["PlannerCLI"]),
        .executable(name: "planner-bench", targets: ["PlannerBench"]),
        .library(name: "PlannerCore", targets: ["PlannerCore"]),
    ],
    dependencies: [
        // Command-line parsing: subcommands, --help, typed options and usage errors (exit 64).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML plan files: libyaml underneath, and its node API keeps line:column for every value.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The store of what happened (rosters, attendance, payments): SQLite through GRDB, money as INTEGER.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // AES-GCM for resident numbers and bank accounts at rest (PIPA §24-2), and HMAC for matching them.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // RFC 4180 reading of rosters and sign-in sheets (quoted fields, line breaks inside quotes).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Money, cost lines, totals, rounding, comparison, settlement, diagnostics. Foundation only, no I/O.
        .target(name: "PlannerCore"),
        // One target per event kind: a pure function from the kind's inputs and the rate table to cost
        // lines and planned sessions. Kinds never import each other, files, the store or the CLI.
        .target(name: "ConferenceKind", dependencies: ["PlannerCore"]),
        .target(name: "EducationKind", dependencies: ["PlannerCore"]),
        .target(name: "AdvisoryKind", dependencies: ["PlannerCore"]),
        .target(name: "FamTourKind", dependencies: ["PlannerCore"]),
        // Reads Events/*.yaml (plans and the rate table) into the model, keeping file:line:col of every
        // value, and expands each `kind:` event through its kind.
        .target(name: "PlanFiles", dependencies: ["PlannerCore", "Yams", "ConferenceKind", "EducationKind", "AdvisoryKind", "FamTourKind",
                                                  .product(name: "CSV", package: "CSV.swift")]),
        // libxml2 through a shim header (ICU and xmlFree traps handled there).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Procurement sheets: one neutral sheet model, then CSV, XML (libxml2, validated against the
        // shipped XSD) and UBL 2.4 RequestForQuotation writers. Writers never see event kinds.
        .target(
            name: "SheetExport",
            dependencies: ["PlannerCore", "CLibXML2"],
            resources: [.copy("Resources/procurement-sheet.xsd"), .copy("Resources/payments.xsd"), .copy("Resources/transfers.xsd")]
        ),
        // Attendance, honoraria and payments on SQLite (GRDB); personal data encrypted with swift-crypto.
        .target(
            name: "PlannerStore",
            dependencies: ["PlannerCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Budget pages (text, markdown, JSON) and the budget sheet (CSV), rendered to strings.
        .target(name: "BudgetReports", dependencies: ["PlannerCore", "SheetExport"]),
        // The `planner` command: thin subcommands; the only place that prints, reads the environment or exits.
        .executableTarget(
            name: "PlannerCLI",
            dependencies: [
                "PlannerCore", "PlanFiles", "BudgetReports", "SheetExport", "PlannerStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `planner-bench`: synthetic city-scale workloads, timed against raw baselines (issue 8).
        .executableTarget(name: "PlannerBench", dependencies: ["PlannerCore", "PlanFiles", "BudgetReports", "SheetExport", "CLibXML2", "PlannerStore",
                                                           .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .testTarget(name: "PlannerCoreTests", dependencies: ["PlannerCore"]),
        .testTarget(name: "PlanFilesTests", dependencies: ["PlanFiles", "PlannerCore"], exclude: ["Pages"]),
        .testTarget(name: "EventKindsTests", dependencies: ["PlannerCore", "ConferenceKind", "EducationKind", "AdvisoryKind", "FamTourKind"]),
        .testTarget(
            name: "BudgetReportsTests",
            dependencies: ["BudgetReports", "PlanFiles", "PlannerCore"],
            exclude: ["Golden"]
        ),
        // GRDB: the crash and concurrency tests open the database the binary wrote to check its integrity and counts.
        .testTarget(name: "PlannerCLITests", dependencies: ["PlannerCLI", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PlannerStoreTests", dependencies: ["PlannerStore", "PlannerCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SheetExportTests", dependencies: ["SheetExport", "PlanFiles", "PlannerCore", "CLibXML2"]),
    ]
)

// Fuzzing (issue 9): one libFuzzer executable per reader of outside input, declared only when
// PLANNER_FUZZ=1 so that a normal `swift build` or `swift test` never sees them. Tests/Fuzz/run.sh
// builds them in release into `.build-fuzz` with `-Xswiftc -sanitize=fuzzer,address -Xswiftc
// -parse-as-library -Xcc -fsanitize=fuzzer-no-link,address`: every module on the way is instrumented
// (libyaml inside Yams, CSV.swift, the readers) and libFuzzer is linked, whose `main` calls the
// `LLVMFuzzerTestOneInput` each target defines (`-parse-as-library`: no second `main`). SwiftPM's own
// `--sanitize` gives swiftc two `-sanitize=` flags, of which it keeps only the last: no coverage.
if Context.environment["PLANNER_FUZZ"] == "1" {
    let readers: [Target.Dependency] = ["FuzzSupport", "PlanFiles", "PlannerCore"]
    package.targets += [
        .target(name: "FuzzSupport", path: "Tests/Fuzz/Sources/FuzzSupport"),
        .executableTarget(name: "FuzzPlan", dependencies: readers, path: "Tests/Fuzz/Sources/FuzzPlan"),
        .executableTarget(name: "FuzzRates", dependencies: readers, path: "Tests/Fuzz/Sources/FuzzRates"),
        .executableTarget(name: "FuzzPage", dependencies: readers, path: "Tests/Fuzz/Sources/FuzzPage"),
        .executableTarget(name: "FuzzRoster", dependencies: readers, path: "Tests/Fuzz/Sources/FuzzRoster"),
        .executableTarget(name: "FuzzSignIn", dependencies: readers, path: "Tests/Fuzz/Sources/FuzzSignIn"),
    ]
    package.products += ["FuzzPlan", "FuzzRates", "FuzzPage", "FuzzRoster", "FuzzSignIn"].map { .executable(name: $0, targets: [$0]) }
}
