import HeraldStore
import SQLKit

/// A verified, first-seen event, as a handler receives it.
public struct InboundEvent: Sendable {
    public let source: String
    public let eventID: String
    public let type: String?
    /// The raw body as received (verified bytes, UTF-8).
    public let payload: String
    let json: JSONValue?
    /// The provider's own copy of what the event is about, read back by the handler's `confirm` step
    /// (YooKassa signs nothing, so its API is asked); nil for signed sources.
    var confirmed: JSONValue? = nil
}

/// What a handler made of an event.
public struct HandlerResult: Sendable {
    public var status: InboxStatus
    /// A JSON body to answer the provider with (Discord's interaction response,
    /// Telegram's method call); nil answers `{"status":"accepted"}`.
    public var responseBody: String?
    /// Why the event failed, stored on the inbox row. A handler returns
    /// `.failed` with a reason (instead of throwing `EventDataError`) when the
    /// writes it made, such as an admin alert, must commit with the failure.
    public var error: String?

    public init(status: InboxStatus, responseBody: String? = nil, error: String? = nil) {
        self.status = status
        self.responseBody = responseBody
        self.error = error
    }

    public static let processed = HandlerResult(status: .processed)
}

/// Turns one type of event into domain changes.
///
/// Runs inside the transaction that records the event, so its writes commit
/// or roll back with the inbox row.
public protocol InboundEventHandler: Sendable {
    /// Runs before the transaction opens, for I/O the handler needs (asking the provider's API whether the
    /// event is true), so no transaction waits on the network; `handle` receives the returned event.
    /// Throwing `EventConfirmationError` stores nothing and tells the provider why.
    func confirm(_ event: InboundEvent) async throws -> InboundEvent
    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult
}

extension InboundEventHandler {
    /// Signed events need no confirmation.
    public func confirm(_ event: InboundEvent) async throws -> InboundEvent { event }
}

/// A handler's refusal of the event's data: stored as `failed`, answered 200
/// (the provider re-sending it would not help), and replayable after a fix.
public struct EventDataError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Handlers by source and event type; a type without one is stored as `ignored`.
public struct InboundHandlerRegistry: Sendable {
    private var handlers: [String: [String: any InboundEventHandler]] = [:]
    private var fallbacks: [String: any InboundEventHandler] = [:]

    public init() {}

    public mutating func register(_ handler: any InboundEventHandler, source: String, type: String) {
        handlers[source, default: [:]][type] = handler
    }

    /// The handler for every type of `source` that has no handler of its own.
    public mutating func registerFallback(_ handler: any InboundEventHandler, source: String) {
        fallbacks[source] = handler
    }

    func handler(source: String, type: String?) -> (any InboundEventHandler)? {
        if let type, let handler = handlers[source]?[type] { return handler }
        return fallbacks[source]
    }

    /// The protocol-level handlers every build answers with, whatever the configuration.
    public static var core: InboundHandlerRegistry {
        var registry = InboundHandlerRegistry()
        registry.register(DiscordPingHandler(), source: "discord", type: "ping")
        registry.registerFallback(DiscordNotAvailableHandler(), source: "discord")
        return registry
    }
}

/// Discord's PING, sent when the endpoint URL is saved: answered with PONG.
struct DiscordPingHandler: InboundEventHandler {
    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        HandlerResult(status: .processed, responseBody: #"{"type":1}"#)
    }
}

/// Every other interaction until its command exists: an ephemeral "not available yet".
struct DiscordNotAvailableHandler: InboundEventHandler {
    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        HandlerResult(
            status: .ignored,
            responseBody: #"{"type":4,"data":{"content":"This command is not available yet.","flags":64}}"#
        )
    }
}
