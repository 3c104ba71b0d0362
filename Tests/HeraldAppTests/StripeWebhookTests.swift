import Foundation
import HeraldStore
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct StripeWebhookTests {
    @Test func aSignedEventIsStoredOnceHoweverOftenItIsDelivered() async throws {
        try await withWebhookApplication { client, store in
            // An event type Herald has no handler for is stored as ignored.
            let body = stripeEvent(id: "evt_1NG8Du2eZvKYlo2CUI79vXWy", type: "product.created")
            for attempt in 0..<5 {
                try await client.execute(
                    uri: "/webhooks/stripe", method: .post,
                    headers: [.init("Stripe-Signature")!: stripeSignature(body), .contentType: "application/json"],
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == (attempt == 0 ? #"{"status":"ignored"}"# : #"{"status":"duplicate"}"#))
                }
            }
            #expect(try await store.inbox.count(source: "stripe") == 1)
            let event = try #require(try await store.inbox.find(source: "stripe", eventID: "evt_1NG8Du2eZvKYlo2CUI79vXWy"))
            #expect(event.type == "product.created")
            #expect(event.payload == body)
            #expect(event.status == .ignored)
        }
    }

    @Test(arguments: [
        ("missing", "missing_signature"),
        ("garbage", "malformed_signature"),
        ("wrong-secret", "invalid_signature"),
        ("tampered-body", "invalid_signature"),
        ("stale", "stale_timestamp"),
        ("future", "stale_timestamp"),
    ])
    func aBadSignatureIsRefusedWithItsCode(case name: String, code: String) async throws {
        try await withWebhookApplication { client, store in
            let body = stripeEvent()
            var headers: HTTPFields = [.contentType: "application/json"]
            var sent = body
            switch name {
            case "garbage": headers[.init("Stripe-Signature")!] = "t=\(Int(Date().timeIntervalSince1970)),v1=not-hex!"
            case "wrong-secret": headers[.init("Stripe-Signature")!] = stripeSignature(body, secret: "whsec_other")
            case "tampered-body":
                headers[.init("Stripe-Signature")!] = stripeSignature(body)
                sent = body.replacingOccurrences(of: "1999", with: "9999")
            case "stale": headers[.init("Stripe-Signature")!] = stripeSignature(body, at: Date().addingTimeInterval(-301))
            case "future": headers[.init("Stripe-Signature")!] = stripeSignature(body, at: Date().addingTimeInterval(360))  // well past the 300 s tolerance, however slow the run
            default: break
            }
            try await client.execute(uri: "/webhooks/stripe", method: .post, headers: headers, body: ByteBuffer(string: sent)) { response in
                #expect(response.status == .unauthorized)
                let answer = try errorBody(response)
                #expect(answer["error"] == code)
                #expect(!String(buffer: response.body).contains(TestSecrets.stripe))
            }
            #expect(try await store.inbox.count(source: "stripe") == 0)
        }
    }

    @Test func anUnconfiguredSecretAnswers503SoStripeRetries() async throws {
        try await withWebhookApplication(environment: [:]) { client, _ in
            let body = stripeEvent()
            try await client.execute(
                uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body)],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .serviceUnavailable)
                let answer = try errorBody(response)
                #expect(answer["error"] == "not_configured")
            }
        }
    }

    @Test func rotatedSecretsAreBothAccepted() async throws {
        var environment = TestSecrets.environment
        environment["STRIPE_WEBHOOK_SECRET"] = "whsec_new_secret,\(TestSecrets.stripe)"
        try await withWebhookApplication(environment: environment) { client, _ in
            for secret in ["whsec_new_secret", TestSecrets.stripe] {
                let body = stripeEvent()
                try await client.execute(
                    uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body, secret: secret)],
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }
}
