import Crypto
import Foundation
import HeraldApp
import HeraldFakes
import HeraldStore
import HeraldTestSupport
import HeraldVerify
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Linking from a browser: Discord OAuth2 against a local server playing Discord, and the Telegram Login Widget.
@Suite struct AccountLinkingTests {
    static let key = [UInt8](repeating: 0x5A, count: 32)
    static let redirect = "https://herald.example.com/auth/discord/callback"
    static let botToken = "123456:telegram-login-token"

    static func environment(discordBase: String) -> [String: String] {
        [
            "DISCORD_CLIENT_ID": "client-1", "DISCORD_CLIENT_SECRET": "secret-1", "DISCORD_REDIRECT_URI": redirect,
            "DISCORD_API_BASE_URL": discordBase + "/api/v10", "HERALD_ENCRYPTION_KEY": Data(key).base64EncodedString(),
            "TELEGRAM_BOT_TOKEN": botToken,
        ]
    }

    static func get(_ uri: String, _ client: some TestClientProtocol) async throws -> (UInt, [String: Any], String?) {
        try await client.execute(uri: uri, method: .get) { response in
            (UInt(response.status.code), Community.object(String(buffer: response.body)), response.headers[.location])
        }
    }

    static func query(_ url: String, _ name: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == name }?.value
    }

    @Test(arguments: TestDatabase.allCases)
    func discordOAuthLinksOnceAndStoresTokensSealed(database: TestDatabase) async throws {
        let discord = FakeDiscordOAuth(clientID: "client-1", clientSecret: "secret-1")
        try await discord.serve { base in
            try await Community.withApp(database, environment: Self.environment(discordBase: base)) { client, store in
                var (_, reply) = try await Community.postTelegram(Community.telegramMessage("/link", from: 7_800_001), to: client)
                let linkCode = try #require(LinkTests.code(in: reply["text"] as? String ?? ""))

                var (status, json, location) = try await Self.get("/auth/discord/start?link=\(linkCode)", client)
                #expect(status == 302)
                let authorize = try #require(location)
                #expect(authorize.hasPrefix(base + "/api/v10/oauth2/authorize?"))
                #expect(Self.query(authorize, "client_id") == "client-1")
                #expect(Self.query(authorize, "redirect_uri") == Self.redirect)
                #expect(Self.query(authorize, "scope") == "identify")
                let state = try #require(Self.query(authorize, "state"))
                #expect(state.count >= 40)

                let code = await discord.approve(.init(id: "80351110224688001", username: "ana"), redirectURI: Self.redirect)
                (status, json, _) = try await Self.get("/auth/discord/callback?code=\(code)&state=\(state)", client)
                #expect(status == 200)
                #expect(json["linked"] as? Bool == true)
                #expect(json["platform_id"] as? String == "80351110224688001")

                let member = try #require(try await store.users.find(discordID: "80351110224688001"))
                #expect(member.telegramID == 7_800_001)
                let sealed = try await store.backend.withConnection { db in
                    try await db.select().column("discord_access_token").from("users").where("id", .equal, SQLBind(member.id))
                        .first(decodingColumn: "discord_access_token", as: Data.self)
                }
                let bytes = [UInt8](try #require(sealed))
                #expect(!String(decoding: bytes, as: UTF8.self).contains("access-"))
                #expect(String(decoding: try SecretBox(key: Self.key).open(bytes), as: UTF8.self).hasPrefix("access-"))
                #expect(throws: SecretBoxError.self) { try SecretBox(key: [UInt8](repeating: 1, count: 32)).open(bytes) }

                // The same callback again: the state is spent.
                let second = await discord.approve(.init(id: "80351110224688001", username: "ana"), redirectURI: Self.redirect)
                (status, json, _) = try await Self.get("/auth/discord/callback?code=\(second)&state=\(state)", client)
                #expect(status == 403)
                #expect(json["error"] as? String == "forbidden")
                #expect(await discord.exchanges == 1)
                _ = reply
                reply = [:]
            }
        }
    }

    @Test func forgedExpiredOrMissingStatesAndCodesAreRefused() async throws {
        let discord = FakeDiscordOAuth(clientID: "client-1", clientSecret: "secret-1")
        try await discord.serve { base in
            try await Community.withApp(.sqlite, environment: Self.environment(discordBase: base)) { client, store in
                var (status, json, _) = try await Self.get("/auth/discord/callback?code=abc&state=never-issued", client)
                #expect(status == 403)
                (status, json, _) = try await Self.get("/auth/discord/callback?code=abc", client)
                #expect(status == 400)
                (status, json, _) = try await Self.get("/auth/discord/callback?error=access_denied&state=x", client)
                #expect(status == 400)
                (status, json, _) = try await Self.get("/auth/discord/start?link=NOPE2345", client)
                #expect(status == 400)

                let (_, _, location) = try await Self.get("/auth/discord/start", client)
                let state = try #require(location.flatMap { Self.query($0, "state") })
                try await store.backend.withConnection { db in
                    try await db.update("oauth_states").set("expires_at", to: SQLBind(Date(timeIntervalSince1970: 10))).run()
                }
                let code = await discord.approve(.init(id: "80351110224688002", username: "bo"), redirectURI: Self.redirect)
                (status, json, _) = try await Self.get("/auth/discord/callback?code=\(code)&state=\(state)", client)
                #expect(status == 403)

                // A fresh state with a code Discord does not know: Discord's refusal, and the state is spent.
                let (_, _, again) = try await Self.get("/auth/discord/start", client)
                let fresh = try #require(again.flatMap { Self.query($0, "state") })
                (status, json, _) = try await Self.get("/auth/discord/callback?code=forged&state=\(fresh)", client)
                #expect(status == 400)
                #expect(json["error"] as? String == "malformed_request")
                #expect(await discord.exchanges == 0)
                #expect(try await store.users.find(discordID: "80351110224688002") == nil)
            }
        }
    }

    @Test func withoutOAuthSettingsLinkingAnswers503() async throws {
        try await Community.withApp(.sqlite) { client, _ in
            let (status, json, _) = try await Self.get("/auth/discord/start", client)
            #expect(status == 503)
            #expect(json["error"] as? String == "not_configured")
            let (telegramStatus, _, _) = try await Self.get("/auth/telegram?id=1&auth_date=1&hash=00", client)
            #expect(telegramStatus == 503)
        }
    }

    /// Signs like the Login Widget, written here independently: HMAC-SHA256 keyed by SHA256(bot token)
    /// over the sorted `key=value` lines.
    static func widgetQuery(_ fields: [String: String], token: String = botToken) -> String {
        let check = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        let key = SymmetricKey(data: SHA256.hash(data: Data(token.utf8)))
        let hash = HMAC<SHA256>.authenticationCode(for: Data(check.utf8), using: key).map { String(format: "%02x", $0) }.joined()
        return (fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } + ["hash=\(hash)"])
            .joined(separator: "&")
    }

    @Test(arguments: TestDatabase.allCases)
    func telegramLoginWidgetSignsInAndLinks(database: TestDatabase) async throws {
        try await Community.withApp(database, environment: Self.environment(discordBase: "http://127.0.0.1:9")) { client, store in
            let (_, response) = try await Community.postDiscord(Community.command("link", userID: "80351110224688003"), to: client)
            let linkCode = try #require(LinkTests.code(in: Community.content(response)))
            let fields = ["id": "7800002", "first_name": "Lena", "username": "lena", "auth_date": String(Int(Date().timeIntervalSince1970))]

            var (status, json, _) = try await Self.get("/auth/telegram?" + Self.widgetQuery(fields, token: "999:other-bot"), client)
            #expect(status == 401)
            #expect(json["error"] as? String == "unauthorized")

            (status, json, _) = try await Self.get("/auth/telegram?" + Self.widgetQuery(fields) + "&link=\(linkCode)", client)
            #expect(status == 200)
            #expect(json["linked"] as? Bool == true)
            let member = try #require(try await store.users.find(discordID: "80351110224688003"))
            #expect(member.telegramID == 7_800_002)

            let stale = fields.merging(["auth_date": "1000"]) { $1 }
            (status, _, _) = try await Self.get("/auth/telegram?" + Self.widgetQuery(stale), client)
            #expect(status == 401)
        }
    }
}
