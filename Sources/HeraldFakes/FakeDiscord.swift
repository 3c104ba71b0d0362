import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A local server that plays the Discord REST API routes the relay uses:
/// create DM, create message, add/remove member role, interaction follow-ups.
///
/// It enforces a global limit per bot token and a per-route bucket keyed by
/// the major parameter (channel, guild, webhook), sends Discord's
/// `X-RateLimit-*` headers on every answer, and answers an exceeded limit with
/// Discord's own 429 body and headers. Errors use Discord's JSON codes
/// (50007 cannot DM, 10003 unknown channel, 10015 unknown webhook).
public actor FakeDiscord {
    /// One request Discord accepted.
    public struct Call: Sendable {
        public let method: String
        public let path: String
        public let authorization: String?
        public let auditLogReason: String?
        public let body: [String: JSONScalar]
        public let at: ContinuousClock.Instant
    }

    /// The limits enforced: Discord's global 50/s and a bucket per route and major parameter.
    public struct Limits: Sendable {
        public var globalPerSecond = 50
        public var bucketLimit = 5
        public var bucketWindow: Duration = .seconds(5)
        public init(globalPerSecond: Int = 50, bucketLimit: Int = 5, bucketWindow: Duration = .seconds(5)) {
            self.globalPerSecond = globalPerSecond
            self.bucketLimit = bucketLimit
            self.bucketWindow = bucketWindow
        }
    }

    public let token: String
    public let limits: Limits
    public private(set) var calls: [Call] = []
    public private(set) var tooManyRequests = 0
    /// When each 429 was answered, in order.
    public private(set) var rateLimitedAt: [ContinuousClock.Instant] = []
    public private(set) var dmChannelsOpened = 0
    private var closedDMs: Set<String> = []
    private var unknownChannels: Set<String> = []
    private var expiredInteractions: Set<String> = []
    private var failures: [Int] = []
    private var cuedRateLimits: [(retryAfter: String, global: Bool)] = []
    private var global: SlidingWindow
    private var buckets: [String: SlidingWindow] = [:]

    public init(token: String, limits: Limits = Limits()) {
        self.token = token
        self.limits = limits
        global = SlidingWindow(limit: limits.globalPerSecond, window: .seconds(1))
    }

    /// The user does not accept DMs from the bot: posting in their DM answers 403, code 50007.
    public func closeDMs(of userID: String) { closedDMs.insert(userID) }
    /// Posting in this channel answers 404, code 10003.
    public func forget(channel: String) { unknownChannels.insert(channel) }
    /// This interaction token expired: its webhook answers 404, code 10015.
    public func expire(interactionToken: String) { expiredInteractions.insert(interactionToken) }
    /// Answers the next `count` requests with `status`.
    public func fail(next count: Int, status: Int = 500) { failures += Array(repeating: status, count: count) }
    /// Answers the next request 429 with this `retry_after` (seconds, as Discord writes it, e.g. "0.347").
    public func rateLimitNext(retryAfter: String, global isGlobal: Bool = false) { cuedRateLimits.append((retryAfter, isGlobal)) }

    /// The DM channel id this fake gives a user.
    public nonisolated static func dmChannel(of userID: String) -> String { "7\(userID)" }

    /// The last accepted command set per route (`/applications/{id}/commands`), as sent.
    public private(set) var registeredCommands: [String: String] = [:]

    /// Serves until `body` returns; passes the API base URL (as `DISCORD_API_BASE_URL`).
    public func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        let api = router.group("/api/v10")
        let handle: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            return await self.answer(
                method: request.method.rawValue, path: String(request.uri.path.dropFirst("/api/v10".count)),
                authorization: request.headers[.authorization],
                auditLogReason: request.headers[HTTPField.Name("X-Audit-Log-Reason")!],
                body: Data(bytes.readableBytesView)
            )
        }
        api.post("/users/@me/channels", use: handle)
        api.post("/channels/{channel}/messages", use: handle)
        api.put("/guilds/{guild}/members/{user}/roles/{role}", use: handle)
        api.delete("/guilds/{guild}/members/{user}/roles/{role}", use: handle)
        api.post("/webhooks/{application}/{token}", use: handle)
        api.patch("/webhooks/{application}/{token}/messages/@original", use: handle)
        api.put("/applications/{application}/commands", use: handle)
        api.put("/applications/{application}/guilds/{guild}/commands", use: handle)
        return try await LocalHTTPServer.serve(router, label: "fake-discord", body)
    }

    func answer(method: String, path: String, authorization: String?, auditLogReason: String?, body: Data) -> Response {
        let segments = path.split(separator: "/").map(String.init)
        let isInteractionWebhook = segments.first == "webhooks"
        if !isInteractionWebhook && authorization != "Bot \(token)" {
            return .json(.unauthorized, #"{"message": "401: Unauthorized", "code": 0}"#)
        }
        if !failures.isEmpty {
            let status = failures.removeFirst()
            return .json(.init(code: status), #"{"message": "Internal Server Error", "code": 0}"#)
        }
        if !cuedRateLimits.isEmpty {
            let (wait, isGlobal) = cuedRateLimits.removeFirst()
            tooManyRequests += 1
            rateLimitedAt.append(.now)
            return .json(.tooManyRequests, #"{"message": "You are being rate limited.", "retry_after": \#(wait), "global": \#(isGlobal)}"#,
                headers: [("Retry-After", wait), ("X-RateLimit-Scope", isGlobal ? "global" : "user")] + (isGlobal ? [("X-RateLimit-Global", "true")] : []))
        }
        // Bucket: the route's shape with its major parameter (channel, guild or webhook) kept.
        let major = segments.count > 1 ? segments[1] : ""
        let bucketKey = "\(method) \(segments.first ?? "")/\(major) \(segments.count)"
        let bucketID = String(UInt(bitPattern: bucketKey.hashValue) % 1_000_000_007, radix: 16)
        let now = ContinuousClock.now
        var bucket = buckets[bucketKey] ?? SlidingWindow(limit: limits.bucketLimit, window: limits.bucketWindow)
        if !global.allows(at: now) {
            tooManyRequests += 1
            rateLimitedAt.append(now)
            let wait = String(format: "%.3f", max(0.001, global.secondsUntilFree(at: now)))
            return .json(.tooManyRequests, #"{"message": "You are being rate limited.", "retry_after": \#(wait), "global": true}"#,
                headers: [("Retry-After", wait), ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global")])
        }
        if !bucket.allows(at: now) {
            tooManyRequests += 1
            rateLimitedAt.append(now)
            let wait = String(format: "%.3f", max(0.001, bucket.secondsUntilFree(at: now)))
            return .json(.tooManyRequests, #"{"message": "You are being rate limited.", "retry_after": \#(wait), "global": false}"#,
                headers: rateLimitHeaders(bucket: bucket, id: bucketID, now: now) + [("Retry-After", wait), ("X-RateLimit-Scope", "user")])
        }
        global.record(now)
        bucket.record(now)
        buckets[bucketKey] = bucket
        let headers = rateLimitHeaders(bucket: bucket, id: bucketID, now: now)
        if method == "PUT", segments.first == "applications" {
            if let problem = DiscordCommandRules.problem(in: body) {
                return .json(.badRequest, #"{"message": "Invalid Form Body", "code": 50035, "errors": "\#(problem)"}"#, headers: headers)
            }
            registeredCommands[path] = String(decoding: body, as: UTF8.self)
            return .json(.ok, String(decoding: body, as: UTF8.self), headers: headers)
        }
        let json = JSONScalar.object(from: body)
        if let error = refusal(segments: segments, json: json) { return .json(error.status, error.body, headers: headers) }
        calls.append(Call(method: method, path: path, authorization: authorization, auditLogReason: auditLogReason, body: json, at: now))
        switch (method, segments.first) {
        case ("POST", "users"):
            dmChannelsOpened += 1
            let recipient = json["recipient_id"]?.text ?? ""
            return .json(.ok, #"{"id": "\#(Self.dmChannel(of: recipient))", "type": 1, "recipients": [{"id": "\#(recipient)"}]}"#, headers: headers)
        case ("PUT", _), ("DELETE", _):
            return Response(status: .noContent, headers: [:])
        default:
            return .json(.ok, #"{"id": "\#(calls.count)", "channel_id": "\#(major)", "content": "ok"}"#, headers: headers)
        }
    }

    private func refusal(segments: [String], json: [String: JSONScalar]) -> (status: HTTPResponse.Status, body: String)? {
        if segments.first == "channels" {
            let channel = segments[1]
            if unknownChannels.contains(channel) { return (.notFound, #"{"message": "Unknown Channel", "code": 10003}"#) }
            if channel.hasPrefix("7"), closedDMs.contains(String(channel.dropFirst())) {
                return (.forbidden, #"{"message": "Cannot send messages to this user", "code": 50007}"#)
            }
            let content = json["content"]?.text ?? ""
            if content.isEmpty || content.count > 2000 {
                return (.badRequest, #"{"message": "Invalid Form Body", "code": 50035}"#)
            }
        }
        if segments.first == "webhooks", segments.count > 2, expiredInteractions.contains(segments[2]) {
            return (.notFound, #"{"message": "Unknown Webhook", "code": 10015}"#)
        }
        return nil
    }

    private func rateLimitHeaders(bucket: SlidingWindow, id: String, now: ContinuousClock.Instant) -> [(String, String)] {
        var copy = bucket
        let remaining = copy.allows(at: now) ? bucket.remaining(at: now) : 0
        let resetAfter = String(format: "%.3f", bucket.secondsUntilFree(at: now))
        return [
            ("X-RateLimit-Bucket", id), ("X-RateLimit-Limit", "\(limits.bucketLimit)"),
            ("X-RateLimit-Remaining", "\(remaining)"), ("X-RateLimit-Reset-After", resetAfter),
        ]
    }
}
