import Foundation
import HeraldCore
import HeraldStore

/// One delivery attempt's result: the decision and the status that led to it.
public struct ChannelAttempt: Sendable {
    public var decision: DeliveryDecision
    public var statusCode: Int?
}

/// Sends one outbox row on its channel: builds the provider's requests, waits
/// for the pacer, and classifies the answer.
public struct ChannelSenders: Sendable {
    let telegram: TelegramRequests?
    let discord: DiscordRequests?
    let pacer: Pacer

    public init(telegram: TelegramRequests?, discord: DiscordRequests?, pacer: Pacer) {
        self.telegram = telegram
        self.discord = discord
        self.pacer = pacer
    }

    func send(_ item: OutboxItem, transport: any HTTPTransport) async -> ChannelAttempt {
        guard let text = item.body, !text.isEmpty else {
            return ChannelAttempt(decision: .dead(reason: "the notification has no rendered text"), statusCode: nil)
        }
        switch item.channel {
        case .telegramMessage:
            guard let telegram else { return Self.notConfigured("TELEGRAM_BOT_TOKEN") }
            let parts = MessageSplitter.split(TelegramRequests.escapeHTML(text), limit: MessageSplitter.telegramLimit, length: MessageSplitter.utf16Length)
            return await sendAll(parts.map { telegram.sendMessage(chatID: item.destination, htmlText: $0) }, provider: .telegram, transport: transport) {
                _ in await pacer.waitForTelegram(chatID: Int64(item.destination) ?? 0)
            } learn: { _, _ in }
        case .discordMessage:
            guard let discord else { return Self.notConfigured("DISCORD_BOT_TOKEN") }
            let parts = MessageSplitter.split(text, limit: MessageSplitter.discordLimit)
            return await sendAll(parts.map { discord.createMessage(channelID: item.destination, content: $0) }, provider: .discord, transport: transport) {
                request in await pacer.waitForDiscord(DiscordRoute(method: request.method, path: request.url))
            } learn: { request, response in
                await pacer.recordDiscord(DiscordRoute(method: request.method, path: request.url), response: response)
            }
        default:
            // Held, not dropped: delivered once this build learns the channel (until the retry policy's maximum age).
            return ChannelAttempt(decision: .pauseChannel(reason: "the \(item.channel.rawValue) channel is not available yet"), statusCode: nil)
        }
    }

    /// Sends the parts in order, stopping at the first that is not delivered.
    private func sendAll(
        _ requests: [OutboundRequest],
        provider: ProviderKind,
        transport: any HTTPTransport,
        pace: (OutboundRequest) async -> Void,
        learn: (OutboundRequest, OutboundResponse) async -> Void
    ) async -> ChannelAttempt {
        var last = ChannelAttempt(decision: .delivered, statusCode: nil)
        for request in requests {
            await pace(request)
            let result: Result<OutboundResponse, TransportError>
            do {
                let response = try await transport.send(request)
                await learn(request, response)
                result = .success(response)
            } catch {
                result = .failure(error)
            }
            let statusCode = try? result.get().status
            last = ChannelAttempt(decision: DeliveryClassifier.classify(result, provider: provider), statusCode: statusCode)
            if case .rateLimited(let wait, let scope, _) = last.decision {
                await pacer.pause(provider: provider, scope: scope, for: wait)
            }
            guard last.decision == .delivered else { return last }
        }
        return last
    }

    /// A channel without credentials holds its rows (no attempt used) until they are configured.
    static func notConfigured(_ variable: String) -> ChannelAttempt {
        ChannelAttempt(decision: .pauseChannel(reason: "\(variable) is not configured"), statusCode: nil)
    }
}
