import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Testing

/// Every Discord channel against a local server that plays Discord's REST API.
@Suite struct DiscordChannelTests {
    static let user = "80351110224678912"

    @Test func aChannelMessageIsPostedWithTheBotTokenAndAnUnknownChannelIsDead() async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        await fake.forget(channel: "404404404404404404")
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                let ok = try await RelayHarness.enqueue(store, .discordMessage, "1100000000000000000", "Rank up!")
                let missing = try await RelayHarness.enqueue(store, .discordMessage, "404404404404404404", "x")
                let dispatcher = RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL)
                #expect(try await dispatcher.deliverDue() == 2)
                #expect(try await store.outbox.find(id: ok.id)?.status == .delivered)
                let dead = try #require(try await store.outbox.find(id: missing.id))
                #expect(dead.status == .dead)
                #expect(dead.lastError?.contains("Unknown Channel") == true)
            }
        }
        let calls = await fake.calls
        #expect(calls.count == 1)
        #expect(calls.first?.method == "POST")
        #expect(calls.first?.path == "/channels/1100000000000000000/messages")
        #expect(calls.first?.authorization == "Bot \(RelayHarness.discordToken)")
        #expect(calls.first?.body["content"] == .text("Rank up!"))
        #expect(calls.first?.body["allowed_mentions"] == .json(#"{"parse":[]}"#))
        await transport.shutdown()
    }

    @Test func aDirectMessageOpensTheDMChannelOnceAndReusesIt() async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                try await RelayHarness.enqueue(store, .discordDM, Self.user, "first")
                let dispatcher = RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL)
                try await RelayHarness.drain(dispatcher, store: store)
                try await RelayHarness.enqueue(store, .discordDM, Self.user, "second")
                try await RelayHarness.drain(dispatcher, store: store)
                #expect(try await store.outbox.depth() == [.delivered: 2])
            }
        }
        #expect(await fake.dmChannelsOpened == 1)
        let posts = await fake.calls.filter { $0.path == "/channels/\(FakeDiscord.dmChannel(of: Self.user))/messages" }
        #expect(posts.map { $0.body["content"] } == [.text("first"), .text("second")])
        #expect(await fake.calls.first?.body["recipient_id"] == .text(Self.user))
        await transport.shutdown()
    }

    @Test func aMemberWhoClosedTheirDMsIsADeadLetterWithDiscordsReason() async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        await fake.closeDMs(of: Self.user)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            let item = try await RelayHarness.enqueue(store, .discordDM, Self.user, "hello")
            try await fake.serve { baseURL in
                try await RelayHarness.drain(RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL), store: store)
            }
            let dead = try #require(try await store.outbox.find(id: item.id))
            #expect(dead.status == .dead)
            #expect(dead.lastStatusCode == 403)
            #expect(dead.lastError?.contains("50007") == true)
            #expect(dead.attempts == 1)
        }
        await transport.shutdown()
    }

    @Test func roleChangesAddAndRemoveTheMembersRole() async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                try await RelayHarness.enqueue(store, .discordRole, "111/222/333", "add")
                try await RelayHarness.enqueue(store, .discordRole, "222/444", "remove")
                let bad = try await RelayHarness.enqueue(store, .discordRole, "222", "add")
                let badVerb = try await RelayHarness.enqueue(store, .discordRole, "111/222/333", "toggle")
                let dispatcher = RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL, discordGuildID: "111")
                try await RelayHarness.drain(dispatcher, store: store)
                #expect(try await store.outbox.find(id: bad.id)?.lastError?.contains("GUILD_ID/USER_ID/ROLE_ID") == true)
                #expect(try await store.outbox.find(id: badVerb.id)?.lastError?.contains("\"add\" or \"remove\"") == true)
                #expect(try await store.outbox.depth() == [.delivered: 2, .dead: 2])
            }
        }
        let calls = await fake.calls
        #expect(Set(calls.map { "\($0.method) \($0.path)" }) == ["PUT /guilds/111/members/222/roles/333", "DELETE /guilds/111/members/222/roles/444"])
        #expect(calls.allSatisfy { $0.auditLogReason == "Herald%20rank%20sync" })
        await transport.shutdown()
    }

    @Test func followupsPostOrEditTheOriginalWithoutTheBotToken() async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        await fake.expire(interactionToken: "expired-token")
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                try await RelayHarness.enqueue(store, .discordFollowup, "tok-1/@original", "Approved by Ana")
                try await RelayHarness.enqueue(store, .discordFollowup, "tok-2", "Here is your profile")
                let expired = try await RelayHarness.enqueue(store, .discordFollowup, "expired-token", "late")
                try await RelayHarness.drain(RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL), store: store)
                let dead = try #require(try await store.outbox.find(id: expired.id))
                #expect(dead.status == .dead)
                #expect(dead.lastError?.contains("Unknown Webhook") == true)
            }
        }
        let calls = await fake.calls
        #expect(Set(calls.map { "\($0.method) \($0.path)" }) == [
            "PATCH /webhooks/1000000000000000001/tok-1/messages/@original", "POST /webhooks/1000000000000000001/tok-2",
        ])
        #expect(calls.allSatisfy { $0.authorization == nil })
        await transport.shutdown()
    }
}
