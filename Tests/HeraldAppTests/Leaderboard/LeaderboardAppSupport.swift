import Foundation
import HeraldApp
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging

/// An application for the leaderboard tests, on either database, with the relay
/// and the recompute job off so tests recompute by hand and read the outbox.
enum LeaderboardApp {
    static let adminToken = "admin-token-for-leaderboard-tests"
    static let auth: HTTPFields = [.authorization: "Bearer \(adminToken)", .contentType: "application/json"]

    static var environment: [String: String] {
        [
            "HERALD_ADMIN_TOKEN": adminToken,
            "TEMPLATES_DIRECTORY": NotificationAPITests.templatesDirectory,
            "DISCORD_GUILD_ID": "1111",
            "DISCORD_BOT_TOKEN": "discord-bot-token-for-tests",
            "TELEGRAM_BOT_TOKEN": "123:telegram-bot-token-for-tests",
            "LEADERBOARD_TIERS_CHAMPION_DISCORD_ROLE_ID": "9001",
            "LEADERBOARD_TIERS_SILVER_DISCORD_ROLE_ID": "9002",
        ]
    }

    static func run(
        _ database: TestDatabase,
        environment: [String: String] = environment,
        _ body: @escaping @Sendable (any TestClientProtocol, Store, LeaderboardJob) async throws -> Void
    ) async throws {
        try await database.withEmptyDatabase { url in
            let configuration = try await HeraldConfiguration.load(environment: environment)
            let logger = Logger(label: "herald.test", factory: { _ in SwiftLogNoOpLogHandler() })
            let store = try await TestDatabase.openStore(url)
            try await store.closing { store in
                let app = try buildApplication(configuration: configuration, store: store, logger: logger, relay: false, leaderboardJob: false)
                let job = buildLeaderboardJob(
                    configuration: configuration, store: store, templates: try configuration.templates.loadLibrary(logger: logger), logger: logger
                )
                try await app.test(.router) { client in try await body(client, store, job) }
            }
        }
    }

    /// Sends `body` to `uri` and returns the status and the decoded JSON object.
    static func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers: HTTPFields = auth
    ) async throws -> (status: Int, json: [String: Any]) {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let json = (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:]
            return (Int(response.status.code), json)
        }
    }
}
