import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import Logging

/// Builds dispatchers pointed at the provider fakes, and drains the outbox.
enum RelayHarness {
    static let telegramToken = "123456:TEST-token"
    static let discordToken = "discord-bot-token"
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static var fastSettings: Dispatcher.Settings {
        var settings = Dispatcher.Settings()
        settings.idlePoll = .milliseconds(20)
        settings.senderLockRetry = .milliseconds(200)
        return settings
    }

    static func dispatcher(
        store: Store,
        transport: any HTTPTransport,
        telegram: String? = nil,
        discord: String? = nil,
        discordToken: String = discordToken,
        discordGuildID: String? = nil,
        webhookTargets: (any WebhookTargets)? = nil,
        alerts: AdminAlerts? = nil,
        pacer: Pacer = Pacer(),
        senderLocks: [ProviderKind: SessionLock] = [:],
        settings: Dispatcher.Settings = fastSettings
    ) -> Dispatcher {
        Dispatcher(
            store: store, transport: transport,
            channels: ChannelSenders(
                telegram: telegram.map { TelegramRequests(baseURL: $0, botToken: telegramToken) },
                discord: discord.map { DiscordRequests(baseURL: $0 + "/api/v10", botToken: discordToken) },
                discordApplicationID: "1000000000000000001", discordGuildID: discordGuildID,
                webhookTargets: webhookTargets, pacer: pacer
            ),
            settings: settings, senderLocks: senderLocks, alerts: alerts, logger: quiet
        )
    }

    /// Runs the dispatcher until nothing is pending, retrying or sending, or the deadline passes.
    static func drain(_ dispatcher: Dispatcher, store: Store, deadline: Duration = .seconds(20)) async throws {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            try await dispatcher.deliverDue()
            if try await unfinished(store) == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    static func unfinished(_ store: Store) async throws -> Int {
        let depth = try await store.outbox.depth()
        return (depth[.pending] ?? 0) + (depth[.retrying] ?? 0) + (depth[.sending] ?? 0)
    }

    @discardableResult
    static func enqueue(_ store: Store, _ channel: NotificationChannel, _ destination: String, _ body: String) async throws -> OutboxItem {
        try await store.outbox.enqueue(NewNotification(channel: channel, destination: destination, body: body)).item
    }
}
