import Foundation
import HeraldRelay

/// How the outbox dispatcher runs: lease, concurrency, polling and the retry
/// schedule. Read from `relay.*` (`RELAY_*`); the defaults suit one instance
/// or several sharing a PostgreSQL database.
public struct RelaySettings: Sendable {
    /// Run the dispatcher in `herald serve` (false: accept notifications, another process sends).
    public var enabled = true
    public var dispatcher = Dispatcher.Settings()

    init(values: ConfigValues) throws(ConfigurationError) {
        enabled = try values.boolean("relay.enabled", default: true)
        dispatcher.lease = .seconds(try values.integer("relay.lease_seconds", default: 60, in: 2...3600))
        dispatcher.maxInFlight = try values.integer("relay.max_in_flight", default: 256, in: 1...4096)
        dispatcher.batchSize = try values.integer("relay.batch_size", default: 32, in: 1...1000)
        dispatcher.idlePoll = .milliseconds(try values.integer("relay.poll_interval_ms", default: 500, in: 10...60_000))
        dispatcher.pauseAfterRefusedToken = .seconds(try values.integer("relay.pause_after_refused_token_seconds", default: 300, in: 1...86_400))
        let schedule = try values.list("relay.retry.schedule_seconds").map { items throws(ConfigurationError) in
            var delays: [Duration] = []
            for item in items {
                guard let seconds = Int(item.trimmingCharacters(in: .whitespaces)), seconds > 0 else {
                    throw ConfigurationError(key: "relay.retry.schedule_seconds", problem: "'\(item)' is not a positive whole number of seconds")
                }
                delays.append(.seconds(seconds))
            }
            return delays
        } ?? RetryPolicy.defaultSchedule
        let maximumAttempts = try values.integer("relay.retry.max_attempts", default: schedule.count + 1, in: 1...100)
        let maximumAgeHours = try values.integer("relay.retry.max_age_hours", default: 72, in: 1...8760)
        do {
            dispatcher.retryPolicy = try RetryPolicy(schedule: schedule, maximumAttempts: maximumAttempts, maximumAge: .seconds(maximumAgeHours * 3600))
        } catch {
            throw ConfigurationError(key: "relay.retry.schedule_seconds", problem: "\(error)")
        }
    }
}
