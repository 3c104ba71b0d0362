import Foundation
import HeraldCore
import SQLKit

/// A processor's subscription as last reported.
public struct SubscriptionRecord: Sendable, Equatable, Codable {
    public let id: Int64
    public let processor: String
    public let externalID: String
    public let userID: Int64?
    /// The catalogue key of the subscribed product.
    public let plan: String
    public let status: SubscriptionStatus
    public let currentPeriodEnd: Date?
    public let cancelAtPeriodEnd: Bool
    public let sourceEventCreatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, processor, externalID = "external_id", userID = "user_id", plan, status, currentPeriodEnd = "current_period_end"
        case cancelAtPeriodEnd = "cancel_at_period_end", sourceEventCreatedAt = "source_event_created_at"
    }

    static let columns = [
        "id", "processor", "external_id", "user_id", "plan", "status", "current_period_end", "cancel_at_period_end",
        "source_event_created_at",
    ].map { SQLIdentifier($0) }
}

/// What one event says a subscription is now.
public struct SubscriptionState: Sendable, Equatable {
    public var userID: Int64
    public var plan: String
    public var status: SubscriptionStatus
    public var currentPeriodEnd: Date?
    public var cancelAtPeriodEnd: Bool
    /// When the processor created the event carrying this state.
    public var eventCreated: Date

    public init(userID: Int64, plan: String, status: SubscriptionStatus, currentPeriodEnd: Date?, cancelAtPeriodEnd: Bool, eventCreated: Date) {
        self.userID = userID
        self.plan = plan
        self.status = status
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.eventCreated = eventCreated
    }
}

/// Subscriptions, kept at the newest state a processor reported.
public struct SubscriptionRepository: Sendable {
    let backend: any DatabaseBackend

    /// Stores `state` unless an event created later was already applied.
    /// Returns the stored row and whether this state was applied.
    public static func apply(processor: String, externalID: String, state: SubscriptionState, now: Date = Date(), on db: any SQLDatabase)
        async throws -> (record: SubscriptionRecord, applied: Bool)
    {
        try await db.insert(into: "subscriptions")
            .columns(
                "processor", "external_id", "user_id", "plan", "status", "current_period_end", "cancel_at_period_end",
                "source_event_created_at", "created_at", "updated_at"
            )
            .values(
                SQLBind(processor), SQLBind(externalID), SQLBind(state.userID), SQLBind(state.plan), SQLBind(state.status.rawValue),
                SQLBind(state.currentPeriodEnd), SQLBind(state.cancelAtPeriodEnd), SQLBind(state.eventCreated), SQLBind(now), SQLBind(now)
            )
            .ignoringConflicts(with: ["processor", "external_id"])
            .run()
        var query = db.select().columns(SubscriptionRecord.columns).from("subscriptions")
            .where("processor", .equal, SQLBind(processor)).where("external_id", .equal, SQLBind(externalID))
        if db.dialect.name == "postgresql" { query = query.for(.update) }
        guard let stored = try await query.first(decoding: SubscriptionRecord.self) else {
            throw StoreError(.other, detail: "subscription row vanished after insert")
        }
        if EventOrder.isStale(eventCreated: state.eventCreated, storedCreated: stored.sourceEventCreatedAt) {
            return (stored, false)
        }
        try await db.update("subscriptions")
            .set("user_id", to: SQLBind(state.userID))
            .set("plan", to: SQLBind(state.plan))
            .set("status", to: SQLBind(state.status.rawValue))
            .set("current_period_end", to: SQLBind(state.currentPeriodEnd))
            .set("cancel_at_period_end", to: SQLBind(state.cancelAtPeriodEnd))
            .set("source_event_created_at", to: SQLBind(state.eventCreated))
            .set("updated_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(stored.id))
            .run()
        let updated = SubscriptionRecord(
            id: stored.id, processor: processor, externalID: externalID, userID: state.userID, plan: state.plan, status: state.status,
            currentPeriodEnd: state.currentPeriodEnd, cancelAtPeriodEnd: state.cancelAtPeriodEnd, sourceEventCreatedAt: state.eventCreated
        )
        return (updated, true)
    }

    public static func find(processor: String, externalID: String, on db: any SQLDatabase) async throws -> SubscriptionRecord? {
        try await db.select().columns(SubscriptionRecord.columns).from("subscriptions")
            .where("processor", .equal, SQLBind(processor)).where("external_id", .equal, SQLBind(externalID))
            .first(decoding: SubscriptionRecord.self)
    }

    public func find(processor: String, externalID: String) async throws -> SubscriptionRecord? {
        try await backend.withConnection { db in try await Self.find(processor: processor, externalID: externalID, on: db) }
    }

    public func list(userID: Int64) async throws -> [SubscriptionRecord] {
        try await backend.withConnection { db in
            try await db.select().columns(SubscriptionRecord.columns).from("subscriptions")
                .where("user_id", .equal, SQLBind(userID)).orderBy("id")
                .all(decoding: SubscriptionRecord.self)
        }
    }
}
