import Foundation
import HeraldCore
import SQLKit

/// A notification to enqueue.
public struct NewNotification: Sendable {
    public var channel: NotificationChannel
    public var destination: String
    /// Rendered text; or a template name with its data and locale.
    public var body: String?
    public var template: String?
    public var dataJSON: String?
    public var locale: String?
    public var endpointID: Int64?
    /// Makes enqueuing safe to repeat: one notification per key.
    public var idempotencyKey: String?
    /// Buttons as JSON: Discord `components` (an array) or a Telegram `reply_markup` object.
    public var markupJSON: String?

    public init(
        channel: NotificationChannel,
        destination: String,
        body: String? = nil,
        template: String? = nil,
        dataJSON: String? = nil,
        locale: String? = nil,
        endpointID: Int64? = nil,
        idempotencyKey: String? = nil,
        markupJSON: String? = nil
    ) {
        self.channel = channel
        self.destination = destination
        self.body = body
        self.template = template
        self.dataJSON = dataJSON
        self.locale = locale
        self.endpointID = endpointID
        self.idempotencyKey = idempotencyKey
        self.markupJSON = markupJSON
    }
}

/// A notification as stored in the outbox.
public struct OutboxItem: Sendable, Equatable, Decodable {
    public let id: Int64
    public let channel: NotificationChannel
    public let destination: String
    public let body: String?
    public let template: String?
    public let locale: String?
    public let status: DeliveryStatus
    public let attempts: Int
    public let nextAttemptAt: Date
    public let leaseUntil: Date?
    public let lastStatusCode: Int?
    public let lastError: String?
    public let idempotencyKey: String?
    public let createdAt: Date
    public let deliveredAt: Date?
    public let markup: String?

    enum CodingKeys: String, CodingKey {
        case id, channel, destination, body, template, locale, status, attempts
        case nextAttemptAt = "next_attempt_at", leaseUntil = "lease_until", lastStatusCode = "last_status_code"
        case lastError = "last_error", idempotencyKey = "idempotency_key", createdAt = "created_at", deliveredAt = "delivered_at"
        case markup
    }

    static let columns = [
        "id", "channel", "destination", "body", "template", "locale", "status", "attempts", "next_attempt_at", "lease_until",
        "last_status_code", "last_error", "idempotency_key", "created_at", "delivered_at",
    ].map { SQLIdentifier($0) as any SQLExpression } + [
        // JSONB does not decode as a string; text does on both databases.
        SQLAlias(SQLFunction("CAST", args: SQLAlias(SQLColumn("markup"), as: SQLRaw("TEXT"))), as: SQLIdentifier("markup")),
    ]
}

/// The outcome of one delivery attempt, as the dispatcher records it.
public enum AttemptOutcome: Sendable, Equatable {
    case delivered(statusCode: Int)
    /// Try again at `nextAttemptAt`; `consumesAttempt` is false for a provider's rate limit.
    case retry(nextAttemptAt: Date, statusCode: Int?, error: String, consumesAttempt: Bool)
    case dead(statusCode: Int?, error: String)
}

/// The durable outbox: notifications are rows, committed with the change that caused them.
///
/// Dispatchers claim due rows with a lease. PostgreSQL claims with
/// `FOR UPDATE SKIP LOCKED` so several Herald processes share the work; SQLite's
/// single writer gives the same exclusion. A row whose lease expired (its
/// dispatcher died) is due again.
public struct OutboxRepository: Sendable {
    let backend: any DatabaseBackend

    /// Enqueues inside the caller's transaction. Returns the row and whether it is new
    /// (false when the idempotency key was used before).
    public static func enqueue(_ notification: NewNotification, now: Date = Date(), on db: any SQLDatabase) async throws -> (item: OutboxItem, created: Bool) {
        let inserted = try await db.insert(into: "outbox")
            .columns("channel", "destination", "body", "template", "locale", "data", "endpoint_id", "idempotency_key", "status",
                "next_attempt_at", "created_at", "markup")
            .values(
                SQLBind(notification.channel.rawValue), SQLBind(notification.destination), SQLBind(notification.body),
                SQLBind(notification.template), SQLBind(notification.locale),
                notification.dataJSON.map { JSONText($0) as any SQLExpression } ?? SQLLiteral.null,
                SQLBind(notification.endpointID), SQLBind(notification.idempotencyKey), SQLBind(DeliveryStatus.pending.rawValue),
                SQLBind(now), SQLBind(now), notification.markupJSON.map { JSONText($0) as any SQLExpression } ?? SQLLiteral.null
            )
            .ignoringConflicts(with: ["idempotency_key"])
            .returning(OutboxItem.columns)
            .first(decoding: OutboxItem.self)
        if let inserted { return (inserted, true) }
        guard let key = notification.idempotencyKey,
            let existing = try await db.select().columns(OutboxItem.columns).from("outbox")
                .where("idempotency_key", .equal, SQLBind(key)).first(decoding: OutboxItem.self)
        else { throw StoreError(.other, detail: "outbox insert returned no row") }
        return (existing, false)
    }

    public func enqueue(_ notification: NewNotification, now: Date = Date()) async throws -> (item: OutboxItem, created: Bool) {
        try await backend.withTransaction { db in try await Self.enqueue(notification, now: now, on: db) }
    }

    /// Claims up to `limit` due rows for `lease`: pending or retrying rows whose time has come,
    /// and sending rows whose lease expired. `channels` limits the claim to the channels this
    /// dispatcher may send on now (nil: all).
    public func claimDue(limit: Int, lease: Duration, channels: Set<NotificationChannel>? = nil, now: Date = Date()) async throws -> [OutboxItem] {
        let leaseUntil = now.addingTimeInterval(lease.timeInterval)
        if let channels, channels.isEmpty { return [] }
        let channelFilter: SQLQueryString = channels.map { set in
            "AND channel IN \(SQLBind.group(set.map(\.rawValue).sorted()))"
        } ?? ""
        return try await backend.withTransaction { db in
            let lock: SQLQueryString = db.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
            return try await db.raw(
                """
                UPDATE outbox SET status = 'sending', lease_until = \(bind: leaseUntil)
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE ((status IN ('pending', 'retrying') AND next_attempt_at <= \(bind: now))
                       OR (status = 'sending' AND lease_until < \(bind: now)))
                    \(channelFilter)
                    ORDER BY next_attempt_at, id
                    LIMIT \(bind: limit)
                    \(lock)
                )
                RETURNING \(SQLList(OutboxItem.columns))
                """
            ).all(decoding: OutboxItem.self)
        }
    }

    /// Records one attempt on a claimed row and moves it on. Returns false when the row was
    /// no longer claimed (its lease expired and another dispatcher took it).
    @discardableResult
    public func record(_ outcome: AttemptOutcome, for item: OutboxItem, latency: Duration, now: Date = Date()) async throws -> Bool {
        let milliseconds = latency.wholeMilliseconds
        return try await backend.withTransaction { db in
            var update = db.update("outbox").where("id", .equal, SQLBind(item.id)).where("status", .equal, SQLBind(DeliveryStatus.sending.rawValue))
                .set("lease_until", to: SQLLiteral.null)
            let statusCode: Int?
            let error: String?
            var attempts = item.attempts + 1
            switch outcome {
            case .delivered(let code):
                (statusCode, error) = (code, nil)
                update = update.set("status", to: SQLBind(DeliveryStatus.delivered.rawValue)).set("delivered_at", to: SQLBind(now))
            case .retry(let next, let code, let message, let consumes):
                (statusCode, error) = (code, message)
                if !consumes { attempts = item.attempts }
                update = update.set("status", to: SQLBind(DeliveryStatus.retrying.rawValue)).set("next_attempt_at", to: SQLBind(next))
            case .dead(let code, let message):
                (statusCode, error) = (code, message)
                update = update.set("status", to: SQLBind(DeliveryStatus.dead.rawValue))
            }
            let changed = try await update.set("attempts", to: SQLBind(attempts)).set("last_status_code", to: SQLBind(statusCode))
                .set("last_error", to: SQLBind(error))
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            guard changed != nil else { return false }
            try await db.insert(into: "delivery_attempts")
                .columns("outbox_id", "attempt", "status_code", "latency_ms", "error", "attempted_at")
                .values(SQLBind(item.id), SQLBind(item.attempts + 1), SQLBind(statusCode), SQLBind(milliseconds), SQLBind(error), SQLBind(now))
                .run()
            return true
        }
    }

    /// Puts a dead (or retrying) notification back in line now (`POST …/retry`).
    public func requeue(id: Int64, now: Date = Date()) async throws -> Bool {
        try await backend.withConnection { db in
            try await db.update("outbox").set("status", to: SQLBind(DeliveryStatus.pending.rawValue)).set("next_attempt_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(id)).where("status", .in, SQLBind.group([DeliveryStatus.dead.rawValue, DeliveryStatus.retrying.rawValue]))
                .returning("id").first(decodingColumn: "id", as: Int64.self) != nil
        }
    }

    /// The newest notifications first, optionally only those with `status`.
    public func list(status: DeliveryStatus?, limit: Int) async throws -> [OutboxItem] {
        try await backend.withConnection { db in
            var query = db.select().columns(OutboxItem.columns).from("outbox")
            if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
            return try await query.orderBy("id", .descending).limit(limit).all(decoding: OutboxItem.self)
        }
    }

    public func find(id: Int64) async throws -> OutboxItem? {
        try await backend.withConnection { db in
            try await db.select().columns(OutboxItem.columns).from("outbox").where("id", .equal, SQLBind(id)).first(decoding: OutboxItem.self)
        }
    }

    /// How many notifications are in each status.
    public func depth() async throws -> [DeliveryStatus: Int] {
        let rows = try await backend.withConnection { db in
            try await db.select().column("status").column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("outbox")
                .groupBy("status").all()
        }
        var result: [DeliveryStatus: Int] = [:]
        for row in rows {
            if let status = DeliveryStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                result[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return result
    }

    /// The attempts made for one notification, oldest first.
    public func attemptCount(id: Int64) async throws -> Int {
        try await backend.withConnection { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("delivery_attempts")
                .where("outbox_id", .equal, SQLBind(id)).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }
}
