/// Paces outbound Discord REST calls: the bot-wide limit, learned per-route buckets and 429s.
///
/// Why it exists: Discord publishes almost no fixed numbers; it describes each
/// bucket in response headers and bans IPs that keep collecting 401/403/429s
/// (protocols.md §2.5). The relay books every call here first (``reserve(_:now:)``)
/// and reports every response back (``record(_:headers:status:now:)``), the way
/// @discordjs/rest and twilight do, but without sleeping: it returns the wait.
///
/// A call waits for, in order:
/// 1. a global pause, if a 429 with `X-RateLimit-Global: true` (or scope `global`)
///    set one: it lasts exactly `Retry-After` seconds and applies to every route;
/// 2. its learned bucket (hash from `X-RateLimit-Bucket`, per major parameter),
///    when that bucket has no requests left: until its reset, or past a
///    route-only 429 (scope `shared`/`user`, or a sublimit);
/// 3. the bot-wide rate (50/s by default), unless it is an interaction or webhook
///    route. Slots are at least `1/rate` apart and fill gaps, so a route held back
///    by its own bucket never delays the others.
///
/// Memory stays bounded: buckets with nothing pending are forgotten (amortised),
/// and the table of learned hashes is capped at ``maximumLearnedRoutes``.
///
/// Time is `Double` seconds on the caller's monotonic timeline; see ``TokenBucket``.
public struct DiscordRateLimiter: Sendable {
    /// Route → hash entries kept at most; past that the table is cleared and re-learned.
    /// Real routes (ids collapsed) number in the low hundreds.
    public static let maximumLearnedRoutes = 1024
    /// Seconds to hold back after a 429 that says neither `Retry-After` nor `X-RateLimit-Reset-After`.
    static let fallbackRetryAfter = 1.0

    /// Bot-wide requests per second.
    public let globalPerSecond: Double

    private var global: SpacedSchedule
    private var globalPausedUntil = -Double.infinity
    /// `METHOD:bucketRoute` → the bucket hash Discord reported for it.
    private var hashes: [String: String] = [:]
    /// `hash:majorParameter` → what is known about that bucket.
    private var buckets: [String: DiscordBucket] = [:]
    private var clock = LatestInstant()
    private var sweep = SweepSchedule()

    /// Creates a limiter; the default is Discord's documented 50 requests per second per bot.
    public init(globalPerSecond: Double = 50) {
        self.globalPerSecond = globalPerSecond
        self.global = SpacedSchedule(pace: Pace(events: globalPerSecond, per: 1))
    }

    /// How many buckets currently hold limiter state (memory in use).
    public var trackedBucketCount: Int { buckets.count }
    /// How many route → bucket-hash mappings are known.
    public var learnedRouteCount: Int { hashes.count }

    /// Books one call to `route` and returns how long to wait before sending it.
    public mutating func reserve(_ route: DiscordRoute, now: Double) -> Duration {
        let present = clock.advance(to: now)
        let key = bucketKey(for: route)
        var bucket = buckets[key]

        var sendAt = max(present, globalPausedUntil)
        if let bucket {
            sendAt = bucket.earliest(from: sendAt)
        }
        // The bucket accepts any instant after its earliest, so the global gap found
        // from here suits both.
        if !route.isInteraction {
            sendAt = global.earliest(from: sendAt)
            global.book(at: sendAt)
        }
        if bucket != nil {
            bucket?.book(at: sendAt)
            buckets[key] = bucket
        }

        global.forget(before: present)
        sweepIfDue(present)
        return clock.wait(until: sendAt, from: now)
    }

    /// Learns from the response to a call to `route`, received at `now`.
    ///
    /// - `X-RateLimit-Bucket` maps `METHOD:bucketRoute` to a hash (shared by similar routes).
    /// - `X-RateLimit-Remaining` and `X-RateLimit-Reset-After` update that bucket for this major parameter.
    /// - A 429 with `X-RateLimit-Global: true` or scope `global` pauses every route for
    ///   `Retry-After` seconds; any other 429 delays only this route's bucket.
    public mutating func record(_ route: DiscordRoute, headers: [(name: String, value: String)], status: Int, now: Double) {
        let present = clock.advance(to: now)
        let facts = DiscordRateLimitHeaders(headers)
        if let hash = facts.bucket {
            learn(hash: hash, for: route.routeKey)
        }

        let key = bucketKey(for: route)
        var bucket = buckets[key] ?? DiscordBucket()
        if let remaining = facts.remaining, let resetAfter = facts.resetAfter {
            bucket.learn(limit: facts.limit, remaining: remaining, resetAfter: resetAfter, now: present)
        }
        if status == 429 {
            let retryAfter = facts.retryAfter ?? facts.resetAfter ?? Self.fallbackRetryAfter
            if facts.isGlobal {
                globalPausedUntil = max(globalPausedUntil, present + retryAfter)
            } else {
                bucket.retryAt = max(bucket.retryAt, present + retryAfter)
            }
        }
        if bucket.hasState {
            buckets[key] = bucket
        }
        sweepIfDue(present)
    }

    /// Same as ``record(_:headers:status:now:)``, straight from a transport response.
    public mutating func record(_ route: DiscordRoute, response: OutboundResponse, now: Double) {
        record(route, headers: response.headers, status: response.status, now: now)
    }

    /// `hash:majorParameter`, with discord.js's `Global(METHOD:route)` stand-in until the hash is known.
    private func bucketKey(for route: DiscordRoute) -> String {
        let hash = hashes[route.routeKey] ?? "Global(\(route.routeKey))"
        return "\(hash):\(route.majorParameter)"
    }

    private mutating func learn(hash: String, for routeKey: String) {
        guard hashes[routeKey] != hash else { return }
        if hashes[routeKey] == nil, hashes.count >= Self.maximumLearnedRoutes {
            hashes.removeAll(keepingCapacity: true)
        }
        hashes[routeKey] = hash
    }

    private mutating func sweepIfDue(_ present: Double) {
        guard sweep.isDue(count: buckets.count) else { return }
        buckets = buckets.filter { !$0.value.isIdle(at: present) }
        sweep.swept(leaving: buckets.count)
    }
}
