import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import MetricsTestKit
import ServiceLifecycle
import Testing

/// The relay's metrics after real deliveries to the Telegram fake.
@Suite struct RelayMetricsTests {
    @Test func attemptsDeadLettersAndDepthAreCounted() async throws {
        let metrics = TestMetrics()
        let fake = FakeTelegram(token: RelayHarness.telegramToken)
        await fake.block("13")
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                try await RelayHarness.enqueue(store, .telegramMessage, "11", "hello")
                try await RelayHarness.enqueue(store, .telegramMessage, "12", "hello")
                try await RelayHarness.enqueue(store, .telegramMessage, "13", "blocked")
                var settings = RelayHarness.fastSettings
                settings.depthSampleInterval = .milliseconds(50)
                let dispatcher = Dispatcher(
                    store: store, transport: transport,
                    channels: ChannelSenders(telegram: TelegramRequests(baseURL: baseURL, botToken: RelayHarness.telegramToken), discord: nil, pacer: Pacer()),
                    settings: settings, metrics: RelayMetrics(factory: metrics), logger: RelayHarness.quiet
                )
                let group = ServiceGroup(services: [dispatcher], gracefulShutdownSignals: [], logger: RelayHarness.quiet)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    let end = ContinuousClock.now + .seconds(10)
                    while try await RelayHarness.unfinished(store) > 0, ContinuousClock.now < end {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    try await Task.sleep(for: .milliseconds(150))
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                }
            }
        }
        let delivered = try metrics.expectCounter("herald_relay_attempts_total", [("provider", "telegram"), ("outcome", "delivered")])
        #expect(delivered.totalValue == 2)
        let dead = try metrics.expectCounter("herald_relay_attempts_total", [("provider", "telegram"), ("outcome", "dead")])
        #expect(dead.totalValue == 1)
        #expect(try metrics.expectCounter("herald_relay_dead_letters_total", [("channel", "telegram.message")]).totalValue == 1)
        #expect(try metrics.expectTimer("herald_relay_delivery_duration_seconds", [("provider", "telegram")]).values.count == 3)
        #expect(try metrics.expectGauge("herald_outbox_depth", [("status", "delivered")]).lastValue == 2)
        #expect(try metrics.expectGauge("herald_outbox_depth", [("status", "dead")]).lastValue == 1)
        await transport.shutdown()
    }
}
