import HeraldCore

/// The parts of a Discord interaction that commands and buttons need.
///
/// The invoker is `member.user` in a guild and `user` in a DM. Options are
/// flattened to name → value (Herald's commands have no sub-commands).
struct DiscordInteraction: Sendable {
    let id: String
    let token: String
    let userID: String
    let userName: String?
    /// The invoker's guild roles (empty in a DM).
    let roles: Set<String>
    let locale: String?
    let guildID: String?
    let channelID: String?
    /// The slash command's name (`application_command`).
    let commandName: String?
    let options: [String: JSONValue]
    /// The clicked button's `custom_id` (`message_component`).
    let customID: String?
    /// Users the options mention, id → display name (`data.resolved.users`).
    let resolvedUserNames: [String: String]

    init(_ json: JSONValue) throws(EventDataError) {
        guard let id = json["id"]?.scalarText, let token = json["token"]?.scalarText else {
            throw EventDataError("the interaction has no id or token")
        }
        let user = json[["member", "user"]] ?? json["user"]
        guard let userID = user?["id"]?.scalarText else { throw EventDataError("the interaction has no invoking user") }
        self.id = id
        self.token = token
        self.userID = userID
        userName = user?["global_name"]?.scalarText ?? user?["username"]?.scalarText
        if case .array(let items)? = json[["member", "roles"]] {
            roles = Set(items.compactMap(\.scalarText))
        } else {
            roles = []
        }
        locale = json["locale"]?.scalarText
        guildID = json["guild_id"]?.scalarText
        channelID = json["channel_id"]?.scalarText
        commandName = json[["data", "name"]]?.scalarText
        customID = json[["data", "custom_id"]]?.scalarText
        var options: [String: JSONValue] = [:]
        if case .array(let items)? = json[["data", "options"]] {
            for item in items {
                if let name = item["name"]?.scalarText, let value = item["value"] { options[name] = value }
            }
        }
        self.options = options
        var names: [String: String] = [:]
        if case .object(let users, _)? = json[["data", "resolved", "users"]] {
            for (key, value) in users {
                names[key] = value["global_name"]?.scalarText ?? value["username"]?.scalarText
            }
        }
        resolvedUserNames = names
    }

    func string(_ name: String) -> String? { options[name]?.scalarText }

    func integer(_ name: String) -> Int64? { options[name]?.scalarText.flatMap { Int64($0) } }
}
