/// Where a notification goes, as named in the notification API and the outbox.
public enum NotificationChannel: String, Sendable, Codable, CaseIterable {
    case discordDM = "discord.dm"
    case discordMessage = "discord.message"
    case discordRole = "discord.role"
    case discordFollowup = "discord.followup"
    case telegramMessage = "telegram.message"
    case webhook

    /// The provider whose limits and errors apply.
    public var provider: String {
        switch self {
        case .discordDM, .discordMessage, .discordRole, .discordFollowup: "discord"
        case .telegramMessage: "telegram"
        case .webhook: "webhook"
        }
    }
}

/// Where a notification stands in the outbox.
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for its first attempt.
    case pending
    /// Claimed by a dispatcher whose lease has not expired.
    case sending
    /// Waiting for another attempt after a failure or a rate limit.
    case retrying
    case delivered
    /// Given up: a permanent error, or out of attempts or age. `last_error` says why.
    case dead
}
