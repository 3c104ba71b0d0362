import HeraldRelay
import Testing

/// Attempts that produced no HTTP answer.
@Suite struct DeliveryClassifierTransportTests {
    private func classify(_ error: TransportError, _ provider: ProviderKind) -> DeliveryDecision {
        DeliveryClassifier.classify(.failure(error), provider: provider, now: RetryFixtures.now)
    }

    @Test(arguments: ProviderKind.allCases)
    func timeoutsAndBrokenConnectionsAreRetriedWithBackoff(provider: ProviderKind) {
        #expect(RetryDecisionShape(classify(.timedOut, provider)) == .backoff)
        #expect(RetryDecisionShape(classify(.connectionFailed("Could not resolve host"), provider)) == .backoff)
        #expect(RetryDecisionShape(classify(.other("Recv failure: Connection reset by peer"), provider)) == .backoff)
    }

    @Test(arguments: ProviderKind.allCases)
    func tlsAndInvalidRequestsAreDead(provider: ProviderKind) {
        #expect(RetryDecisionShape(classify(.tls("certificate has expired"), provider)) == .dead)
        #expect(RetryDecisionShape(classify(.invalidRequest("unsupported scheme"), provider)) == .dead)
    }

    @Test(arguments: ProviderKind.allCases)
    func cancellationRetriesAtOnceWithoutCountingTheAttempt(provider: ProviderKind) {
        #expect(RetryDecisionShape(classify(.cancelled, provider)) == .retry(after: .zero, consumesAttempt: false))
    }

    @Test func reasonsKeepTheTransportDetail() {
        #expect(classify(.connectionFailed("Could not resolve host"), .discord).reason?.contains("Could not resolve host") == true)
        #expect(classify(.timedOut, .telegram).reason?.contains("timed out") == true)
    }
}
