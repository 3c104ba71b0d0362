import Crypto
import Foundation

/// Signs bodies the way an `HMACScheme` provider would, for `herald sign` and tests.
public struct GenericHMACSigner: WebhookSigner {
    public let scheme: HMACScheme
    private let key: SymmetricKey

    /// - Parameter secret: used as UTF-8 key bytes, as `GenericHMACVerifier` does.
    public init(scheme: HMACScheme, secret: String) {
        self.scheme = scheme
        self.key = SymmetricKey(data: Array(secret.utf8))
    }

    /// The signature header, plus the timestamp and id headers the scheme reads
    /// (for `.plain` schemes that name them). Without an `id`, one is derived from
    /// the timestamp and body so the output stays deterministic.
    public func signatureHeaders(body: [UInt8], timestamp: Date, id: String?) -> [(name: String, value: String)] {
        let time = UnixTimestamp.text(for: timestamp)
        let messageID = id ?? MessageID.derived(timestamp: time, body: body)
        var parts: [[UInt8]] = []
        if scheme.payload.needsID { parts.append(Array("\(messageID).".utf8)) }
        switch scheme.payload {
        case .body: break
        case .timestampDotBody, .idDotTimestampDotBody: parts.append(Array("\(time).".utf8))
        case .timestampColonBody: parts.append(Array("\(time):".utf8))
        }
        parts.append(body)
        let mac = scheme.encoding.encode(scheme.algorithm.authenticationCode(key: key, parts: parts))

        switch scheme.signatureFormat {
        case .paddle:
            return [(name: scheme.header, value: "ts=\(time);h1=\(mac)")]
        case .plain:
            var headers = [(name: scheme.header, value: (scheme.prefix ?? "") + mac)]
            if scheme.payload.needsTimestamp, let name = scheme.timestampHeader {
                headers.append((name: name, value: time))
            }
            if scheme.payload.needsID, let name = scheme.idHeader {
                headers.append((name: name, value: messageID))
            }
            return headers
        }
    }
}
