/// Which kind of destination a delivery went to.
///
/// Exists because the same HTTP status means different things per provider:
/// a 401 from Discord or Telegram is a bad bot token (pause the channel) while
/// a 401 from someone's webhook endpoint is that endpoint's problem, and each
/// provider states its rate-limit wait in a different place.
public enum ProviderKind: String, Sendable, Equatable, CaseIterable {
    case discord
    case telegram
    /// An outgoing HTTP webhook (Standard Webhooks style) to a third party.
    case webhook

    /// How reasons name the provider.
    var displayName: String {
        switch self {
        case .discord: "Discord"
        case .telegram: "Telegram"
        case .webhook: "webhook endpoint"
        }
    }
}
