import Foundation
import SQLKit

/// A community member as stored, with the platform identities that find them.
public struct User: Sendable, Equatable, Codable {
    public let id: Int64
    public var displayName: String?
    public var email: String?
    public var discordID: String?
    public var telegramID: Int64?
    public var locale: String
    public var isAdmin: Bool
    public var isPaid: Bool

    enum CodingKeys: String, CodingKey {
        case id, displayName = "display_name", email, discordID = "discord_id", telegramID = "telegram_id", locale
        case isAdmin = "is_admin", isPaid = "is_paid"
    }
}

/// The fields a new member starts with.
public struct NewUser: Sendable {
    public var displayName: String?
    public var email: String?
    public var discordID: String?
    public var telegramID: Int64?
    public var locale: String

    public init(
        displayName: String? = nil,
        email: String? = nil,
        discordID: String? = nil,
        telegramID: Int64? = nil,
        locale: String = "en"
    ) {
        self.displayName = displayName
        self.email = email
        self.discordID = discordID
        self.telegramID = telegramID
        self.locale = locale
    }
}

/// Members and their identities.
public struct UserRepository: Sendable {
    let backend: any DatabaseBackend

    static let columns = ["id", "display_name", "email", "discord_id", "telegram_id", "locale", "is_admin", "is_paid"]

    /// Creates a member; a taken email, Discord id or Telegram id is a `uniqueViolation`.
    public func create(_ user: NewUser) async throws -> User {
        try await backend.withConnection { db in try await Self.create(user, on: db) }
    }

    static func create(_ user: NewUser, on db: any SQLDatabase) async throws -> User {
        let now = Date()
        let created = try await db.insert(into: "users")
            .columns("display_name", "email", "discord_id", "telegram_id", "locale", "created_at", "updated_at")
            .values(
                SQLBind(user.displayName), SQLBind(user.email), SQLBind(user.discordID), SQLBind(user.telegramID),
                SQLBind(user.locale), SQLBind(now), SQLBind(now)
            )
            .returning(columns.map { SQLIdentifier($0) })
            .first(decoding: User.self)
        guard let created else { throw StoreError(.other, detail: "INSERT INTO users returned no row") }
        return created
    }

    public func find(id: Int64) async throws -> User? {
        try await backend.withConnection { db in
            try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("users")
                .where("id", .equal, SQLBind(id))
                .first(decoding: User.self)
        }
    }

    public func find(discordID: String) async throws -> User? {
        try await backend.withConnection { db in
            try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("users")
                .where("discord_id", .equal, SQLBind(discordID))
                .first(decoding: User.self)
        }
    }
}
