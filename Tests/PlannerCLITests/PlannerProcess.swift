import Foundation
import Testing

/// What one run of the `planner` binary produced.
struct Outcome: Sendable, CustomStringConvertible {
    /// The exit status, or the signal number when `crashed`.
    let status: Int32
    /// True when the process died of a signal (a trap, an overflow) instead of exiting.
    let crashed: Bool
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\(crashed ? " (signal)" : "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Finds the `planner` executable built next to the test bundle.
///
/// `swift build` and `swift test` put the executable and the test bundle in the same products
/// directory (`.build/<triple>/debug`); depending on the platform the runner's `Bundle.main` is that
/// directory, the bundle inside it, or the test tool itself, so every plausible neighbour is tried.
enum PlannerBinary {
    static let name = "planner"

    static var searched: [URL] {
        var directories: [URL] = []
        let main = Bundle.main.bundleURL
        directories.append(main)
        directories.append(main.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let argument0 = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: argument0).deletingLastPathComponent())
        }
        var seen: Set<String> = []
        return directories
            .map { $0.appendingPathComponent(name).standardizedFileURL }
            .filter { seen.insert($0.path).inserted }
    }

    static let url: URL? = searched.first { candidate in
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: candidate.path)
    }

    /// The binary, or a test failure that says where it was looked for.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(url, """
            the `planner` executable was not found next to the test bundle; looked at:
            \(searched.map { "  " + $0.path }.joined(separator: "\n"))
            build it first: swift build --scratch-path <the same path as swift test>
            """, sourceLocation: sourceLocation)
    }
}

/// Text a crashing Swift program leaves on standard error (Linux backtracer, Darwin and older
/// runtimes). None of it may ever reach a user.
let crashMarkers = ["Fatal error", "Stack dump", "Program crashed", "Backtracing", "Swift runtime failure"]

/// Runs `planner` with `arguments` in `directory`, optionally feeding `stdin`, and returns what it printed.
///
/// Standard output and error go to files rather than pipes, so a large page can't fill a pipe buffer
/// and block the child. Every run also checks that the process exited normally and printed no crash report.
func runPlanner(_ arguments: [String], in directory: URL, stdin: Data? = nil, environment extra: [String: String] = [:],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
    try runProgram(try PlannerBinary.require(sourceLocation: sourceLocation), arguments, in: directory, stdin: stdin,
                   environment: extra, sourceLocation: sourceLocation)
}

/// Runs `executable` (the planner, or a shell running a line that calls it) as `runPlanner` does.
func runProgram(_ binary: URL, _ arguments: [String], in directory: URL, stdin: Data? = nil, environment extra: [String: String] = [:],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
    let io = FileManager.default.temporaryDirectory.appendingPathComponent("planner-cli-io-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: io) }
    let inURL = io.appendingPathComponent("stdin"), outURL = io.appendingPathComponent("stdout"), errURL = io.appendingPathComponent("stderr")
    try (stdin ?? Data()).write(to: inURL)
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let input = try FileHandle(forReadingFrom: inURL)
    let output = try FileHandle(forWritingTo: outURL)
    let error = try FileHandle(forWritingTo: errURL)
    defer { try? input.close(); try? output.close(); try? error.close() }

    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    // Usage messages are wrapped to the terminal width; pin it so they read the same everywhere.
    environment["COLUMNS"] = "80"
    environment["LINES"] = "24"
    environment.merge(extra) { _, new in new }
    process.environment = environment
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()

    let outcome = Outcome(
        status: process.terminationStatus,
        crashed: process.terminationReason == .uncaughtSignal,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    let report = outcome.stderr.split(separator: "\n").prefix(12).joined(separator: "\n")
    #expect(!outcome.crashed, "\(binary.lastPathComponent) \(arguments.joined(separator: " ")) died of signal \(outcome.status):\n\(report)", sourceLocation: sourceLocation)
    for marker in crashMarkers {
        #expect(!outcome.stderr.contains(marker), "a crash report (\(marker)) reached standard error", sourceLocation: sourceLocation)
    }
    return outcome
}

/// A fresh, empty folder to run `planner` in; removed afterwards. Plan paths given to the binary are
/// relative to it, so messages read `plan.yaml:3:12`.
struct Sandbox {
    let directory: URL

    /// Runs `body` with a new sandbox and removes the folder when it returns or throws.
    static func with<T>(_ body: (Sandbox) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("planner-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(Sandbox(directory: directory))
    }

    /// Writes a plan fixture as UTF-8, ending it with a newline as an editor would.
    func write(_ name: String, _ text: String) throws {
        try write(name, bytes: Data((text + "\n").utf8))
    }

    /// Writes exact bytes (empty files, other encodings, CRLF line ends).
    func write(_ name: String, bytes: Data) throws {
        try bytes.write(to: directory.appendingPathComponent(name))
    }

    func run(_ arguments: String..., stdin: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        try runPlanner(arguments, in: directory, stdin: stdin, sourceLocation: sourceLocation)
    }
}

extension Sandbox {
    /// For a plan with errors: `budget` prints the errors and `planner: no budget page: plan.yaml has N errors`,
    /// and exits 65; `check` prints the same errors, then `plan.yaml: N errors, 0 warnings`, and exits 1.
    /// Nothing else on either stream.
    func expectRejected(stderr expected: String, errors: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let budget = try run("budget", "plan.yaml", sourceLocation: sourceLocation)
        #expect(budget.stderr == expected + "planner: no budget page: plan.yaml has \(errors) error\(errors == 1 ? "" : "s")\n", sourceLocation: sourceLocation)
        #expect(budget.stdout == "", sourceLocation: sourceLocation)
        #expect(budget.status == Exit.dataError, sourceLocation: sourceLocation)
        try expectCheck(stderr: expected, errors: errors, sourceLocation: sourceLocation)
    }

    /// For a readable plan with errors found by the checks: the same output as a plan that can't be read.
    func expectFindings(stderr expected: String, errors: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expectRejected(stderr: expected, errors: errors, sourceLocation: sourceLocation)
    }

    private func expectCheck(stderr expected: String, errors: Int, sourceLocation: SourceLocation) throws {
        let check = try run("check", "plan.yaml", sourceLocation: sourceLocation)
        #expect(check.stderr == expected, sourceLocation: sourceLocation)
        #expect(check.stdout == "plan.yaml: \(errors) error\(errors == 1 ? "" : "s"), 0 warnings\n", sourceLocation: sourceLocation)
        #expect(check.status == Exit.findings, sourceLocation: sourceLocation)
    }
}

/// The checkout this test file belongs to (`Tests/PlannerCLITests/<file>` → three folders up).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Exit codes of the house style.
enum Exit {
    static let ok: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let cantCreate: Int32 = 73
    static let ioError: Int32 = 74
}
