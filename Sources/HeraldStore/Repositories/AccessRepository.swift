import Foundation
import HeraldCore
import SQLKit

/// One grant of an access tier, traced to the payment or subscription that paid for it.
public struct Entitlement: Sendable, Equatable, Codable {
    public let id: Int64
    public let userID: Int64
    /// The tier (`basic`, `accelerator`, `vip`).
    public let product: String
    public let paymentID: Int64?
    public let subscriptionID: Int64?
    public let startsAt: Date
    public let expiresAt: Date?
    public let revokedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, userID = "user_id", product, paymentID = "payment_id", subscriptionID = "subscription_id", startsAt = "starts_at"
        case expiresAt = "expires_at", revokedAt = "revoked_at"
    }

    static let columns = ["id", "user_id", "product", "payment_id", "subscription_id", "starts_at", "expires_at", "revoked_at"]
        .map { SQLIdentifier($0) }

    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && startsAt <= now && (expiresAt.map { $0 > now } ?? true)
    }
}

/// What members may access: entitlements, the paid flag, and how a processor's
/// customer or an email finds the member.
public struct AccessRepository: Sendable {
    let backend: any DatabaseBackend

    /// Grants `tier` bought by a one-off payment.
    public static func grant(tier: AccessTier, userID: Int64, paymentID: Int64, startsAt: Date, expiresAt: Date?, on db: any SQLDatabase)
        async throws
    {
        try await db.insert(into: "entitlements")
            .columns("user_id", "product", "payment_id", "starts_at", "expires_at", "created_at")
            .values(SQLBind(userID), SQLBind(tier.rawValue), SQLBind(paymentID), SQLBind(startsAt), SQLBind(expiresAt), SQLBind(Date()))
            .run()
    }

    /// Revokes what a payment bought (a refund).
    public static func revoke(paymentID: Int64, at now: Date, on db: any SQLDatabase) async throws {
        try await db.update("entitlements").set("revoked_at", to: SQLBind(now))
            .where("payment_id", .equal, SQLBind(paymentID)).where("revoked_at", .is, SQLLiteral.null)
            .run()
    }

    /// Makes a subscription's entitlement follow its access: one row per
    /// subscription, its end moved with the period, revoked when access is gone.
    public static func follow(
        subscriptionID: Int64, userID: Int64, tier: AccessTier, access: SubscriptionAccess, startsAt: Date, now: Date, on db: any SQLDatabase
    ) async throws {
        let existing = try await db.select().column("id").from("entitlements")
            .where("subscription_id", .equal, SQLBind(subscriptionID)).orderBy("id").first(decodingColumn: "id", as: Int64.self)
        var expiresAt: Date?
        var revokedAt: Date?
        switch access {
        case .none: revokedAt = now
        case .until(let end): expiresAt = end
        }
        // The schema wants a period that ends after it starts.
        let start = min(startsAt, (expiresAt ?? startsAt).addingTimeInterval(-1))
        if let existing {
            try await db.update("entitlements")
                .set("user_id", to: SQLBind(userID)).set("product", to: SQLBind(tier.rawValue)).set("starts_at", to: SQLBind(start))
                .set("expires_at", to: SQLBind(expiresAt)).set("revoked_at", to: SQLBind(revokedAt))
                .where("id", .equal, SQLBind(existing)).run()
        } else {
            try await db.insert(into: "entitlements")
                .columns("user_id", "product", "subscription_id", "starts_at", "expires_at", "revoked_at", "created_at")
                .values(
                    SQLBind(userID), SQLBind(tier.rawValue), SQLBind(subscriptionID), SQLBind(start), SQLBind(expiresAt),
                    SQLBind(revokedAt), SQLBind(now)
                )
                .run()
        }
    }

    public static func setPaid(userID: Int64, _ paid: Bool, on db: any SQLDatabase) async throws {
        try await db.update("users").set("is_paid", to: SQLBind(paid)).set("updated_at", to: SQLBind(Date()))
            .where("id", .equal, SQLBind(userID)).run()
    }

    public func entitlements(userID: Int64) async throws -> [Entitlement] {
        try await backend.withConnection { db in
            try await db.select().columns(Entitlement.columns).from("entitlements")
                .where("user_id", .equal, SQLBind(userID)).orderBy("id")
                .all(decoding: Entitlement.self)
        }
    }

    // MARK: finding the member

    public static func userID(processor: String, customerID: String, on db: any SQLDatabase) async throws -> Int64? {
        try await db.select().column("user_id").from("processor_customers")
            .where("processor", .equal, SQLBind(processor)).where("customer_id", .equal, SQLBind(customerID))
            .first(decodingColumn: "user_id", as: Int64.self)
    }

    /// Remembers that a processor's customer is this member; an existing link is kept.
    public static func link(processor: String, customerID: String, userID: Int64, on db: any SQLDatabase) async throws {
        try await db.insert(into: "processor_customers")
            .columns("processor", "customer_id", "user_id", "created_at")
            .values(SQLBind(processor), SQLBind(customerID), SQLBind(userID), SQLBind(Date()))
            .ignoringConflicts(with: ["processor", "customer_id"])
            .run()
    }

    public static func userID(email: String, on db: any SQLDatabase) async throws -> Int64? {
        try await db.raw("SELECT id FROM users WHERE lower(email) = lower(\(bind: email)) ORDER BY id LIMIT 1")
            .first(decodingColumn: "id", as: Int64.self)
    }

    public static func userID(id: Int64, on db: any SQLDatabase) async throws -> Int64? {
        try await db.select().column("id").from("users").where("id", .equal, SQLBind(id)).first(decodingColumn: "id", as: Int64.self)
    }

    /// The member, read inside the caller's transaction.
    public static func member(id: Int64, on db: any SQLDatabase) async throws -> User? {
        try await db.select().columns(UserRepository.columns.map { SQLIdentifier($0) }).from("users")
            .where("id", .equal, SQLBind(id)).first(decoding: User.self)
    }

    /// A new member known only by their Telegram id (a payer Telegram introduces).
    public static func createMember(telegramID: Int64, displayName: String?, locale: String, on db: any SQLDatabase) async throws -> Int64 {
        try await UserRepository.create(NewUser(displayName: displayName, telegramID: telegramID, locale: locale), on: db).id
    }

    public static func userID(telegramID: Int64, on db: any SQLDatabase) async throws -> Int64? {
        try await db.select().column("id").from("users").where("telegram_id", .equal, SQLBind(telegramID))
            .first(decodingColumn: "id", as: Int64.self)
    }
}
