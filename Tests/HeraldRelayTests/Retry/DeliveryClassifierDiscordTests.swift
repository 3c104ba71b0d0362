import HeraldRelay
import Testing

/// Discord REST answers, with bodies as Discord sends them (protocols.md §2.5, §2.7).
@Suite struct DeliveryClassifierDiscordTests {
    private func classify(_ status: Int, _ body: String = "", headers: [(name: String, value: String)] = []) -> DeliveryDecision {
        RetryFixtures.classify(status, body, headers: headers, provider: .discord)
    }

    private let rateLimited = #"{"message": "You are being rate limited.", "retry_after": 64.57, "global": false}"#

    @Test(arguments: [200, 201, 204])
    func successIsDeliveredWhateverTheBody(status: Int) {
        #expect(RetryDecisionShape(classify(status, #"{"id": "1"}"#)) == .delivered)
        #expect(RetryDecisionShape(classify(status, "")) == .delivered)
    }

    @Test func rateLimitWaitsTheBodysRetryAfterToTheMillisecondNotTheRoundedHeader() {
        let decision = classify(429, rateLimited, headers: [(name: "Retry-After", value: "65"), (name: "X-RateLimit-Scope", value: "user")])
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .milliseconds(64_570), scope: .route))
        #expect(decision.reason?.contains("retry_after") == true)
    }

    @Test func globalFlagInTheBodyMeansGlobalScope() {
        let body = #"{"message": "You are being rate limited.", "retry_after": 0.5, "global": true}"#
        #expect(RetryDecisionShape(classify(429, body, headers: [(name: "Retry-After", value: "1")]))
            == .rateLimited(after: .milliseconds(500), scope: .global))
    }

    @Test func globalHeaderMeansGlobalScope() {
        let decision = classify(429, rateLimited, headers: [(name: "retry-after", value: "65"), (name: "X-RateLimit-Global", value: "true")])
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .milliseconds(64_570), scope: .global))
        let byScope = classify(429, rateLimited, headers: [(name: "X-RateLimit-Scope", value: "global")])
        #expect(RetryDecisionShape(byScope) == .rateLimited(after: .milliseconds(64_570), scope: .global))
    }

    @Test func sharedScopeHeaderMeansSharedScope() {
        let body = #"{"message": "You are being rate limited.", "retry_after": 1336.57, "global": false}"#
        let decision = classify(429, body, headers: [(name: "Retry-After", value: "1337"), (name: "X-RateLimit-Scope", value: "shared")])
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .milliseconds(1_336_570), scope: .shared))
    }

    @Test func withoutABodyTheRetryAfterHeaderIsUsed() {
        #expect(RetryDecisionShape(classify(429, "", headers: [(name: "Retry-After", value: "3")]))
            == .rateLimited(after: .seconds(3), scope: .route))
        // Cloudflare's HTML page in front of Discord.
        #expect(RetryDecisionShape(classify(429, "<html><body>Error 1015</body></html>", headers: [(name: "Retry-After", value: "600")]))
            == .rateLimited(after: .seconds(600), scope: .route))
    }

    @Test func anInvalidRetryAfterInTheBodyFallsBackToTheHeader() {
        let body = #"{"message": "You are being rate limited.", "retry_after": -4, "global": false}"#
        #expect(RetryDecisionShape(classify(429, body, headers: [(name: "Retry-After", value: "9")]))
            == .rateLimited(after: .seconds(9), scope: .route))
        let text = #"{"message": "You are being rate limited.", "retry_after": "soon"}"#
        #expect(RetryDecisionShape(classify(429, text, headers: [(name: "Retry-After", value: "9")]))
            == .rateLimited(after: .seconds(9), scope: .route))
    }

    @Test func noUsableWaitFallsBackToOneSecondAndSaysSo() {
        let decision = classify(429, #"{"message": "You are being rate limited."}"#, headers: [(name: "Retry-After", value: "later")])
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .seconds(1), scope: .route))
        #expect(DeliveryClassifier.defaultRateLimitWait == .seconds(1))
        #expect(decision.reason?.contains("default") == true)
    }

    @Test func absurdWaitsAreCappedAtADay() {
        let decision = classify(429, #"{"message": "You are being rate limited.", "retry_after": 1e300, "global": false}"#)
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .seconds(86_400), scope: .route))
    }

    @Test func onlyTheFirst64KiBOfABodyAreRead() {
        let padding = String(repeating: " ", count: 70 * 1024)
        let huge = #"{"message": "You are being rate limited.", "global": false, "pad": "\#(padding)", "retry_after": 64.57}"#
        #expect(RetryDecisionShape(classify(429, huge, headers: [(name: "Retry-After", value: "65")]))
            == .rateLimited(after: .seconds(65), scope: .route))
        #expect(RetryDecisionShape(classify(400, "{" + String(repeating: "[", count: 1_000_000))) == .dead)
    }

    @Test func cannotDMThisUserIsDead() {
        let decision = classify(403, #"{"message": "Cannot send messages to this user", "code": 50007}"#)
        #expect(RetryDecisionShape(decision) == .dead)
        #expect(decision.reason?.contains("cannot DM this user") == true)
        #expect(decision.reason?.contains("50007") == true)
    }

    @Test(arguments: [
        (403, #"{"message": "Missing Permissions", "code": 50013}"#, "Missing Permissions (code 50013)"),
        (403, #"{"message": "Missing Access", "code": 50001}"#, "Missing Access (code 50001)"),
        (404, #"{"message": "Unknown User", "code": 10013}"#, "Unknown User (code 10013)"),
        (404, #"{"message": "Unknown Channel", "code": 10003}"#, "Unknown Channel (code 10003)"),
        (404, #"{"message": "Unknown Member", "code": 10007}"#, "Unknown Member (code 10007)"),
        (400, #"{"message": "Invalid Form Body", "code": 50035, "errors": {"content": {"_errors": []}}}"#, "Invalid Form Body (code 50035)"),
        (404, "", "HTTP 404"),
    ])
    func permanentErrorsAreDeadWithDiscordsMessage(status: Int, body: String, expected: String) {
        let decision = classify(status, body)
        #expect(RetryDecisionShape(decision) == .dead)
        #expect(decision.reason?.contains(expected) == true, "\(decision.reason ?? "nil")")
    }

    @Test func slowmodeAndChannelWriteLimitAreRetried() {
        #expect(RetryDecisionShape(classify(400, #"{"message": "Slowmode rate limit", "code": 20016}"#)) == .backoff)
        #expect(RetryDecisionShape(classify(403, #"{"message": "Channel write limit", "code": 20028}"#)) == .backoff)
    }

    @Test func badTokenPausesTheChannel() {
        let decision = classify(401, #"{"message": "401: Unauthorized", "code": 0}"#)
        #expect(RetryDecisionShape(decision) == .pauseChannel)
        #expect(decision.reason?.contains("401") == true)
    }

    @Test(arguments: [500, 502, 503, 504])
    func serverErrorsAreRetriedWithBackoff(status: Int) {
        #expect(RetryDecisionShape(classify(status, #"{"message": "502: Bad Gateway", "code": 0}"#)) == .backoff)
    }

    @Test func aServersRetryAfterIsHonouredOnA503ButStillCounts() {
        #expect(RetryDecisionShape(classify(503, "", headers: [(name: "Retry-After", value: "7")]))
            == .retry(after: .seconds(7), consumesAttempt: true))
    }
}
