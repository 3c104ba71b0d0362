import Foundation
import HeraldApp
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// No answer and no log line, even at trace level, carries a secret or a full signature.
@Suite struct SecretHygieneTests {
    final class CapturedLines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ data: Data) { lines.withLock { $0.append(String(decoding: data, as: UTF8.self)) } }
        var all: String { lines.withLock { $0.joined() } }
    }

    @Test func secretsAndSignaturesNeverReachLogsOrAnswers() async throws {
        let captured = CapturedLines()
        let logger = Logger(label: "herald.test") { label in
            JSONLogHandler(label: label, level: .trace, write: { captured.append($0) })
        }
        let answerLines = CapturedLines()
        let signatures = Mutex<[String]>([])
        try await withWebhookApplication(logger: logger) { client, _ in
            var collected = ""
            let body = stripeEvent()
            let good = stripeSignature(body)
            let wrong = stripeSignature(body, secret: "whsec_wrong")
            signatures.withLock { $0 = [good, wrong].map { String($0.split(separator: "=").last ?? "") } }
            for signature in [good, wrong] {
                try await client.execute(
                    uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: signature], body: ByteBuffer(string: body)
                ) { collected += String(buffer: $0.body) }
            }
            for token in ["wrong-token", TestSecrets.telegram] {
                try await client.execute(
                    uri: "/webhooks/telegram", method: .post, headers: [.init("X-Telegram-Bot-Api-Secret-Token")!: token],
                    body: ByteBuffer(string: #"{"update_id":5,"message":{"text":"hi"}}"#)
                ) { collected += String(buffer: $0.body) }
            }
            answerLines.append(Data(collected.utf8))
        }
        let answers = answerLines.all
        let logs = captured.all
        #expect(!logs.isEmpty, "nothing was logged, so the test proves nothing")
        for secret in [TestSecrets.stripe, TestSecrets.telegram, "wrong-token", "whsec_wrong"] + signatures.withLock({ $0 }) {
            #expect(!logs.contains(secret), "a log line contains \(secret.prefix(6))…")
            #expect(!answers.contains(secret), "an answer contains \(secret.prefix(6))…")
        }
    }
}
