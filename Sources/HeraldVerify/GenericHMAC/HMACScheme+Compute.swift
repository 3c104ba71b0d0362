import Crypto

extension HMACScheme.Algorithm {
    /// Length of the MAC in bytes.
    var byteCount: Int {
        switch self {
        case .sha1: Insecure.SHA1.byteCount
        case .sha256: SHA256.byteCount
        case .sha512: SHA512.byteCount
        }
    }

    /// HMAC of the concatenation of `parts` under `key`, fed incrementally so the
    /// body is never copied.
    func authenticationCode(key: SymmetricKey, parts: [[UInt8]]) -> [UInt8] {
        switch self {
        case .sha1: Self.mac(Insecure.SHA1.self, key: key, parts: parts)
        case .sha256: Self.mac(SHA256.self, key: key, parts: parts)
        case .sha512: Self.mac(SHA512.self, key: key, parts: parts)
        }
    }

    private static func mac<H: HashFunction>(_: H.Type, key: SymmetricKey, parts: [[UInt8]]) -> [UInt8] {
        var hmac = HMAC<H>(key: key)
        for part in parts {
            hmac.update(data: part)
        }
        return Array(hmac.finalize())
    }
}

extension HMACScheme.Encoding {
    func encode(_ mac: [UInt8]) -> String {
        switch self {
        case .hex, .hexAnyCase: Hex.encode(mac)
        case .base64: Base64.encode(mac)
        }
    }

    func decode(_ text: some StringProtocol) -> [UInt8]? {
        switch self {
        case .hex: Hex.decode(text, letterCase: .lower)
        case .hexAnyCase: Hex.decode(text, letterCase: .any)
        case .base64: Base64.decode(text)
        }
    }
}
