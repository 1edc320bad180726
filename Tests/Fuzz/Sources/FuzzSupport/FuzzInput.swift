import Foundation

/// What every fuzz target shares: the input split into a mode byte and the bytes a reader sees, the
/// encodings to try, and the package's sample files.
///
/// The first byte of a fuzz input chooses how the rest reaches the reader (as is, converted to CP949,
/// with a byte-order mark or CRLF line ends); each target documents its modes. An empty input is skipped.
public enum FuzzInput {
    /// Windows code page 949, as Excel and older office software in Korea write it.
    public static let cp949 = String.Encoding(rawValue: 0x8000_0422)

    /// The mode byte and the rest of the input, or nil for an empty input.
    public static func split(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> (mode: UInt8, rest: Data)? {
        guard let pointer, size > 0 else { return nil }
        return (pointer[0], Data(bytes: pointer + 1, count: size - 1))
    }

    /// The bytes read as UTF-8 (invalid sequences replaced) and written as CP949; characters CP949
    /// lacks become `?`. This reaches the CP949 decoders with real Korean text.
    ///
    /// Scalar by scalar: Foundation's CP949 encoder (swift-corelibs-foundation, Swift 6.3.1) traps
    /// ("didn't convert all characters") with `allowLossyConversion: true`, and never returns without
    /// it, for a string holding U+FEFF or U+200B after another character (`"a\u{FEFF}"`); found by
    /// this target, crash-87c83950…. A scalar alone converts, or doesn't, promptly.
    public static func toCP949(_ bytes: Data) -> Data {
        var out = Data(capacity: bytes.count)
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else if let known = cache[scalar.value] {
                out.append(known)
            } else {
                var encoded = String(scalar).data(using: cp949) ?? Data()
                if encoded.isEmpty { encoded = Data("?".utf8) }
                cache[scalar.value] = encoded
                out.append(encoded)
            }
        }
        return out
    }

    /// CP949 bytes of the scalars met so far (libFuzzer calls a target on one thread).
    nonisolated(unsafe) private static var cache: [UInt32: Data] = [:]

    /// The bytes with every `\n` written as `\r\n`.
    public static func crlf(_ bytes: Data) -> Data {
        var out = Data(capacity: bytes.count + bytes.count / 16)
        for byte in bytes {
            if byte == 0x0A { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }

    public static let bom = Data([0xEF, 0xBB, 0xBF])

    /// The package's root folder: `$PLANNER_ROOT` (set by Tests/Fuzz/run.sh), else found from this
    /// source file's path (Tests/Fuzz/Sources/FuzzSupport/FuzzInput.swift).
    public static var root: String {
        if let root = ProcessInfo.processInfo.environment["PLANNER_ROOT"], !root.isEmpty { return root }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path
    }
}
