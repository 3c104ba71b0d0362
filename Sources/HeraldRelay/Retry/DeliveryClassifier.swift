import Foundation

/// Maps the outcome of one outbound HTTP exchange to a `DeliveryDecision`.
///
/// Exists so the rules "which failures are worth retrying, how long a 429
/// says to wait, which errors mean the recipient is gone for good, and which
/// mean our bot token is bad" live in one pure, table-tested place instead of
/// being re-derived in each channel adapter. No I/O: the caller passes the
/// transport's result and, for `Retry-After` HTTP-dates, the current time.
///
/// The table (after an answer arrived):
/// - 2xx: delivered. Telegram also needs `"ok": true` when the body is a JSON
///   object; `"ok": false` is classified by its `error_code`.
/// - 429: `.rateLimited` with the provider's exact wait (see `rateLimitDecision`).
/// - 5xx, 408, 409, 425: retry with the policy backoff (or the server's
///   `Retry-After`, when it sent one); the attempt counts.
/// - 401: Discord / Telegram pause the channel (bad bot token); webhook: dead.
/// - Discord 400/403 with code 20016 or 20028 (slowmode, channel write
///   limit): retry. Telegram 400 with `migrate_to_chat_id`: dead, naming the
///   new chat id.
/// - Other 4xx, and 3xx (redirects are not followed): dead.
/// - Anything else (1xx, nonsense): retry, the attempt counts.
///
/// Transport failures: timeout, connection failure, other → retry with
/// backoff; TLS and invalid request → dead; cancelled → retry at once without
/// counting the attempt (our task was stopped; the destination said nothing).
public struct DeliveryClassifier: Sendable {
    /// The wait for a 429 that did not say how long (or said nonsense).
    public static let defaultRateLimitWait: Duration = .seconds(1)
    /// The longest wait taken from a provider's answer; longer ones are cut.
    public static let maximumProviderWait: Duration = .seconds(24 * 3600)
    /// Reasons are cut to this many characters.
    public static let maximumReasonLength = 300

    /// Discord codes that mean "this channel is throttled", not "never".
    static let discordThrottleCodes: Set<Int> = [20016, 20028]

    /// Classifies one attempt.
    ///
    /// - Parameters:
    ///   - result: what the transport returned.
    ///   - provider: where the request went.
    ///   - now: the current time, used only to turn a `Retry-After` HTTP-date
    ///     into a wait.
    public static func classify(
        _ result: Result<OutboundResponse, TransportError>, provider: ProviderKind, now: Date = Date()
    ) -> DeliveryDecision {
        switch result {
        case .success(let response): decision(for: response, provider: provider, now: now)
        case .failure(let error): decision(for: error, provider: provider)
        }
    }

    static func decision(for error: TransportError, provider: ProviderKind) -> DeliveryDecision {
        let name = provider.displayName
        switch error {
        case .timedOut:
            return .retry(after: nil, consumesAttempt: true, reason: Reason.make("\(name) request timed out"))
        case .connectionFailed(let detail):
            return .retry(after: nil, consumesAttempt: true, reason: Reason.make("connection to \(name) failed: \(detail)"))
        case .other(let detail):
            return .retry(after: nil, consumesAttempt: true, reason: Reason.make("request to \(name) failed: \(detail)"))
        case .cancelled:
            return .retry(after: .zero, consumesAttempt: false, reason: Reason.make("request to \(name) cancelled before an answer; not counted"))
        case .tls(let detail):
            return .dead(reason: Reason.make("TLS with \(name) failed: \(detail)"))
        case .invalidRequest(let detail):
            return .dead(reason: Reason.make("request to \(name) could not be made: \(detail)"))
        }
    }

    static func decision(for response: OutboundResponse, provider: ProviderKind, now: Date) -> DeliveryDecision {
        var status = response.status
        // Webhook bodies are never read (arbitrary, and never quoted), nor 2xx
        // bodies from Discord.
        let readsBody = provider == .telegram || (provider == .discord && !(200..<300).contains(status))
        let body = readsBody ? ProviderBody.parse(response.body) : nil

        if provider == .telegram, (200..<300).contains(status), let body {
            switch (body.ok, body.errorCode) {
            case (true?, _):
                return .delivered
            case (false?, let code?) where (400..<600).contains(code):
                status = code
            case (false?, _):
                return .retry(after: nil, consumesAttempt: true, reason: Reason.make(
                    "Telegram answered HTTP \(status) with ok:false and no usable error_code: \(body.description ?? "no description")"))
            case (nil, _):
                return .retry(after: nil, consumesAttempt: true, reason: Reason.make(
                    "Telegram answered HTTP \(status) without \"ok\":true"))
            }
        }
        return decision(status: status, response: response, body: body, provider: provider, now: now)
    }

    private static func decision(
        status: Int, response: OutboundResponse, body: ProviderBody?, provider: ProviderKind, now: Date
    ) -> DeliveryDecision {
        let name = provider.displayName
        let said = body?.providerMessage(for: provider).map { ": \($0)" } ?? ""
        switch status {
        case 200..<300:
            return .delivered
        case 429:
            return rateLimitDecision(response, body: body, provider: provider, now: now)
        case 401 where provider != .webhook:
            return .pauseChannel(reason: Reason.make(
                "\(name) refused the bot token (HTTP 401\(said)); pausing the channel"))
        case 408, 409, 425, 500..<600:
            return retryWithBackoff(status: status, response: response, detail: "\(name) answered HTTP \(status)", now: now)
        case 400..<500 where provider == .discord && body?.code.map(discordThrottleCodes.contains) == true:
            return retryWithBackoff(status: status, response: response, detail: "\(name) throttled the channel (HTTP \(status)\(said))", now: now)
        case 403 where provider == .discord && body?.code == 50007:
            return .dead(reason: Reason.make("cannot DM this user (\(name) HTTP 403\(said))"))
        case 400 where provider == .telegram && body?.parameters?.migrateToChatID != nil:
            let newChat = body?.parameters?.migrateToChatID.map(String.init) ?? "?"
            return .dead(reason: Reason.make(
                "group chat became supergroup \(newChat); send to that chat id instead (\(name) HTTP 400\(said))"))
        case 410 where provider == .webhook:
            return .dead(reason: Reason.make("\(name) is gone (HTTP 410); disable it"))
        case 401 where provider == .webhook, 403 where provider == .webhook:
            return .dead(reason: Reason.make("\(name) refused the request (HTTP \(status))"))
        case 400..<500:
            return .dead(reason: Reason.make("\(name) HTTP \(status)\(said)"))
        case 300..<400:
            return .dead(reason: Reason.make("\(name) answered a redirect (HTTP \(status)); redirects are not followed"))
        default:
            return retryWithBackoff(status: status, response: response, detail: "\(name) answered unexpected HTTP \(status)", now: now)
        }
    }

    /// A counted retry: the policy backoff, unless the server sent a usable
    /// `Retry-After` (RFC 9110 defines it for 503 and 3xx), which is honoured.
    private static func retryWithBackoff(
        status: Int, response: OutboundResponse, detail: String, now: Date
    ) -> DeliveryDecision {
        if let seconds = retryAfterHeaderSeconds(response, now: now), let wait = providerWait(seconds: seconds) {
            return .retry(after: wait, consumesAttempt: true, reason: Reason.make("\(detail); waiting \(wait) as its Retry-After header says"))
        }
        return .retry(after: nil, consumesAttempt: true, reason: Reason.make(detail))
    }
}
