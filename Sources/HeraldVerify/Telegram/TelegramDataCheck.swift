import Crypto
import Foundation

/// The part Telegram's Login Widget and Mini App checks share: a data-check-string
/// HMAC compared with the `hash` field, plus `auth_date` freshness [TG-LW, TG-MA].
enum TelegramDataCheck {
    /// `key=value` for every pair except `hash`, sorted by key in code point order,
    /// joined with `\n`. Any other field — `signature` included — stays in.
    static func dataCheckString(_ pairs: [(key: String, value: String)]) -> String {
        pairs.filter { $0.key != "hash" }
            .sorted { ASCII.precedes($0.key, $1.key) }
            .map { "\($0.key)=\($0.value)" }
            .joined(separator: "\n")
    }

    /// Checks `hash` against the HMAC-SHA256 of the data-check-string under
    /// `secretKey`, then `auth_date` against `maxAge`.
    ///
    /// - Throws: `missingSignature` without `hash`, `malformedSignature` unless it is
    ///   64 hex digits (either case: Telegram sends lower case, and accepting upper
    ///   case admits no other MAC), `missingTimestamp`/`malformedTimestamp` for
    ///   `auth_date`, `invalidSignature`, then `staleTimestamp` when
    ///   `|now − auth_date| > maxAge`.
    static func verify(
        _ pairs: [(key: String, value: String)], secretKey: SymmetricKey, now: Date, maxAge: TimeInterval
    ) throws(VerificationError) {
        guard let hashText = pairs.first(where: { $0.key == "hash" })?.value, !hashText.isEmpty else {
            throw .missingSignature
        }
        guard let hash = Hex.decode(hashText, letterCase: .any), hash.count == SHA256.byteCount else {
            throw .malformedSignature
        }
        guard let authDateText = pairs.first(where: { $0.key == "auth_date" })?.value else {
            throw .missingTimestamp
        }
        let authDate = try UnixTimestamp(parsing: authDateText)

        let message = Array(dataCheckString(pairs).utf8)
        let expected = Array(HMAC<SHA256>.authenticationCode(for: message, using: secretKey))
        guard ConstantTime.equals(expected, hash) else { throw .invalidSignature }
        try authDate.checkFreshness(now: now, tolerance: maxAge)
    }
}
