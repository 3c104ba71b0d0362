import Crypto
import Foundation

/// Checks a Telegram Mini App's `initData` with the bot token [TG-MA].
///
/// The secret key is `HMAC_SHA256(key: "WebAppData", message: bot_token)`. Only
/// `hash` is left out of the data-check-string; `signature` (the third-party
/// Ed25519 signature) is a received field and stays in, as aiogram does (§3.9).
public enum TelegramInitData {
    /// - Parameters:
    ///   - initData: the raw query string (`Telegram.WebApp.initData`), not yet decoded.
    ///   - maxAge: accepted `|now − auth_date|` in seconds.
    /// - Returns: every decoded field, `hash` and `signature` included. Values such
    ///   as `user` are JSON text, left for the caller to parse now that they are trusted.
    /// - Throws: `malformedSignature` if the query string cannot be decoded or repeats
    ///   a key, otherwise as `TelegramDataCheck.verify`.
    public static func verify(
        initData: String, botToken: String, now: Date, maxAge: TimeInterval = 86400
    ) throws(VerificationError) -> [String: String] {
        let pairs = try QueryString.decode(initData)
        var fields: [String: String] = [:]
        for pair in pairs {
            guard fields.updateValue(pair.value, forKey: pair.key) == nil else { throw .malformedSignature }
        }
        let secretKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(
            for: Array(botToken.utf8), using: SymmetricKey(data: Array("WebAppData".utf8))
        ))
        try TelegramDataCheck.verify(pairs, secretKey: secretKey, now: now, maxAge: maxAge)
        return fields
    }
}
