import Foundation
import HeraldVerify

/// One place Herald accepts webhooks from: `POST /webhooks/<name>`.
///
/// Bundles how a request is authenticated with how its event id and type are
/// found once it is authentic. Nothing here reads the body before `verifier`
/// has accepted it.
public struct InboundSource: Sendable {
    public let name: String
    public let verifiers: [any WebhookVerifier]
    public let eventID: EventIDRule
    public let eventType: EventTypeRule

    public init(name: String, verifiers: [any WebhookVerifier], eventID: EventIDRule, eventType: EventTypeRule) {
        self.name = name
        self.verifiers = verifiers
        self.eventID = eventID
        self.eventType = eventType
    }

    /// Runs every verifier in order; the first refusal wins.
    func verify(_ request: WebhookRequest, now: Date) throws(VerificationError) {
        for verifier in verifiers {
            try verifier.verify(request, now: now)
        }
    }
}

/// Where an event's provider id is found, for de-duplication.
public enum EventIDRule: Sendable, Equatable {
    /// A field of the JSON body, by path (`["id"]`, `["data", "id"]`); numbers are accepted as text.
    case json([String])
    /// The first of these request headers that is present (`webhook-id`, `svix-id`).
    case header([String])
    /// The SHA-256 of the body, for sources whose events carry no id.
    case bodyHash

    /// Parses a configured rule: `header:<name>`, `sha256`, or a dotted JSON path.
    public init(configured text: String) {
        if text.hasPrefix("header:") {
            self = .header([String(text.dropFirst("header:".count))])
        } else if text == "sha256" {
            self = .bodyHash
        } else {
            self = .json(text.split(separator: ".").map(String.init))
        }
    }
}

/// Where an event's type is found, to pick its handler.
public enum EventTypeRule: Sendable, Equatable {
    case json([String])
    case header([String])
    /// Telegram: the name of the update's one payload field (`message`, `callback_query`, …).
    case telegramUpdateKind
    /// Discord: the interaction `type` number, named (`ping`, `application_command`, …).
    case discordInteraction
    case none

    /// Parses a configured rule: `header:<name>` or a dotted JSON path.
    public init(configured text: String) {
        if text.hasPrefix("header:") {
            self = .header([String(text.dropFirst("header:".count))])
        } else {
            self = .json(text.split(separator: ".").map(String.init))
        }
    }
}
