import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Synchronization
import Testing

/// Slash commands answered late are deferred (type 5) and their answer edits
/// the deferred message through the relay (`discord.followup`).
@Suite struct DiscordDeferralTests {
    static func environment(deferAfterMilliseconds: Int) -> [String: String] {
        ["DISCORD_APPLICATION_ID": "11", "DISCORD_DEFER_AFTER_MS": String(deferAfterMilliseconds)]
    }

    /// The follow-ups queued so far, waiting up to 10 s for `count` of them (they are queued after the answer).
    static func followups(_ store: Store, count: Int) async throws -> [OutboxItem] {
        var items: [OutboxItem] = []
        for _ in 0..<200 {
            items = try await store.outbox.list(status: nil, limit: 50).filter { $0.channel == .discordFollowup }
            if items.count >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return items
    }

    @Test(arguments: TestDatabase.allCases)
    func aDeferredCommandsAnswerEditsTheOriginalMessage(database: TestDatabase) async throws {
        let answeredInTime = Mutex("")
        // Without an application id there is no follow-up to send, so nothing is deferred.
        try await Community.withApp(database) { client, _ in
            let (_, response) = try await Community.postDiscord(Community.command("balance"), to: client)
            #expect(response["type"] as? Int == 4)
            answeredInTime.withLock { $0 = Community.content(response) }
        }
        try await Community.withApp(database, environment: Self.environment(deferAfterMilliseconds: 0)) { client, store in
            let id = "1100000000000000777"
            var (status, response) = try await Community.postDiscord(Community.command("balance", id: id), to: client)
            #expect(status == 200)
            #expect(response["type"] as? Int == 5)
            #expect((response["data"] as? [String: Any])?["flags"] as? Int == 64)

            let followups = try await Self.followups(store, count: 1)
            #expect(followups.count == 1)
            #expect(followups.first?.destination == "itoken-\(id)/@original")
            #expect(followups.first?.body == answeredInTime.withLock { $0 })
            #expect(followups.first?.body?.isEmpty == false)

            // The public board is deferred publicly, and its answer follows too.
            (status, response) = try await Community.postDiscord(Community.command("leaderboard"), to: client)
            #expect(response["type"] as? Int == 5)
            #expect(response["data"] == nil)
            #expect(try await Self.followups(store, count: 2).count == 2)

            // Discord never repeats an interaction, but a replayed one is a duplicate and queues nothing more.
            (status, response) = try await Community.postDiscord(Community.command("balance", id: id), to: client)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await store.outbox.list(status: nil, limit: 50).filter { $0.channel == .discordFollowup }.count == 2)
        }
    }

    /// A Discord handler that fails the way a lost database does.
    struct FailingHandler: InboundEventHandler {
        struct Lost: Error {}
        func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult { throw Lost() }
    }

    @Test func aDeferredCommandThatFailsSaysSoInItsLanguage() async throws {
        var handlers = InboundHandlerRegistry()
        handlers.registerFallback(FailingHandler(), source: "discord")
        try await Community.withApp(.sqlite, environment: Self.environment(deferAfterMilliseconds: 0), handlers: handlers) { client, store in
            let id = "1100000000000000888"
            let (status, response) = try await Community.postDiscord(Community.command("balance", locale: "es-ES", id: id), to: client)
            #expect(status == 200)
            #expect(response["type"] as? Int == 5)
            let followups = try await Self.followups(store, count: 1)
            #expect(followups.map(\.destination) == ["itoken-\(id)/@original"])
            #expect(followups.first?.body?.hasPrefix("Algo falló") == true)
        }
    }

    @Test func buttonsAreNeverDeferred() async throws {
        try await Community.withApp(.sqlite, environment: Self.environment(deferAfterMilliseconds: 0)) { client, _ in
            let (_, response) = try await Community.postDiscord(Community.click("request:approve:1", userID: "80351110224678912"), to: client)
            #expect(response["type"] as? Int != 5)
        }
    }

    @Test func theDeferralDelayIsBounded() async throws {
        await #expect(throws: ConfigurationError.self) { try await HeraldConfiguration.load(environment: ["DISCORD_DEFER_AFTER_MS": "3000"]) }
    }
}
