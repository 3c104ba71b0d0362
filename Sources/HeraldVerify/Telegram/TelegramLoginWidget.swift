import Crypto
import Foundation

/// Checks the fields the Telegram Login Widget hands to a website [TG-LW].
///
/// The secret key is `SHA256(bot_token)`; the widget's `hash` must be the
/// HMAC-SHA256 of the data-check-string (all fields but `hash`, sorted,
/// `key=value`, `\n`-joined), and `auth_date` must be recent.
public enum TelegramLoginWidget {
    /// - Parameters:
    ///   - fields: every field received (`id`, `first_name`, …, `auth_date`, `hash`),
    ///     already URL-decoded; unknown fields are signed too, so pass them all.
    ///   - maxAge: accepted `|now − auth_date|` in seconds (Telegram sets none).
    /// - Throws: see `TelegramDataCheck.verify`; a wrong bot token is `invalidSignature`.
    public static func verify(
        fields: [String: String], botToken: String, now: Date, maxAge: TimeInterval = 86400
    ) throws(VerificationError) {
        let secretKey = SymmetricKey(data: SHA256.hash(data: Array(botToken.utf8)))
        let pairs = fields.map { (key: $0.key, value: $0.value) }
        try TelegramDataCheck.verify(pairs, secretKey: secretKey, now: now, maxAge: maxAge)
    }
}
