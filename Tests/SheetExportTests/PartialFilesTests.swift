import Foundation
import SheetExport
import Testing

/// Temporary files left by an export that was killed are removed by the next export into that folder;
/// those of a planner still running are not.
@Suite("Abandoned temporary files")
struct PartialFilesTests {
    /// The id of a process that has certainly ended: one started and waited for.
    static func endedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("a new export removes the partial files of ended processes and keeps everything else")
    func removesAbandoned() throws {
        try SheetFixtures.inTemporaryDirectory("partial-files") { directory in
            let ended = try Self.endedProcessID()
            let names = [
                ".procurement.csv.\(ended)-0A1B2C3D.partial",          // killed export: removed
                ".report.html.\(ended)-DEADBEEF.partial",              // killed report: removed
                ".procurement.xml.\(getpid())-0A1B2C3D.partial",      // a running planner (this process): kept
                ".procurement.xml.1-0A1B2C3D.partial",                 // pid 1 is alive: kept
                ".notes.partial", "procurement.csv", ".hidden",          // not ours: kept
            ]
            for name in names { try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/" + name)) }
            _ = try ExportBatch(directory: URL(fileURLWithPath: directory))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(left == Array(names.dropFirst(2)).sorted())
        }
    }

    @Test("AtomicFile cleans its folder the same way before writing")
    func atomicFileCleans() throws {
        try SheetFixtures.inTemporaryDirectory("partial-files") { directory in
            let ended = try Self.endedProcessID()
            let stale = directory + "/.report.html.\(ended)-0A1B2C3D.partial"
            try Data("half".utf8).write(to: URL(fileURLWithPath: stale))
            try AtomicFile.write(directory + "/report.html") { try Data("whole".utf8).write(to: URL(fileURLWithPath: $0)) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.html"])
        }
    }
}
