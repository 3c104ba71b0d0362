/// What the relay has learned about one Discord bucket for one major parameter.
///
/// Why it exists: Discord tells each response how many requests are left in the
/// bucket's window and when it resets, but the relay reserves slots *before*
/// sending, often for several callers at once. This keeps the server's last word
/// and counts reservations against it, so concurrent callers queue into the
/// following windows instead of all going out on a stale "remaining: 1".
///
/// Conservative by design: when the server and the local count disagree about
/// the current window, the smaller "remaining" wins.
struct DiscordBucket: Sendable {
    /// The window reservations are currently booked into.
    struct Window: Sendable {
        /// Requests per window (`X-RateLimit-Limit`).
        var limit: Int
        /// Requests not yet reserved in this window.
        var remaining: Int
        /// No request booked in this window may go before this instant.
        var opensAt: Double
        /// When the window ends and the bucket is full again.
        var resetAt: Double
        /// The longest reset-after seen: our estimate of a whole window, used to
        /// book into windows the server has not described yet.
        var length: Double
    }

    /// Nil until a response carried `X-RateLimit-Remaining` and `X-RateLimit-Reset-After`.
    var window: Window?
    /// After a non-global 429 (sublimit, `shared` scope), nothing goes before this instant.
    var retryAt = -Double.infinity

    /// Whether there is anything worth keeping.
    var hasState: Bool { window != nil || retryAt > -.infinity }

    /// The earliest instant at or after `t` this bucket allows a request. Any later
    /// instant is allowed too (a later one is either in the same window, which has
    /// room, or past its reset).
    func earliest(from t: Double) -> Double {
        let t = max(t, retryAt)
        guard let window else { return t }
        let start = max(t, window.opensAt)
        if start >= window.resetAt || window.remaining > 0 {
            return start
        }
        return window.resetAt
    }

    /// Counts one request sent at `t` (a result of ``earliest(from:)``).
    mutating func book(at t: Double) {
        guard var window else { return }
        if t >= window.resetAt {
            // A new window, not described by the server yet: assume it opens with this request.
            window.opensAt = t
            window.resetAt = t + window.length
            window.remaining = window.limit
        }
        window.remaining = max(window.remaining - 1, 0)
        self.window = window
    }

    /// Takes in a response's `remaining` and `reset-after`, received at `now`.
    mutating func learn(limit: Int?, remaining: Int, resetAfter: Double, now: Double) {
        let serverReset = now + resetAfter
        guard var window else {
            let limit = limit ?? (remaining < Int.max ? remaining + 1 : remaining)
            self.window = Window(
                limit: limit, remaining: min(remaining, limit), opensAt: now, resetAt: serverReset, length: resetAfter
            )
            return
        }
        if let limit {
            window.limit = limit
        }
        window.length = max(window.length, resetAfter)
        if now < window.opensAt {
            // Reservations already run into a window we only estimated; this response is
            // about the one before it. If that one ends later than we guessed, move ours.
            if serverReset > window.opensAt {
                let shift = serverReset - window.opensAt
                window.opensAt += shift
                window.resetAt += shift
            }
        } else if now < window.resetAt {
            window.remaining = min(window.remaining, remaining)
            window.resetAt = serverReset
        } else {
            window.opensAt = now
            window.resetAt = serverReset
            window.remaining = remaining
        }
        window.remaining = min(window.remaining, window.limit)
        self.window = window
    }

    /// Whether the bucket is back to "nothing known that could delay a request" at `present`.
    func isIdle(at present: Double) -> Bool {
        present >= retryAt && (window.map { present >= $0.resetAt && present >= $0.opensAt } ?? true)
    }
}
