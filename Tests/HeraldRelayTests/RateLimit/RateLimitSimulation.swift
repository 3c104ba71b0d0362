/// Helpers that turn limiter answers into send times and check them against a limit.
enum RateLimitSimulation {
    /// Rounding slack when comparing send times: slots exactly one window apart must not be
    /// counted together because of a last-bit difference, and 1 µs is far below any real timer.
    static let tolerance = 1e-6

    /// A `Duration` as `Double` seconds.
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    /// Whether `duration` is `seconds` give or take a nanosecond (for waits computed as differences).
    static func isClose(_ duration: Duration, _ seconds: Double) -> Bool {
        abs(Self.seconds(duration) - seconds) < 1e-9
    }

    /// The most events in any half-open window `[t, t + width)`.
    static func maxInWindow(_ times: [Double], width: Double) -> Int {
        let sorted = times.sorted()
        var best = 0
        var end = 0
        for start in sorted.indices {
            end = max(end, start)
            while end < sorted.count, sorted[end] < sorted[start] + width - tolerance {
                end += 1
            }
            best = max(best, end - start)
        }
        return best
    }

    /// The smallest gap between consecutive times, in the order given (∞ for fewer than two).
    static func smallestGap(_ times: [Double]) -> Double {
        zip(times, times.dropFirst()).map { $1 - $0 }.min() ?? .infinity
    }
}

/// One simulated message: where it went, when it was offered and when it may be sent.
struct SimulatedSend {
    var key: Int64
    var arrival: Double
    var sendAt: Double
}

extension Array where Element == SimulatedSend {
    /// Send times per key, in reservation order.
    var sendTimesByKey: [Int64: [Double]] {
        Dictionary(grouping: self, by: \.key).mapValues { $0.map(\.sendAt) }
    }
}
