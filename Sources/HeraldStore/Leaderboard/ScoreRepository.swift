import Foundation
import HeraldCore
import SQLKit

/// How an integrator names a member: Herald's id or a platform identity.
public enum MemberReference: Sendable, Hashable, CustomStringConvertible {
    case id(Int64)
    case discord(String)
    case telegram(Int64)

    public var description: String {
        switch self {
        case .id(let id): "member \(id)"
        case .discord(let id): "discord_id \(id)"
        case .telegram(let id): "telegram_id \(id)"
        }
    }
}

/// One score event from an integrator, resolved to a member.
public struct ScoreEvent: Sendable, Equatable {
    /// The integrator's id for the event; a repeat is ignored.
    public let eventID: String
    public let userID: Int64
    /// Added to the score (negative takes away).
    public let points: Int64
    /// Added to the member's metric counters.
    public let metrics: ScoreMetrics
    /// Replaces the member's response rate when given.
    public let responseRate: Double?

    public init(eventID: String, userID: Int64, points: Int64, metrics: ScoreMetrics = ScoreMetrics(), responseRate: Double? = nil) {
        self.eventID = eventID
        self.userID = userID
        self.points = points
        self.metrics = metrics
        self.responseRate = responseRate
    }
}

/// Whether an event changed anything.
public enum ScoreEventOutcome: String, Sendable, Equatable {
    case applied
    /// An event with this id was applied before; nothing changed.
    case duplicate
}

/// Scores as integrators push them.
///
/// Each event is recorded under its id (unique), so a retried push changes
/// nothing; its points and metric deltas are added to the member's `scores` row
/// in the same transaction. `reached_at` moves only when the score changes,
/// so an event without points does not cost a member their tie-break.
public struct ScoreRepository: Sendable {
    let backend: any DatabaseBackend

    /// The member ids of `references`; references naming no member are absent.
    public func resolve(_ references: Set<MemberReference>) async throws -> [MemberReference: Int64] {
        try await backend.withConnection { db in
            var found: [MemberReference: Int64] = [:]
            for reference in references {
                let query = db.select().column("id").from("users")
                let id: Int64? =
                    switch reference {
                    case .id(let id): try await query.where("id", .equal, SQLBind(id)).first(decodingColumn: "id", as: Int64.self)
                    case .discord(let id): try await query.where("discord_id", .equal, SQLBind(id)).first(decodingColumn: "id", as: Int64.self)
                    case .telegram(let id): try await query.where("telegram_id", .equal, SQLBind(id)).first(decodingColumn: "id", as: Int64.self)
                    }
                if let id { found[reference] = id }
            }
            return found
        }
    }

    /// Applies `events` in one transaction, in order.
    public func apply(_ events: [ScoreEvent], now: Date = Date()) async throws -> [ScoreEventOutcome] {
        try await backend.withTransaction { db in
            var outcomes: [ScoreEventOutcome] = []
            for event in events { outcomes.append(try await Self.apply(event, now: now, on: db)) }
            return outcomes
        }
    }

    static func apply(_ event: ScoreEvent, now: Date, on db: any SQLDatabase) async throws -> ScoreEventOutcome {
        let metrics = String(decoding: try JSONEncoder().encode(event.metrics), as: UTF8.self)
        let recorded = try await db.insert(into: "score_events")
            .columns("event_id", "user_id", "points", "metrics", "received_at")
            .values(SQLBind(event.eventID), SQLBind(event.userID), SQLBind(event.points), JSONText(metrics), SQLBind(now))
            .ignoringConflicts(with: ["event_id"])
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        guard recorded != nil else { return .duplicate }
        let responseRate: SQLQueryString = event.responseRate == nil ? "scores.response_rate" : "excluded.response_rate"
        try await db.raw(
            """
            INSERT INTO scores (user_id, score, reached_at, deals_closed, leads_generated, campaigns_launched, response_rate, updated_at)
            VALUES (\(bind: event.userID), \(bind: event.points), \(bind: now), \(bind: event.metrics.dealsClosed),
                    \(bind: event.metrics.leadsGenerated), \(bind: event.metrics.campaignsLaunched), \(bind: event.responseRate ?? 0),
                    \(bind: now))
            ON CONFLICT (user_id) DO UPDATE SET
                score = scores.score + excluded.score,
                reached_at = CASE WHEN excluded.score <> 0 THEN excluded.reached_at ELSE scores.reached_at END,
                deals_closed = scores.deals_closed + excluded.deals_closed,
                leads_generated = scores.leads_generated + excluded.leads_generated,
                campaigns_launched = scores.campaigns_launched + excluded.campaigns_launched,
                response_rate = \(responseRate),
                updated_at = excluded.updated_at
            """
        ).run()
        return .applied
    }
}
