import Foundation

/// What an output path names, decided before anything is written, so that a pipe, a terminal or a
/// device is written into as a stream and never replaced by a regular file.
///
/// - A path that doesn't exist, or names a regular file, is a `.file`: written under a temporary name
///   beside it and renamed into place (`AtomicFile`).
/// - A symbolic link to a regular file is a `.file` at the link's resolved path: the file the link points
///   to is replaced atomically and the link stays a link. A link to nothing is refused (writing through
///   it would create a file wherever it points).
/// - A FIFO (named pipe) or a character device (a terminal, `/dev/null`) is a `.stream`: opened for
///   writing, never created, truncated or renamed over.
/// - `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`, or a link leading to one, is a `.stream` into the
///   planner's own descriptor N, whatever it is open on (a pipe, a terminal, a file the shell opened
///   with `>` or `>>`): written where the descriptor is, the file itself never replaced.
/// - A folder, a socket or a block device is refused.
public enum OutputTarget: Equatable, Sendable {
    case file(path: String)
    /// `descriptor`: an already open descriptor of this process to write into instead of opening `path`.
    case stream(path: String, descriptor: Int32?)

    /// Classifies `path`. `privateData` is set for files holding resident or account numbers in full:
    /// such a file may be streamed only into a pipe that no one but its owner can open (mode 0600, like
    /// the pipe of a shell's `|`), never to a terminal or other device.
    public static func of(_ path: String, privateData: Bool = false) throws -> OutputTarget {
        if let descriptor = ownDescriptor(path) {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else {
                throw refusal("can't write \(path): descriptor \(descriptor) is not open", hint: "give --out a file name")
            }
            if privateData && ((info.st_mode & S_IFMT) == S_IFCHR || info.st_mode & 0o077 != 0) {
                throw refusal("can't write \(path): it is a terminal, a device or a file others may read, and this file holds numbers in full",
                              hint: "give --out a regular file (it is written readable by you only), or a pipe readable by you only")
            }
            return .stream(path: path, descriptor: descriptor)
        }
        var link = stat()
        guard lstat(path, &link) == 0 else { return .file(path: path) }  // missing: created by rename
        var resolvedPath = path
        var info = link
        if (link.st_mode & S_IFMT) == S_IFLNK {
            guard stat(path, &info) == 0 else {
                throw refusal("can't write \(path): it is a symbolic link to \(linkTarget(path)), which doesn't exist",
                              hint: "give --out the file itself, or create the file the link points to")
            }
            if (info.st_mode & S_IFMT) == S_IFREG {
                guard let resolved = realpath(path, nil) else {
                    throw refusal("can't write \(path): the symbolic link can't be resolved", hint: "give --out the file itself")
                }
                resolvedPath = String(cString: resolved)
                free(resolved)
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .file(path: resolvedPath)
        case S_IFDIR:
            throw refusal("can't write \(path): it is a folder", hint: "give --out a file name")
        case S_IFIFO:
            if privateData && info.st_mode & 0o077 != 0 {
                throw refusal("can't write \(path): it is a pipe that others may open (mode \(String(info.st_mode & 0o777, radix: 8))), "
                              + "and this file holds numbers in full",
                              hint: "chmod 600 \(path), or give --out a regular file (it is written readable by you only)")
            }
            return .stream(path: path, descriptor: nil)
        case S_IFCHR:
            if privateData {
                throw refusal("can't write \(path): it is a terminal or device, and this file holds numbers in full",
                              hint: "give --out a regular file (it is written readable by you only), or a pipe readable by you only")
            }
            return .stream(path: path, descriptor: nil)
        default:
            throw refusal("can't write \(path): it is a socket or a block device, not a file", hint: "give --out a file name")
        }
    }

    /// The descriptor number when `path`, or a symbolic link on the way from it, is `/dev/stdout`,
    /// `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` (also `/proc/PID/fd/N` with this process's id).
    static func ownDescriptor(_ path: String) -> Int32? {
        var current = path
        for _ in 0..<16 {
            let named: [String: Int32] = ["/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2]
            if let descriptor = named[current] { return descriptor }
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/", "/proc/thread-self/fd/"] where current.hasPrefix(prefix) {
                if let descriptor = Int32(current.dropFirst(prefix.count)) { return descriptor }
            }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return nil }
            current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        return nil
    }

    static func refusal(_ message: String, hint: String) -> ExportBatch.Failure {
        ExportBatch.Failure(kind: .refused, message: message + "; nothing was written\n  hint: " + hint)
    }

    static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "a missing file"
    }

    /// Produces the whole output into a private temporary file (mode 0600, removed afterwards), then
    /// copies it into the stream at `path`; nothing reaches the stream when producing fails.
    static func stream(_ path: String, descriptor own: Int32?, _ produce: (String) throws -> Void) throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("planner-out-\(UUID().uuidString)").path
        let created = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard created >= 0 else {
            throw ExportBatch.Failure(kind: .io, message: "can't write \(path): can't create a temporary file: \(String(cString: strerror(errno)).lowercased())")
        }
        close(created)
        defer { unlink(temporary) }
        try produce(temporary)
        guard let source = FileHandle(forReadingAtPath: temporary) else {
            throw ExportBatch.Failure(kind: .io, message: "can't write \(path): the temporary file disappeared")
        }
        defer { try? source.close() }
        // No O_CREAT, no O_TRUNC: the pipe or device is written into, never made or emptied.
        let descriptor = own ?? open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ExportBatch.Failure(kind: .io, message: "can't write \(path): \(String(cString: strerror(errno)).lowercased())")
        }
        defer { if own == nil { close(descriptor) } }
        while let chunk = try? source.read(upToCount: 64 * 1024), !chunk.isEmpty {
            var offset = 0
            while offset < chunk.count {
                let written = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, chunk.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ExportBatch.Failure(kind: .io, message: "can't write \(path): \(String(cString: strerror(errno)).lowercased())")
                }
                offset += written
            }
        }
    }
}
