/// The rate-limit facts one Discord response carries, parsed leniently.
///
/// Why it exists: the limiter must never trust a header blindly (a proxy may
/// mangle it, a value may be negative or not a number). Anything unparsable is
/// simply absent, and the limiter falls back to what it already knew.
struct DiscordRateLimitHeaders: Sendable {
    /// `X-RateLimit-Bucket`: the opaque bucket hash shared by similar routes.
    var bucket: String?
    /// `X-RateLimit-Limit`: requests allowed per window (at least 1).
    var limit: Int?
    /// `X-RateLimit-Remaining`: requests left in the current window (at least 0).
    var remaining: Int?
    /// `X-RateLimit-Reset-After`: seconds until the window resets.
    var resetAfter: Double?
    /// `Retry-After`: seconds to wait after a 429.
    var retryAfter: Double?
    /// `X-RateLimit-Scope`, lower-cased: `user`, `global` or `shared`.
    var scope: String?
    /// `X-RateLimit-Global: true`, or scope `global`.
    var isGlobal: Bool

    init(_ headers: [(name: String, value: String)]) {
        func value(_ name: String) -> Substring? {
            guard let header = headers.first(where: { $0.name.lowercased() == name }) else { return nil }
            var value = Substring(header.value)
            while let first = value.first, first.isWhitespace { value.removeFirst() }
            while let last = value.last, last.isWhitespace { value.removeLast() }
            return value
        }
        func seconds(_ name: String) -> Double? {
            guard let text = value(name), let seconds = Double(text), seconds.isFinite, seconds >= 0 else { return nil }
            return seconds
        }

        bucket = value("x-ratelimit-bucket").flatMap { $0.isEmpty ? nil : String($0) }
        limit = value("x-ratelimit-limit").flatMap { Int($0) }.map { max($0, 1) }
        remaining = value("x-ratelimit-remaining").flatMap { Int($0) }.map { max($0, 0) }
        resetAfter = seconds("x-ratelimit-reset-after")
        retryAfter = seconds("retry-after")
        scope = value("x-ratelimit-scope").map { $0.lowercased() }
        isGlobal = value("x-ratelimit-global")?.lowercased() == "true" || scope == "global"
    }
}
