import Foundation
import HeraldRelay
import Testing

/// Outgoing webhooks to third-party endpoints (Standard Webhooks, protocols.md §5.4).
@Suite struct DeliveryClassifierWebhookTests {
    private func classify(
        _ status: Int, _ body: String = "", headers: [(name: String, value: String)] = [], now: Date = RetryFixtures.now
    ) -> DeliveryDecision {
        RetryFixtures.classify(status, body, headers: headers, provider: .webhook, now: now)
    }

    private func retryAfter(_ value: String, now: Date = RetryFixtures.now) -> RetryDecisionShape {
        RetryDecisionShape(classify(429, "", headers: [(name: "Retry-After", value: value)], now: now))
    }

    @Test(arguments: [200, 202, 204, 299])
    func anySuccessIsDelivered(status: Int) {
        #expect(RetryDecisionShape(classify(status, #"{"ok":false}"#)) == .delivered)
    }

    @Test func retryAfterDeltaSeconds() {
        #expect(retryAfter("120") == .rateLimited(after: .seconds(120), scope: .route))
        #expect(retryAfter(" 0 ") == .rateLimited(after: .zero, scope: .route))
        #expect(retryAfter("1.5") == .rateLimited(after: .milliseconds(1500), scope: .route))
    }

    /// `RetryFixtures.now` is Tue, 14 Nov 2023 22:13:20 GMT.
    @Test(arguments: [
        "Tue, 14 Nov 2023 22:15:20 GMT",
        "Tuesday, 14-Nov-23 22:15:20 GMT",
        "Tue Nov 14 22:15:20 2023",
    ])
    func retryAfterHTTPDateIsRelativeToNow(value: String) {
        #expect(retryAfter(value) == .rateLimited(after: .seconds(120), scope: .route))
    }

    @Test func asctimeWithASingleDigitDay() {
        // RFC 9110's example instant, 784111777 seconds after the epoch.
        let now = Date(timeIntervalSince1970: 784_111_777 - 60)
        #expect(retryAfter("Sun Nov  6 08:49:37 1994", now: now) == .rateLimited(after: .seconds(60), scope: .route))
        #expect(retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .rateLimited(after: .seconds(60), scope: .route))
        #expect(retryAfter("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == .rateLimited(after: .seconds(60), scope: .route))
    }

    @Test func aDateInThePastMeansNoWait() {
        #expect(retryAfter("Tue, 14 Nov 2023 22:00:00 GMT") == .rateLimited(after: .zero, scope: .route))
    }

    @Test(arguments: [
        "",
        "soon",
        "-5",
        "Tue, 31 Feb 2023 22:15:20 GMT",
        "Tue, 14 Nov 2023 25:15:20 GMT",
        "Tue, 14 Nov 2023 22:15:20 PST",
        "Tue, 14 Foo 2023 22:15:20 GMT",
        "Tue, 14 Nov 2023 GMT",
    ])
    func anUnreadableRetryAfterFallsBackToOneSecond(value: String) {
        let decision = classify(429, "", headers: [(name: "Retry-After", value: value)])
        #expect(RetryDecisionShape(decision) == .rateLimited(after: .seconds(1), scope: .route))
        #expect(decision.reason?.contains("default") == true)
    }

    @Test func aMissingRetryAfterFallsBackToOneSecond() {
        #expect(RetryDecisionShape(classify(429)) == .rateLimited(after: .seconds(1), scope: .route))
    }

    @Test(arguments: [401, 403, 404, 400, 410, 413, 422])
    func clientErrorsAreDead(status: Int) {
        #expect(RetryDecisionShape(classify(status)) == .dead)
    }

    @Test func goneSaysToDisableTheEndpoint() {
        #expect(classify(410).reason?.contains("disable") == true)
    }

    @Test(arguments: [408, 409, 425, 500, 502, 503, 504])
    func transientStatusesAreRetriedWithBackoff(status: Int) {
        #expect(RetryDecisionShape(classify(status)) == .backoff)
    }

    @Test func aServersRetryAfterIsHonouredOnARetry() {
        #expect(RetryDecisionShape(classify(503, headers: [(name: "Retry-After", value: "Tue, 14 Nov 2023 22:14:20 GMT")]))
            == .retry(after: .seconds(60), consumesAttempt: true))
    }

    @Test(arguments: [301, 302, 307, 308])
    func redirectsAreNotFollowedAndAreDead(status: Int) {
        #expect(RetryDecisionShape(classify(status, headers: [(name: "Location", value: "https://elsewhere.example/hook")])) == .dead)
    }

    @Test(arguments: [100, 0, 600, 999])
    func nonsenseStatusesAreRetriedWithBackoff(status: Int) {
        #expect(RetryDecisionShape(classify(status)) == .backoff)
    }

    @Test func theEndpointsBodyIsNeverQuoted() {
        let decision = classify(400, #"{"message": "invalid signature, expected whsec_c2VjcmV0"}"#)
        #expect(RetryDecisionShape(decision) == .dead)
        #expect(decision.reason?.contains("whsec") == false)
    }
}
