import Crypto
import HeraldStore

/// The sender locks for the configured bot tokens: one process at a time
/// sends with a token, so its published limits hold across instances.
///
/// The lock is named by a digest of the token, never the token itself, so two
/// deployments with different bots on one database do not block each other.
public enum SenderLocks {
    public static func make(store: Store, telegramBotToken: String?, discordBotToken: String?) -> [ProviderKind: SessionLock] {
        var locks: [ProviderKind: SessionLock] = [:]
        if let token = telegramBotToken { locks[.telegram] = SessionLock(store: store, name: name(.telegram, token: token)) }
        if let token = discordBotToken { locks[.discord] = SessionLock(store: store, name: name(.discord, token: token)) }
        return locks
    }

    static func name(_ provider: ProviderKind, token: String) -> String {
        let digest = SHA256.hash(data: Array(token.utf8)).prefix(12).map { String($0, radix: 16) }.joined()
        return "herald.sender.\(provider.rawValue).\(digest)"
    }
}
