import Foundation
import HeraldCore
import SQLKit

/// Why two members cannot become one.
public enum MemberMergeError: Error, Sendable, Equatable {
    /// Both members already hold a different account on the same platform (or email).
    case conflictingIdentity(String)
}

/// Joins two members into one when someone proves both accounts are theirs.
///
/// The older member (lower id) is kept. The other's balances move over as a
/// pair of `merge` ledger entries per currency (out of one, into the other),
/// its ledger history and records are reassigned, its platform identities move to the
/// kept row, and its row is deleted. Everything runs in the caller's
/// transaction, so a merge happens entirely or not at all.
public enum MemberMergeRepository {
    /// Tables whose rows simply follow the member. Ledger entries move after the
    /// balances have, so the kept member's ledger still sums to their balance.
    static let reassigned = [
        "ledger_entries", "api_keys", "oauth_states", "credit_requests", "leaderboard_history", "payments", "subscriptions", "entitlements",
        "processor_customers", "score_events", "payment_grants",
    ]
    static let identityColumns = ["discord_id", "discord_username", "discord_avatar", "telegram_id", "telegram_username", "email"]

    /// Merges the two members; returns the id kept.
    @discardableResult
    public static func merge(_ first: Int64, _ second: Int64, on db: any SQLDatabase) async throws -> Int64 {
        let kept = min(first, second)
        let removed = max(first, second)
        guard kept != removed else { return kept }
        try await moveIdentities(from: removed, to: kept, on: db)
        try await moveBalances(from: removed, to: kept, on: db)
        for table in reassigned {
            try await db.update(table).set("user_id", to: SQLBind(kept)).where("user_id", .equal, SQLBind(removed)).run()
        }
        try await db.update("credit_requests").set("decided_by", to: SQLBind(kept)).where("decided_by", .equal, SQLBind(removed)).run()
        try await db.update("messages").set("sent_by", to: SQLBind(kept)).where("sent_by", .equal, SQLBind(removed)).run()
        try await mergeScores(from: removed, to: kept, on: db)
        try await mergeConversations(from: removed, to: kept, on: db)
        try await db.delete(from: "users").where("id", .equal, SQLBind(removed)).run()
        try await AuditRepository.record(
            actor: "user:\(removed)", action: "member.merged", target: "user:\(kept)", detailsJSON: #"{"merged_user_id":\#(removed)}"#, on: db
        )
        return kept
    }

    /// Identities of the removed member fill the kept member's empty ones; a
    /// different value on both sides is a conflict and nothing changes.
    static func moveIdentities(from removed: Int64, to kept: Int64, on db: any SQLDatabase) async throws {
        let columns = identityColumns.map { SQLIdentifier($0) } + [SQLIdentifier("id")]
        let rows = try await db.select().columns(columns).from("users")
            .where("id", .in, [kept, removed]).all()
        var values: [Int64: [String: String]] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            var fields: [String: String] = [:]
            for column in identityColumns {
                if column == "telegram_id" {
                    if let value = try row.decode(column: column, as: Int64?.self) { fields[column] = String(value) }
                } else if let value = try row.decode(column: column, as: String?.self) {
                    fields[column] = value
                }
            }
            values[id] = fields
        }
        let keptFields = values[kept] ?? [:]
        let removedFields = values[removed] ?? [:]
        for column in ["discord_id", "telegram_id", "email"] {
            if let mine = keptFields[column], let theirs = removedFields[column], mine != theirs {
                throw MemberMergeError.conflictingIdentity(column)
            }
        }
        // Clear first: the platform ids are unique, so they cannot sit on both rows at once.
        var clear = db.update("users").where("id", .equal, SQLBind(removed))
        for column in identityColumns { clear = clear.set(column, to: SQLLiteral.null) }
        try await clear.run()
        var fill = db.update("users").set("updated_at", to: SQLBind(Date())).where("id", .equal, SQLBind(kept))
        for column in identityColumns where keptFields[column] == nil {
            guard let value = removedFields[column] else { continue }
            fill = column == "telegram_id" ? fill.set(column, to: SQLBind(Int64(value))) : fill.set(column, to: SQLBind(value))
        }
        try await fill.run()
    }

    static func moveBalances(from removed: Int64, to kept: Int64, on db: any SQLDatabase) async throws {
        for balance in try await LedgerRepository.balances(userID: removed, on: db) where balance.balance > 0 {
            guard let currency = Currency(rawValue: balance.currency) else { continue }
            let key = "merge:\(removed):\(kept):\(currency.rawValue)"
            try await LedgerRepository.apply(
                try BalanceChange(userID: removed, currency: currency, amount: -balance.balance, type: .merge,
                                  reason: "merged into member \(kept)", idempotencyKey: key + ":out"),
                on: db
            )
            try await LedgerRepository.apply(
                try BalanceChange(userID: kept, currency: currency, amount: balance.balance, type: .merge,
                                  reason: "merged from member \(removed)", idempotencyKey: key + ":in"),
                on: db
            )
        }
    }

    /// The kept member's score grows by the other's; the leaderboard job re-ranks.
    static func mergeScores(from removed: Int64, to kept: Int64, on db: any SQLDatabase) async throws {
        let keptHasScore = try await db.select().column("id").from("scores").where("user_id", .equal, SQLBind(kept)).first() != nil
        if !keptHasScore {
            try await db.update("scores").set("user_id", to: SQLBind(kept)).where("user_id", .equal, SQLBind(removed)).run()
            return
        }
        guard let other = try await db.select().columns("score", "deals_closed", "leads_generated", "campaigns_launched")
            .from("scores").where("user_id", .equal, SQLBind(removed)).first()
        else { return }
        try await db.update("scores")
            .set("score", to: SQLBinaryExpression(SQLColumn("score"), .add, SQLBind(try other.decode(column: "score", as: Int64.self))))
            .set("deals_closed", to: SQLBinaryExpression(SQLColumn("deals_closed"), .add, SQLBind(try other.decode(column: "deals_closed", as: Int64.self))))
            .set("leads_generated", to: SQLBinaryExpression(SQLColumn("leads_generated"), .add, SQLBind(try other.decode(column: "leads_generated", as: Int64.self))))
            .set("campaigns_launched", to: SQLBinaryExpression(SQLColumn("campaigns_launched"), .add, SQLBind(try other.decode(column: "campaigns_launched", as: Int64.self))))
            .set("updated_at", to: SQLBind(Date()))
            .where("user_id", .equal, SQLBind(kept))
            .run()
    }

    /// Threads on a platform the kept member has no thread on move over; otherwise their messages join the kept thread.
    static func mergeConversations(from removed: Int64, to kept: Int64, on db: any SQLDatabase) async throws {
        let threads = try await db.select().columns("id", "channel", "unread_count").from("conversations")
            .where("user_id", .equal, SQLBind(removed)).all()
        for thread in threads {
            let id = try thread.decode(column: "id", as: Int64.self)
            let channel = try thread.decode(column: "channel", as: String.self)
            if let target = try await db.select().column("id").from("conversations")
                .where("user_id", .equal, SQLBind(kept)).where("channel", .equal, SQLBind(channel))
                .first(decodingColumn: "id", as: Int64.self)
            {
                try await db.update("messages").set("conversation_id", to: SQLBind(target)).where("conversation_id", .equal, SQLBind(id)).run()
                try await db.update("conversations")
                    .set("unread_count", to: SQLBinaryExpression(SQLColumn("unread_count"), .add, SQLBind(try thread.decode(column: "unread_count", as: Int.self))))
                    .where("id", .equal, SQLBind(target)).run()
            } else {
                try await db.update("conversations").set("user_id", to: SQLBind(kept)).where("id", .equal, SQLBind(id)).run()
            }
        }
    }
}
