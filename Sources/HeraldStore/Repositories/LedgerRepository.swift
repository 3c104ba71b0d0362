import Foundation
import HeraldCore
import SQLKit

/// One member's holding in one currency.
public struct Balance: Sendable, Equatable, Codable {
    public let userID: Int64
    public let currency: String
    public let balance: Int64
    public let totalEarned: Int64
    public let totalSpent: Int64

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", currency, balance, totalEarned = "total_earned", totalSpent = "total_spent"
    }
}

/// A row of the ledger: the permanent record of one balance change.
public struct LedgerEntry: Sendable, Equatable, Codable {
    public let id: Int64
    public let userID: Int64
    public let currency: String
    public let amount: Int64
    public let balanceAfter: Int64
    public let type: String
    public let reason: String?
    public let idempotencyKey: String?
    public let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, userID = "user_id", currency, amount, balanceAfter = "balance_after", type, reason
        case idempotencyKey = "idempotency_key", createdAt = "created_at"
    }
}

/// Balances and the ledger that explains them.
///
/// A change is one conditional `UPDATE … WHERE balance + delta >= 0` and its
/// ledger row in the same transaction: no read-modify-write, so concurrent
/// changes never lose an update and a balance never goes below zero.
public struct LedgerRepository: Sendable {
    let backend: any DatabaseBackend

    /// Applies `change` in its own transaction. With an idempotency key already
    /// used, returns the entry recorded the first time and changes nothing.
    @discardableResult
    public func apply(_ change: BalanceChange) async throws -> LedgerEntry {
        try await backend.withTransaction { db in try await Self.apply(change, on: db) }
    }

    /// Applies `change` inside a transaction the caller already holds.
    public static func apply(_ change: BalanceChange, on db: any SQLDatabase) async throws -> LedgerEntry {
        if let key = change.idempotencyKey, let existing = try await entry(idempotencyKey: key, on: db) {
            return existing
        }
        let now = Date()
        try await db.insert(into: "balances")
            .columns("user_id", "currency", "balance", "total_earned", "total_spent", "updated_at")
            .values(SQLBind(change.userID), SQLBind(change.currency.rawValue), SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(now))
            .ignoringConflicts(with: ["user_id", "currency"])
            .run()
        let updated = try await db.raw(
            """
            UPDATE balances
            SET balance = balance + \(bind: change.amount),
                total_earned = total_earned + \(bind: change.earnedDelta),
                total_spent = total_spent + \(bind: change.spentDelta),
                updated_at = \(bind: now)
            WHERE user_id = \(bind: change.userID) AND currency = \(bind: change.currency.rawValue)
              AND balance + \(bind: change.amount) >= 0
            RETURNING balance
            """
        ).first(decodingColumn: "balance", as: Int64.self)
        guard let balanceAfter = updated else {
            throw LedgerError.insufficientBalance(currency: change.currency, requested: change.amount)
        }
        // The stored `created_at` (not `now`), so this entry equals the one read back later.
        let inserted = try await db.insert(into: "ledger_entries")
            .columns("user_id", "currency", "amount", "balance_after", "type", "reason", "metadata", "idempotency_key", "created_at")
            .values(
                SQLBind(change.userID), SQLBind(change.currency.rawValue), SQLBind(change.amount), SQLBind(balanceAfter),
                SQLBind(change.type.rawValue), SQLBind(change.reason), JSONText(change.metadataJSON),
                SQLBind(change.idempotencyKey), SQLBind(now)
            )
            .returning("id", "created_at")
            .first(decoding: Inserted.self)
        return LedgerEntry(
            id: inserted?.id ?? 0,
            userID: change.userID,
            currency: change.currency.rawValue,
            amount: change.amount,
            balanceAfter: balanceAfter,
            type: change.type.rawValue,
            reason: change.reason,
            idempotencyKey: change.idempotencyKey,
            createdAt: inserted?.createdAt ?? now
        )
    }

    public func balance(userID: Int64, currency: Currency) async throws -> Balance? {
        try await backend.withConnection { db in
            try await db.select()
                .columns("user_id", "currency", "balance", "total_earned", "total_spent")
                .from("balances")
                .where("user_id", .equal, SQLBind(userID))
                .where("currency", .equal, SQLBind(currency.rawValue))
                .first(decoding: Balance.self)
        }
    }

    /// The newest entries first.
    public func entries(userID: Int64, currency: Currency? = nil, limit: Int = 100) async throws -> [LedgerEntry] {
        try await backend.withConnection { db in
            var query = db.select().columns(Self.entryColumns).from("ledger_entries")
                .where("user_id", .equal, SQLBind(userID))
            if let currency { query = query.where("currency", .equal, SQLBind(currency.rawValue)) }
            return try await query.orderBy("id", .descending).limit(limit)
                .all(decoding: LedgerEntry.self)
        }
    }

    private struct Inserted: Decodable {
        let id: Int64
        let createdAt: Date
        enum CodingKeys: String, CodingKey { case id, createdAt = "created_at" }
    }

    static let entryColumns = ["id", "user_id", "currency", "amount", "balance_after", "type", "reason", "idempotency_key", "created_at"]
        .map { SQLIdentifier($0) }

    static func entry(idempotencyKey: String, on db: any SQLDatabase) async throws -> LedgerEntry? {
        try await db.select().columns(entryColumns).from("ledger_entries")
            .where("idempotency_key", .equal, SQLBind(idempotencyKey))
            .first(decoding: LedgerEntry.self)
    }
}
