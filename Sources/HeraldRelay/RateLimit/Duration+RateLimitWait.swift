extension Duration {
    /// The longest wait a limiter hands out (about 31 years): a cap, so absurd
    /// inputs give an absurd but representable wait instead of a trap.
    static let longestRateLimitWait: Double = 1_000_000_000

    /// A wait of `seconds`, where anything not positive (including NaN) is no wait.
    static func rateLimitWait(seconds: Double) -> Duration {
        guard seconds > 0 else { return .zero }
        return .seconds(Swift.min(seconds, longestRateLimitWait))
    }
}
