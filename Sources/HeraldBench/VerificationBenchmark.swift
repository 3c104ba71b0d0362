import Crypto
import Foundation
import HeraldVerify

/// Measures what verifying one request costs under each signature scheme.
///
/// Each scheme verifies the same 2 KiB body many times after a warm-up; the
/// figure is the mean wall time per verification on this machine.
enum VerificationBenchmark {
    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? padding + text : text + padding
    }

    static let iterations = 20_000

    static func run() throws {
        let body = Array(String(repeating: #"{"id":"evt_1","type":"payment_intent.succeeded"}"#, count: 40).utf8.prefix(2048))
        let now = Date()
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let discordKey = Curve25519.Signing.PrivateKey()
        let cases: [(String, any WebhookVerifier, any WebhookSigner)] = [
            ("stripe", StripeSignatureVerifier(secrets: [secret]), StripeSigner(secret: secret)),
            ("standard", StandardWebhooksVerifier(secrets: [secret]), StandardWebhooksSigner(secret: secret)),
            ("github", GenericHMACVerifier(scheme: .github, secrets: [secret]), GenericHMACSigner(scheme: .github, secret: secret)),
            ("paddle", GenericHMACVerifier(scheme: .paddle, secrets: [secret]), GenericHMACSigner(scheme: .paddle, secret: secret)),
            ("telegram", TelegramSecretTokenVerifier(secretToken: "token_123"), TelegramSecretTokenSigner(secretToken: "token_123")),
            (
                "discord", DiscordInteractionVerifier(publicKey: Array(discordKey.publicKey.rawRepresentation)),
                DiscordInteractionSigner(privateKey: discordKey)
            ),
        ]
        print("  " + pad("scheme", 10) + pad("µs/verify", 12, left: true) + pad("verifies/s", 12, left: true))
        for (name, verifier, signer) in cases {
            let request = WebhookRequest(headers: signer.signatureHeaders(body: body, timestamp: now, id: "msg_1"), body: body)
            try verifier.verify(request, now: now)
            let iterations = name == "discord" ? iterations / 10 : iterations
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                for _ in 0..<iterations { try verifier.verify(request, now: now) }
            }
            let microseconds = (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(iterations)
            print(
                "  " + pad(name, 10) + pad(String(format: "%.2f", microseconds), 12, left: true)
                    + pad(String(format: "%.0f", 1e6 / microseconds), 12, left: true)
            )
        }
    }
}
