/// Why a retry policy built from configuration values was refused.
///
/// Exists so a bad `retry:` section fails loudly at start-up with a message
/// that names the offending value, instead of producing a relay that never
/// retries (empty schedule) or retries in a tight loop (zero delays).
public enum RetryPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The schedule has no entries.
    case emptySchedule
    /// The schedule entry at `index` (0-based) is zero or negative.
    case nonPositiveDelay(index: Int)
    /// `maximumAttempts` is zero or negative.
    case nonPositiveMaximumAttempts(Int)
    /// `maximumAge` is zero or negative.
    case nonPositiveMaximumAge

    public var description: String {
        switch self {
        case .emptySchedule:
            "retry schedule must have at least one delay"
        case .nonPositiveDelay(let index):
            "retry schedule entry \(index) must be a positive duration"
        case .nonPositiveMaximumAttempts(let value):
            "maximum attempts must be at least 1 (got \(value))"
        case .nonPositiveMaximumAge:
            "maximum age must be a positive duration"
        }
    }
}
