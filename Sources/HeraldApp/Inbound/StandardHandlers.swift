import Foundation
import HeraldRelay

/// The one place that says which handler runs for which inbound event.
///
/// Built from the configuration because handlers need it (the product
/// catalogue, admin channels, tiers) and from the message templates they reply
/// with. `herald serve` and `herald inbox replay` both call this, so a replayed
/// event meets the same handlers as a live one.
extension InboundHandlerRegistry {
    /// - Parameters:
    ///   - now: the clock commands read (`/daily` days); tests pass their own.
    ///   - transport: outbound HTTP for handlers that read events back from a provider (YooKassa).
    public static func standard(
        configuration: HeraldConfiguration, templates: TemplateLibrary, now: @escaping @Sendable () -> Date = { Date() },
        transport: (any HTTPTransport)? = nil
    ) -> InboundHandlerRegistry {
        var registry = InboundHandlerRegistry.core
        registry.registerPayments(configuration: configuration, templates: templates, transport: transport)
        let actions = CommunityActions(configuration: configuration, templates: templates)

        let discord = DiscordCommandHandler(actions: actions, now: now)
        registry.register(discord, source: "discord", type: "application_command")
        registry.register(discord, source: "discord", type: "message_component")

        // One handler owns Telegram `message` updates: commands, the messenger inbox,
        // and (handed on) messages that carry a successful payment.
        let payments = PaymentHandlers(configuration: configuration, templates: templates)
        let telegram = TelegramBotHandler(actions: actions, payments: payments.telegramMessage, now: now)
        registry.register(telegram, source: "telegram", type: "message")
        registry.register(telegram, source: "telegram", type: "callback_query")
        return registry
    }
}

extension CommunityActions {
    init(configuration: HeraldConfiguration, templates: TemplateLibrary) {
        let messages = MemberMessages(templates: templates)
        self.init(
            settings: configuration.community,
            messages: messages,
            workflow: CreditRequestWorkflow(
                settings: configuration.community, messages: messages,
                discordAdminChannelID: configuration.discord.adminChannelID, telegramAdminChatID: configuration.telegram.adminChatID
            ),
            tiers: configuration.leaderboard.tiers
        )
    }
}
