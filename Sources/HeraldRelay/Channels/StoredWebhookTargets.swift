import HeraldStore
import HeraldVerify

/// The integrator endpoints kept in the store, with their secrets unsealed
/// under `HERALD_ENCRYPTION_KEY` only at the moment of signing.
public struct StoredWebhookTargets: WebhookTargets {
    let store: Store
    let secrets: SecretBox

    public init(store: Store, secrets: SecretBox) {
        self.store = store
        self.secrets = secrets
    }

    public func target(id: Int64) async throws -> WebhookTarget? {
        guard let endpoint = try await store.endpoints.find(id: id) else { return nil }
        let secret = String(decoding: try secrets.open(endpoint.secretSealed), as: UTF8.self)
        return WebhookTarget(id: endpoint.id, url: endpoint.url, secret: secret, ratePerSecond: endpoint.ratePerSecond, enabled: endpoint.enabled)
    }
}
