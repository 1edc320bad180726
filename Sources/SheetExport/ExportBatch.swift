import Foundation

/// A set of files written together and switched into place as a set, so that a reader of the folder
/// sees the previous export or the new one, never a mix, and a killed export leaves no half-written file.
///
/// How: every file is written into a hidden staging folder beside the destination
/// (`.DIR.PID-XXXXXXXX.partial`, in the same parent), together with a manifest (`.planner-export.json`)
/// naming the plan and the files. Files in the destination that this export doesn't write are carried
/// into the staging folder as hard links (the user's own files included, never copied or lost), and
/// then the two folders are exchanged in one step (`renameat2(RENAME_EXCHANGE)`); the old folder is
/// removed afterwards. Only files that the previous export's manifest lists for the same plan are left
/// out, so a file the planner never wrote is never removed.
///
/// When the exchange can't be made (the parent folder can't be written, the destination holds a
/// subfolder or is the current folder, another filesystem, or a system without the call), files are
/// renamed into place one by one (each whole), the manifest is switched after them, and the stale files
/// it no longer lists are removed last.
public final class ExportBatch {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// `refused`: the destination is something the planner won't write into (a folder, a terminal
        /// for numbers in full, a dangling link); the others are failures while writing.
        public enum Kind: Sendable { case io, invalidOutput, data, refused }
        public let kind: Kind
        public let message: String
        public var description: String { message }
    }

    /// What `commit` placed: the files written, and the files of the previous export of the same plan
    /// that were removed because this export no longer writes them.
    public struct Placed: Sendable {
        public let written: [URL]
        public let removed: [String]
    }

    /// The manifest in an export folder: which plan the files came from, and their names.
    public struct Manifest: Codable, Equatable, Sendable {
        public let plan: String
        public let files: [String]
    }

    /// The hidden manifest's file name.
    public static let manifestName = ".planner-export.json"

    public let directory: URL
    private let plan: String
    private let staging: URL
    /// True when the staging folder is a sibling that can be exchanged with `directory`.
    private let besideDirectory: Bool
    private var names: [String] = []
    private var settled = false
    private let token = PartialFiles.token()

    /// Prepares `directory` (created if needed), checks that files can be written there, removes the
    /// temporary files and folders of exports that were killed before they could clean up
    /// (`PartialFiles`), and makes the staging folder. `plan` names the plan in the manifest (its
    /// program and year): the stale files of an export of another plan are never removed.
    public init(directory: URL, plan: String = "") throws {
        self.directory = directory
        self.plan = plan
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(kind: .io, message: "can't create the folder \(directory.path): \(Self.whyNotCreatable(directory))")
        }
        guard FileManager.default.isWritableFile(atPath: directory.path) else {
            throw Failure(kind: .io, message: "can't write into the folder \(directory.path): permission denied")
        }
        PartialFiles.removeAbandoned(in: directory.path)
        let real = Self.resolved(directory)
        let parent = real.deletingLastPathComponent()
        PartialFiles.removeAbandoned(in: parent.path)
        let sibling = parent.appendingPathComponent(PartialFiles.name(for: real.lastPathComponent, token: token))
        var info = stat()
        let mode = stat(real.path, &info) == 0 ? info.st_mode & 0o7777 : 0o755
        if mkdir(sibling.path, 0o700) == 0 {
            chmod(sibling.path, mode)
            staging = sibling
            besideDirectory = true
        } else {
            staging = directory.appendingPathComponent(PartialFiles.name(for: "export", token: token))
            besideDirectory = false
            guard mkdir(staging.path, 0o700) == 0 else {
                throw Failure(kind: .io, message: "can't write into the folder \(directory.path): \(String(cString: strerror(errno)).lowercased())")
            }
        }
    }

    deinit { if !settled { discard() } }

    /// The temporary path where `name` is staged; write to it, then `stageWritten(name)`.
    public func temporaryURL(for name: String) -> URL {
        staging.appendingPathComponent(name)
    }

    /// Writes `data` under a temporary name for `name`.
    public func stage(_ name: String, data: Data) throws {
        do {
            try data.write(to: temporaryURL(for: name))
        } catch {
            discard()
            throw Failure(kind: .io, message: "can't write \(directory.appendingPathComponent(name).path): \(Self.reason(error))")
        }
        names.append(name)
    }

    /// Registers a file already written at `temporaryURL(for: name)` by a streaming writer.
    public func stageWritten(_ name: String) {
        names.append(name)
    }

    /// The manifest of the export in `directory`, if there is one that can be read.
    public static func manifest(in directory: URL) -> Manifest? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(manifestName).path) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// Puts the staged files in place as one set. `scope` says which file names this export is
    /// responsible for (say `rfq-*.xml` for `--format ubl`): a file the previous manifest of the same
    /// plan lists, in scope and not written now, is stale and removed; files out of scope are kept and
    /// stay listed in the manifest.
    public func commit(scope: (String) -> Bool = { _ in true }) throws -> Placed {
        let fm = FileManager.default
        let entries = Set((try? fm.contentsOfDirectory(atPath: directory.path)) ?? [])
        let written = Set(names)
        // Check every destination first, so that one bad place doesn't leave half the batch placed.
        for name in names {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory), isDirectory.boolValue {
                discard()
                throw Failure(kind: .io, message: "can't put \(directory.appendingPathComponent(name).path) in place: a folder of that name is in the way")
            }
        }
        let previous = Self.manifest(in: directory).flatMap { $0.plan == plan ? Set($0.files) : nil } ?? []
        let removed = previous.filter { scope($0) && !written.contains($0) && entries.contains($0) }.sorted()
        let kept = previous.filter { !scope($0) && !written.contains($0) && entries.contains($0) }
        let manifest = Manifest(plan: plan, files: (names + kept).sorted())
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(manifest) + Data("\n".utf8)).write(to: staging.appendingPathComponent(Self.manifestName))
        } catch {
            discard()
            throw Failure(kind: .io, message: "can't write \(directory.appendingPathComponent(Self.manifestName).path): \(Self.reason(error))")
        }
        let others = entries.filter { !written.contains($0) && !removed.contains($0) && $0 != Self.manifestName && PartialFiles.owner(of: $0) == nil }
        if besideDirectory && carry(others) && Self.exchange(staging.path, Self.resolved(directory).path) {
            // `staging` now holds the previous folder: drop what the new one replaces, return anything else.
            for name in (try? fm.contentsOfDirectory(atPath: staging.path)) ?? [] {
                let old = staging.appendingPathComponent(name)
                if entriesNowIn(directory, name) || removed.contains(name) || name == Self.manifestName || PartialFiles.owner(of: name) != nil {
                    try? fm.removeItem(at: old)
                } else {
                    _ = rename(old.path, directory.appendingPathComponent(name).path)
                }
            }
            if ((try? fm.contentsOfDirectory(atPath: staging.path)) ?? []).isEmpty { try? fm.removeItem(at: staging) }
        } else {
            for name in names + [Self.manifestName] {
                // rename(2) replaces a file atomically within one filesystem.
                guard rename(staging.appendingPathComponent(name).path, directory.appendingPathComponent(name).path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    discard()
                    throw Failure(kind: .io, message: "can't put \(directory.appendingPathComponent(name).path) in place: \(reason.lowercased())")
                }
            }
            for name in removed { try? fm.removeItem(at: directory.appendingPathComponent(name)) }
            try? fm.removeItem(at: staging)
        }
        settled = true
        names = []
        return Placed(written: manifest.files.filter(written.contains).map { directory.appendingPathComponent($0) }, removed: removed)
    }

    private func entriesNowIn(_ folder: URL, _ name: String) -> Bool {
        var info = stat()
        return lstat(folder.appendingPathComponent(name).path, &info) == 0
    }

    /// Hard-links the regular files and copies the symbolic links `others` of `directory` into the
    /// staging folder; false (nothing is exchanged then) when one can't be carried, such as a subfolder,
    /// or when `directory` holds the current folder.
    private func carry(_ others: Set<String>) -> Bool {
        let real = Self.resolved(directory).path
        let here = Self.resolved(URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).path
        if here == real || here.hasPrefix(real + "/") { return false }
        for name in others.sorted() {
            let from = directory.appendingPathComponent(name).path, to = staging.appendingPathComponent(name).path
            var info = stat()
            guard lstat(from, &info) == 0 else { continue }  // gone meanwhile
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                guard link(from, to) == 0 else { return false }
            case S_IFLNK:
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: from), symlink(target, to) == 0 else { return false }
            default:
                return false
            }
        }
        return true
    }

    /// Exchanges two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`, looked up at run
    /// time because Glibc's module doesn't export it); false when the system can't.
    static func exchange(_ first: String, _ second: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
    }

    /// `url` with symbolic links resolved (an export into a link to a folder goes into that folder).
    static func resolved(_ url: URL) -> URL {
        guard let real = realpath(url.path, nil) else { return url.standardizedFileURL }
        defer { free(real) }
        return URL(fileURLWithPath: String(cString: real))
    }

    /// Removes the staging folder; nothing of the batch is left behind.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        names = []
        settled = true
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
/// left behind when producing or renaming fails. A destination that is a pipe or a device is written
/// into as a stream instead, and a symbolic link to a file replaces the file it points to
/// (`OutputTarget`); neither is ever replaced by a regular file.
public enum AtomicFile {
    /// Calls `produce` with the temporary path to write, then renames it to `path` (or copies it into
    /// the stream `path` names). Errors of `produce` are rethrown as they are; a folder that can't be
    /// written, a refused destination or a failed rename is `ExportBatch.Failure`. `privateData`: the
    /// file holds numbers in full, see `OutputTarget.of(_:privateData:)`.
    public static func write(_ path: String, privateData: Bool = false, _ produce: (String) throws -> Void) throws {
        let destination: String
        switch try OutputTarget.of(path, privateData: privateData) {
        case .stream(let stream, let descriptor):
            try OutputTarget.stream(stream, descriptor: descriptor, produce)
            return
        case .file(let resolved):
            destination = resolved
        }
        let folder = (destination as NSString).deletingLastPathComponent
        let shownFolder = folder.isEmpty ? "." : folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: shownFolder, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.isWritableFile(atPath: shownFolder) else {
            throw ExportBatch.Failure(kind: .io, message: "can't write \(path): the folder \(shownFolder) is missing or not writable")
        }
        PartialFiles.removeAbandoned(in: shownFolder)
        let name = (destination as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + PartialFiles.name(for: name, token: PartialFiles.token())
        do {
            try produce(temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, destination) == 0 else {
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
