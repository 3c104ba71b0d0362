import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Testing

/// What the relay does when a provider says 429 or refuses the bot token.
@Suite struct RateLimitFeedbackTests {
    @Test(arguments: TestDatabase.allCases)
    func aServerSent429IsHonouredToTheMillisecondWithoutUsingAnAttempt(database: TestDatabase) async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        await fake.rateLimitNext(retryAfter: "1.347")
        let transport = CurlTransport()
        try await database.withStore { store in
            try await fake.serve { baseURL in
                let item = try await RelayHarness.enqueue(store, .discordMessage, "1100000000000000000", "hi")
                let dispatcher = RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL)
                let before = Date()
                #expect(try await dispatcher.deliverDue() == 1)
                let after = Date()
                let waiting = try #require(try await store.outbox.find(id: item.id))
                #expect(waiting.status == .retrying)
                #expect(waiting.attempts == 0)
                #expect(waiting.lastStatusCode == 429)
                let wait = waiting.nextAttemptAt.timeIntervalSince1970
                #expect(wait >= before.timeIntervalSince1970 + 1.347 - 0.001)
                #expect(wait <= after.timeIntervalSince1970 + 1.347 + 0.001)
                // Not a moment early: nothing is due until the wait is over.
                #expect(try await dispatcher.deliverDue() == 0)
                try await Task.sleep(until: .now + .milliseconds(Int64((wait - Date().timeIntervalSince1970) * 1000) + 20))
                #expect(try await dispatcher.deliverDue() == 1)
                #expect(try await store.outbox.find(id: item.id)?.status == .delivered)
            }
        }
        await transport.shutdown()
    }

    @Test func aGlobal429HoldsBackEveryDiscordRoute() async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        await fake.rateLimitNext(retryAfter: "0.6", global: true)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                let dispatcher = RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL)
                try await RelayHarness.enqueue(store, .discordMessage, "1100000000000000000", "first")
                try await dispatcher.deliverDue()
                try await RelayHarness.enqueue(store, .discordMessage, "2200000000000000000", "other route")
                try await dispatcher.deliverDue()
                // The pause runs from the moment the 429 was answered, so the other route's
                // request reaches the fake no sooner than retry_after after the limited one.
                let limited = try #require(await fake.rateLimitedAt.first)
                let other = try #require(await fake.calls.first { $0.path.contains("2200000000000000000") })
                #expect(other.at - limited >= .milliseconds(600))
            }
        }
        await transport.shutdown()
    }

    @Test func aRefusedBotTokenPausesTheProviderAndAlertsTheAdminsOnTheOtherPlatform() async throws {
        let discord = FakeDiscord(token: RelayHarness.discordToken)
        let telegram = FakeTelegram(token: RelayHarness.telegramToken)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await discord.serve { discordURL in
                try await telegram.serve { telegramURL in
                    let dispatcher = RelayHarness.dispatcher(
                        store: store, transport: transport, telegram: telegramURL, discord: discordURL, discordToken: "revoked-token",
                        alerts: AdminAlerts(telegramAdminChatID: "-100200300", discordAdminChannelID: nil)
                    )
                    let held = try await RelayHarness.enqueue(store, .discordMessage, "1100000000000000000", "one")
                    try await dispatcher.deliverDue()
                    let row = try #require(try await store.outbox.find(id: held.id))
                    #expect(row.status == .retrying)
                    #expect(row.attempts == 0)
                    #expect(row.lastStatusCode == 401)
                    #expect(!dispatcher.claimableChannels.contains(.discordDM))
                    #expect(dispatcher.claimableChannels.contains(.telegramMessage))
                    // More Discord rows wait; the alert goes out on Telegram.
                    try await RelayHarness.enqueue(store, .discordDM, "80351110224678912", "two")
                    try await dispatcher.deliverDue()
                    try await dispatcher.deliverDue()
                }
            }
        }
        #expect(await discord.calls.isEmpty)
        let alerts = await telegram.messages
        #expect(alerts.count == 1)
        #expect(alerts.first?.chatID == "-100200300")
        #expect(alerts.first?.text.contains("Discord") == true)
        #expect(alerts.first?.text.contains("revoked-token") == false)
        await transport.shutdown()
    }

    @Test func aTelegram429ReschedulesTheMessageWithoutUsingAnAttempt() async throws {
        // Two pacers (as two processes without a sender lock would) make the fake answer 429;
        // the message then waits Telegram's retry_after.
        let fake = FakeTelegram(token: RelayHarness.telegramToken)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                let first = RelayHarness.dispatcher(store: store, transport: transport, telegram: baseURL)
                let second = RelayHarness.dispatcher(store: store, transport: transport, telegram: baseURL)
                try await RelayHarness.enqueue(store, .telegramMessage, "42", "a")
                try await first.deliverDue()
                let item = try await RelayHarness.enqueue(store, .telegramMessage, "42", "b")
                try await second.deliverDue()
                let limited = try #require(try await store.outbox.find(id: item.id))
                #expect(limited.status == .retrying)
                #expect(limited.lastStatusCode == 429)
                #expect(limited.attempts == 0)
                #expect(limited.nextAttemptAt.timeIntervalSinceNow > 0.5)
            }
        }
        #expect(await fake.tooManyRequests == 1)
        await transport.shutdown()
    }
}
