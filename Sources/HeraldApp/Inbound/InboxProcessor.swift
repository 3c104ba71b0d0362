import HeraldStore
import Logging
import SQLKit

/// Records a verified event in the inbox and runs its handler, exactly once.
///
/// The inbox row and the handler's writes share one transaction. A handler that
/// refuses the event's data (`EventDataError`) leaves only a `failed` inbox row
/// behind; any other error rolls everything back and is rethrown, so the
/// provider is told to retry. A handler's `confirm` step (an API read-back)
/// runs before the transaction; when it throws, nothing is stored.
public struct InboxProcessor: Sendable {
    public let store: Store
    public let handlers: InboundHandlerRegistry
    let logger: Logger

    public init(store: Store, handlers: InboundHandlerRegistry, logger: Logger) {
        self.store = store
        self.handlers = handlers
        self.logger = logger
    }

    public enum Outcome: Sendable, Equatable {
        case accepted(InboxStatus, responseBody: String?)
        case duplicate
        case failed(String)
    }

    public func process(_ event: InboundEvent) async throws -> Outcome {
        let handler = handlers.handler(source: event.source, type: event.type)
        let event = try await handler?.confirm(event) ?? event
        do {
            return try await store.backend.withTransaction { db in
                guard
                    let id = try await InboxRepository.insert(
                        source: event.source, eventID: event.eventID, type: event.type, payload: event.payload,
                        status: handler == nil ? .ignored : .processed, error: nil, on: db
                    )
                else { return .duplicate }
                guard let handler else { return .accepted(.ignored, responseBody: nil) }
                let result = try await handler.handle(event, on: db)
                if result.status != .processed {
                    try await InboxRepository.recordReplay(id: id, status: result.status, error: result.error, on: db)
                }
                return .accepted(result.status, responseBody: result.responseBody)
            }
        } catch let error as EventDataError {
            logger.warning(
                "inbound event refused by its handler",
                metadata: ["source": "\(event.source)", "event_id": "\(event.eventID)", "error": "\(error.description)"]
            )
            let stored = try await store.backend.withTransaction { db in
                try await InboxRepository.insert(
                    source: event.source, eventID: event.eventID, type: event.type, payload: event.payload,
                    status: .failed, error: error.description, on: db
                )
            }
            return stored == nil ? .duplicate : .failed(error.description)
        }
    }

    /// Runs the handler of a stored event again (`herald replay`), recording the new outcome.
    public func replay(_ stored: InboxEvent) async throws -> InboxStatus {
        var event = InboundEvent(
            source: stored.source, eventID: stored.eventID, type: stored.type, payload: stored.payload,
            json: try? JSONValue.parse(Array(stored.payload.utf8), maximumDepth: InboundEnvelope.maximumDepth)
        )
        guard let handler = handlers.handler(source: stored.source, type: stored.type) else {
            try await store.backend.withTransaction { db in
                try await InboxRepository.recordReplay(id: stored.id, status: .ignored, error: nil, on: db)
            }
            return .ignored
        }
        do {
            event = try await handler.confirm(event)
            return try await store.backend.withTransaction { [event] db in
                let result = try await handler.handle(event, on: db)
                try await InboxRepository.recordReplay(id: stored.id, status: result.status, error: result.error, on: db)
                return result.status
            }
        } catch let error as EventDataError {
            try await store.backend.withTransaction { db in
                try await InboxRepository.recordReplay(id: stored.id, status: .failed, error: error.description, on: db)
            }
            return .failed
        } catch EventConfirmationError.refused(let reason) {
            try await store.backend.withTransaction { db in
                try await InboxRepository.recordReplay(id: stored.id, status: .failed, error: reason, on: db)
            }
            return .failed
        }
    }
}
