import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Logging
import Testing

/// The dispatcher against a fake Telegram that enforces the published limits.
@Suite struct DispatcherTests {
    static let token = RelayHarness.telegramToken

    static func dispatcher(store: Store, baseURL: String, transport: CurlTransport) -> Dispatcher {
        RelayHarness.dispatcher(store: store, transport: transport, telegram: baseURL)
    }

    static func drain(_ dispatcher: Dispatcher, store: Store, deadline: Duration = .seconds(20)) async throws {
        try await RelayHarness.drain(dispatcher, store: store, deadline: deadline)
    }

    @Test(arguments: TestDatabase.allCases)
    func messagesArriveAtTheProvidersPaceWithoutA429(database: TestDatabase) async throws {
        let fake = FakeTelegram(token: Self.token)
        let transport = CurlTransport()
        try await database.withStore { store in
            try await fake.serve { baseURL in
                for index in 0..<12 {
                    _ = try await store.outbox.enqueue(NewNotification(
                        channel: .telegramMessage, destination: String(1000 + index % 4), body: "Rank <#\(index)> & rising"
                    ))
                }
                try await Self.drain(Self.dispatcher(store: store, baseURL: baseURL, transport: transport), store: store)
            }
            #expect(try await store.outbox.depth() == [.delivered: 12])
        }
        let received = await fake.messages
        #expect(received.count == 12)
        #expect(await fake.tooManyRequests == 0)
        #expect(received.contains { $0.text == "Rank &lt;#0&gt; &amp; rising" })
        // Three messages per chat, at least a second apart.
        for chat in Set(received.map(\.chatID)) {
            let times = received.filter { $0.chatID == chat }.map(\.at).sorted()
            #expect(times.count == 3)
            for (earlier, later) in zip(times, times.dropFirst()) {
                #expect(later - earlier >= .milliseconds(950))
            }
        }
        await transport.shutdown()
    }

    @Test(arguments: TestDatabase.allCases)
    func aBlockedBotIsADeadLetterWithItsReason(database: TestDatabase) async throws {
        let fake = FakeTelegram(token: Self.token)
        await fake.block("777")
        let transport = CurlTransport()
        try await database.withStore { store in
            let item = try await store.outbox.enqueue(NewNotification(channel: .telegramMessage, destination: "777", body: "hello")).item
            try await fake.serve { baseURL in
                try await Self.drain(Self.dispatcher(store: store, baseURL: baseURL, transport: transport), store: store)
            }
            let dead = try #require(try await store.outbox.find(id: item.id))
            #expect(dead.status == .dead)
            #expect(dead.lastStatusCode == 403)
            #expect(dead.lastError?.contains("blocked") == true)
            #expect(dead.attempts == 1)
        }
        await transport.shutdown()
    }

    @Test func anUnreachableProviderIsRetriedLaterNotLost() async throws {
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            let item = try await store.outbox.enqueue(NewNotification(channel: .telegramMessage, destination: "1", body: "hello")).item
            let dispatcher = Self.dispatcher(store: store, baseURL: "http://127.0.0.1:9", transport: transport)
            #expect(try await dispatcher.deliverDue() == 1)
            let retrying = try #require(try await store.outbox.find(id: item.id))
            #expect(retrying.status == .retrying)
            #expect(retrying.attempts == 1)
            #expect(retrying.nextAttemptAt > Date())
            #expect(try await store.outbox.attemptCount(id: item.id) == 1)
        }
        await transport.shutdown()
    }
}
