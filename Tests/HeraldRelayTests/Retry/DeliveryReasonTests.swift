import HeraldRelay
import Testing

/// Reasons end up in logs and in the admin UI: short, one line, no secrets.
@Suite struct DeliveryReasonTests {
    private let telegramToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    private let discordToken = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"

    @Test func urlsAndTelegramTokensAreRedacted() throws {
        let detail = "Failed to connect to https://api.telegram.org/bot\(telegramToken)/sendMessage port 443"
        let reason = try #require(DeliveryClassifier.classify(.failure(.connectionFailed(detail)), provider: .telegram).reason)
        #expect(!reason.contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"))
        #expect(!reason.contains("api.telegram.org"))
        #expect(reason.contains("port 443"))
        let bare = try #require(DeliveryClassifier.classify(.failure(.other("token bot\(telegramToken) refused")), provider: .telegram).reason)
        #expect(!bare.contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"))
    }

    @Test func discordTokensAreRedacted() throws {
        let body = #"{"message": "Invalid token \#(discordToken)", "code": 50014}"#
        let reason = try #require(RetryFixtures.classify(400, body, provider: .discord).reason)
        #expect(!reason.contains("ZnCjm1XVW7vRze4b7Cq4se7kKWs"))
        #expect(reason.contains("50014"))
    }

    @Test func headersNeverAppearInReasons() throws {
        let headers: [(name: String, value: String)] = [
            (name: "Set-Cookie", value: "__cf_bm=s3cr3tc00kie"),
            (name: "X-RateLimit-Bucket", value: "abcd1234bucket"),
            (name: "Retry-After", value: "5"),
        ]
        for status in [429, 502, 403, 401] {
            for provider in ProviderKind.allCases {
                let reason = RetryFixtures.classify(status, #"{"message":"x","code":1}"#, headers: headers, provider: provider).reason ?? ""
                #expect(!reason.contains("s3cr3tc00kie") && !reason.contains("abcd1234bucket"), "\(provider) \(status): \(reason)")
            }
        }
    }

    @Test func longProviderMessagesAreCut() throws {
        let description = "Bad Request: " + String(repeating: "very long ", count: 500)
        let decision = RetryFixtures.classify(400, #"{"ok":false,"error_code":400,"description":"\#(description)"}"#, provider: .telegram)
        let reason = try #require(decision.reason)
        #expect(reason.count <= DeliveryClassifier.maximumReasonLength)
        #expect(DeliveryClassifier.maximumReasonLength == 300)
        #expect(reason.hasSuffix("…"))
    }

    @Test func reasonsAreOneLine() throws {
        let decision = RetryFixtures.classify(404, #"{"message": "Unknown\nChannel\r\u0000x", "code": 10003}"#, provider: .discord)
        let reason = try #require(decision.reason)
        #expect(!reason.contains("\n") && !reason.contains("\r") && !reason.contains("\u{0}"))
        #expect(reason.contains("Unknown Channel"))
    }

    @Test func deliveredHasNoReason() {
        #expect(DeliveryDecision.delivered.reason == nil)
        #expect(DeliveryDecision.dead(reason: "x").reason == "x")
    }
}
