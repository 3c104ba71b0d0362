/// Who else a rate limit applies to, so the relay holds back the right queue.
///
/// Exists because a 429 says "wait", but not always "wait, just you": a
/// Discord global limit stops every request of the bot, while a per-route
/// limit stops only that bucket. Holding back too little earns more 429s (and
/// Discord counts them towards a temporary IP ban); holding back too much
/// stalls unrelated deliveries.
public enum RateLimitScope: String, Sendable, Equatable, CaseIterable {
    /// This route / bucket only (Discord `X-RateLimit-Scope: user` or no scope;
    /// for an outgoing webhook, that endpoint).
    case route
    /// Every request made with this bot token (Discord `"global": true`,
    /// `X-RateLimit-Global` or `X-RateLimit-Scope: global`).
    case global
    /// A resource shared with other apps (Discord `X-RateLimit-Scope: shared`);
    /// it does not count towards the invalid-request limit.
    case shared
    /// One Telegram chat (Telegram does not say more than that).
    case chat
}
