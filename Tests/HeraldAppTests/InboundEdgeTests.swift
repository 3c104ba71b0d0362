import Foundation
import HeraldStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Discord, Telegram, and what every source does with hostile input.
@Suite struct InboundEdgeTests {
    @Test func discordPingIsAnsweredWithPong() async throws {
        try await withWebhookApplication { client, store in
            let body = #"{"id":"1185432156789","application_id":"11","type":1,"token":"t","version":1}"#
            try await client.execute(uri: "/webhooks/discord", method: .post, headers: try discordHeaders(body), body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"type":1}"#)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            #expect(try await store.inbox.find(source: "discord", eventID: "1185432156789")?.status == .processed)
        }
    }

    @Test func discordRejectsAnInvalidSignatureWith401() async throws {
        try await withWebhookApplication { client, _ in
            let body = #"{"id":"1","type":1}"#
            var headers = try discordHeaders(body)
            // Discord's own probe: a well-formed signature by some other key.
            headers = try discordHeaders(body, key: .init())
            try await client.execute(uri: "/webhooks/discord", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
                let answer = try errorBody(response)
                #expect(answer["error"] == "invalid_signature")
            }
        }
    }

    @Test func anUnknownDiscordCommandIsAnsweredEphemerally() async throws {
        try await withWebhookApplication { client, _ in
            let body = #"{"id":"77","type":2,"data":{"name":"frobnicate"},"token":"t","user":{"id":"80351110224678912"}}"#
            try await client.execute(uri: "/webhooks/discord", method: .post, headers: try discordHeaders(body), body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                #expect(json?["type"] as? Int == 4)
                #expect((json?["data"] as? [String: Any])?["flags"] as? Int == 64)
            }
        }
    }

    @Test func telegramChecksTheSecretToken() async throws {
        try await withWebhookApplication { client, store in
            let body = #"{"update_id":900001,"message":{"message_id":1,"date":1718000000,"chat":{"id":42,"type":"private"},"text":"/start"}}"#
            for (token, expected) in [(TestSecrets.telegram, HTTPResponse.Status.ok), ("wrong", .unauthorized)] {
                try await client.execute(
                    uri: "/webhooks/telegram", method: .post,
                    headers: [.init("X-Telegram-Bot-Api-Secret-Token")!: token, .contentType: "application/json"],
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == expected)
                }
            }
            try await client.execute(uri: "/webhooks/telegram", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unauthorized)
                let answer = try errorBody(response)
                #expect(answer["error"] == "missing_signature")
            }
            let stored = try #require(try await store.inbox.find(source: "telegram", eventID: "900001"))
            #expect(stored.type == "message")
        }
    }

    @Test func unknownSourcesAre404() async throws {
        try await withWebhookApplication { client, _ in
            try await client.execute(uri: "/webhooks/acme", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .notFound)
                let answer = try errorBody(response)
                #expect(answer["error"] == "not_found")
            }
        }
    }

    @Test func anOversizedBodyIs413() async throws {
        try await withWebhookApplication { client, store in
            let body = String(repeating: "a", count: (1 << 20) + 1)
            try await client.execute(
                uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body)],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .contentTooLarge)
                let answer = try errorBody(response)
                #expect(answer["error"] == "payload_too_large")
            }
            #expect(try await store.inbox.count(source: "stripe") == 0)
        }
    }

    /// Authentic (correctly signed) bodies that are not what Stripe sends: every answer is a clean 400.
    @Test(arguments: [
        ("empty", ""),
        ("one MiB of [", String(repeating: "[", count: 1 << 20)),
        ("deep nesting", String(repeating: #"{"a":"#, count: 200) + "1" + String(repeating: "}", count: 200)),
        ("not JSON", "id=evt_1&type=charge.succeeded"),
        ("no id", #"{"object":"event","type":"charge.succeeded"}"#),
        ("array", #"[{"id":"evt_1"}]"#),
    ])
    func malformedButSignedBodiesAreA400(name: String, body: String) async throws {
        try await withWebhookApplication { client, store in
            try await client.execute(
                uri: "/webhooks/stripe", method: .post,
                headers: [.init("Stripe-Signature")!: stripeSignature(body), .contentType: "text/plain"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .badRequest, "\(name)")
                let answer = try errorBody(response)
                #expect(answer["error"] == "malformed_request")
            }
            #expect(try await store.inbox.count(source: "stripe") == 0)
            // The application still serves.
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func invalidUTF8IsA400() async throws {
        try await withWebhookApplication { client, _ in
            var bytes: [UInt8] = Array(#"{"id":"evt_1","type":"x","note":""#.utf8)
            bytes += [0xC3, 0x28, 0xFF]
            bytes += Array(#""}"#.utf8)
            let timestamp = Int(Date().timeIntervalSince1970)
            let mac = HMACHex.sha256(key: TestSecrets.stripe, message: Array("\(timestamp).".utf8) + bytes)
            try await client.execute(
                uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: "t=\(timestamp),v1=\(mac)"],
                body: ByteBuffer(bytes: bytes)
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func webhookMetricsCountOutcomesBySource() async throws {
        try await withWebhookApplication { client, _ in
            let body = stripeEvent(id: "evt_metrics")
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body)],
                    body: ByteBuffer(string: body)
                ) { _ in }
            }
            try await client.execute(uri: "/webhooks/stripe", method: .post, body: ByteBuffer(string: body)) { _ in }
            try await client.execute(uri: "/webhooks/\(UUID().uuidString)", method: .post) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"herald_inbound_requests_total{source="stripe",outcome="accepted"} 1"#))
                #expect(text.contains(#"herald_inbound_requests_total{source="stripe",outcome="duplicate"} 1"#))
                #expect(text.contains(#"herald_inbound_requests_total{source="stripe",outcome="rejected_missing_signature"} 1"#))
                #expect(text.contains(#"herald_inbound_requests_total{source="unknown",outcome="rejected_unknown_source"} 1"#))
                #expect(text.contains("herald_inbound_verification_seconds_bucket"))
            }
        }
    }
}

import Crypto

enum HMACHex {
    static func sha256(key: String, message: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(key.utf8))).map { String(format: "%02x", $0) }.joined()
    }
}

@Suite struct TelegramAllowlistTests {
    @Test func withTheAllowlistOnAnUnknownAddressIsRefused() async throws {
        var environment = TestSecrets.environment
        environment["TELEGRAM_IP_ALLOWLIST"] = "true"
        try await withWebhookApplication(environment: environment) { client, store in
            // The in-process test client has no Telegram address, so even the right token is refused.
            try await client.execute(
                uri: "/webhooks/telegram", method: .post,
                headers: [.init("X-Telegram-Bot-Api-Secret-Token")!: TestSecrets.telegram, .init("X-Forwarded-For")!: "149.154.167.99"],
                body: ByteBuffer(string: #"{"update_id":1,"message":{"text":"hi"}}"#)
            ) { response in
                #expect(response.status == .forbidden)
                let answer = try errorBody(response)
                #expect(answer["error"] == "source_not_allowed")
            }
            #expect(try await store.inbox.count(source: "telegram") == 0)
        }
    }
}
