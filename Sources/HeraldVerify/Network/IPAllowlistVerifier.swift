import Foundation

/// Accepts a request only if its client address (as the resolver establishes
/// it) is in the allowlist — the whole defence for providers that sign nothing.
public struct IPAllowlistVerifier: WebhookVerifier {
    public let allowlist: IPAllowlist
    public let resolver: ClientAddressResolver

    public init(allowlist: IPAllowlist, resolver: ClientAddressResolver = ClientAddressResolver()) {
        self.allowlist = allowlist
        self.resolver = resolver
    }

    /// - Throws: `sourceNotAllowed` when the address is outside the allowlist, missing,
    ///   or cannot be parsed.
    public func verify(_ request: WebhookRequest, now: Date) throws(VerificationError) {
        guard let client = resolver.clientAddress(for: request), allowlist.contains(client) else {
            throw .sourceNotAllowed
        }
    }
}
