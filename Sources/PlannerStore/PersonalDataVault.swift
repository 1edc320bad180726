import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The key that protects resident numbers, bank accounts and phone numbers at rest (PIPA §24-2).
///
/// The key is 32 random bytes in a file outside the database, created on first use with mode
/// 0600 (its folder, when created, with mode 0700). From it two keys are derived with HKDF-SHA256:
/// one seals values with AES-GCM (a fresh nonce each time; the field and the person as associated data), the
/// other computes keyed HMAC-SHA256 digests so that an import can tell whether a number changed
/// without decrypting it. A fingerprint of the key is kept in the database so that a wrong key
/// file is detected rather than used.
///
/// The vault never creates a key on its own: ``AppDatabase`` decides, and it refuses to create a
/// new key for a database that already holds data encrypted with another one.
public final class PersonalDataVault: @unchecked Sendable {
    /// Where the key is (or will be) kept.
    public let keyFile: URL
    private let lock = NSLock()
    private var loaded: VaultKeys?
    private var created = false

    public init(keyFile: URL) {
        self.keyFile = keyFile
    }

    /// Whether this vault created the key file (rather than finding it, or finding that another
    /// process created it at the same moment).
    public var createdKeyFile: Bool {
        lock.lock()
        defer { lock.unlock() }
        return created
    }

    /// Whether the key file exists (it may still be the wrong one).
    public var keyFileExists: Bool {
        FileManager.default.fileExists(atPath: keyFile.path)
    }

    /// The key file's permission bits (e.g. `0o644`) when its group or others may read or write
    /// it, else nil (also when it does not exist). Whoever can read both the key and the database
    /// can read every resident number, account and phone number in it.
    public var exposedMode: UInt16? {
        var info = stat()
        guard stat(keyFile.path, &info) == 0 else { return nil }
        let mode = UInt16(info.st_mode & 0o7777)
        return mode & 0o077 == 0 ? nil : mode
    }

    /// The keys from the key file, or nil when the file does not exist.
    func existingKeys() throws -> VaultKeys? {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        guard let keys = try readKeyFile() else { return nil }
        loaded = keys
        return keys
    }

    /// The keys from the key file, creating the file first when it does not exist.
    func keysCreatingFile() throws -> VaultKeys {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        if let keys = try readKeyFile() {
            loaded = keys
            return keys
        }
        created = try createKeyFile()
        guard let keys = try readKeyFile() else {
            throw StoreError.keyFileUnusable(path: keyFile.path, reason: "it disappeared right after it was created")
        }
        loaded = keys
        return keys
    }

    private func readKeyFile() throws -> VaultKeys? {
        let path = keyFile.path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: keyFile)
        } catch {
            throw StoreError.keyFileUnusable(path: path, reason: "it cannot be read")
        }
        guard bytes.count == VaultKeys.keyByteCount else { throw StoreError.keyFileInvalid(path: path) }
        return VaultKeys(master: bytes)
    }

    /// Writes 32 random bytes to a temporary file with mode 0600 in the key's folder, then links it
    /// into place, so that no one ever sees a half-written key and two processes creating it at
    /// once end up with the same one. Returns false when another process created it first.
    private func createKeyFile() throws -> Bool {
        let path = keyFile.path
        let folder = keyFile.deletingLastPathComponent()
        let manager = FileManager.default
        if !manager.fileExists(atPath: folder.path) {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.keyFileUnusable(path: path, reason: "its folder cannot be created")
            }
        }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        let temporary = folder.appendingPathComponent(".\(keyFile.lastPathComponent).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.keyFileUnusable(path: path, reason: "it cannot be created (\(String(cString: strerror(errno))))")
        }
        defer { unlink(temporary) }
        var written = 0
        var failed = fchmod(descriptor, 0o600) != 0
        while !failed, written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress!.advanced(by: written), buffer.count - written)
            }
            if count <= 0 { failed = true } else { written += count }
        }
        if !failed { failed = fsync(descriptor) != 0 }
        close(descriptor)
        guard !failed else {
            throw StoreError.keyFileUnusable(path: path, reason: "it cannot be written")
        }
        if link(temporary, path) != 0 {
            let error = errno
            guard error == EEXIST else {
                throw StoreError.keyFileUnusable(path: path, reason: "it cannot be created (\(String(cString: strerror(error))))")
            }
            // Another process created it first: use theirs.
            return false
        }
        return true
    }
}

/// The personal values the vault protects; the raw value is the associated data of the seal.
enum PersonalField: String, Sendable {
    case residentNumber = "person.rrn"
    case account = "person.account"
    case phone = "person.phone"
}

/// Keys derived from the key file's 32 bytes.
struct VaultKeys: Sendable {
    static let keyByteCount = 32

    private let sealing: Data
    private let digesting: Data
    /// Hex, stored in the database's `meta` table.
    let fingerprint: String

    init(master: Data) {
        let key = SymmetricKey(data: master)
        func derive(_ label: String) -> Data {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: key, salt: Data("planner personal data".utf8), info: Data(label.utf8),
                                   outputByteCount: 32).withUnsafeBytes { Data($0) }
        }
        sealing = derive("aes-gcm v1")
        digesting = derive("hmac-sha256 v1")
        fingerprint = derive("fingerprint v1").map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Nonce, ciphertext and tag in one blob (AES-GCM's combined form). The field and `owner` (who
    /// the value belongs to) are authenticated with it, so a blob copied to another column or
    /// another person's row does not open.
    func seal(_ text: String, field: PersonalField, owner: String) throws -> Data {
        let box = try AES.GCM.seal(Data(text.utf8), using: SymmetricKey(data: sealing), authenticating: Self.associatedData(field, owner))
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined
    }

    /// Nil when the blob was altered, moved, or sealed with another key.
    func open(_ blob: Data, field: PersonalField, owner: String) -> String? {
        guard let box = try? AES.GCM.SealedBox(combined: blob),
              let plain = try? AES.GCM.open(box, using: SymmetricKey(data: sealing), authenticating: Self.associatedData(field, owner))
        else { return nil }
        return String(data: plain, encoding: .utf8)
    }

    private static func associatedData(_ field: PersonalField, _ owner: String) -> Data {
        Data(field.rawValue.utf8) + Data([0]) + Data(owner.utf8)
    }

    /// A keyed digest: equal values give equal digests, and without the key nothing can be guessed from it.
    func digest(_ text: String, field: PersonalField) -> Data {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: digesting))
        mac.update(data: Data(field.rawValue.utf8))
        mac.update(data: Data([0]))
        mac.update(data: Data(text.utf8))
        return Data(mac.finalize())
    }
}
