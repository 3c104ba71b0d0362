/// The rate-limit identity of one Discord REST call: which bucket it falls in and for which resource.
///
/// Why it exists: Discord limits per *route* and per *top-level resource*, but
/// only says which bucket a route belongs to after the first response
/// (`X-RateLimit-Bucket`). Like @discordjs/rest and twilight, the relay therefore
/// keys routes by a normalised path (`bucketRoute`, ids replaced by `:id`) and a
/// `majorParameter` (the channel, guild or webhook the call is about), so
/// `POST /channels/1…/messages` and `POST /channels/2…/messages` share a bucket
/// hash but are limited separately (protocols.md §2.5–2.6).
///
/// ```swift
/// let route = DiscordRoute(method: "POST", path: "/channels/111111111111111111/messages")
/// route.bucketRoute     // "/channels/:id/messages"
/// route.majorParameter  // "111111111111111111"
/// ```
///
/// Accepted paths: `/channels/…`, `channels/…`, `/api/v10/channels/…` or a full
/// URL (`https://discord.com/api/v10/…`); the query and fragment are ignored.
/// Two routes are equal when they are limited the same way, whatever the ids in
/// minor positions.
///
/// Not modelled: discord.js gives deletes of messages older than 14 days their
/// own bucket; that needs the wall clock and the message id's age, which a route
/// does not have.
public struct DiscordRoute: Sendable, Hashable {
    /// The HTTP method, upper-cased.
    public let method: String
    /// The path with ids as `:id`, webhook and interaction tokens as `:token` and
    /// everything after `/reactions/` as `:reaction`, e.g. `/channels/:id/messages`.
    public let bucketRoute: String
    /// The id after a leading `channels/`, `guilds/` or `webhooks/` (for webhooks with
    /// a token, `id/token`), or `"global"` when the path has none.
    public let majorParameter: String
    /// Whether the path starts with `/interactions/` or `/webhooks/`: these are
    /// authorised by their token, not the bot, and are exempt from the global limit.
    public let isInteraction: Bool

    /// Parses a method and a path or URL.
    public init(method: String, path: String) {
        self.method = String(Self.trimmed(method)).uppercased()
        let segments = Self.segments(of: path)
        let first = segments.first ?? ""
        self.isInteraction = first == "interactions" || first == "webhooks"
        self.majorParameter = Self.majorParameter(of: segments)
        self.bucketRoute = Self.bucketRoute(of: segments)
    }

    /// The key Discord's bucket hash is learned under: `METHOD:bucketRoute`.
    var routeKey: String { "\(method):\(bucketRoute)" }

    /// Path segments with the scheme and host, the `/api[/vN]` prefix, the query,
    /// the fragment and empty segments removed.
    private static func segments(of raw: String) -> [Substring] {
        var text = trimmed(raw)
        if let end = text.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            text = text[..<end]
        }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false)
        // "https:" "" "discord.com" … or a protocol-relative "" "" "discord.com" …
        if parts.count >= 3, parts[1].isEmpty, parts[0].hasSuffix(":") || parts[0].isEmpty {
            parts.removeFirst(3)
        }
        var segments = parts.filter { !$0.isEmpty }
        if segments.first == "api" {
            segments.removeFirst()
            if let version = segments.first, isVersion(version) {
                segments.removeFirst()
            }
        }
        return segments
    }

    private static func majorParameter(of segments: [Substring]) -> String {
        guard segments.count >= 2, ["channels", "guilds", "webhooks"].contains(segments[0]), isSnowflake(segments[1])
        else { return "global" }
        if segments[0] == "webhooks", segments.count >= 3 {
            return "\(segments[1])/\(segments[2])"
        }
        return String(segments[1])
    }

    private static func bucketRoute(of segments: [Substring]) -> String {
        let tokenBearing = segments.count >= 3
            && (segments[0] == "webhooks" || segments[0] == "interactions")
            && isSnowflake(segments[1])
        var route: [Substring] = []
        for (index, segment) in segments.enumerated() {
            if segment == "reactions", index + 1 < segments.count {
                route.append(contentsOf: ["reactions", ":reaction"])
                break
            }
            if isSnowflake(segment) {
                route.append(":id")
            } else if tokenBearing, index == 2 {
                route.append(":token")
            } else {
                route.append(segment)
            }
        }
        return "/" + route.joined(separator: "/")
    }

    /// A Discord snowflake as it appears in paths: 17 to 20 decimal digits.
    private static func isSnowflake(_ segment: Substring) -> Bool {
        (17...20).contains(segment.utf8.count) && segment.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// `v` followed by one or more digits, as in `/api/v10`.
    private static func isVersion(_ segment: Substring) -> Bool {
        segment.count >= 2 && segment.first == "v" && segment.dropFirst().utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    private static func trimmed(_ text: String) -> Substring {
        var result = Substring(text)
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
