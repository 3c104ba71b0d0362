import Foundation
import HeraldCore
import SQLKit

/// A payment as stored: one row per processor payment, however many events mention it.
public struct PaymentRecord: Sendable, Equatable, Codable {
    public let id: Int64
    public let processor: String
    public let externalID: String
    public let userID: Int64?
    public let amountMinor: Int64
    public let currency: String
    public let status: PaymentStatus
    public let amountRefundedMinor: Int64
    public let product: String?
    /// The processor's subscription this payment is an invoice of, once any event told it.
    public let subscriptionID: String?
    public let createdAt: Date
    public let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, processor, externalID = "external_id", userID = "user_id", amountMinor = "amount_minor", currency, status
        case amountRefundedMinor = "amount_refunded_minor", product, subscriptionID = "subscription_id"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    static let columns = [
        "id", "processor", "external_id", "user_id", "amount_minor", "currency", "status", "amount_refunded_minor", "product",
        "subscription_id", "created_at", "updated_at",
    ].map { SQLIdentifier($0) }

    /// The stored facts, as an observation to merge a new one into.
    public var observation: PaymentObservation {
        // A row first recorded from an event without an amount holds placeholders until one arrives.
        let known = currency != PaymentRepository.unknownCurrency
        return PaymentObservation(
            status: status, amountMinor: known ? amountMinor : nil, currency: known ? currency : nil,
            amountRefundedMinor: amountRefundedMinor, product: product, userID: userID, subscriptionID: subscriptionID
        )
    }
}

/// Payments from all processors, merged from their events in any order.
///
/// `record` inserts the row if it is new, then locks it (PostgreSQL) and
/// writes the merge of what was stored and what the event says, so two events
/// about one payment never lose each other's facts.
public struct PaymentRepository: Sendable {
    let backend: any DatabaseBackend

    /// Placeholder currency of a row whose amount no event has told yet (ISO 4217's "no currency").
    static let unknownCurrency = "xxx"

    /// Records what an event says about a payment; `amountMinor` and `currency` are needed for a new row.
    public static func record(
        processor: String, externalID: String, observation: PaymentObservation, metadataJSON: String = "{}", now: Date = Date(),
        on db: any SQLDatabase
    ) async throws -> PaymentRecord {
        var observation = observation
        // A currency told without an amount (a refund notice) would make the placeholder amount look known.
        if observation.amountMinor == nil { observation.currency = nil }
        try await db.insert(into: "payments")
            .columns(
                "processor", "external_id", "user_id", "amount_minor", "currency", "status", "amount_refunded_minor", "product",
                "subscription_id", "metadata", "created_at", "updated_at"
            )
            .values(
                SQLBind(processor), SQLBind(externalID), SQLBind(observation.userID), SQLBind(observation.amountMinor ?? 0),
                SQLBind((observation.currency ?? Self.unknownCurrency).lowercased()), SQLBind(observation.status.rawValue),
                SQLBind(observation.amountRefundedMinor ?? 0), SQLBind(observation.product), SQLBind(observation.subscriptionID),
                JSONText(metadataJSON), SQLBind(now), SQLBind(now)
            )
            .ignoringConflicts(with: ["processor", "external_id"])
            .run()
        guard let stored = try await find(processor: processor, externalID: externalID, forUpdate: true, on: db) else {
            throw StoreError(.other, detail: "payment row vanished after insert")
        }
        let merged = stored.observation.merged(with: observation)
        guard merged != stored.observation else { return stored }
        try await db.update("payments")
            .set("user_id", to: SQLBind(merged.userID))
            .set("amount_minor", to: SQLBind(merged.amountMinor ?? stored.amountMinor))
            .set("currency", to: SQLBind(merged.currency?.lowercased() ?? stored.currency))
            .set("status", to: SQLBind(merged.status.rawValue))
            .set("amount_refunded_minor", to: SQLBind(merged.amountRefundedMinor ?? 0))
            .set("product", to: SQLBind(merged.product))
            .set("subscription_id", to: SQLBind(merged.subscriptionID))
            .set("updated_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(stored.id))
            .run()
        return try await find(processor: processor, externalID: externalID, forUpdate: false, on: db) ?? stored
    }

    public static func find(processor: String, externalID: String, forUpdate: Bool = false, on db: any SQLDatabase) async throws
        -> PaymentRecord?
    {
        var query = db.select().columns(PaymentRecord.columns).from("payments")
            .where("processor", .equal, SQLBind(processor))
            .where("external_id", .equal, SQLBind(externalID))
        if forUpdate, db.dialect.name == "postgresql" { query = query.for(.update) }
        return try await query.first(decoding: PaymentRecord.self)
    }

    public func find(processor: String, externalID: String) async throws -> PaymentRecord? {
        try await backend.withConnection { db in try await Self.find(processor: processor, externalID: externalID, on: db) }
    }

    /// Newest first, optionally for one member and in one status.
    public func list(userID: Int64? = nil, status: PaymentStatus? = nil, limit: Int = 100) async throws -> [PaymentRecord] {
        try await backend.withConnection { db in
            var query = db.select().columns(PaymentRecord.columns).from("payments")
            if let userID { query = query.where("user_id", .equal, SQLBind(userID)) }
            if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
            return try await query.orderBy("id", .descending).limit(limit).all(decoding: PaymentRecord.self)
        }
    }

    public func count(processor: String) async throws -> Int {
        try await backend.withConnection { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("payments")
                .where("processor", .equal, SQLBind(processor))
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }
}
