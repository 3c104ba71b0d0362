import Foundation

/// Where a Discord role change or interaction follow-up goes, read from an
/// outbox row's `destination`. Pure, so every accepted and refused form is tested.
///
/// - `discord.role`: `GUILD_ID/USER_ID/ROLE_ID`, or `USER_ID/ROLE_ID` in the
///   configured guild (`DISCORD_GUILD_ID`); the row's text is `add` or `remove`.
/// - `discord.followup`: `INTERACTION_TOKEN` posts a follow-up message;
///   `INTERACTION_TOKEN/@original` edits the deferred original answer.
public enum DiscordDestination {
    /// A member role change.
    public struct RoleChange: Sendable, Equatable {
        public let guildID: String
        public let userID: String
        public let roleID: String
        public let add: Bool
    }

    /// An interaction follow-up.
    public struct Followup: Sendable, Equatable {
        public let interactionToken: String
        public let editOriginal: Bool
    }

    /// Why a destination cannot be used; the row is a dead letter with this text.
    public struct Invalid: Error, Equatable {
        public let reason: String
    }

    public static func roleChange(destination: String, action: String?, defaultGuildID: String?) -> Result<RoleChange, Invalid> {
        let parts = destination.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let ids: (guild: String?, user: String, role: String)
        switch parts.count {
        case 3: ids = (parts[0], parts[1], parts[2])
        case 2: ids = (defaultGuildID, parts[0], parts[1])
        default: return .failure(Invalid(reason: "a discord.role destination is GUILD_ID/USER_ID/ROLE_ID or USER_ID/ROLE_ID"))
        }
        guard let guild = ids.guild else {
            return .failure(Invalid(reason: "USER_ID/ROLE_ID needs DISCORD_GUILD_ID; or give GUILD_ID/USER_ID/ROLE_ID"))
        }
        guard [guild, ids.user, ids.role].allSatisfy(isSnowflake) else {
            return .failure(Invalid(reason: "discord.role ids must be Discord snowflakes (digits)"))
        }
        let verb = (action ?? "add").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard verb == "add" || verb == "remove" else {
            return .failure(Invalid(reason: "a discord.role notification's text is \"add\" or \"remove\""))
        }
        return .success(RoleChange(guildID: guild, userID: ids.user, roleID: ids.role, add: verb == "add"))
    }

    public static func followup(destination: String) -> Result<Followup, Invalid> {
        let edit = destination.hasSuffix("/@original")
        let token = edit ? String(destination.dropLast("/@original".count)) : destination
        let allowed = token.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
        guard !token.isEmpty, allowed else {
            return .failure(Invalid(reason: "a discord.followup destination is an interaction token, optionally followed by /@original"))
        }
        return .success(Followup(interactionToken: token, editOriginal: edit))
    }

    /// A Discord id: 1 to 20 decimal digits.
    public static func isSnowflake(_ text: String) -> Bool {
        (1...20).contains(text.count) && text.utf8.allSatisfy { (48...57).contains($0) }
    }
}
