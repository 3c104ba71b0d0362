import Foundation
import HeraldApp
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import HeraldVerify
import Logging
import SQLKit
import Testing

/// The Discord token refresh job against a local server playing Discord's token endpoint.
@Suite struct DiscordTokenRefreshTests {
    static let box = try! SecretBox(key: AccountLinkingTests.key)
    static let now = Date()

    /// What the `users` row holds for a member's Discord authorization.
    struct Stored: Decodable, Equatable {
        let access: Data?
        let refresh: Data?
        let expiresAt: Date?
        enum CodingKeys: String, CodingKey { case access = "discord_access_token", refresh = "discord_refresh_token", expiresAt = "discord_token_expires_at" }

        func open(_ data: Data?) throws -> String { String(decoding: try DiscordTokenRefreshTests.box.open([UInt8](try #require(data))), as: UTF8.self) }
    }

    static func stored(_ store: Store, _ id: Int64) async throws -> Stored {
        try await store.backend.withConnection { db in
            try #require(
                try await db.select().columns("discord_access_token", "discord_refresh_token", "discord_token_expires_at").from("users")
                    .where("id", .equal, SQLBind(id)).first(decoding: Stored.self)
            )
        }
    }

    /// A linked member whose sealed tokens expire `expiresIn` seconds from `now`.
    static func member(_ store: Store, _ name: String, access: String, refresh: String, expiresIn: TimeInterval) async throws -> Int64 {
        let user = try await store.users.create(NewUser(displayName: name))
        try await store.backend.withConnection { db in
            try await UserRepository.storeDiscordAuthorization(
                userID: user.id, username: name, avatar: nil, accessToken: try box.seal(Array(access.utf8)), refreshToken: try box.seal(Array(refresh.utf8)),
                expiresAt: now.addingTimeInterval(expiresIn), on: db
            )
        }
        return user.id
    }

    /// Runs `body` with the job over a migrated store on `database`, Discord played by `discord`.
    static func withJob(
        _ database: TestDatabase, _ discord: FakeDiscordOAuth, logger: Logger = Logger(label: "herald.test", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: @escaping @Sendable (DiscordTokenRefreshJob, Store) async throws -> Void
    ) async throws {
        let transport = CurlTransport()
        try await discord.serve { base in
            let configuration = try await HeraldConfiguration.load(environment: AccountLinkingTests.environment(discordBase: base))
            try await database.withStore { store in
                let job = try #require(buildDiscordTokenRefreshJob(configuration: configuration, store: store, transport: transport, logger: logger))
                try await body(job, store)
            }
        }
        await transport.shutdown()
    }

    @Test(arguments: TestDatabase.allCases)
    func dueTokensAreRefreshedOnceAndResealedOthersUntouchedRefusedOnesCleared(database: TestDatabase) async throws {
        let discord = FakeDiscordOAuth(clientID: "client-1", clientSecret: "secret-1")
        let ana = await discord.issueTokens(for: .init(id: "1", username: "ana"))
        let bo = await discord.issueTokens(for: .init(id: "2", username: "bo"))
        let logs = SecretHygieneTests.CapturedLines()
        let logger = Logger(label: "herald.test") { label in JSONLogHandler(label: label, level: .trace, write: { logs.append($0) }) }
        try await Self.withJob(database, discord, logger: logger) { job, store in
            let due = try await Self.member(store, "Ana", access: ana.accessToken, refresh: ana.refreshToken, expiresIn: 3_600)
            let later = try await Self.member(store, "Bo", access: bo.accessToken, refresh: bo.refreshToken, expiresIn: 5 * 86_400)
            let revoked = try await Self.member(store, "Cy", access: "access-old", refresh: "refresh-unknown-to-discord", expiresIn: 600)
            let laterBefore = try await Self.stored(store, later)

            let summary = await job.refreshDue(now: Self.now)
            #expect(summary == .init(refreshed: 1, cleared: 1, failed: 0))
            #expect(await discord.refreshes == 1)

            let refreshed = try await Self.stored(store, due)
            let access = try refreshed.open(refreshed.access)
            let refresh = try refreshed.open(refreshed.refresh)
            #expect(access != ana.accessToken && refresh != ana.refreshToken)
            #expect(await discord.isValid(accessToken: access))
            for sealed in [refreshed.access, refreshed.refresh] {
                let text = String(decoding: try #require(sealed), as: UTF8.self)
                #expect(!text.contains(access) && !text.contains(refresh) && !text.contains("access-") && !text.contains("refresh-"))
            }
            let expiry = try #require(refreshed.expiresAt).timeIntervalSince(Self.now)
            #expect(abs(expiry - 604_800) < 5)

            #expect(try await Self.stored(store, later) == laterBefore)
            #expect(try await Self.stored(store, revoked) == Stored(access: nil, refresh: nil, expiresAt: nil))

            // A second check finds nothing due: each token is refreshed once.
            #expect(await job.refreshDue(now: Self.now) == .init())
            #expect(await discord.refreshes == 1)

            // Ana's old refresh token is spent: Discord refuses it like a revoked one.
            let replayed = try await Self.member(store, "Di", access: "access-x", refresh: ana.refreshToken, expiresIn: 60)
            #expect(await job.refreshDue(now: Self.now) == .init(refreshed: 0, cleared: 1, failed: 0))
            #expect(try await Self.stored(store, replayed).refresh == nil)
        }
        // Who had to link again is logged; no token ever is.
        #expect(logs.all.contains("must link again"))
        #expect(!logs.all.contains("access-") && !logs.all.contains("refresh-"))
    }

    @Test(arguments: TestDatabase.allCases)
    func aDiscordOutageLeavesTheTokensForTheNextCheck(database: TestDatabase) async throws {
        let discord = FakeDiscordOAuth(clientID: "client-1", clientSecret: "secret-1")
        let ana = await discord.issueTokens(for: .init(id: "1", username: "ana"))
        try await Self.withJob(database, discord) { job, store in
            let member = try await Self.member(store, "Ana", access: ana.accessToken, refresh: ana.refreshToken, expiresIn: 3_600)
            let before = try await Self.stored(store, member)
            for status in [500, 503] {
                await discord.setOutage(status: status)
                #expect(await job.refreshDue(now: Self.now) == .init(refreshed: 0, cleared: 0, failed: 1))
                #expect(try await Self.stored(store, member) == before)
            }
            await discord.setOutage(status: nil)
            #expect(await job.refreshDue(now: Self.now) == .init(refreshed: 1, cleared: 0, failed: 0))
            let after = try await Self.stored(store, member)
            #expect(try after.open(after.refresh) != ana.refreshToken)
        }
    }

    @Test func theJobExistsOnlyWithOAuthAndTheKeyAndReadsItsSettings() async throws {
        let transport = CurlTransport()
        var environment = AccountLinkingTests.environment(discordBase: "http://127.0.0.1:9")
        environment["DISCORD_TOKEN_REFRESH_WINDOW_SECONDS"] = "7200"
        environment["DISCORD_TOKEN_REFRESH_INTERVAL_SECONDS"] = "600"
        let configuration = try await HeraldConfiguration.load(environment: environment)
        var withoutKey = environment
        withoutKey["HERALD_ENCRYPTION_KEY"] = nil
        let unkeyed = try await HeraldConfiguration.load(environment: withoutKey)
        #expect(configuration.discordTokenRefresh == DiscordTokenRefreshSettings(window: .seconds(7_200), interval: .seconds(600)))
        #expect(try await HeraldConfiguration.load(environment: [:]).discordTokenRefresh == DiscordTokenRefreshSettings())
        await #expect(throws: ConfigurationError.self) {
            try await HeraldConfiguration.load(environment: ["DISCORD_TOKEN_REFRESH_WINDOW_SECONDS": "soon"])
        }
        try await TestDatabase.sqlite.withStore { store in
            let logger = Logger(label: "herald.test", factory: { _ in SwiftLogNoOpLogHandler() })
            #expect(buildDiscordTokenRefreshJob(configuration: configuration, store: store, transport: transport, logger: logger) != nil)
            #expect(buildDiscordTokenRefreshJob(configuration: unkeyed, store: store, transport: transport, logger: logger) == nil)
            let unconfigured = try await HeraldConfiguration.load(environment: [:])
            #expect(buildDiscordTokenRefreshJob(configuration: unconfigured, store: store, transport: transport, logger: logger) == nil)
        }
        await transport.shutdown()
    }
}
