import Foundation
import SQLKit

/// What happened to a verified inbound event.
public enum InboxStatus: String, Sendable, Codable, CaseIterable {
    /// A handler ran and its changes committed with the event.
    case processed
    /// No handler is registered for the event's type; stored and acknowledged.
    case ignored
    /// The handler refused the event; the error is stored and `herald replay` can run it again.
    case failed
}

/// A verified event as stored in `inbox_events`.
public struct InboxEvent: Sendable, Equatable, Codable {
    public let id: Int64
    public let source: String
    public let eventID: String
    public let type: String?
    public let payload: String
    public let status: InboxStatus
    public let error: String?
    public let attempts: Int
    public let receivedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, source, eventID = "event_id", type, payload, status, error, attempts, receivedAt = "received_at"
    }
}

/// The inbox: every verified inbound event, once per source and event id.
///
/// Recording an event and the domain changes its handler makes share one
/// transaction, so a repeat delivery finds the event already there and
/// changes nothing.
public struct InboxRepository: Sendable {
    let backend: any DatabaseBackend

    static let columns = ["id", "source", "event_id", "type", "payload", "status", "error", "attempts", "received_at"]
        .map { SQLIdentifier($0) }

    /// Inserts the event unless (source, event id) is already stored; returns the new row id, or nil for a repeat.
    public static func insert(
        source: String,
        eventID: String,
        type: String?,
        payload: String,
        status: InboxStatus,
        error: String?,
        on db: any SQLDatabase
    ) async throws -> Int64? {
        let now = Date()
        return try await db.insert(into: "inbox_events")
            .columns("source", "event_id", "type", "payload", "status", "error", "received_at", "processed_at")
            .values(
                SQLBind(source), SQLBind(eventID), SQLBind(type), SQLBind(payload), SQLBind(status.rawValue), SQLBind(error),
                SQLBind(now), SQLBind(now)
            )
            .ignoringConflicts(with: ["source", "event_id"])
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
    }

    /// Records the outcome of running the handler again (`herald replay`).
    public static func recordReplay(id: Int64, status: InboxStatus, error: String?, on db: any SQLDatabase) async throws {
        try await db.update("inbox_events")
            .set("status", to: SQLBind(status.rawValue))
            .set("error", to: SQLBind(error))
            .set("processed_at", to: SQLBind(Date()))
            .set(SQLIdentifier("attempts"), to: SQLBinaryExpression(SQLIdentifier("attempts"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, SQLBind(id))
            .run()
    }

    public func find(source: String, eventID: String) async throws -> InboxEvent? {
        try await backend.withConnection { db in
            try await db.select().columns(Self.columns).from("inbox_events")
                .where("source", .equal, SQLBind(source))
                .where("event_id", .equal, SQLBind(eventID))
                .first(decoding: InboxEvent.self)
        }
    }

    /// The newest events first, optionally only those with `status`.
    public func list(status: InboxStatus? = nil, source: String? = nil, limit: Int = 50) async throws -> [InboxEvent] {
        try await backend.withConnection { db in
            var query = db.select().columns(Self.columns).from("inbox_events")
            if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
            if let source { query = query.where("source", .equal, SQLBind(source)) }
            return try await query.orderBy("id", .descending).limit(limit).all(decoding: InboxEvent.self)
        }
    }

    public func count(source: String) async throws -> Int {
        try await backend.withConnection { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("inbox_events")
                .where("source", .equal, SQLBind(source))
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }
}
