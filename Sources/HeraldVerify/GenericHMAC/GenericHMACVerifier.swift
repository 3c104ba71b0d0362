import Crypto
import Foundation

/// Verifies any provider described by an `HMACScheme` (GitHub, Paddle, Lemon
/// Squeezy, or a custom sender), accepting a match under any configured secret.
///
/// Order of checks: signature header present and parsable, timestamp and id
/// present and well-formed (when signed), MAC match, then freshness — so
/// `staleTimestamp` is only reported for a request that is otherwise authentic.
public struct GenericHMACVerifier: WebhookVerifier {
    public let scheme: HMACScheme
    private let keys: [SymmetricKey]

    /// - Parameter secrets: every secret currently valid (more than one while
    ///   rotating); each is used as UTF-8 key bytes. Empty strings are ignored.
    public init(scheme: HMACScheme, secrets: [String]) {
        self.scheme = scheme
        self.keys = SecretKeys.utf8(secrets)
    }

    public func verify(_ request: WebhookRequest, now: Date) throws(VerificationError) {
        guard let value = request.nonEmptyHeader(scheme.header) else { throw .missingSignature }
        let parsed = try HMACSignatureHeader(value, scheme: scheme)
        let candidates = try parsed.candidates.usable()

        var parts: [[UInt8]] = []
        var timestamp: UnixTimestamp?
        if scheme.payload.needsTimestamp {
            let parsedTimestamp: UnixTimestamp
            if let text = parsed.timestamp {
                parsedTimestamp = try UnixTimestamp(parsing: text)
            } else {
                parsedTimestamp = try UnixTimestamp(parsing: headerTimestamp(request))
            }
            timestamp = parsedTimestamp
            if scheme.payload.needsID {
                guard let idHeader = scheme.idHeader, let id = request.nonEmptyHeader(idHeader) else {
                    throw .missingSignature
                }
                guard !id.contains(".") else { throw .malformedSignature }
                parts.append(Array("\(id).".utf8))
            }
            let separator = scheme.payload == .timestampColonBody ? ":" : "."
            parts.append(Array("\(parsedTimestamp.text)\(separator)".utf8))
        }
        parts.append(request.body)

        guard MACMatcher.anyMatches(candidates: candidates, keys: keys, algorithm: scheme.algorithm, parts: parts) else {
            throw .invalidSignature
        }
        if let timestamp, let tolerance = scheme.tolerance {
            try timestamp.checkFreshness(now: now, tolerance: tolerance)
        }
    }

    private func headerTimestamp(_ request: WebhookRequest) throws(VerificationError) -> String {
        guard let name = scheme.timestampHeader, let value = request.nonEmptyHeader(name) else {
            throw .missingTimestamp
        }
        return value
    }
}
