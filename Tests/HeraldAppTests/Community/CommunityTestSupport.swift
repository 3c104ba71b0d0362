import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import Synchronization

/// A settable clock for `/daily`, shared by the test and the handlers.
final class TestClock: Sendable {
    private let state: Mutex<Date>
    init(_ date: Date) { state = Mutex(date) }
    var now: Date { state.withLock { $0 } }
    func advance(days: Int) { state.withLock { $0 = $0.addingTimeInterval(Double(days) * 86_400) } }
}

/// The community side of Herald: bots configured, admin channels set, the shipped templates.
enum Community {
    static let adminChannel = "900000000000000001"
    static let adminChat: Int64 = -1001234567890
    static let telegramAdmin: Int64 = 424242
    static let adminRole = "700000000000000007"

    static var environment: [String: String] {
        TestSecrets.environment.merging([
            "DISCORD_ADMIN_CHANNEL_ID": adminChannel,
            "TELEGRAM_ADMIN_CHAT_ID": String(adminChat),
            "TELEGRAM_ADMIN_USER_IDS": String(telegramAdmin),
            "DISCORD_ADMIN_ROLE_IDS": adminRole,
            "TEMPLATES_DIRECTORY": NotificationAPITests.templatesDirectory,
            "ECONOMY_CURRENCIES": "ai,lead,points",
        ]) { $1 }
    }

    /// Runs `body` against the HTTP application on a fresh database of `database`'s kind.
    static func withApp(
        _ database: TestDatabase, clock: TestClock = TestClock(Date()), environment extra: [String: String] = [:],
        handlers customHandlers: InboundHandlerRegistry? = nil,
        _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> Void
    ) async throws {
        try await database.withEmptyDatabase { url in
            let configuration = try await HeraldConfiguration.load(environment: environment.merging(extra) { $1 })
            let logger = Logger(label: "herald.test", factory: { _ in SwiftLogNoOpLogHandler() })
            let handlers = try customHandlers ?? InboundHandlerRegistry.standard(
                configuration: configuration, templates: try configuration.templates.loadLibrary(logger: logger), now: { clock.now }
            )
            let store = try await TestDatabase.openStore(url)
            try await store.closing { store in
                let app = try buildApplication(configuration: configuration, store: store, logger: logger, handlers: handlers, relay: false)
                try await app.test(.router) { client in try await body(client, store) }
            }
        }
    }

    /// A slash command from `userID` in the guild, shaped like Discord's APPLICATION_COMMAND.
    static func command(
        _ name: String, options: [String: Any] = [:], userID: String = "80351110224678912", roles: [String] = [], locale: String = "en-US",
        id: String = String(UInt64.random(in: 1_000_000...9_999_999_999))
    ) -> String {
        let optionList = options.sorted { $0.key < $1.key }.map { key, value -> [String: Any] in
            ["name": key, "type": value is Int ? 4 : 3, "value": value]
        }
        return json([
            "id": id, "application_id": "11", "type": 2, "token": "itoken-\(id)", "version": 1, "locale": locale,
            "guild_id": "290926798626357999", "channel_id": "645027906669510667",
            "member": ["user": ["id": userID, "username": "member\(userID.suffix(3))"], "roles": roles],
            "data": ["id": "771825006014889984", "name": name, "type": 1, "options": optionList],
        ])
    }

    /// A button click on a message, shaped like Discord's MESSAGE_COMPONENT.
    static func click(_ customID: String, userID: String, roles: [String] = [], id: String = String(UInt64.random(in: 1_000_000...9_999_999_999))) -> String {
        json([
            "id": id, "application_id": "11", "type": 3, "token": "itoken-\(id)", "version": 1, "locale": "en-US",
            "guild_id": "290926798626357999", "channel_id": adminChannel,
            "member": ["user": ["id": userID, "username": "admin"], "roles": roles],
            "message": ["id": "123450000000000001", "channel_id": adminChannel, "content": "prompt"],
            "data": ["custom_id": customID, "component_type": 2],
        ])
    }

    /// A Telegram text message update from `userID`.
    static func telegramMessage(_ text: String, from userID: Int64 = 5_550_001, chat: Int64? = nil, chatType: String = "private",
                                languageCode: String = "en", updateID: Int = Int.random(in: 1...999_999_999)) -> String {
        json([
            "update_id": updateID,
            "message": [
                "message_id": Int.random(in: 1...99_999), "date": 1_764_590_000, "text": text,
                "from": ["id": userID, "is_bot": false, "first_name": "Ana", "language_code": languageCode],
                "chat": ["id": chat ?? userID, "type": chatType],
            ],
        ])
    }

    /// A Telegram inline-button click in the admin chat.
    static func telegramCallback(_ data: String, from userID: Int64, updateID: Int = Int.random(in: 1...999_999_999)) -> String {
        json([
            "update_id": updateID,
            "callback_query": [
                "id": "cbq\(updateID)", "chat_instance": "-77", "data": data,
                "from": ["id": userID, "is_bot": false, "first_name": "Boss"],
                "message": ["message_id": 31, "date": 1_764_590_000, "chat": ["id": adminChat, "type": "supergroup"], "text": "prompt"],
            ],
        ])
    }

    static func postDiscord(_ body: String, to client: some TestClientProtocol) async throws -> (UInt, [String: Any]) {
        try await client.execute(uri: "/webhooks/discord", method: .post, headers: try discordHeaders(body), body: ByteBuffer(string: body)) {
            (UInt($0.status.code), object(String(buffer: $0.body)))
        }
    }

    static func postTelegram(_ body: String, to client: some TestClientProtocol) async throws -> (UInt, [String: Any]) {
        let headers: HTTPFields = [.init("X-Telegram-Bot-Api-Secret-Token")!: TestSecrets.telegram, .contentType: "application/json"]
        return try await client.execute(uri: "/webhooks/telegram", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            (UInt($0.status.code), object(String(buffer: $0.body)))
        }
    }

    /// The `data.content` of a Discord interaction response.
    static func content(_ response: [String: Any]) -> String {
        (response["data"] as? [String: Any])?["content"] as? String ?? ""
    }

    static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    static func makeAdmin(discordID: String, in store: Store) async throws {
        try await store.backend.withConnection { db in
            try await db.update("users").set("is_admin", to: SQLBind(true)).where("discord_id", .equal, SQLBind(discordID)).run()
        }
    }
}
