import HeraldRelay
import PropertyBased
import Testing

@Suite struct RetryJitterTests {
    private func policy(_ jitter: RetryPolicy.Jitter) throws -> RetryPolicy {
        try RetryPolicy(schedule: RetryPolicy.defaultSchedule, jitter: jitter)
    }

    @Test func noJitterIsExactlyTheScheduleForEveryAttempt() throws {
        let policy = try policy(.none)
        var generator = SplitMix64(seed: 42)
        for attempt in 1..<policy.maximumAttempts {
            #expect(policy.delay(afterAttempt: attempt, using: &generator) == policy.schedule[attempt - 1])
        }
        #expect(policy.delay(afterAttempt: policy.maximumAttempts, using: &generator) == nil)
    }

    @Test func fullJitterStaysWithinZeroAndBaseForEveryAttempt() throws {
        let policy = try policy(.full)
        var generator = SplitMix64(seed: 7)
        for attempt in 1..<policy.maximumAttempts {
            let base = try #require(policy.baseDelay(afterAttempt: attempt))
            for _ in 0..<500 {
                let delay = try #require(policy.delay(afterAttempt: attempt, using: &generator))
                #expect(delay >= .zero && delay <= base, "attempt \(attempt): \(delay) not in [0, \(base)]")
            }
        }
        #expect(policy.delay(afterAttempt: policy.maximumAttempts, using: &generator) == nil)
    }

    @Test func equalJitterStaysWithinHalfBaseAndBaseForEveryAttempt() throws {
        let policy = try policy(.equal)
        var generator = SplitMix64(seed: 8)
        for attempt in 1..<policy.maximumAttempts {
            let base = try #require(policy.baseDelay(afterAttempt: attempt))
            for _ in 0..<500 {
                let delay = try #require(policy.delay(afterAttempt: attempt, using: &generator))
                #expect(delay >= base / 2 && delay <= base, "attempt \(attempt): \(delay) not in [\(base / 2), \(base)]")
            }
        }
    }

    /// Bounds alone would pass with no randomness at all: check the spread.
    @Test func fullJitterActuallySpreadsOverTheWholeRange() throws {
        let policy = try policy(.full)
        var generator = SplitMix64(seed: 99)
        let delays = try (0..<2000).map { _ in try #require(policy.delay(afterAttempt: 1, using: &generator)) }
        let seconds = delays.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        let mean = seconds.reduce(0, +) / Double(seconds.count)
        #expect(seconds.min()! < 0.25)
        #expect(seconds.max()! > 4.75)
        #expect(abs(mean - 2.5) < 0.2)
    }

    @Test func equalJitterActuallySpreadsOverTheUpperHalf() throws {
        let policy = try policy(.equal)
        var generator = SplitMix64(seed: 100)
        let delays = try (0..<2000).map { _ in try #require(policy.delay(afterAttempt: 2, using: &generator)) }
        #expect(delays.min()! < .seconds(160))
        #expect(delays.max()! > .seconds(290))
    }

    @Test func theSameSeedGivesTheSameDelays() throws {
        let policy = try policy(.full)
        var first = SplitMix64(seed: 2024)
        var second = SplitMix64(seed: 2024)
        let a = (1...7).map { policy.delay(afterAttempt: $0, using: &first) }
        let b = (1...7).map { policy.delay(afterAttempt: $0, using: &second) }
        #expect(a == b)
        var third = SplitMix64(seed: 2025)
        #expect(a != (1...7).map { policy.delay(afterAttempt: $0, using: &third) })
    }

    // MARK: - Properties

    @Test func propertyFullJitterWithinBounds() async {
        await propertyCheck(count: 300, input: Gen.int(in: 1...7), Gen.uint64(in: 0...UInt64.max)) { attempt, seed in
            var generator = SplitMix64(seed: seed)
            let base = try #require(RetryPolicy.standard.baseDelay(afterAttempt: attempt))
            let delay = try #require(RetryPolicy.standard.delay(afterAttempt: attempt, using: &generator))
            #expect(delay >= .zero && delay <= base)
        }
    }

    @Test func propertyEqualJitterWithinBounds() async throws {
        let policy = try policy(.equal)
        await propertyCheck(count: 300, input: Gen.int(in: 1...7), Gen.uint64(in: 0...UInt64.max)) { attempt, seed in
            var generator = SplitMix64(seed: seed)
            let base = try #require(policy.baseDelay(afterAttempt: attempt))
            let delay = try #require(policy.delay(afterAttempt: attempt, using: &generator))
            #expect(delay >= base / 2 && delay <= base)
        }
    }

    /// Any positive base, down to attoseconds and up to a year, any jitter.
    @Test func propertyAnyBaseStaysWithinBounds() async {
        let bases = Gen.duration(in: Duration(secondsComponent: 0, attosecondsComponent: 1) ... .seconds(365 * 86_400))
        let jitters = Gen.int(in: 0...2).map { RetryPolicy.Jitter.allCases[$0] }
        await propertyCheck(count: 300, input: bases, jitters, Gen.uint64(in: 0...UInt64.max)) { base, jitter, seed in
            let policy = try RetryPolicy(schedule: [base], jitter: jitter)
            var generator = SplitMix64(seed: seed)
            let delay = try #require(policy.delay(afterAttempt: 1, using: &generator))
            switch jitter {
            case .none: #expect(delay == base)
            case .full: #expect(delay >= .zero && delay <= base)
            case .equal: #expect(delay >= base / 2 && delay <= base)
            }
        }
    }

    @Test func propertyBeyondTheScheduleReusesTheLastEntryThenStops() async throws {
        let policy = try RetryPolicy(schedule: [.seconds(1), .seconds(2), .seconds(3)], maximumAttempts: 50, jitter: .none)
        await propertyCheck(input: Gen.int(in: 3...49)) { attempt in
            #expect(policy.baseDelay(afterAttempt: attempt) == .seconds(3))
        }
        await propertyCheck(input: Gen.int(in: 50...Int.max)) { attempt in
            var generator = SplitMix64(seed: UInt64(truncatingIfNeeded: attempt))
            #expect(policy.delay(afterAttempt: attempt, using: &generator) == nil)
            #expect(policy.shouldGiveUp(attempts: attempt, firstAttemptAt: RetryFixtures.now, now: RetryFixtures.now))
        }
    }
}
