import Foundation

/// Produces the authentication headers a provider would attach to a body.
///
/// Exists for schemes where Herald holds the sending secret too: `herald sign`
/// uses it to craft test deliveries, and tests use it to build valid requests.
public protocol WebhookSigner: Sendable {
    /// Headers that make `body` verify, as sent at `timestamp` with message id `id`
    /// (schemes without a timestamp or id ignore them).
    func signatureHeaders(body: [UInt8], timestamp: Date, id: String?) -> [(name: String, value: String)]
}
