import Foundation

/// One check that an inbound request really comes from its provider.
///
/// A source may stack several verifiers (an IP allowlist, then a signature);
/// each either returns or throws the reason the request must be refused.
public protocol WebhookVerifier: Sendable {
    /// Accepts `request` or throws why it is not authentic at time `now`.
    func verify(_ request: WebhookRequest, now: Date) throws(VerificationError)
}
