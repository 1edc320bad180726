import Foundation
import Testing

/// `--out` naming something other than a plain file: a named pipe, a device, `/dev/stdout`, a symbolic
/// link. Each is written into (or refused), never replaced by a regular file.
///
/// The system's devices are reached only through links in the sandbox (`stdout` → `/dev/stdout`,
/// `null` → `/dev/null`): a planner that wrongly replaced its `--out` would replace the link, never the
/// device itself (tests run as root here).
@Suite("Output paths: pipes, devices and links", .serialized)
struct OutputPathTests {
    static let plan = AttendanceEndToEndTests.plan

    /// Reads a named pipe to its end on a thread of its own (opening it blocks until a writer comes).
    final class PipeReader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ path: String) {
            Thread { [self] in
                if let handle = FileHandle(forReadingAtPath: path) {
                    data = (try? handle.readToEnd()) ?? Data()
                    try? handle.close()
                }
                done.signal()
            }.start()
        }

        /// What was read, or nil when no writer came (the pipe was replaced, or never opened).
        func result(within seconds: Double = 20) -> Data? {
            done.wait(timeout: .now() + seconds) == .success ? data : nil
        }
    }

    /// A named pipe at `path` with `mode`.
    static func makePipe(_ path: String, mode: mode_t) throws {
        try #require(mkfifo(path, 0o600) == 0, "mkfifo: \(String(cString: strerror(errno)))")
        try #require(chmod(path, mode) == 0)
    }

    /// A store with a database (the report reads one): the committee's roster imported.
    static func store(_ sandbox: Sandbox) throws -> PaymentDayTests.Store {
        let store = PaymentDayTests.Store(sandbox: sandbox)
        try sandbox.write("committee.csv", AttendanceEndToEndTests.roster)
        try #require(try store.run("roster", "import", plan, "committee.csv").status == 0)
        return store
    }

    static func type(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test("a report to a named pipe is streamed into it; the pipe stays a pipe")
    func reportIntoPipe() throws {
        try Sandbox.with { sandbox in
            let store = try Self.store(sandbox)
            #expect(try store.run("report", Self.plan, "--out", "page.html").status == 0)
            let expected = try Data(contentsOf: URL(fileURLWithPath: store.path("page.html")))
            try Self.makePipe(store.path("pipe"), mode: 0o644)
            let reader = PipeReader(store.path("pipe"))
            let report = try store.run("report", Self.plan, "--out", "pipe")
            #expect(report.status == 0, "\(report)")
            #expect(report.stdout.hasPrefix("wrote pipe: 소셜특별시 프로젝트 추진 2017, as of "))
            #expect(reader.result() == expected, "the reader got the report, whole")
            #expect(Self.type(store.path("pipe")) == S_IFIFO, "the pipe was replaced")
        }
    }

    /// Links in the sandbox to the system's standard streams and null device.
    static func linkDevices(_ store: PaymentDayTests.Store) throws {
        for (name, target) in [("so", "/proc/self/fd/1"), ("stdout", "/dev/stdout"), ("null", "/dev/null")] {
            try FileManager.default.createSymbolicLink(atPath: store.path(name), withDestinationPath: target)
        }
    }

    @Test("--out a link to /dev/stdout or to /proc/self/fd/1 writes into standard output; the link is not replaced",
          arguments: ["stdout", "so"])
    func standardOutput(out: String) throws {
        try Sandbox.with { sandbox in
            let store = try Self.store(sandbox)
            try Self.linkDevices(store)
            #expect(try store.run("report", Self.plan, "--out", "page.html").status == 0)
            let expected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: store.path("page.html"))), as: UTF8.self)
            let report = try store.run("report", Self.plan, "--out", out)
            #expect(report.status == 0, "\(report)")
            #expect(report.stdout.hasPrefix(expected + "wrote \(out): 소셜특별시 프로젝트 추진 2017, as of "))
            #expect(Self.type(store.path(out)) == S_IFLNK)
            #expect(Self.type("/dev/stdout") == S_IFLNK)
        }
    }

    @Test("a link to a file replaces the file it points to, atomically, and stays a link; a link to nothing is refused")
    func symbolicLinks() throws {
        try Sandbox.with { sandbox in
            let store = try Self.store(sandbox)
            try FileManager.default.createDirectory(atPath: store.path("reports"), withIntermediateDirectories: true)
            try sandbox.write("reports/2017.html", "old")
            try FileManager.default.createSymbolicLink(atPath: store.path("latest.html"), withDestinationPath: "reports/2017.html")
            let report = try store.run("report", Self.plan, "--out", "latest.html")
            #expect(report.status == 0, "\(report)")
            #expect(Self.type(store.path("latest.html")) == S_IFLNK)
            let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: store.path("reports/2017.html"))), as: UTF8.self)
            #expect(written.hasPrefix("<!DOCTYPE html>"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.path("reports")) == ["2017.html"], "no temporary file left")

            try FileManager.default.createSymbolicLink(atPath: store.path("dangling.html"), withDestinationPath: "nowhere/x.html")
            let dangling = try store.run("report", Self.plan, "--out", "dangling.html")
            #expect(dangling.status == Exit.cantCreate)
            #expect(dangling.stdout == "")
            #expect(dangling.stderr == "planner: error: can't write dangling.html: it is a symbolic link to nowhere/x.html, which doesn't exist; nothing was written\n"
                + "  hint: give --out the file itself, or create the file the link points to\n")
            #expect(Self.type(store.path("dangling.html")) == S_IFLNK)
            #expect(!FileManager.default.fileExists(atPath: store.path("nowhere")))

            let folder = try store.run("report", Self.plan, "--out", "reports")
            #expect(folder.status == Exit.cantCreate)
            #expect(folder.stderr == "planner: error: can't write reports: it is a folder; nothing was written\n  hint: give --out a file name\n")
        }
    }

    @Test("numbers in full go only to a file or pipe readable by their owner: a pipe others may open, a device and a shared stdout are refused")
    func privateStreams() throws {
        try Sandbox.with { sandbox in
            let store = PaymentDayTests.Store(sandbox: sandbox)
            try store.recordCommittee()
            try Self.linkDevices(store)
            #expect(try store.run("pay", Self.plan, "--through", "2017-06-30", "--on", "2017-07-10").status == 0)
            #expect(try store.run("pay", Self.plan, "--approve", "1", "--on", "2017-07-05").status == 0)

            try Self.makePipe(store.path("open-pipe"), mode: 0o644)
            let open = try store.run("pay", Self.plan, "--export", "1", "--for-transfer", "--out", "open-pipe")
            #expect(open.status == Exit.cantCreate)
            #expect(open.stderr == "planner: error: can't write open-pipe: it is a pipe that others may open (mode 644), and this file holds numbers in full; "
                + "nothing was written\n  hint: chmod 600 open-pipe, or give --out a regular file (it is written readable by you only)\n")
            #expect(Self.type(store.path("open-pipe")) == S_IFIFO)

            let device = try store.run("pay", Self.plan, "--export", "1", "--for-tax-statement", "--out", "null")
            #expect(device.status == Exit.cantCreate)
            #expect(device.stderr == "planner: error: can't write null: it is a terminal or device, and this file holds numbers in full; nothing was written\n"
                + "  hint: give --out a regular file (it is written readable by you only), or a pipe readable by you only\n")
            #expect(Self.type(store.path("null")) == S_IFLNK)
            #expect(Self.type("/dev/null") == S_IFCHR)

            // The test's standard output is a file readable by others (umask 022).
            let shared = try store.run("pay", Self.plan, "--export", "1", "--for-transfer", "--out", "stdout")
            #expect(shared.status == Exit.cantCreate)
            #expect(shared.stdout == "")
            #expect(shared.stderr == "planner: error: can't write stdout: it is a terminal, a device or a file others may read, and this file holds numbers in full; "
                + "nothing was written\n  hint: give --out a regular file (it is written readable by you only), or a pipe readable by you only\n")
            #expect(try store.audit("accounts-revealed").isEmpty, "nothing was revealed for a refused destination")

            try Self.makePipe(store.path("private-pipe"), mode: 0o600)
            let reader = PipeReader(store.path("private-pipe"))
            let streamed = try store.run("pay", Self.plan, "--export", "1", "--for-transfer", "--out", "private-pipe")
            #expect(streamed.status == 0, "\(streamed)")
            let text = String(decoding: try #require(reader.result()), as: UTF8.self)
            #expect(text.hasPrefix("\u{FEFF}번호,은행,계좌번호,예금주,이체금액,지급건수\r\n1,신한은행,110401987601,이서연,450000,3\r\n"))
            #expect(Self.type(store.path("private-pipe")) == S_IFIFO)
        }
    }

    @Test("import --out a link to /dev/stdout writes the plan into standard output without --force: there is no file to overwrite")
    func importIntoStandardOutput() throws {
        try Sandbox.with { sandbox in
            let page = ExportCommandTests.repository.appendingPathComponent("Tests/PlanFilesTests/Pages/county-book-2013.txt").path
            try FileManager.default.createSymbolicLink(atPath: sandbox.directory.appendingPathComponent("stdout").path, withDestinationPath: "/dev/stdout")
            let plain = try sandbox.run("import", page)
            let streamed = try sandbox.run("import", page, "--out", "stdout")
            #expect(streamed.status == 0, "\(streamed)")
            #expect(streamed.stdout == plain.stdout + "wrote stdout: 읍면 행정정보망 운영 2013, 2 categories, 5 lines\n")
            #expect(Self.type(sandbox.directory.appendingPathComponent("stdout").path) == S_IFLNK)
        }
    }
}
