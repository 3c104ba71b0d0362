import Foundation
import HeraldRelay
import Testing

@Suite struct RetryPolicyTests {
    @Test func defaultsFollowTheStandardWebhooksSchedule() {
        let policy = RetryPolicy()
        #expect(policy == .standard)
        #expect(policy.schedule == [
            .seconds(5), .seconds(300), .seconds(1800), .seconds(7200),
            .seconds(18_000), .seconds(36_000), .seconds(36_000),
        ])
        #expect(policy.maximumAttempts == 8)
        #expect(policy.maximumAge == .seconds(259_200))
        #expect(policy.jitter == .full)
    }

    @Test func maximumAttemptsDefaultsToOneMoreThanTheSchedule() throws {
        let policy = try RetryPolicy(schedule: [.seconds(1), .seconds(2)])
        #expect(policy.maximumAttempts == 3)
        #expect(policy.maximumAge == RetryPolicy.defaultMaximumAge)
        #expect(policy.jitter == .full)
    }

    @Test func eachAttemptUsesItsScheduleEntryThenNothing() {
        let policy = RetryPolicy.standard
        for attempt in 1...7 {
            #expect(policy.baseDelay(afterAttempt: attempt) == policy.schedule[attempt - 1], "attempt \(attempt)")
        }
        #expect(policy.baseDelay(afterAttempt: 8) == nil)
        #expect(policy.baseDelay(afterAttempt: 9) == nil)
        #expect(policy.baseDelay(afterAttempt: .max) == nil)
    }

    @Test func nothingTriedYetMeansNoWait() {
        #expect(RetryPolicy.standard.baseDelay(afterAttempt: 0) == .zero)
        #expect(RetryPolicy.standard.baseDelay(afterAttempt: -3) == .zero)
    }

    @Test func attemptsPastTheScheduleReuseTheLastEntryUntilTheMaximum() throws {
        let policy = try RetryPolicy(schedule: [.seconds(1), .seconds(10)], maximumAttempts: 6, jitter: .none)
        var generator = SplitMix64(seed: 1)
        let delays = (1...7).map { policy.delay(afterAttempt: $0, using: &generator) }
        #expect(delays == [.seconds(1), .seconds(10), .seconds(10), .seconds(10), .seconds(10), nil, nil])
    }

    @Test func fewerAttemptsThanTheScheduleStopEarly() throws {
        let policy = try RetryPolicy(schedule: RetryPolicy.defaultSchedule, maximumAttempts: 3, jitter: .none)
        var generator = SplitMix64(seed: 2)
        #expect(policy.delay(afterAttempt: 2, using: &generator) == .seconds(300))
        #expect(policy.delay(afterAttempt: 3, using: &generator) == nil)
    }

    @Test func aSingleAttemptNeverRetries() throws {
        let policy = try RetryPolicy(schedule: [.seconds(5)], maximumAttempts: 1)
        #expect(policy.delay(afterAttempt: 1) == nil)
        #expect(policy.shouldGiveUp(attempts: 1, firstAttemptAt: RetryFixtures.now, now: RetryFixtures.now))
    }

    @Test func givesUpAfterTheMaximumAttempts() {
        let start = RetryFixtures.now
        #expect(!RetryPolicy.standard.shouldGiveUp(attempts: 7, firstAttemptAt: start, now: start))
        #expect(RetryPolicy.standard.shouldGiveUp(attempts: 8, firstAttemptAt: start, now: start))
        #expect(RetryPolicy.standard.shouldGiveUp(attempts: 100, firstAttemptAt: start, now: start))
    }

    @Test func givesUpOnceTheDeliveryReachesTheMaximumAge() {
        let start = RetryFixtures.now
        let threeDays: TimeInterval = 3 * 24 * 3600
        let policy = RetryPolicy.standard
        #expect(!policy.shouldGiveUp(attempts: 1, firstAttemptAt: start, now: start.addingTimeInterval(threeDays - 1)))
        #expect(!policy.shouldGiveUp(attempts: 1, firstAttemptAt: start, now: start.addingTimeInterval(threeDays - 0.001)))
        #expect(policy.shouldGiveUp(attempts: 1, firstAttemptAt: start, now: start.addingTimeInterval(threeDays)))
        #expect(policy.shouldGiveUp(attempts: 1, firstAttemptAt: start, now: start.addingTimeInterval(threeDays + 3600)))
    }

    @Test func aClockSteppedBackDoesNotAgeTheDelivery() {
        let start = RetryFixtures.now
        #expect(!RetryPolicy.standard.shouldGiveUp(attempts: 2, firstAttemptAt: start, now: start.addingTimeInterval(-86_400)))
    }

    @Test func customMaximumAgeWithSubSecondPrecision() throws {
        let policy = try RetryPolicy(schedule: [.seconds(1)], maximumAge: .milliseconds(1500))
        let start = RetryFixtures.now
        #expect(!policy.shouldGiveUp(attempts: 1, firstAttemptAt: start, now: start.addingTimeInterval(1.4)))
        #expect(policy.shouldGiveUp(attempts: 1, firstAttemptAt: start, now: start.addingTimeInterval(1.5)))
    }

    @Test func anEmptyScheduleIsRefused() {
        #expect(throws: RetryPolicyError.emptySchedule) { try RetryPolicy(schedule: []) }
    }

    @Test(arguments: [Duration.zero, .seconds(-1), .nanoseconds(-1)])
    func nonPositiveDelaysAreRefused(bad: Duration) {
        #expect(throws: RetryPolicyError.nonPositiveDelay(index: 1)) {
            try RetryPolicy(schedule: [.seconds(5), bad, .seconds(10)])
        }
    }

    @Test(arguments: [0, -1, Int.min])
    func nonPositiveMaximumAttemptsAreRefused(bad: Int) {
        #expect(throws: RetryPolicyError.nonPositiveMaximumAttempts(bad)) {
            try RetryPolicy(schedule: [.seconds(5)], maximumAttempts: bad)
        }
    }

    @Test(arguments: [Duration.zero, .seconds(-60)])
    func nonPositiveMaximumAgeIsRefused(bad: Duration) {
        #expect(throws: RetryPolicyError.nonPositiveMaximumAge) {
            try RetryPolicy(schedule: [.seconds(5)], maximumAge: bad)
        }
    }

    @Test func errorsNameTheOffendingValue() {
        #expect(RetryPolicyError.nonPositiveDelay(index: 2).description.contains("2"))
        #expect(RetryPolicyError.nonPositiveMaximumAttempts(-4).description.contains("-4"))
    }

    @Test func validValuesAreKept() throws {
        let policy = try RetryPolicy(
            schedule: [.milliseconds(250), .seconds(30)], maximumAttempts: 10, maximumAge: .seconds(3600), jitter: .equal)
        #expect(policy.schedule == [.milliseconds(250), .seconds(30)])
        #expect(policy.maximumAttempts == 10)
        #expect(policy.maximumAge == .seconds(3600))
        #expect(policy.jitter == .equal)
    }
}
