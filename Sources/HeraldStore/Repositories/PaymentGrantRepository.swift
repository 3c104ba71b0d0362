import Foundation
import HeraldCore
import SQLKit

/// What one payment granted in one credit currency, and what refunds took back.
public struct CreditGrant: Sendable, Equatable, Codable {
    public let paymentID: Int64
    public let userID: Int64
    public let currency: String
    public let granted: Int64
    public let reversed: Int64
    /// Credits a refund could not take back because they had been spent.
    public let shortfall: Int64

    enum CodingKeys: String, CodingKey {
        case paymentID = "payment_id", userID = "user_id", currency, granted, reversed, shortfall
    }

    static let columns = ["payment_id", "user_id", "currency", "granted", "reversed", "shortfall"].map { SQLIdentifier($0) }
}

/// The record of grants per payment: the exactly-once guard for granting and
/// the base for reversing a refund.
public struct PaymentGrantRepository: Sendable {
    let backend: any DatabaseBackend

    /// Claims the grant of `paymentID`. True the first time; false when it was
    /// granted before (the caller then grants nothing).
    public static func claim(
        paymentID: Int64, userID: Int64, product: String, tier: AccessTier?, paid: Bool, now: Date = Date(), on db: any SQLDatabase
    ) async throws -> Bool {
        let inserted = try await db.insert(into: "payment_grants")
            .columns("payment_id", "user_id", "product", "currency", "tier", "paid", "created_at", "updated_at")
            .values(
                SQLBind(paymentID), SQLBind(userID), SQLBind(product), SQLBind(""), SQLBind(tier?.rawValue), SQLBind(paid), SQLBind(now),
                SQLBind(now)
            )
            .ignoringConflicts(with: ["payment_id", "currency"])
            .returning("id")
            .first(decodingColumn: "id", as: Int64.self)
        return inserted != nil
    }

    /// Whether `paymentID` has been granted.
    public static func isClaimed(paymentID: Int64, on db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("id").from("payment_grants")
            .where("payment_id", .equal, SQLBind(paymentID)).where("currency", .equal, SQLBind(""))
            .first() != nil
    }

    public static func recordCredits(
        paymentID: Int64, userID: Int64, product: String, currency: Currency, amount: Int64, now: Date = Date(), on db: any SQLDatabase
    ) async throws {
        try await db.insert(into: "payment_grants")
            .columns("payment_id", "user_id", "product", "currency", "granted", "created_at", "updated_at")
            .values(SQLBind(paymentID), SQLBind(userID), SQLBind(product), SQLBind(currency.rawValue), SQLBind(amount), SQLBind(now), SQLBind(now))
            .ignoringConflicts(with: ["payment_id", "currency"])
            .run()
    }

    public static func credits(paymentID: Int64, on db: any SQLDatabase) async throws -> [CreditGrant] {
        try await db.select().columns(CreditGrant.columns).from("payment_grants")
            .where("payment_id", .equal, SQLBind(paymentID)).where("currency", .notEqual, SQLBind(""))
            .orderBy("currency")
            .all(decoding: CreditGrant.self)
    }

    public func creditGrants(paymentID: Int64) async throws -> [CreditGrant] {
        try await backend.withConnection { db in try await Self.credits(paymentID: paymentID, on: db) }
    }

    /// Adds a refund's reversal to the grant's record.
    public static func recordReversal(paymentID: Int64, currency: String, _ reversal: CreditReversal, now: Date = Date(), on db: any SQLDatabase)
        async throws
    {
        try await db.raw(
            """
            UPDATE payment_grants
            SET reversed = reversed + \(bind: reversal.take), shortfall = shortfall + \(bind: reversal.shortfall), updated_at = \(bind: now)
            WHERE payment_id = \(bind: paymentID) AND currency = \(bind: currency)
            """
        ).run()
    }

    /// Whether the member still holds a payment that granted the paid flag and was not fully refunded.
    public static func holdsPaidGrant(userID: Int64, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw(
            """
            SELECT g.id FROM payment_grants g JOIN payments p ON p.id = g.payment_id
            WHERE g.user_id = \(bind: userID) AND g.currency = '' AND g.paid = \(bind: true) AND p.status <> 'refunded'
            LIMIT 1
            """
        ).first() != nil
    }
}

extension PaymentGrantRepository {
    /// The member's balance in `currency`, read inside the caller's transaction (0 when none).
    public static func balance(userID: Int64, currency: Currency, on db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column("balance").from("balances")
            .where("user_id", .equal, SQLBind(userID)).where("currency", .equal, SQLBind(currency.rawValue))
            .first(decodingColumn: "balance", as: Int64.self) ?? 0
    }
}
