import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import ServiceLifecycle
import Testing

/// Two Herald processes on one PostgreSQL database: the bot token's sender lock
/// keeps its limits true across both, and the standby takes over.
@Suite struct SharedSenderTests {
    @Test func twoDispatchersDeliverEachMessageOnceWithinTheLimitsAndTheStandbyTakesOver() async throws {
        let fake = FakeTelegram(token: RelayHarness.telegramToken)
        let transport = CurlTransport()
        try await TestDatabase.postgres.withEmptyDatabase { url in
            let first = try await TestDatabase.openStore(url)
            let second = try await TestDatabase.openStore(url)
            try await first.closing { first in
                try await second.closing { second in
                    try await first.withRunningService {
                        try await second.withRunningService {
                            try await first.migrator.migrate()
                            try await fake.serve { baseURL in
                                // Six messages for each of 12 chats: at 1/s per chat, two processes
                                // sending without a shared lock would meet 429s at once.
                                for round in 0..<6 {
                                    for chat in 0..<12 {
                                        try await RelayHarness.enqueue(first, .telegramMessage, String(5000 + chat), "r\(round)")
                                    }
                                }
                                func dispatcher(_ store: Store) -> Dispatcher {
                                    var settings = RelayHarness.fastSettings
                                    settings.maxInFlight = 12
                                    return RelayHarness.dispatcher(
                                        store: store, transport: transport, telegram: baseURL,
                                        senderLocks: SenderLocks.make(store: store, telegramBotToken: RelayHarness.telegramToken, discordBotToken: nil),
                                        settings: settings
                                    )
                                }
                                let active = ServiceGroup(services: [dispatcher(first)], gracefulShutdownSignals: [], logger: RelayHarness.quiet)
                                let standby = ServiceGroup(services: [dispatcher(second)], gracefulShutdownSignals: [], logger: RelayHarness.quiet)
                                let deliveredByFirst = try await withThrowingTaskGroup(of: Void.self) { group in
                                    let activeRun = Task { try await active.run() }
                                    try await Task.sleep(for: .milliseconds(1500))
                                    group.addTask { try await standby.run() }
                                    // Let both run, then stop the first one half-way.
                                    try await Task.sleep(for: .milliseconds(1000))
                                    await active.triggerGracefulShutdown()
                                    try await activeRun.value
                                    let deliveredByFirst = try await first.outbox.depth()[.delivered] ?? 0
                                    let end = ContinuousClock.now + .seconds(30)
                                    while try await RelayHarness.unfinished(first) > 0, ContinuousClock.now < end {
                                        try await Task.sleep(for: .milliseconds(100))
                                    }
                                    await standby.triggerGracefulShutdown()
                                    try await group.waitForAll()
                                    return deliveredByFirst
                                }
                                #expect(deliveredByFirst > 0 && deliveredByFirst < 72, "the standby delivered the rest")
                                #expect(try await first.outbox.depth() == [.delivered: 72])
                            }
                        }
                    }
                }
            }
        }
        let messages = await fake.messages
        #expect(messages.count == 72)
        #expect(await fake.tooManyRequests == 0)
        for chat in Set(messages.map(\.chatID)) {
            #expect(messages.filter { $0.chatID == chat }.map(\.text).sorted() == (0..<6).map { "r\($0)" })
        }
        await transport.shutdown()
    }
}
