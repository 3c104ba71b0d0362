extension RetryPolicy {
    /// How much randomness is mixed into each backoff delay.
    ///
    /// Exists because many deliveries that failed together (an endpoint
    /// outage) would otherwise all retry at the same instant and knock the
    /// endpoint over again. Nested in `RetryPolicy` to keep the module's
    /// top-level namespace free of a generic name.
    public enum Jitter: String, Sendable, Equatable, CaseIterable {
        /// Exactly the scheduled delay.
        case none
        /// Uniform in `[0, base]` ("full jitter"): the best spread, the default.
        case full
        /// `base/2` plus uniform in `[0, base/2]`: never less than half the delay.
        case equal

        /// The delay to actually wait for a scheduled `base`.
        ///
        /// Works on whole attoseconds, so the result is always inside the
        /// documented bounds, with no rounding at either end.
        func apply(to base: Duration, using generator: inout some RandomNumberGenerator) -> Duration {
            guard base > .zero else { return .zero }
            let total = Self.attoseconds(of: base)
            switch self {
            case .none:
                return base
            case .full:
                return Self.duration(attoseconds: Int128.random(in: 0...total, using: &generator))
            case .equal:
                let half = total / 2
                return Self.duration(attoseconds: total - half + Int128.random(in: 0...half, using: &generator))
            }
        }

        private static let attosecondsPerSecond: Int128 = 1_000_000_000_000_000_000

        private static func attoseconds(of duration: Duration) -> Int128 {
            Int128(duration.components.seconds) * attosecondsPerSecond + Int128(duration.components.attoseconds)
        }

        /// Only called with values between zero and an existing duration, so the
        /// seconds always fit in `Int64`.
        private static func duration(attoseconds value: Int128) -> Duration {
            Duration(
                secondsComponent: Int64(value / attosecondsPerSecond),
                attosecondsComponent: Int64(value % attosecondsPerSecond)
            )
        }
    }
}
