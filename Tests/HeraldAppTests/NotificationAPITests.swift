import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite struct NotificationAPITests {
    static let adminToken = "admin-token-for-tests-0123456789"
    static var environment: [String: String] {
        TestSecrets.environment.merging(["HERALD_ADMIN_TOKEN": adminToken, "TEMPLATES_DIRECTORY": templatesDirectory]) { $1 }
    }
    /// The repository's shipped `templates/`.
    static var templatesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates").path
    }
    static let auth: HTTPFields = [.authorization: "Bearer \(adminToken)", .contentType: "application/json"]

    static func post(_ body: String, headers: HTTPFields = auth, to client: some TestClientProtocol) async throws -> (UInt, [String: Any]) {
        try await client.execute(uri: "/api/v1/notifications", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            let json = (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:]
            return (UInt(response.status.code), json)
        }
    }

    @Test func callsWithoutAValidKeyAre401() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let body = #"{"channel":"telegram.message","destination":"1","text":"hi"}"#
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong"], [.authorization: "Basic abc"]] {
                let (status, json) = try await Self.post(body, headers: headers, to: client)
                #expect(status == 401)
                #expect(json["error"] as? String == "unauthorized")
            }
            #expect(try await store.outbox.depth().isEmpty)
        }
    }

    @Test func aBareNotificationIsAcceptedAndFollowed() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let (status, json) = try await Self.post(#"{"channel":"telegram.message","destination":"123456789","text":"Hello"}"#, to: client)
            #expect(status == 202)
            let id = try #require(json["id"] as? String)
            #expect(json["status"] as? String == "pending")
            try await client.execute(uri: "/api/v1/notifications/\(id)", method: .get, headers: Self.auth) { response in
                #expect(response.status == .ok)
                let detail = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                #expect(detail?["channel"] as? String == "telegram.message")
                #expect(detail?["destination"] as? String == "123456789")
            }
            // Retrying a notification that is not dead is a conflict.
            try await client.execute(uri: "/api/v1/notifications/\(id)/retry", method: .post, headers: Self.auth) { response in
                #expect(response.status == .conflict)
            }
            #expect(try await store.outbox.find(id: Int64(id)!)?.body == "Hello")
        }
    }

    @Test func aBatchWithAnIdempotencyKeyIsStoredOnce() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let body = #"{"notifications":[{"channel":"telegram.message","destination":"1","text":"a"},{"channel":"discord.dm","destination":"80351110224678912","text":"b"}]}"#
            var headers = Self.auth
            headers[.init("Idempotency-Key")!] = "batch-7"
            let (first, firstJSON) = try await Self.post(body, headers: headers, to: client)
            let (second, secondJSON) = try await Self.post(body, headers: headers, to: client)
            #expect(first == 202)
            #expect(second == 202)
            let ids = { (json: [String: Any]) in (json["notifications"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? [] }
            #expect(ids(firstJSON).count == 2)
            #expect(ids(firstJSON) == ids(secondJSON))
            #expect(try await store.outbox.depth() == [.pending: 2])
        }
    }

    @Test(arguments: [
        (#"{"channel":"sms","destination":"1","text":"x"}"#, 422, "rule_violation"),
        (#"{"channel":"telegram.message","destination":"","text":"x"}"#, 422, "rule_violation"),
        (#"{"channel":"telegram.message","destination":"1"}"#, 422, "rule_violation"),
        (#"{"channel":"discord.dm","destination":"1","template":"rank_up","data":[3]}"#, 422, "rule_violation"),
        (#"{"channel":"discord.dm","destination":"1","template":"rank_up","locale":"../en"}"#, 422, "rule_violation"),
        (#"{"channel":"discord.dm","destination":"1","text":"x","data":{"rank":3}}"#, 422, "rule_violation"),
        (#"{"notifications":[]}"#, 422, "rule_violation"),
        (#"{"channel": "#, 400, "malformed_request"),
        ("[1,2,3]", 400, "malformed_request"),
    ])
    func badSubmissionsAreRefusedAndNothingIsStored(body: String, status: Int, code: String) async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let (answer, json) = try await Self.post(body, to: client)
            #expect(answer == UInt(status))
            #expect(json["error"] as? String == code)
            #expect(try await store.outbox.depth().isEmpty)
        }
    }

    /// The stored `data` column, as JSON text.
    static func storedData(id: Int64, in store: Store) async throws -> String? {
        try await store.backend.withConnection { db in
            try await db.select().column(SQLFunction("CAST", args: SQLRaw("data AS TEXT")), as: "data").from("outbox")
                .where("id", .equal, SQLBind(id)).first(decodingColumn: "data", as: String?.self) ?? nil
        }
    }

    @Test func aTemplateNotificationIsStoredRenderedInTheRequestedLocale() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let body = #"""
                {"notifications": [
                  {"channel": "telegram.message", "destination": "1", "template": "rank_up", "locale": "es-MX",
                   "data": {"rank": 3, "name": "<Ana & Bo>"}},
                  {"channel": "discord.dm", "destination": "80351110224678912", "template": "rank_up", "locale": "ru",
                   "data": {"rank": 3, "name": "<Ana & Bo>"}},
                  {"channel": "discord.message", "destination": "1100000000000000000", "template": "payment_receipt",
                   "data": {"amount": "9.99", "currency": "USD", "product": "Pro"}}
                ]}
                """#
            let (status, json) = try await Self.post(body, to: client)
            #expect(status == 202)
            let ids = try #require((json["notifications"] as? [[String: Any]])?.compactMap { ($0["id"] as? String).flatMap { Int64($0) } })
            try #require(ids.count == 3)

            let telegram = try #require(try await store.outbox.find(id: ids[0]))
            #expect(telegram.template == "rank_up")
            #expect(telegram.locale == "es-MX")
            #expect(telegram.body == "🎉 ¡Enhorabuena, &lt;Ana &amp; Bo&gt;! Has subido al puesto #3.")
            let data = try #require(try await Self.storedData(id: ids[0], in: store))
            let decoded = try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
            #expect(decoded?["rank"] as? Int == 3)
            #expect(decoded?["name"] as? String == "<Ana & Bo>")

            let discord = try #require(try await store.outbox.find(id: ids[1]))
            #expect(discord.locale == "ru")
            #expect(discord.body == "🎉 Поздравляем, <Ana & Bo>! Вы поднялись на 3-е место.")

            // No locale: English.
            let receipt = try #require(try await store.outbox.find(id: ids[2]))
            #expect(receipt.locale == "en")
            #expect(receipt.body == "🧾 Payment received: 9.99 USD for Pro. Thank you!")
        }
    }

    @Test func anUnknownTemplateIsRefusedNamingItAndNothingIsStored() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let body = #"""
                {"notifications": [
                  {"channel": "telegram.message", "destination": "1", "template": "rank_up", "data": {"rank": 1}},
                  {"channel": "telegram.message", "destination": "1", "template": "rank_upp", "locale": "es"}
                ]}
                """#
            let (status, json) = try await Self.post(body, to: client)
            #expect(status == 422)
            #expect(json.count == 2)
            #expect(json["error"] as? String == "rule_violation")
            #expect(json["message"] as? String == "notifications[1]: unknown template 'rank_upp'")
            let (bareStatus, bareJSON) = try await Self.post(#"{"channel":"discord.dm","destination":"1","template":"nope"}"#, to: client)
            #expect(bareStatus == 422)
            #expect(bareJSON["message"] as? String == "unknown template 'nope'")
            #expect(try await store.outbox.depth().isEmpty)
        }
    }

    @Test func textAndTemplateTogetherAreRefused() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let body = #"{"channel":"telegram.message","destination":"1","text":"Hello","template":"rank_up","data":{"rank":2}}"#
            let (status, json) = try await Self.post(body, to: client)
            #expect(status == 422)
            #expect(json["error"] as? String == "rule_violation")
            #expect(json["message"] as? String == "send either text or template, not both")
            #expect(try await store.outbox.depth().isEmpty)
        }
    }

    @Test func listingFiltersByStatus() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, _ in
            _ = try await Self.post(#"{"channel":"telegram.message","destination":"1","text":"x"}"#, to: client)
            try await client.execute(uri: "/api/v1/notifications?status=dead", method: .get, headers: Self.auth) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"notifications":[]}"#)
            }
            try await client.execute(uri: "/api/v1/notifications?status=lost", method: .get, headers: Self.auth) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
