import Foundation
import HeraldCore
import HeraldStore

/// The `webhook` channel: the row's text is the JSON payload, posted to the
/// endpoint its destination names, signed with that endpoint's secret.
extension ChannelSenders {
    func sendWebhook(_ item: OutboxItem, payload: String, transport: any HTTPTransport) async -> ChannelAttempt {
        guard let webhookTargets else { return Self.notConfigured("HERALD_ENCRYPTION_KEY (endpoint secrets)") }
        guard let endpointID = Int64(item.destination) else { return .dead("a webhook destination is an endpoint id") }
        let target: WebhookTarget?
        do {
            target = try await webhookTargets.target(id: endpointID)
        } catch {
            return ChannelAttempt(decision: .retry(after: nil, consumesAttempt: false, reason: "could not read endpoint \(endpointID)"), statusCode: nil)
        }
        guard let target else { return .dead("endpoint \(endpointID) does not exist") }
        guard target.enabled else { return .dead("endpoint \(endpointID) is disabled") }
        let request = WebhookRequests.delivery(
            to: target, messageID: WebhookRequests.messageID(outboxID: item.id), payload: payload, at: Date()
        )
        return await sendAll([request], provider: .webhook, transport: transport) { _ in
            await pacer.waitForEndpoint(id: endpointID, ratePerSecond: target.ratePerSecond)
        } learn: { _, _ in } onRateLimit: { _, _ in }
    }
}
