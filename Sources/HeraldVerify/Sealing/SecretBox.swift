import Crypto

/// Seals secrets that Herald must keep at rest (integrator endpoint signing
/// secrets, later OAuth tokens) under the operator's `HERALD_ENCRYPTION_KEY`.
///
/// AES-256-GCM with a fresh random 96-bit nonce per seal. The stored form is
/// `version (1 byte) | nonce (12) | ciphertext | tag (16)`; the version byte is
/// also authenticated, so it cannot be edited to steer how a box is opened. A
/// database dump without the key reveals neither the secret nor, through equal
/// ciphertexts, which endpoints share one.
public struct SecretBox: Sendable {
    /// The only key length accepted: 32 bytes (AES-256).
    public static let keyByteCount = 32
    /// The format written by `seal`.
    public static let currentVersion: UInt8 = 1

    static let nonceByteCount = 12
    static let tagByteCount = 16

    private let key: SymmetricKey

    /// - Throws: `SecretBoxError.invalidKeyLength` unless `key` is exactly 32 bytes.
    public init(key: [UInt8]) throws(SecretBoxError) {
        guard key.count == Self.keyByteCount else { throw .invalidKeyLength }
        self.key = SymmetricKey(data: key)
    }

    /// Encrypts and authenticates `plaintext`; two seals of the same plaintext differ.
    public func seal(_ plaintext: [UInt8]) throws(SecretBoxError) -> [UInt8] {
        let version = [Self.currentVersion]
        do {
            let box = try AES.GCM.seal(plaintext, using: key, nonce: AES.GCM.Nonce(), authenticating: version)
            guard let combined = box.combined else { throw SecretBoxError.sealingFailed }
            return version + Array(combined)
        } catch {
            throw .sealingFailed
        }
    }

    /// The plaintext of a box made by `seal` under the same key.
    /// - Throws: `malformed` for bytes too short to be a box, `unsupportedVersion` for a
    ///   format this build does not know, `authenticationFailed` for a wrong key or any
    ///   change to the stored bytes.
    public func open(_ sealed: [UInt8]) throws(SecretBoxError) -> [UInt8] {
        guard let version = sealed.first else { throw .malformed }
        guard version == Self.currentVersion else { throw .unsupportedVersion }
        guard sealed.count >= 1 + Self.nonceByteCount + Self.tagByteCount else { throw .malformed }
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(combined: sealed.dropFirst())
        } catch {
            throw .malformed
        }
        do {
            return Array(try AES.GCM.open(box, using: key, authenticating: [version]))
        } catch {
            throw .authenticationFailed
        }
    }
}
