import Foundation
import SQLKit

/// A platform identity that finds one member: the first contact creates them.
public enum PlatformIdentity: Sendable, Equatable {
    case discord(id: String)
    case telegram(id: Int64)

    var column: String {
        switch self {
        case .discord: "discord_id"
        case .telegram: "telegram_id"
        }
    }

    var bind: SQLBind {
        switch self {
        case .discord(let id): SQLBind(id)
        case .telegram(let id): SQLBind(id)
        }
    }
}

/// What the platform tells us about a member on contact; kept fresh on every contact.
public struct PlatformProfile: Sendable, Equatable {
    public var displayName: String?
    public var locale: String?

    public init(displayName: String? = nil, locale: String? = nil) {
        self.displayName = displayName
        self.locale = locale
    }
}

extension UserRepository {
    /// The member with `identity`, created on first contact.
    ///
    /// Insert-if-absent then read, so two first contacts at once still make one
    /// member. A locale the platform reports replaces the stored one; a display
    /// name fills a missing one.
    public static func findOrCreate(_ identity: PlatformIdentity, profile: PlatformProfile, on db: any SQLDatabase) async throws -> User {
        let now = Date()
        let locale = profile.locale.flatMap(Self.normalisedLocale) ?? "en"
        try await db.insert(into: "users")
            .columns(identity.column, "display_name", "locale", "created_at", "updated_at")
            .values(identity.bind, SQLBind(profile.displayName), SQLBind(locale), SQLBind(now), SQLBind(now))
            .ignoringConflicts(with: [identity.column])
            .run()
        if let reported = profile.locale.flatMap(Self.normalisedLocale) {
            try await db.update("users")
                .set("locale", to: SQLBind(reported))
                .where(SQLIdentifier(identity.column), .equal, identity.bind)
                .where("locale", .notEqual, SQLBind(reported))
                .run()
        }
        if let name = profile.displayName {
            try await db.update("users")
                .set("display_name", to: SQLBind(name))
                .where(SQLIdentifier(identity.column), .equal, identity.bind)
                .where("display_name", .is, SQLLiteral.null)
                .run()
        }
        guard let user = try await find(identity, on: db) else {
            throw StoreError(.other, detail: "member with \(identity.column) vanished after insert")
        }
        return user
    }

    public static func find(_ identity: PlatformIdentity, on db: any SQLDatabase) async throws -> User? {
        try await db.select().columns(columns.map { SQLIdentifier($0) }).from("users")
            .where(SQLIdentifier(identity.column), .equal, identity.bind)
            .first(decoding: User.self)
    }

    public static func find(id: Int64, on db: any SQLDatabase) async throws -> User? {
        try await db.select().columns(columns.map { SQLIdentifier($0) }).from("users")
            .where("id", .equal, SQLBind(id))
            .first(decoding: User.self)
    }

    /// Turns all member notifications on or off (`/notify`); off is the opt-out `all`.
    public static func setNotifications(userID: Int64, enabled: Bool, on db: any SQLDatabase) async throws {
        try await db.update("users")
            .set("notification_opt_outs", to: JSONText(enabled ? "[]" : #"["all"]"#))
            .set("updated_at", to: SQLBind(Date()))
            .where("id", .equal, SQLBind(userID))
            .run()
    }

    /// Discord sends `en-US`, `es-ES`, `pt-BR`; Telegram `en`, `ru`. Stored as sent when it looks like a tag.
    static func normalisedLocale(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard (2...16).contains(trimmed.count),
            trimmed.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" })
        else { return nil }
        return trimmed
    }
}

extension UserRepository {
    /// Stores the Discord profile and the OAuth tokens, already sealed by the caller.
    public static func storeDiscordAuthorization(
        userID: Int64, username: String?, avatar: String?, accessToken: [UInt8], refreshToken: [UInt8]?, expiresAt: Date,
        on db: any SQLDatabase
    ) async throws {
        try await db.update("users")
            .set("discord_username", to: SQLBind(username))
            .set("discord_avatar", to: SQLBind(avatar))
            // `Data` is what both drivers write as bytes; `[UInt8]` would be bound as an array.
            .set("discord_access_token", to: SQLBind(Data(accessToken)))
            .set("discord_refresh_token", to: SQLBind(refreshToken.map { Data($0) }))
            .set("discord_token_expires_at", to: SQLBind(expiresAt))
            .set("updated_at", to: SQLBind(Date()))
            .where("id", .equal, SQLBind(userID))
            .run()
    }
}
