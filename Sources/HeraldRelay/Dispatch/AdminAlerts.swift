import Foundation
import HeraldCore
import HeraldStore

/// Tells the admins, on the other platform, that a channel stopped: when
/// Discord refuses the bot token the alert goes to the Telegram admin chat,
/// and the other way round (the broken channel cannot carry its own alert).
///
/// Alerts are outbox rows like any notification, keyed per provider and hour
/// so a refused token raises one alert an hour, not one per held row.
public struct AdminAlerts: Sendable {
    public let telegramAdminChatID: String?
    public let discordAdminChannelID: String?
    /// Renders the `channel_paused` text for a channel in the target platform's format.
    public let render: @Sendable (_ channel: String, _ reason: String, _ format: TemplateFormat) -> String

    public init(
        telegramAdminChatID: String?,
        discordAdminChannelID: String?,
        render: @escaping @Sendable (_ channel: String, _ reason: String, _ format: TemplateFormat) -> String = AdminAlerts.defaultText
    ) {
        self.telegramAdminChatID = telegramAdminChatID
        self.discordAdminChannelID = discordAdminChannelID
        self.render = render
    }

    /// The `channel_paused` template from `templates`, or a built-in English text when it is missing.
    public static func rendering(with templates: TemplateLibrary, locale: String = "en") -> @Sendable (String, String, TemplateFormat) -> String {
        { channel, reason, format in
            (try? templates.render(
                name: "channel_paused", locale: locale, data: ["channel": .string(channel), "reason": .string(reason)], format: format
            )) ?? defaultText(channel, reason, format)
        }
    }

    public static let defaultText: @Sendable (String, String, TemplateFormat) -> String = { channel, reason, format in
        let reason = format == .telegramHTML ? TelegramRequests.escapeHTML(reason) : reason
        return "Herald paused \(channel) deliveries: \(reason). Fix the credentials; held notifications are sent once it works again."
    }

    /// The alert row for a paused provider, or nil when no other platform is configured to carry it.
    public func channelPaused(_ provider: ProviderKind, reason: String, now: Date) -> NewNotification? {
        let hour = Int(now.timeIntervalSince1970 / 3600)
        let key = "herald.alert.channel_paused.\(provider.rawValue).\(hour)"
        switch provider {
        case .discord:
            guard let chat = telegramAdminChatID else { return nil }
            return NewNotification(
                channel: .telegramMessage, destination: chat, body: render(provider.displayName, reason, .telegramHTML),
                template: "channel_paused", idempotencyKey: key
            )
        case .telegram:
            guard let channel = discordAdminChannelID else { return nil }
            return NewNotification(
                channel: .discordMessage, destination: channel, body: render(provider.displayName, reason, .plainText),
                template: "channel_paused", idempotencyKey: key
            )
        case .webhook:
            return nil
        }
    }
}
