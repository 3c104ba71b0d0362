import Foundation
import HeraldApp
import HeraldStore
import HeraldVerify
import Hummingbird
import HummingbirdTesting
import Testing

/// `/api/v1/endpoints`: registering integrator webhook targets, with secrets sealed at rest.
@Suite struct EndpointAPITests {
    static let adminToken = "admin-token-for-tests-0123456789"
    static let encryptionKey = [UInt8](repeating: 0x5A, count: 32)
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static var environment: [String: String] {
        ["HERALD_ADMIN_TOKEN": adminToken, "HERALD_ENCRYPTION_KEY": Data(encryptionKey).base64EncodedString()]
    }
    static let auth: HTTPFields = [.authorization: "Bearer \(adminToken)", .contentType: "application/json"]

    /// Status, JSON object (empty when the body is not one) and raw text of an answer.
    struct Answer {
        let status: UInt
        let json: [String: Any]
        let text: String
    }

    static func call(
        _ method: HTTPRequest.Method, _ path: String = "/api/v1/endpoints", body: String? = nil, headers: HTTPFields = auth,
        on client: some TestClientProtocol
    ) async throws -> Answer {
        try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let text = String(buffer: response.body)
            let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
            return Answer(status: UInt(response.status.code), json: json, text: text)
        }
    }

    static func create(_ body: String, on client: some TestClientProtocol) async throws -> (id: String, secret: String) {
        let answer = try await call(.post, body: body, on: client)
        #expect(answer.status == 201, "\(answer.text)")
        return (try #require(answer.json["id"] as? String), try #require(answer.json["secret"] as? String))
    }

    @Test func anEndpointIsCreatedListedShownAndDisabled() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let created = try await Self.call(
                .post, body: #"{"url":"https://hooks.example.com/herald","rate_per_second":5,"description":"CRM sync"}"#, on: client
            )
            #expect(created.status == 201)
            #expect(created.json["url"] as? String == "https://hooks.example.com/herald")
            #expect(created.json["rate_per_second"] as? Double == 5)
            #expect(created.json["description"] as? String == "CRM sync")
            #expect(created.json["enabled"] as? Bool == true)
            let id = try #require(created.json["id"] as? String)

            let shown = try await Self.call(.get, "/api/v1/endpoints/\(id)", on: client)
            #expect(shown.status == 200)
            #expect(shown.json["url"] as? String == "https://hooks.example.com/herald")
            #expect(shown.json["enabled"] as? Bool == true)
            let listed = try await Self.call(.get, on: client)
            #expect((listed.json["endpoints"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])

            let deleted = try await Self.call(.delete, "/api/v1/endpoints/\(id)", on: client)
            #expect(deleted.status == 204)
            #expect(deleted.text.isEmpty)
            #expect(try await Self.call(.delete, "/api/v1/endpoints/\(id)", on: client).status == 204)

            #expect(try await Self.call(.get, on: client).text == #"{"endpoints":[]}"#)
            let all = try await Self.call(.get, "/api/v1/endpoints?include_disabled=true", on: client)
            let entries = try #require(all.json["endpoints"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["enabled"] as? Bool == false)
            #expect(try await Self.call(.get, "/api/v1/endpoints/\(id)", on: client).json["enabled"] as? Bool == false)
            // Disabled, not deleted: the row stays for the notifications that name it.
            #expect(try await store.endpoints.find(id: Int64(id)!)?.enabled == false)
        }
    }

    @Test func absentOptionalFieldsAreNull() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, _ in
            let created = try await Self.call(.post, body: #"{"url":"http://localhost:9000/hook"}"#, on: client)
            #expect(created.status == 201)
            #expect(created.json["rate_per_second"] is NSNull)
            #expect(created.json["description"] is NSNull)
        }
    }

    @Test func aGeneratedSecretIsShownOnceAndStoredSealed() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let (id, secret) = try await Self.create(#"{"url":"https://hooks.example.com/a"}"#, on: client)
            #expect(secret.hasPrefix("whsec_"))
            #expect(StandardWebhooksSecret.keyBytes(secret)?.count == 24)

            for path in ["/api/v1/endpoints", "/api/v1/endpoints/\(id)", "/api/v1/endpoints?include_disabled=true"] {
                let answer = try await Self.call(.get, path, on: client)
                #expect(answer.status == 200)
                #expect(!answer.text.contains("secret"))
                #expect(!answer.text.contains(String(secret.dropFirst(6))))
            }
            let sealed = try #require(try await store.endpoints.find(id: Int64(id)!)).secretSealed
            #expect(!Self.bytes(sealed, contain: Array(secret.utf8)))
            #expect(!Self.bytes(sealed, contain: StandardWebhooksSecret.keyBytes(secret)!))
            #expect(try SecretBox(key: Self.encryptionKey).open(sealed) == Array(secret.utf8))
        }
    }

    @Test func aGivenSecretIsKeptAndSignsLikeTheRelayWill() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let (id, secret) = try await Self.create(#"{"url":"https://hooks.example.com/b","secret":"\#(Self.secret)"}"#, on: client)
            #expect(secret == Self.secret)
            let sealed = try #require(try await store.endpoints.find(id: Int64(id)!)).secretSealed
            let opened = String(decoding: try SecretBox(key: Self.encryptionKey).open(sealed), as: UTF8.self)
            #expect(opened == Self.secret)
            #expect(!Self.bytes(sealed, contain: Array(Self.secret.utf8)))
        }
    }

    @Test func withoutAnEncryptionKeyEveryRouteIsNotConfigured() async throws {
        try await withWebhookApplication(environment: ["HERALD_ADMIN_TOKEN": Self.adminToken]) { client, store in
            let calls: [(HTTPRequest.Method, String, String?)] = [
                (.post, "/api/v1/endpoints", #"{"url":"https://hooks.example.com/a"}"#),
                (.get, "/api/v1/endpoints", nil), (.get, "/api/v1/endpoints/1", nil), (.delete, "/api/v1/endpoints/1", nil),
            ]
            for (method, path, body) in calls {
                let answer = try await Self.call(method, path, body: body, on: client)
                #expect(answer.status == 503, "\(method) \(path)")
                #expect(answer.json["error"] as? String == "not_configured")
                #expect((answer.json["message"] as? String)?.contains("HERALD_ENCRYPTION_KEY") == true)
            }
            #expect(try await store.endpoints.list(includeDisabled: true).isEmpty)
        }
    }

    @Test(arguments: [
        (#"{"url":"ftp://files.example.com/x"}"#, 422, "rule_violation"),
        (#"{"url":"https://"}"#, 422, "rule_violation"),
        (#"{"url":"/relative/path"}"#, 422, "rule_violation"),
        (#"{"url":"not a url"}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com/\#(String(repeating: "a", count: 2_030))"}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","rate_per_second":0}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","rate_per_second":-2}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","rate_per_second":1000.5}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","rate_per_second":"fast"}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","description":"\#(String(repeating: "d", count: 201))"}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","secret":"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","secret":"whsec_c2hvcnQ="}"#, 422, "rule_violation"),
        (#"{"url":"https://example.com","secret":"whsec_!!not-base64!!"}"#, 422, "rule_violation"),
        (#"{"description":"no url"}"#, 422, "rule_violation"),
        (#"{"url": "#, 400, "malformed_request"),
        (#"["https://example.com"]"#, 400, "malformed_request"),
        ("", 400, "malformed_request"),
    ])
    func badRegistrationsAreRefusedAndNothingIsStored(body: String, status: Int, code: String) async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let answer = try await Self.call(.post, body: body, on: client)
            #expect(answer.status == UInt(status))
            #expect(answer.json["error"] as? String == code)
            #expect(!answer.text.contains("MfKQ9r8GKYqrTwjU"))
            #expect(!answer.text.contains("c2hvcnQ"))
            #expect(try await store.endpoints.list(includeDisabled: true).isEmpty)
        }
    }

    @Test func theLongestAllowedValuesAreAccepted() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, _ in
            let url = "https://example.com/" + String(repeating: "a", count: 2_048 - 20)
            let body = #"{"url":"\#(url)","rate_per_second":1000,"description":"\#(String(repeating: "é", count: 200))"}"#
            let answer = try await Self.call(.post, body: body, on: client)
            #expect(answer.status == 201, "\(answer.text)")
        }
    }

    @Test func aBodyOver64KiBIs413() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            let body = #"{"url":"https://example.com","description":"\#(String(repeating: "x", count: 70_000))"}"#
            let answer = try await Self.call(.post, body: body, on: client)
            #expect(answer.status == 413)
            #expect(answer.json["error"] as? String == "payload_too_large")
            #expect(try await store.endpoints.list(includeDisabled: true).isEmpty)
        }
    }

    @Test func callsWithoutAValidKeyAre401() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, store in
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong"], [.authorization: "Basic abc"], [.authorization: "Bearer "]] {
                for (method, path) in [(HTTPRequest.Method.post, "/api/v1/endpoints"), (.get, "/api/v1/endpoints"),
                                       (.get, "/api/v1/endpoints/1"), (.delete, "/api/v1/endpoints/1")] {
                    let answer = try await Self.call(method, path, body: #"{"url":"https://example.com"}"#, headers: headers, on: client)
                    #expect(answer.status == 401, "\(method) \(path)")
                    #expect(answer.json["error"] as? String == "unauthorized")
                }
            }
            #expect(try await store.endpoints.list(includeDisabled: true).isEmpty)
        }
    }

    @Test func unknownEndpointsAre404AndABadFilterIs400() async throws {
        try await withWebhookApplication(environment: Self.environment) { client, _ in
            for path in ["/api/v1/endpoints/999", "/api/v1/endpoints/abc"] {
                for method in [HTTPRequest.Method.get, .delete] {
                    let answer = try await Self.call(method, path, on: client)
                    #expect(answer.status == 404, "\(method) \(path)")
                    #expect(answer.json["error"] as? String == "not_found")
                }
            }
            let answer = try await Self.call(.get, "/api/v1/endpoints?include_disabled=maybe", on: client)
            #expect(answer.status == 400)
            #expect(answer.json["error"] as? String == "malformed_request")
        }
    }

    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
