import HeraldCore
/// Keeps the relay under each provider's published limits by its own pacing,
/// so a 429 is the exception.
///
/// Wraps the pure limiters: each call books a slot and returns after the wait
/// the limiter computed; a provider's 429 pauses the affected scope.
///
/// The limiters space *departures*; the provider counts *arrivals*, which
/// shift with network and scheduling delay. Pacing therefore runs a little
/// under each published limit (`margin`), most for the per-chat limit, where
/// two messages are only one interval apart.
public actor Pacer {
    /// Fractions of the configured limits actually used.
    public struct Margin: Sendable {
        public var global = 0.97
        public var perChat = 0.8
        public var perGroup = 0.9
        public init() {}
    }

    private var telegram: TelegramRateLimiter
    private var discord: DiscordRateLimiter
    private var endpoints = EndpointRateLimiter()
    private var pausedUntil: [ProviderKind: Double] = [:]
    private var telegramChatPausedUntil: [Int64: Double] = [:]
    private let origin = ContinuousClock.now

    public init(
        telegramGlobalPerSecond: Double = 30,
        telegramPerChatPerSecond: Double = 1,
        telegramPerGroupPerMinute: Double = 20,
        discordGlobalPerSecond: Double = 50,
        margin: Margin = Margin()
    ) {
        telegram = TelegramRateLimiter(
            globalPerSecond: telegramGlobalPerSecond * margin.global,
            perChatPerSecond: telegramPerChatPerSecond * margin.perChat,
            perGroupPerMinute: telegramPerGroupPerMinute * margin.perGroup
        )
        discord = DiscordRateLimiter(globalPerSecond: discordGlobalPerSecond * margin.global)
    }

    /// Seconds since this pacer was made: the limiters' monotonic timeline.
    private var now: Double {
        (ContinuousClock.now - origin).timeInterval
    }

    private func pauseRemaining(_ provider: ProviderKind) -> Duration {
        guard let until = pausedUntil[provider], until > now else { return .zero }
        return .nanoseconds(Int64((until - now) * 1e9))
    }

    public func waitForTelegram(chatID: Int64) async {
        let chatPause = telegramChatPausedUntil[chatID].map { max(0, $0 - now) } ?? 0
        if chatPause == 0 { telegramChatPausedUntil[chatID] = nil }
        let wait = pauseRemaining(.telegram) + .nanoseconds(Int64(chatPause * 1e9)) + telegram.reserve(chatID: chatID, now: now + chatPause)
        if wait > .zero { try? await Task.sleep(for: wait) }
    }

    /// Waits for the global limit and the route's learned bucket (keyed by route and major parameter).
    public func waitForDiscord(_ route: DiscordRoute) async {
        let wait = pauseRemaining(.discord) + discord.reserve(route, now: now)
        if wait > .zero { try? await Task.sleep(for: wait) }
    }

    /// Waits for the endpoint's configured rate (no limit when nil).
    public func waitForEndpoint(id: Int64, ratePerSecond: Double?) async {
        guard let ratePerSecond else { return }
        let wait = endpoints.reserve(endpointID: id, ratePerSecond: ratePerSecond, now: now)
        if wait > .zero { try? await Task.sleep(for: wait) }
    }

    /// Learns Discord's bucket state from an answer's `X-RateLimit-*` headers (and its 429s).
    public func recordDiscord(_ route: DiscordRoute, response: OutboundResponse) {
        discord.record(route, response: response, now: now)
    }

    /// A provider said 429: hold back its deliveries. A global limit pauses the provider;
    /// a Telegram chat's limit pauses that chat, so the next messages to it wait too; a
    /// Discord route's limit is learned from its headers by ``recordDiscord(_:response:)``.
    public func pause(provider: ProviderKind, scope: RateLimitScope, for wait: Duration, telegramChatID: Int64? = nil) {
        if scope == .chat, let chat = telegramChatID {
            telegramChatPausedUntil[chat] = max(telegramChatPausedUntil[chat] ?? 0, now + wait.timeInterval)
            return
        }
        guard scope == .global else { return }
        let until = now + wait.timeInterval
        pausedUntil[provider] = max(pausedUntil[provider] ?? 0, until)
    }
}
