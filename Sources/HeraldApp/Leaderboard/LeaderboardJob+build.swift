import HeraldRelay
import HeraldStore
import Logging

/// The recompute job as `herald serve` runs it: roles synced in `DISCORD_GUILD_ID`,
/// alerts sent on the platforms whose bot token is configured.
public func buildLeaderboardJob(configuration: HeraldConfiguration, store: Store, templates: TemplateLibrary, logger: Logger) -> LeaderboardJob {
    LeaderboardJob(
        store: store,
        settings: configuration.leaderboard,
        notifications: LeaderboardNotifications(
            templates: templates,
            discordGuildID: configuration.discord.guildID,
            discordDMs: configuration.discord.botToken != nil,
            telegramMessages: configuration.telegram.botToken != nil
        ),
        logger: logger
    )
}
