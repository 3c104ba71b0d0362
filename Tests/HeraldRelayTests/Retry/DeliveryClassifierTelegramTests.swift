import HeraldRelay
import Testing

/// Telegram Bot API answers, with bodies as the Bot API server builds them (protocols.md §3.6–3.7).
@Suite struct DeliveryClassifierTelegramTests {
    private func classify(_ status: Int, _ body: String = "", headers: [(name: String, value: String)] = []) -> DeliveryDecision {
        RetryFixtures.classify(status, body, headers: headers, provider: .telegram)
    }

    @Test func okTrueIsDelivered() {
        let body = #"{"ok":true,"result":{"message_id":12,"chat":{"id":42,"type":"private"},"date":1700000000,"text":"hi"}}"#
        #expect(RetryDecisionShape(classify(200, body)) == .delivered)
    }

    @Test func aBodyThatIsNotAJSONObjectDoesNotBlockDelivery() {
        #expect(RetryDecisionShape(classify(200, "")) == .delivered)
        #expect(RetryDecisionShape(classify(200, "OK")) == .delivered)
        #expect(RetryDecisionShape(classify(200, "[1, 2]")) == .delivered)
    }

    @Test func okFalseOnA200IsClassifiedByItsErrorCode() {
        let blocked = #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#
        #expect(RetryDecisionShape(classify(200, blocked)) == .dead)
        let limited = #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#
        #expect(RetryDecisionShape(classify(200, limited)) == .rateLimited(after: .seconds(3), scope: .chat))
    }

    @Test func aJSONAnswerWithoutOkTrueIsNotDelivered() {
        #expect(RetryDecisionShape(classify(200, #"{"result":{}}"#)) == .backoff)
        #expect(RetryDecisionShape(classify(200, #"{"ok":false}"#)) == .backoff)
        #expect(RetryDecisionShape(classify(200, #"{"ok":"true"}"#)) == .backoff)
    }

    @Test func tooManyRequestsWaitsParametersRetryAfter() {
        let body = #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 35","parameters":{"retry_after":35}}"#
        let decision = classify(429, body)
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .seconds(35), scope: .chat))
        #expect(decision.reason?.contains("35") == true)
    }

    @Test func tooManyRequestsWithoutAWaitFallsBackToOneSecond() {
        let decision = classify(429, #"{"ok":false,"error_code":429,"description":"Too Many Requests"}"#)
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .seconds(1), scope: .chat))
        #expect(decision.reason?.contains("default") == true)
    }

    @Test(arguments: [
        "Forbidden: bot was blocked by the user",
        "Forbidden: user is deactivated",
        "Forbidden: bot was kicked from the group chat",
        "Forbidden: bot is not a member of the supergroup chat",
    ])
    func forbiddenIsDeadWithTheDescription(description: String) {
        let decision = classify(403, #"{"ok":false,"error_code":403,"description":"\#(description)"}"#)
        #expect(RetryDecisionShape(decision) == .dead)
        #expect(decision.reason?.contains(description) == true)
    }

    @Test func chatNotFoundIsDead() {
        let decision = classify(400, #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#)
        #expect(RetryDecisionShape(decision) == .dead)
        #expect(decision.reason?.contains("chat not found") == true)
    }

    @Test func migrationToASupergroupIsDeadAndNamesTheNewChat() {
        let body = #"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234567890}}"#
        let decision = classify(400, body)
        #expect(RetryDecisionShape(decision) == .dead)
        #expect(decision.reason?.contains("-1001234567890") == true)
    }

    @Test func unauthorizedPausesTheChannel() {
        #expect(RetryDecisionShape(classify(401, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#)) == .pauseChannel)
        #expect(RetryDecisionShape(classify(401, "")) == .pauseChannel)
    }

    @Test func notFoundIsDead() {
        #expect(RetryDecisionShape(classify(404, #"{"ok":false,"error_code":404,"description":"Not Found"}"#)) == .dead)
    }

    @Test(arguments: [500, 502, 504])
    func serverErrorsAreRetriedWithBackoff(status: Int) {
        #expect(RetryDecisionShape(classify(status, #"{"ok":false,"error_code":\#(status),"description":"Internal Server Error"}"#)) == .backoff)
        #expect(RetryDecisionShape(classify(status, "<html>Bad Gateway</html>")) == .backoff)
    }
}
