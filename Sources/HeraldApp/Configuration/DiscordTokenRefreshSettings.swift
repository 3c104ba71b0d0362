/// When stored Discord OAuth2 tokens are refreshed, so a linked member's
/// authorization never lapses: every `discord.token_refresh.interval_seconds`
/// (default 3600) Herald refreshes the tokens that expire within
/// `discord.token_refresh.window_seconds` (default 86400, one day).
public struct DiscordTokenRefreshSettings: Sendable, Equatable {
    public var window: Duration = .seconds(86_400)
    public var interval: Duration = .seconds(3_600)
    /// Authorizations refreshed per check at most; the rest wait for the next check.
    public var batchSize = 1_000

    public init(window: Duration = .seconds(86_400), interval: Duration = .seconds(3_600), batchSize: Int = 1_000) {
        self.window = window
        self.interval = interval
        self.batchSize = batchSize
    }

    init(values: ConfigValues) throws(ConfigurationError) {
        window = .seconds(try values.integer("discord.token_refresh.window_seconds", default: 86_400, in: 60...2_592_000))
        interval = .seconds(try values.integer("discord.token_refresh.interval_seconds", default: 3_600, in: 10...86_400))
    }
}
