import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldVerify
import Logging
import ServiceLifecycle

/// `herald-bench relay DATABASE_URL`: the dispatcher's throughput against local fakes.
///
/// (a) signed webhook deliveries per second to an endpoint with no limit, and the
/// process's peak RSS; (b) Telegram messages against a fake enforcing Telegram's
/// limits scaled up ten times: the achieved rate as a fraction of the allowed
/// rate, and how many 429s the fake answered.
enum RelayBenchmark {
    static let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })

    static func run(databaseURL: String, messages: Int) async throws {
        let url = try DatabaseURL(parsing: databaseURL)
        let store = try await Store.open(url, logger: logger)
        try await store.closing { store in
            try await store.withRunningService {
                _ = try await store.migrate()
                try await unlimitedEndpoint(store: store, messages: messages)
                try await telegramAtTenTimesTheLimits(store: store, messages: messages, chats: messages / 10)
            }
        }
    }

    static func unlimitedEndpoint(store: Store, messages: Int) async throws {
        let receiver = FakeWebhookReceiver(secret: nil)
        let key = [UInt8](repeating: 9, count: 32)
        let secrets = try SecretBox(key: key)
        let elapsed = try await receiver.serve { url in
            let endpoint = try await store.endpoints.create(NewEndpoint(url: url, secretSealed: try secrets.seal(Array("whsec_YmVuY2htYXJrLXNlY3JldC0xMjM0".utf8))))
            try await enqueue(store, count: messages) { index in
                NewNotification(channel: .webhook, destination: String(endpoint.id), body: #"{"type":"bench","n":\#(index)}"#)
            }
            let channels = ChannelSenders(telegram: nil, discord: nil, webhookTargets: StoredWebhookTargets(store: store, secrets: secrets), pacer: Pacer())
            return try await deliverAll(store: store, channels: channels)
        }
        let delivered = await receiver.deliveryCount
        print(String(format: "  unlimited endpoint: %d deliveries in %.2f s = %.0f deliveries/s; peak RSS %.0f MiB",
            delivered, elapsed.timeInterval, Double(delivered) / elapsed.timeInterval, peakRSSMebibytes()))
    }

    static func telegramAtTenTimesTheLimits(store: Store, messages: Int, chats: Int) async throws {
        let token = "100000:bench-token"
        let fake = FakeTelegram(token: token, limits: .init(perBotPerSecond: 300, perChatPerSecond: 10, perGroupPerMinute: 200))
        try await fake.serve { baseURL in
            // Fan-out order: one message to each chat, then the next round.
            try await enqueue(store, count: messages) { index in
                NewNotification(channel: .telegramMessage, destination: String(1_000_000 + index % chats), body: "bench \(index)")
            }
            let channels = ChannelSenders(
                telegram: TelegramRequests(baseURL: baseURL, botToken: token), discord: nil,
                pacer: Pacer(telegramGlobalPerSecond: 300, telegramPerChatPerSecond: 10, telegramPerGroupPerMinute: 200)
            )
            _ = try await deliverAll(store: store, channels: channels)
        }
        let arrivals = await fake.messages.map(\.at).sorted()
        guard let first = arrivals.first, let last = arrivals.last, arrivals.count > 1 else { return }
        let rate = Double(arrivals.count - 1) / (last - first).timeInterval
        print(String(format: "  telegram ×10 (300/s per bot, 10/s per chat), %d messages over %d chats: %.1f msg/s = %.1f%% of the allowed rate; 429s: %d",
            arrivals.count, chats, rate, rate / 300 * 100, await fake.tooManyRequests))
    }

    static func enqueue(_ store: Store, count: Int, _ make: @escaping @Sendable (Int) -> NewNotification) async throws {
        for start in stride(from: 0, to: count, by: 500) {
            try await store.backend.withTransaction { db in
                for index in start..<min(count, start + 500) { _ = try await OutboxRepository.enqueue(make(index), on: db) }
            }
        }
    }

    /// Runs a dispatcher until the outbox has nothing left to send; returns the time it took.
    static func deliverAll(store: Store, channels: ChannelSenders) async throws -> Duration {
        let transport = CurlTransport()
        var settings = Dispatcher.Settings()
        settings.idlePoll = .milliseconds(20)
        let dispatcher = Dispatcher(store: store, transport: transport, channels: channels, settings: settings, logger: logger)
        let group = ServiceGroup(services: [dispatcher], gracefulShutdownSignals: [], logger: logger)
        let started = ContinuousClock.now
        let elapsed = try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while true {
                let depth = try await store.outbox.depth()
                if (depth[.pending] ?? 0) + (depth[.retrying] ?? 0) + (depth[.sending] ?? 0) == 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            let elapsed = ContinuousClock.now - started
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return elapsed
        }
        await transport.shutdown()
        return elapsed
    }

    /// The process's peak resident set (`VmHWM` in /proc/self/status).
    static func peakRSSMebibytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
