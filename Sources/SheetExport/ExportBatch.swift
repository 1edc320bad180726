import Foundation

/// A set of files written together, all or nothing: each file is first written under a temporary name
/// in the destination folder, every file is checked, and only then are they renamed into place (a
/// rename within one folder is atomic). An interrupted or failed export leaves no half-written file
/// and no mix of old and new files that were meant to go together.
public final class ExportBatch {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public enum Kind: Sendable { case io, invalidOutput, data }
        public let kind: Kind
        public let message: String
        public var description: String { message }
    }

    public let directory: URL
    private var staged: [(temporary: URL, final: URL)] = []
    private let token = PartialFiles.token()

    /// Prepares `directory` (created if needed), checks that files can be written there, and removes
    /// the temporary files of exports that were killed before they could clean up (`PartialFiles`).
    public init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(kind: .io, message: "can't create the folder \(directory.path): \(Self.whyNotCreatable(directory))")
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw Failure(kind: .io, message: "can't write into the folder \(directory.path): permission denied")
        }
        PartialFiles.removeAbandoned(in: directory.path)
    }

    /// The temporary path where `name` is staged; write to it, then `stage(name)`.
    public func temporaryURL(for name: String) -> URL {
        directory.appendingPathComponent(PartialFiles.name(for: name, token: token))
    }

    /// Writes `data` under a temporary name for `name`.
    public func stage(_ name: String, data: Data) throws {
        let temporary = temporaryURL(for: name)
        do {
            try data.write(to: temporary)
        } catch {
            discard()
            throw Failure(kind: .io, message: "can't write \(directory.appendingPathComponent(name).path): \(Self.reason(error))")
        }
        staged.append((temporary, directory.appendingPathComponent(name)))
    }

    /// Registers a file already written at `temporaryURL(for: name)` by a streaming writer.
    public func stageWritten(_ name: String) {
        staged.append((temporaryURL(for: name), directory.appendingPathComponent(name)))
    }

    /// Renames every staged file into place, then removes files matching `stalePrefix`/`staleSuffix`
    /// that this batch did not write (documents of packages that no longer exist).
    public func commit(removingStale stale: (prefix: String, suffix: String)? = nil) throws -> [URL] {
        // Check every destination first, so that one bad place doesn't leave half the batch placed.
        for (_, final) in staged {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                discard()
                throw Failure(kind: .io, message: "can't put \(final.path) in place: a folder of that name is in the way")
            }
        }
        for (temporary, final) in staged {
            // rename(2) replaces a file atomically within one folder.
            guard rename(temporary.path, final.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw Failure(kind: .io, message: "can't put \(final.path) in place: \(reason.lowercased())")
            }
        }
        let written = staged.map(\.final)
        if let stale, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let keep = Set(written.map(\.lastPathComponent))
            for name in names where name.hasPrefix(stale.prefix) && name.hasSuffix(stale.suffix) && !keep.contains(name) {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        staged = []
        return written
    }

    /// Removes every temporary file; nothing of the batch is left behind.
    public func discard() {
        for (temporary, _) in staged { try? FileManager.default.removeItem(at: temporary) }
        staged = []
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
            for name in names where name.hasSuffix(".\(token).partial") {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    /// Why a folder can't be created, in words: the nearest existing ancestor is a file, or can't be written.
    static func whyNotCreatable(_ directory: URL) -> String {
        var ancestor = directory.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
            ancestor = ancestor.deletingLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "\(ancestor.path) is a file, not a folder"
        }
        if !FileManager.default.isWritableFile(atPath: ancestor.path) { return "\(ancestor.path) can't be written (permission denied)" }
        return "the system refused to create it"
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, let posix = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(posix.rawValue)).lowercased()
        }
        return nsError.localizedDescription
    }
}

/// One file written all or nothing: produced under a hidden temporary name beside its destination,
/// then renamed into place (atomic within one folder). The folder is never created, and nothing is
/// left behind when producing or renaming fails.
public enum AtomicFile {
    /// Calls `produce` with the temporary path to write, then renames it to `path`. Errors of `produce`
    /// are rethrown as they are; a folder that can't be written or a failed rename is `ExportBatch.Failure`.
    public static func write(_ path: String, _ produce: (String) throws -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let shownFolder = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: shownFolder, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.isWritableFile(atPath: shownFolder) else {
            throw ExportBatch.Failure(kind: .io, message: "can't write \(path): the folder \(shownFolder) is missing or not writable")
        }
        PartialFiles.removeAbandoned(in: shownFolder)
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + PartialFiles.name(for: name, token: PartialFiles.token())
        do {
            try produce(temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            try? FileManager.default.removeItem(atPath: temporary)
            throw ExportBatch.Failure(kind: .io, message: "can't put \(path) in place: \(reason)")
        }
    }
}

/// The temporary files of `ExportBatch` and `AtomicFile`: `.NAME.PID-XXXXXXXX.partial` beside the
/// destination. A process that is killed (SIGKILL, power loss) can't remove its own, so every new
/// export removes those in its folder whose process no longer exists; a file still being written by a
/// running planner is left alone. Destinations are only ever replaced by rename, so a killed export
/// leaves at most such a hidden file, never a half-written sheet under its real name.
enum PartialFiles {
    static let suffix = ".partial"

    /// This process's id and a random part, unique per batch.
    static func token() -> String { "\(getpid())-\(UUID().uuidString.prefix(8))" }

    static func name(for destination: String, token: String) -> String { ".\(destination).\(token)\(suffix)" }

    /// The process id in a temporary file's name, or nil when the name isn't one of ours.
    static func owner(of name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(suffix) else { return nil }
        let token = name.dropLast(suffix.count).split(separator: ".").last ?? ""
        let parts = token.split(separator: "-")
        guard parts.count == 2, parts[1].count == 8, let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// Removes the temporary files in `folder` whose writing process has ended.
    static func removeAbandoned(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = owner(of: name), pid != getpid() else { continue }
            // kill(pid, 0) checks that the process exists without signalling it.
            if kill(pid, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
            }
        }
    }
}
