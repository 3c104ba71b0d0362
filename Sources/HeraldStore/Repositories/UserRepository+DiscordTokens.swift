import Foundation
import SQLKit

/// A member's stored Discord OAuth2 authorization, still sealed: the bytes are
/// what `SecretBox.seal` wrote, and are also what a later update must still find
/// (a re-link in the meantime wins over a refresh that started before it).
public struct StoredDiscordAuthorization: Sendable, Equatable {
    public let userID: Int64
    public let sealedRefreshToken: [UInt8]
    public let expiresAt: Date
}

extension UserRepository {
    private struct Row: Decodable {
        let id: Int64
        let discordRefreshToken: Data
        let discordTokenExpiresAt: Date
        enum CodingKeys: String, CodingKey {
            case id, discordRefreshToken = "discord_refresh_token", discordTokenExpiresAt = "discord_token_expires_at"
        }
    }

    /// Authorizations with a refresh token whose access token expires before `cutoff`, soonest first.
    public func discordAuthorizations(expiringBefore cutoff: Date, limit: Int) async throws -> [StoredDiscordAuthorization] {
        try await backend.withConnection { db in
            try await db.select().columns("id", "discord_refresh_token", "discord_token_expires_at").from("users")
                .where("discord_refresh_token", .isNot, SQLLiteral.null)
                .where("discord_token_expires_at", .lessThan, SQLBind(cutoff))
                .orderBy("discord_token_expires_at").orderBy("id")
                .limit(limit)
                .all(decoding: Row.self)
                .map { StoredDiscordAuthorization(userID: $0.id, sealedRefreshToken: [UInt8]($0.discordRefreshToken), expiresAt: $0.discordTokenExpiresAt) }
        }
    }

    /// Stores refreshed (sealed) tokens, only if `previous` is still the stored authorization.
    /// - Returns: false when the member re-linked or the tokens were replaced meanwhile.
    @discardableResult
    public func replaceDiscordTokens(
        _ previous: StoredDiscordAuthorization, accessToken: [UInt8], refreshToken: [UInt8], expiresAt: Date
    ) async throws -> Bool {
        try await backend.withConnection { db in
            try await db.update("users")
                .set("discord_access_token", to: SQLBind(Data(accessToken)))
                .set("discord_refresh_token", to: SQLBind(Data(refreshToken)))
                .set("discord_token_expires_at", to: SQLBind(expiresAt))
                .set("updated_at", to: SQLBind(Date()))
                .where("id", .equal, SQLBind(previous.userID))
                .where("discord_refresh_token", .equal, SQLBind(Data(previous.sealedRefreshToken)))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) != nil
        }
    }

    /// Forgets an authorization Discord no longer honours (the member must link again),
    /// only if `previous` is still the stored one.
    @discardableResult
    public func clearDiscordTokens(_ previous: StoredDiscordAuthorization) async throws -> Bool {
        try await backend.withConnection { db in
            try await db.update("users")
                .set("discord_access_token", to: SQLLiteral.null)
                .set("discord_refresh_token", to: SQLLiteral.null)
                .set("discord_token_expires_at", to: SQLLiteral.null)
                .set("updated_at", to: SQLBind(Date()))
                .where("id", .equal, SQLBind(previous.userID))
                .where("discord_refresh_token", .equal, SQLBind(Data(previous.sealedRefreshToken)))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) != nil
        }
    }
}
