import Foundation
import HeraldVerify

/// An integrator endpoint as the relay needs it: where to post and the secret to sign with.
public struct WebhookTarget: Sendable, Equatable {
    public let id: Int64
    public let url: String
    /// The endpoint's `whsec_…` signing secret, already unsealed.
    public let secret: String
    public let ratePerSecond: Double?
    public let enabled: Bool

    public init(id: Int64, url: String, secret: String, ratePerSecond: Double?, enabled: Bool) {
        self.id = id
        self.url = url
        self.secret = secret
        self.ratePerSecond = ratePerSecond
        self.enabled = enabled
    }
}

/// Finds the endpoint a `webhook` notification names (its destination is the endpoint id).
public protocol WebhookTargets: Sendable {
    func target(id: Int64) async throws -> WebhookTarget?
}

/// Builds a signed delivery to an integrator endpoint (Standard Webhooks).
/// Pure: the signature is tested against HeraldVerify's own verifier.
public enum WebhookRequests {
    public static let userAgent = "Herald-Webhooks/0.1"

    /// The message id stays the same across retries, so the receiver can drop duplicates;
    /// the timestamp and signature are fresh on every attempt.
    public static func messageID(outboxID: Int64) -> String { "msg_herald_\(outboxID)" }

    public static func delivery(to target: WebhookTarget, messageID: String, payload: String, at now: Date) -> OutboundRequest {
        let body = Array(payload.utf8)
        let signature = StandardWebhooksSigner(secret: target.secret).signatureHeaders(body: body, timestamp: now, id: messageID)
        return OutboundRequest(
            method: "POST", url: target.url,
            headers: [(name: "Content-Type", value: "application/json"), (name: "User-Agent", value: userAgent)] + signature,
            body: body
        )
    }
}
