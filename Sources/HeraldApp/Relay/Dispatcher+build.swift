import Foundation
import HeraldRelay
import HeraldStore
import HeraldVerify
import Logging
import Metrics

/// The outbox dispatcher, with a channel for each provider whose bot token is
/// configured, a sender lock per bot token, and admin alerts on the other platform.
func buildDispatcher(
    configuration: HeraldConfiguration,
    store: Store,
    transport: CurlTransport,
    templates: TemplateLibrary,
    metrics: any MetricsFactory,
    logger: Logger
) throws(ConfigurationError) -> Dispatcher {
    let limits = configuration.rateLimits
    let webhookTargets: (any WebhookTargets)?
    if let key = configuration.encryptionKey {
        do {
            webhookTargets = StoredWebhookTargets(store: store, secrets: try SecretBox(key: key))
        } catch {
            throw ConfigurationError(key: "herald.encryption_key", problem: "is not a usable 32-byte key")
        }
    } else {
        webhookTargets = nil
    }
    let channels = ChannelSenders(
        telegram: configuration.telegram.botToken.map {
            TelegramRequests(baseURL: configuration.telegram.apiBaseURL.absoluteString, botToken: $0)
        },
        discord: configuration.discord.botToken.map {
            DiscordRequests(baseURL: configuration.discord.apiBaseURL.absoluteString, botToken: $0)
        },
        discordApplicationID: configuration.discord.applicationID,
        discordGuildID: configuration.discord.guildID,
        webhookTargets: webhookTargets,
        pacer: Pacer(
            telegramGlobalPerSecond: limits.telegramGlobalPerSecond,
            telegramPerChatPerSecond: limits.telegramPerChatPerSecond,
            telegramPerGroupPerMinute: limits.telegramPerGroupPerMinute,
            discordGlobalPerSecond: limits.discordGlobalPerSecond
        )
    )
    return Dispatcher(
        store: store, transport: transport, channels: channels,
        settings: configuration.relay.dispatcher,
        senderLocks: SenderLocks.make(
            store: store, telegramBotToken: configuration.telegram.botToken, discordBotToken: configuration.discord.botToken
        ),
        alerts: AdminAlerts(
            telegramAdminChatID: configuration.telegram.adminChatID.map(String.init),
            discordAdminChannelID: configuration.discord.adminChannelID,
            render: AdminAlerts.rendering(with: templates)
        ),
        metrics: RelayMetrics(factory: metrics),
        logger: logger
    )
}
