import Foundation

/// Builds the Discord REST calls the relay makes. Pure: no I/O, so every
/// method, path, header and body is tested exactly.
public struct DiscordRequests: Sendable {
    /// `DISCORD_API_BASE_URL`, e.g. `https://discord.com/api/v10`.
    public let baseURL: String
    let botToken: String
    public static let userAgent = "DiscordBot (https://github.com/herald-community/herald, 0.1.0)"

    public init(baseURL: String, botToken: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.botToken = botToken
    }

    /// Opens (or reuses) the DM channel with a user; the answer's `id` is the channel to post in.
    public func createDM(recipientID: String) -> OutboundRequest {
        json("POST", "/users/@me/channels", ["recipient_id": recipientID])
    }

    /// Posts a message in a channel. Mentions are not parsed, so a template cannot ping @everyone.
    /// `componentsJSON` is a JSON array of message components (action rows of buttons), if any.
    public func createMessage(channelID: String, content: String, componentsJSON: String? = nil) -> OutboundRequest {
        json("POST", "/channels/\(channelID)/messages", MessageBody(content: content, components: Self.components(componentsJSON)))
    }

    /// Adds or removes a guild member's role (`PUT`/`DELETE`, answered 204).
    public func setRole(guildID: String, userID: String, roleID: String, present: Bool, reason: String? = nil) -> OutboundRequest {
        var request = OutboundRequest(
            method: present ? "PUT" : "DELETE", url: baseURL + "/guilds/\(guildID)/members/\(userID)/roles/\(roleID)",
            headers: authorizedHeaders
        )
        if let reason, let encoded = reason.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) {
            request.headers.append((name: "X-Audit-Log-Reason", value: encoded))
        }
        return request
    }

    /// A follow-up to an interaction (after a deferred answer), through its token.
    /// Interaction webhooks take no bot authorization.
    public func followup(
        applicationID: String, interactionToken: String, content: String, editOriginal: Bool, componentsJSON: String? = nil
    ) -> OutboundRequest {
        let path = "/webhooks/\(applicationID)/\(interactionToken)" + (editOriginal ? "/messages/@original" : "")
        var request = json(
            editOriginal ? "PATCH" : "POST", path, MessageBody(content: content, components: Self.components(componentsJSON))
        )
        request.headers.removeAll { $0.name == "Authorization" }
        return request
    }

    /// Replaces the application's slash commands with `commandsJSON` (an array):
    /// in one guild (instant) or globally (`guildID` nil).
    public func overwriteCommands(applicationID: String, guildID: String?, commandsJSON: String) -> OutboundRequest {
        let path = "/applications/\(applicationID)" + (guildID.map { "/guilds/\($0)" } ?? "") + "/commands"
        return OutboundRequest(
            method: "PUT", url: baseURL + path, headers: authorizedHeaders + [(name: "Content-Type", value: "application/json")],
            body: Array(commandsJSON.utf8)
        )
    }

    var authorizedHeaders: [(name: String, value: String)] {
        [(name: "Authorization", value: "Bot \(botToken)"), (name: "User-Agent", value: Self.userAgent)]
    }

    private func json(_ method: String, _ path: String, _ body: some Encodable) -> OutboundRequest {
        OutboundRequest(
            method: method, url: baseURL + path,
            headers: authorizedHeaders + [(name: "Content-Type", value: "application/json")],
            body: Array((try? JSONCoding.encoder.encode(body)) ?? Data())
        )
    }

    struct MessageBody: Encodable {
        let content: String
        var allowed_mentions = AllowedMentions()
        var components: [JSONFragment]?
        struct AllowedMentions: Encodable { var parse: [String] = [] }
    }

    /// The stored components array; nil (no `components` key) when absent or not a JSON array.
    static func components(_ json: String?) -> [JSONFragment]? {
        guard let json else { return nil }
        return try? JSONDecoder().decode([JSONFragment].self, from: Data(json.utf8))
    }
}

/// Builds Telegram Bot API calls. The token is part of the URL, so a request's
/// URL must never be logged.
public struct TelegramRequests: Sendable {
    public let baseURL: String
    let botToken: String

    public init(baseURL: String, botToken: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.botToken = botToken
    }

    /// `sendMessage` with HTML parse mode; `replyMarkupJSON` is an inline keyboard object, if any.
    public func sendMessage(chatID: String, htmlText: String, replyMarkupJSON: String? = nil) -> OutboundRequest {
        var body: [String: Any] = ["chat_id": Int64(chatID).map { $0 as Any } ?? chatID, "text": htmlText, "parse_mode": "HTML"]
        if let replyMarkupJSON, let markup = try? JSONSerialization.jsonObject(with: Data(replyMarkupJSON.utf8)) {
            body["reply_markup"] = markup
        }
        let data = Data((JSONCoding.text(of: body) ?? "").utf8)
        return OutboundRequest(
            method: "POST", url: "\(baseURL)/bot\(botToken)/sendMessage",
            headers: [(name: "Content-Type", value: "application/json")], body: Array(data)
        )
    }

    /// Escapes text for Telegram's HTML parse mode (`&`, `<`, `>`, and `"` in attributes).
    public static func escapeHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
