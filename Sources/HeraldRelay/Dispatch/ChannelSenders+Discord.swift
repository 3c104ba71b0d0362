import Foundation
import HeraldCore
import HeraldStore

/// The Discord channels: channel messages, DMs (through a cached DM channel),
/// member role changes and interaction follow-ups, each paced by its route.
extension ChannelSenders {
    func sendDiscord(_ item: OutboxItem, text: String, discord: DiscordRequests, transport: any HTTPTransport) async -> ChannelAttempt {
        switch item.channel {
        case .discordMessage:
            return await sendMessageParts(channelID: item.destination, text: text, markup: item.markup, discord: discord, transport: transport)
        case .discordDM:
            guard DiscordDestination.isSnowflake(item.destination) else { return .dead("a discord.dm destination is a Discord user id") }
            switch await dmChannel(userID: item.destination, discord: discord, transport: transport) {
            case .opened(let channelID):
                return await sendMessageParts(channelID: channelID, text: text, markup: item.markup, discord: discord, transport: transport)
            case .failed(let attempt):
                return attempt
            }
        case .discordRole:
            switch DiscordDestination.roleChange(destination: item.destination, action: text, defaultGuildID: discordGuildID) {
            case .failure(let invalid): return .dead(invalid.reason)
            case .success(let change):
                let request = discord.setRole(guildID: change.guildID, userID: change.userID, roleID: change.roleID, present: change.add, reason: "Herald rank sync")
                return await sendDiscordRequests([request], transport: transport)
            }
        case .discordFollowup:
            guard let applicationID = discordApplicationID else { return Self.notConfigured("DISCORD_APPLICATION_ID") }
            switch DiscordDestination.followup(destination: item.destination) {
            case .failure(let invalid): return .dead(invalid.reason)
            case .success(let followup):
                let parts = MessageSplitter.split(text, limit: MessageSplitter.discordLimit)
                let requests = parts.enumerated().map { index, part in
                    discord.followup(
                        applicationID: applicationID, interactionToken: followup.interactionToken, content: part,
                        editOriginal: followup.editOriginal && index == 0,
                        componentsJSON: index == parts.count - 1 ? item.markup : nil
                    )
                }
                return await sendDiscordRequests(requests, transport: transport)
            }
        default:
            return .dead("\(item.channel.rawValue) is not a Discord channel")
        }
    }

    /// Posts `text` in as many messages as the limit needs; the buttons go under the last one.
    private func sendMessageParts(
        channelID: String, text: String, markup: String?, discord: DiscordRequests, transport: any HTTPTransport
    ) async -> ChannelAttempt {
        guard DiscordDestination.isSnowflake(channelID) else { return .dead("a Discord channel id is a snowflake (digits)") }
        let parts = MessageSplitter.split(text, limit: MessageSplitter.discordLimit)
        let requests = parts.enumerated().map { index, part in
            discord.createMessage(channelID: channelID, content: part, componentsJSON: index == parts.count - 1 ? markup : nil)
        }
        return await sendDiscordRequests(requests, transport: transport)
    }

    private func sendDiscordRequests(_ requests: [OutboundRequest], transport: any HTTPTransport) async -> ChannelAttempt {
        await sendAll(requests, provider: .discord, transport: transport, pace: paceDiscord, learn: learnDiscord, onRateLimit: pauseDiscord)
    }

    private enum DMChannel {
        case opened(String)
        case failed(ChannelAttempt)
    }

    /// The DM channel for a user: cached, or opened now (the answer's `id`).
    private func dmChannel(userID: String, discord: DiscordRequests, transport: any HTTPTransport) async -> DMChannel {
        if let cached = await dmChannels.channel(for: userID) { return .opened(cached) }
        let (attempt, response) = await exchange(
            discord.createDM(recipientID: userID), provider: .discord, transport: transport,
            pace: paceDiscord, learn: learnDiscord, onRateLimit: pauseDiscord
        )
        guard attempt.decision == .delivered else { return .failed(attempt) }
        guard let response, let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let id = json["id"] as? String, DiscordDestination.isSnowflake(id)
        else {
            let reason = "Discord answered create-DM without a channel id"
            return .failed(ChannelAttempt(decision: .retry(after: nil, consumesAttempt: true, reason: reason), statusCode: attempt.statusCode))
        }
        await dmChannels.remember(id, for: userID)
        return .opened(id)
    }

    private func paceDiscord(_ request: OutboundRequest) async {
        await pacer.waitForDiscord(DiscordRoute(method: request.method, path: request.url))
    }

    private func learnDiscord(_ request: OutboundRequest, _ response: OutboundResponse) async {
        await pacer.recordDiscord(DiscordRoute(method: request.method, path: request.url), response: response)
    }

    private func pauseDiscord(_ wait: Duration, _ scope: RateLimitScope) async {
        await pacer.pause(provider: .discord, scope: scope, for: wait)
    }
}
