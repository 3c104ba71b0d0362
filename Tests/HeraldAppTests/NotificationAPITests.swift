import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct NotificationAPITests {
    static let adminToken = "admin-token-for-tests-0123456789"
    static var environment: [String: String] { TestSecrets.environment.merging(["HERALD_ADMIN_TOKEN": adminToken]) { $1 } }
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
        (#"{"channel":"discord.dm","destination":"1","template":"rank_up","data":{"rank":3}}"#, 422, "rule_violation"),
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
