import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CreditRequestAPITests {
    static let auth: HTTPFields = [.authorization: "Bearer \(NotificationAPITests.adminToken)", .contentType: "application/json"]

    static func call(
        _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, headers: HTTPFields = auth, to client: some TestClientProtocol
    ) async throws -> (UInt, [String: Any]) {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            (UInt($0.status.code), Community.object(String(buffer: $0.body)))
        }
    }

    static func withAPI(_ database: TestDatabase, _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> Void) async throws {
        try await Community.withApp(database, environment: ["HERALD_ADMIN_TOKEN": NotificationAPITests.adminToken], body)
    }

    @Test(arguments: TestDatabase.allCases)
    func adminsListApproveRejectAndBulkDecide(database: TestDatabase) async throws {
        try await Self.withAPI(database) { client, store in
            for reason in ["one", "two", "three"] {
                _ = try await Community.postTelegram(Community.telegramMessage("/request ai 5 \(reason)"), to: client)
            }
            var (status, json) = try await Self.call(.get, "/api/v1/credit-requests?status=pending", to: client)
            #expect(status == 200)
            #expect((json["credit_requests"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["one", "two", "three"])

            (status, json) = try await Self.call(.post, "/api/v1/credit-requests/1/approve", body: #"{"note":"welcome aboard"}"#, to: client)
            #expect(status == 200)
            #expect(json["status"] as? String == "approved")
            #expect(json["note"] as? String == "welcome aboard")

            (status, json) = try await Self.call(.post, "/api/v1/credit-requests/1/reject", to: client)
            #expect(status == 409)
            #expect(json["error"] as? String == "conflict")

            (status, json) = try await Self.call(.post, "/api/v1/credit-requests/bulk", body: #"{"ids":[1,2,3,99],"action":"reject"}"#, to: client)
            #expect(status == 200)
            let results = (json["results"] as? [[String: Any]]) ?? []
            #expect(results.map { $0["status"] as? String } == [nil, "rejected", "rejected", nil])
            #expect(results.map { $0["error"] as? String } == ["conflict", nil, nil, "not_found"])

            let member = try #require(try await store.creditRequests.find(id: 1)).userID
            #expect(try await store.ledger.balance(userID: member, currency: Currency(rawValue: "ai")!)?.balance == 5)
            (_, json) = try await Self.call(.get, "/api/v1/credit-requests?status=rejected&member=\(member)", to: client)
            #expect((json["credit_requests"] as? [Any])?.count == 2)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func badCallsGetClearErrorsAndChangeNothing(database: TestDatabase) async throws {
        try await Self.withAPI(database) { client, store in
            _ = try await Community.postTelegram(Community.telegramMessage("/request ai 5 first"), to: client)
            let cases: [(HTTPRequest.Method, String, String?, HTTPFields, UInt, String)] = [
                (.get, "/api/v1/credit-requests", nil, [:], 401, "unauthorized"),
                (.post, "/api/v1/credit-requests/1/approve", nil, [.authorization: "Bearer nope"], 401, "unauthorized"),
                (.get, "/api/v1/credit-requests?status=maybe", nil, Self.auth, 400, "malformed_request"),
                (.get, "/api/v1/credit-requests?limit=0", nil, Self.auth, 400, "malformed_request"),
                (.post, "/api/v1/credit-requests/abc/approve", nil, Self.auth, 400, "malformed_request"),
                (.post, "/api/v1/credit-requests/42/approve", nil, Self.auth, 404, "not_found"),
                (.post, "/api/v1/credit-requests/1/approve", "{not json", Self.auth, 400, "malformed_request"),
                (.post, "/api/v1/credit-requests/bulk", #"{"ids":[1],"action":"delete"}"#, Self.auth, 422, "rule_violation"),
                (.post, "/api/v1/credit-requests/bulk", #"{"ids":[],"action":"approve"}"#, Self.auth, 422, "rule_violation"),
                (.post, "/api/v1/credit-requests/bulk", "", Self.auth, 400, "malformed_request"),
                (.post, "/api/v1/credit-requests/bulk", String(repeating: " ", count: 300_000), Self.auth, 413, "payload_too_large"),
            ]
            for (method, uri, body, headers, expectedStatus, expectedCode) in cases {
                let (status, json) = try await Self.call(method, uri, body: body, headers: headers, to: client)
                #expect(status == expectedStatus, "\(method) \(uri)")
                #expect(json["error"] as? String == expectedCode, "\(method) \(uri)")
            }
            #expect(try await store.creditRequests.find(id: 1)?.status == .pending)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func staffRepliesReachTheMemberThroughTheRelay(database: TestDatabase) async throws {
        try await Self.withAPI(database) { client, store in
            _ = try await Community.postTelegram(Community.telegramMessage("Is the <beta> open?"), to: client)
            var (status, json) = try await Self.call(.get, "/api/v1/conversations?unread=true", to: client)
            #expect(status == 200)
            let conversation = try #require((json["conversations"] as? [[String: Any]])?.first)
            #expect(conversation["unread_count"] as? Int == 1)
            let id = try #require(conversation["id"] as? Int)

            (status, _) = try await Self.call(.post, "/api/v1/conversations/\(id)/messages", body: #"{"text":"   "}"#, to: client)
            #expect(status == 422)
            (status, json) = try await Self.call(.post, "/api/v1/conversations/\(id)/messages", body: #"{"text":"Yes, <b>today</b>!"}"#, to: client)
            #expect(status == 202)
            let queued = try #require(try await store.outbox.list(status: .pending, limit: 5).first)
            #expect(queued.channel == .telegramMessage)
            #expect(queued.destination == String(TelegramCommandTests.member))
            #expect(queued.body == "Yes, <b>today</b>!")

            (_, json) = try await Self.call(.get, "/api/v1/conversations/\(id)/messages", to: client)
            #expect((json["messages"] as? [[String: Any]])?.map { $0["direction"] as? String } == ["outgoing", "incoming"])
            (_, json) = try await Self.call(.get, "/api/v1/conversations?unread=true", to: client)
            #expect((json["conversations"] as? [Any])?.isEmpty == true)
            (status, _) = try await Self.call(.get, "/api/v1/conversations/999/messages", to: client)
            #expect(status == 404)
        }
    }
}
