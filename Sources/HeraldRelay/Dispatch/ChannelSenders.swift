import Foundation
import HeraldCore
import HeraldStore

/// One delivery attempt's result: the decision and the status that led to it.
public struct ChannelAttempt: Sendable, Equatable {
    public var decision: DeliveryDecision
    public var statusCode: Int?

    static func dead(_ reason: String) -> ChannelAttempt {
        ChannelAttempt(decision: .dead(reason: reason), statusCode: nil)
    }
}

/// Sends one outbox row on its channel: builds the provider's requests, waits
/// for the pacer, and classifies the answer.
///
/// Channels whose credentials are not configured hold their rows (no attempt
/// used) rather than losing them.
public struct ChannelSenders: Sendable {
    let telegram: TelegramRequests?
    let discord: DiscordRequests?
    let discordApplicationID: String?
    let discordGuildID: String?
    let webhookTargets: (any WebhookTargets)?
    let pacer: Pacer
    let dmChannels = DMChannelCache()

    public init(
        telegram: TelegramRequests?,
        discord: DiscordRequests?,
        discordApplicationID: String? = nil,
        discordGuildID: String? = nil,
        webhookTargets: (any WebhookTargets)? = nil,
        pacer: Pacer
    ) {
        self.telegram = telegram
        self.discord = discord
        self.discordApplicationID = discordApplicationID
        self.discordGuildID = discordGuildID
        self.webhookTargets = webhookTargets
        self.pacer = pacer
    }

    func send(_ item: OutboxItem, transport: any HTTPTransport) async -> ChannelAttempt {
        guard let text = item.body, !text.isEmpty else {
            return .dead("the notification has no rendered text")
        }
        switch item.channel {
        case .telegramMessage:
            guard let telegram else { return Self.notConfigured("TELEGRAM_BOT_TOKEN") }
            // Text from a template is already Telegram HTML; plain text is escaped here.
            let html = item.template == nil ? TelegramRequests.escapeHTML(text) : text
            let chatID = Int64(item.destination)
            let parts = MessageSplitter.split(html, limit: MessageSplitter.telegramLimit, length: MessageSplitter.utf16Length)
            let requests = parts.enumerated().map { index, part in
                telegram.sendMessage(chatID: item.destination, htmlText: part, replyMarkupJSON: index == parts.count - 1 ? item.markup : nil)
            }
            return await sendAll(requests, provider: .telegram, transport: transport) {
                _ in await pacer.waitForTelegram(chatID: chatID ?? 0)
            } learn: { _, _ in } onRateLimit: { wait, scope in
                await pacer.pause(provider: .telegram, scope: scope, for: wait, telegramChatID: chatID)
            }
        case .discordMessage, .discordDM, .discordRole, .discordFollowup:
            guard let discord else { return Self.notConfigured("DISCORD_BOT_TOKEN") }
            return await sendDiscord(item, text: text, discord: discord, transport: transport)
        case .webhook:
            return await sendWebhook(item, payload: text, transport: transport)
        }
    }

    /// Sends one request after its pacing and classifies the answer; the response comes back when there was one.
    func exchange(
        _ request: OutboundRequest,
        provider: ProviderKind,
        transport: any HTTPTransport,
        pace: (OutboundRequest) async -> Void,
        learn: (OutboundRequest, OutboundResponse) async -> Void,
        onRateLimit: (Duration, RateLimitScope) async -> Void
    ) async -> (attempt: ChannelAttempt, response: OutboundResponse?) {
        await pace(request)
        let result: Result<OutboundResponse, TransportError>
        do {
            let response = try await transport.send(request)
            await learn(request, response)
            result = .success(response)
        } catch {
            result = .failure(error)
        }
        let response = try? result.get()
        let attempt = ChannelAttempt(decision: DeliveryClassifier.classify(result, provider: provider), statusCode: response?.status)
        if case .rateLimited(let wait, let scope, _) = attempt.decision {
            await onRateLimit(wait, scope)
        }
        return (attempt, response)
    }

    /// Sends the parts in order, stopping at the first that is not delivered.
    func sendAll(
        _ requests: [OutboundRequest],
        provider: ProviderKind,
        transport: any HTTPTransport,
        pace: (OutboundRequest) async -> Void,
        learn: (OutboundRequest, OutboundResponse) async -> Void,
        onRateLimit: (Duration, RateLimitScope) async -> Void
    ) async -> ChannelAttempt {
        var last = ChannelAttempt(decision: .delivered, statusCode: nil)
        for request in requests {
            last = await exchange(request, provider: provider, transport: transport, pace: pace, learn: learn, onRateLimit: onRateLimit).attempt
            guard last.decision == .delivered else { return last }
        }
        return last
    }

    /// A channel without credentials holds its rows (no attempt used) until they are configured.
    static func notConfigured(_ variable: String) -> ChannelAttempt {
        ChannelAttempt(decision: .pauseChannel(reason: "\(variable) is not configured"), statusCode: nil)
    }
}
