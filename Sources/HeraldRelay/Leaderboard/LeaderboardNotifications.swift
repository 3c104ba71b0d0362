import Foundation
import HeraldCore
import HeraldStore

/// Turns a recompute's role changes and rank alerts into outbox rows.
///
/// Role sync: a member with a Discord id who changes tier loses the old tier's
/// role and gains the new one (`discord.role`, `GUILD/USER/ROLE`, text `add` or
/// `remove`), only when the guild is known. Alerts: rendered from `rank_up`,
/// `rank_lost_first` or `score_milestone` in the member's locale, sent as a
/// Discord DM and/or a Telegram message on each platform the member is known on
/// and Herald has a bot for, unless the member opted out of rank alerts.
public struct LeaderboardNotifications: Sendable {
    public let templates: TemplateLibrary
    /// `DISCORD_GUILD_ID`; without it no roles are synced.
    public let discordGuildID: String?
    /// Send alerts as Discord DMs (a Discord bot token is configured).
    public let discordDMs: Bool
    /// Send alerts as Telegram messages (a Telegram bot token is configured).
    public let telegramMessages: Bool

    public init(templates: TemplateLibrary, discordGuildID: String?, discordDMs: Bool, telegramMessages: Bool) {
        self.templates = templates
        self.discordGuildID = discordGuildID
        self.discordDMs = discordDMs
        self.telegramMessages = telegramMessages
    }

    /// The notifier the recompute calls.
    public var notifier: LeaderboardNotifier {
        { effects, contacts in self.notifications(for: effects, contacts: contacts) }
    }

    public func notifications(for effects: LeaderboardEffects, contacts: [Int64: MemberContact]) -> [NewNotification] {
        roleChanges(effects.tierChanges, contacts: contacts) + effects.alerts.flatMap { alert(for: $0, contacts: contacts) }
    }

    func roleChanges(_ changes: [TierChange], contacts: [Int64: MemberContact]) -> [NewNotification] {
        guard let guild = discordGuildID else { return [] }
        var rows: [NewNotification] = []
        for change in changes {
            guard let discordID = contacts[change.userID]?.discordID else { continue }
            if let role = change.roleToRemove {
                rows.append(NewNotification(channel: .discordRole, destination: "\(guild)/\(discordID)/\(role)", body: "remove"))
            }
            if let role = change.roleToAdd {
                rows.append(NewNotification(channel: .discordRole, destination: "\(guild)/\(discordID)/\(role)", body: "add"))
            }
        }
        return rows
    }

    func alert(for alert: RankAlert, contacts: [Int64: MemberContact]) -> [NewNotification] {
        guard let member = contacts[alert.userID], member.acceptsRankAlerts else { return [] }
        let data = Self.data(for: alert, member: member, contacts: contacts)
        var destinations: [(NotificationChannel, String, TemplateFormat)] = []
        if discordDMs, let id = member.discordID { destinations.append((.discordDM, id, .plainText)) }
        if telegramMessages, let id = member.telegramID { destinations.append((.telegramMessage, String(id), .telegramHTML)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let dataJSON = (try? encoder.encode(data)).map { String(decoding: $0, as: UTF8.self) }
        return destinations.compactMap { channel, destination, format in
            // A template missing from the library is reported at start-up; its alerts are skipped, never retried.
            guard let body = try? templates.render(name: alert.template, locale: member.locale, data: data, format: format) else { return nil }
            return NewNotification(
                channel: channel, destination: destination, body: body, template: alert.template, dataJSON: dataJSON,
                locale: templates.resolvedLocale(name: alert.template, locale: member.locale) ?? member.locale
            )
        }
    }

    /// The variables each alert's template reads (see templates/README.md).
    static func data(for alert: RankAlert, member: MemberContact, contacts: [Int64: MemberContact]) -> TemplateData {
        var data: [String: TemplateData] = [:]
        switch alert {
        case .enteredTier(_, let tier, let rank):
            data = ["rank": .integer(Int64(rank)), "tier": .string(tier.name)]
            if let name = member.displayName { data["name"] = .string(name) }
        case .lostFirst(_, let rank, let leader):
            data = ["new_rank": .integer(Int64(rank))]
            if let name = leader.flatMap({ contacts[$0]?.displayName }) { data["name"] = .string(name) }
        case .milestone(_, let milestone, let score):
            data = ["milestone": .integer(milestone), "score": .integer(score)]
            if let name = member.displayName { data["name"] = .string(name) }
        }
        return .object(data)
    }
}
