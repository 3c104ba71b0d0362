import Crypto
import Foundation
import HeraldApp
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging

/// Secrets and keys the webhook tests configure Herald with.
enum TestSecrets {
    static let stripe = "whsec_test_4eC39HqLyjWDarjtT1zdp7dc"
    static let telegram = "telegram-secret_token-123"
    static let discordPrivateKey = Curve25519.Signing.PrivateKey()
    static var discordPublicKeyHex: String { discordPrivateKey.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined() }

    static var environment: [String: String] {
        [
            "STRIPE_WEBHOOK_SECRET": stripe,
            "TELEGRAM_WEBHOOK_SECRET": telegram,
            "DISCORD_PUBLIC_KEY": discordPublicKeyHex,
        ]
    }
}

/// Signs like Stripe does, written here independently of Herald's verifier:
/// `t=<unix>,v1=hex(HMAC-SHA256(secret, "<t>.<body>"))`.
func stripeSignature(_ body: String, secret: String = TestSecrets.stripe, at time: Date = Date()) -> String {
    let timestamp = Int(time.timeIntervalSince1970)
    let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
    return "t=\(timestamp),v1=\(mac.map { String(format: "%02x", $0) }.joined())"
}

/// Signs like Discord does: Ed25519 over the timestamp followed by the body.
func discordHeaders(_ body: String, at time: Date = Date(), key: Curve25519.Signing.PrivateKey = TestSecrets.discordPrivateKey) throws
    -> HTTPFields
{
    let timestamp = String(Int(time.timeIntervalSince1970))
    let signature = try key.signature(for: Data((timestamp + body).utf8))
    return [
        .init("X-Signature-Ed25519")!: signature.map { String(format: "%02x", $0) }.joined(),
        .init("X-Signature-Timestamp")!: timestamp,
        .contentType: "application/json",
    ]
}

/// A Stripe event body shaped like Stripe's documented `event` object.
func stripeEvent(id: String = "evt_\(UUID().uuidString.prefix(12))", type: String = "checkout.session.completed") -> String {
    #"{"id":"\#(id)","object":"event","api_version":"2024-06-20","created":1718000000,"type":"\#(type)","livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"data":{"object":{"id":"cs_test_a1","object":"checkout.session","amount_total":1999,"currency":"usd","payment_status":"paid","status":"complete"}}}"#
}

/// Runs `body` against an application configured with the test secrets, and returns the store for inspection.
func withWebhookApplication(
    environment: [String: String] = TestSecrets.environment,
    handlers: InboundHandlerRegistry? = nil,
    logger: Logger = Logger(label: "herald.test", factory: { _ in SwiftLogNoOpLogHandler() }),
    _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> Void
) async throws {
    try await TestDatabase.sqlite.withEmptyDatabase { url in
        let configuration = try await HeraldConfiguration.load(environment: environment)
        let store = try await TestDatabase.openStore(url)
        try await store.closing { store in
            let app = try buildApplication(configuration: configuration, store: store, logger: logger, handlers: handlers, relay: false)
            try await app.test(.router) { client in try await body(client, store) }
        }
    }
}

/// The decoded `{"error", "message"}` body of an error answer.
func errorBody(_ response: TestResponse) throws -> [String: String] {
    try JSONDecoder().decode([String: String].self, from: Data(String(buffer: response.body).utf8))
}
