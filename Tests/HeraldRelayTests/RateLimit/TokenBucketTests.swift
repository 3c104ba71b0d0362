import HeraldRelay
import PropertyBased
import Testing

@Suite struct TokenBucketTests {
    @Test func reservationsQueueExactlyOneIntervalApartWithoutDrift() {
        var bucket = TokenBucket(ratePerSecond: 3, burst: 1)
        let waits = (0..<10_000).map { _ in bucket.reserve(now: 0) }
        // Each wait is the exact closed form k/3, so nothing accumulates: adding a rounded
        // 1/3 ten thousand times would be off by many attoseconds by the end.
        let firstDrift = waits.indices.first { waits[$0] != .seconds(Double($0) / 3) }
        #expect(firstDrift == nil, "reservation \(firstDrift ?? 0) is \(waits[firstDrift ?? 0])")
        #expect(waits.last == .seconds(3333))
        let times = waits.map(RateLimitSimulation.seconds)
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(abs((later - earlier) - 1.0 / 3) < 1e-9)
        }
    }

    @Test func burstGoesAtOnceThenSpacesAtTheRate() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 5)
        let waits = (0..<12).map { _ in bucket.reserve(now: 100) }
        #expect(waits.prefix(5).allSatisfy { $0 == .zero })
        for k in 5..<12 {
            #expect(RateLimitSimulation.isClose(waits[k], Double(k - 4) / 10), "reservation \(k)")
        }
    }

    @Test func idleTimeRefillsTheBurstAtTheRate() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 5)
        for _ in 0..<5 { _ = bucket.reserve(now: 0) }
        // 0.2 s idle earns two sends back, not five.
        #expect(bucket.reserve(now: 0.2) == .zero)
        #expect(bucket.reserve(now: 0.2) == .zero)
        #expect(RateLimitSimulation.isClose(bucket.reserve(now: 0.2), 0.1))

        var refilled = TokenBucket(ratePerSecond: 10, burst: 5)
        for _ in 0..<5 { _ = refilled.reserve(now: 0) }
        let afterIdle = (0..<6).map { _ in refilled.reserve(now: 10) }
        #expect(afterIdle.prefix(5).allSatisfy { $0 == .zero })
        #expect(RateLimitSimulation.isClose(afterIdle[5], 0.1))
    }

    @Test func callersArrivingAtTheRateNeverWait() {
        var bucket = TokenBucket(ratePerSecond: 4, burst: 1)
        for k in 0..<100 {
            #expect(bucket.reserve(now: Double(k) / 4) == .zero)
        }
    }

    @Test func nextAvailablePeeksWithoutBooking() {
        var bucket = TokenBucket(ratePerSecond: 2, burst: 1)
        _ = bucket.reserve(now: 0)
        let before = bucket
        #expect(RateLimitSimulation.isClose(bucket.nextAvailable(now: 0.1), 0.4))
        #expect(RateLimitSimulation.isClose(bucket.nextAvailable(now: 0.1), 0.4))
        #expect(bucket == before)
        #expect(RateLimitSimulation.isClose(bucket.reserve(now: 0.1), 0.4))
        #expect(bucket != before)
        #expect(RateLimitSimulation.isClose(bucket.nextAvailable(now: 0.1), 0.9))
        #expect(bucket.nextAvailable(now: 5) == .zero)
    }

    @Test func aStaleCallerIsMeasuredFromItsOwnNow() {
        var bucket = TokenBucket(ratePerSecond: 1, burst: 1)
        #expect(bucket.reserve(now: 10) == .zero)
        // Read the clock at 9.5, got here after the call at 10: the slot is t = 11.
        #expect(bucket.reserve(now: 9.5) == .seconds(1.5))
    }

    @Test func nonsenseInputNeverTraps() {
        for rate in [0, -1, .nan, .infinity] {
            var unlimited = TokenBucket(ratePerSecond: rate, burst: 1)
            #expect((0..<10).allSatisfy { _ in unlimited.reserve(now: 0) == .zero }, "rate \(rate)")
        }
        var smallBurst = TokenBucket(ratePerSecond: 1, burst: .nan)
        #expect(smallBurst.burst == 1)
        #expect(smallBurst.reserve(now: 0) == .zero)
        #expect(smallBurst.reserve(now: 0) == .seconds(1))
        #expect(smallBurst.reserve(now: .nan) >= .zero)
        #expect(smallBurst.reserve(now: -.infinity) >= .zero)
        #expect(smallBurst.nextAvailable(now: .nan) >= .zero)
    }

    @Test func randomArrivalsKeepStrictSpacingAndOrder() async {
        let input = zip(Gen.double(in: 0.5...50), Gen.double(in: 0...0.5).array(of: 1...300))
        await propertyCheck(input: input) { rate, gaps in
            var bucket = TokenBucket(ratePerSecond: rate, burst: 1)
            var now = 0.0
            var sends: [Double] = []
            for gap in gaps {
                now += gap
                let sendAt = now + RateLimitSimulation.seconds(bucket.reserve(now: now))
                #expect(sendAt >= now)
                sends.append(sendAt)
            }
            #expect(RateLimitSimulation.smallestGap(sends) >= 1 / rate - RateLimitSimulation.tolerance)
            #expect(RateLimitSimulation.maxInWindow(sends, width: 1) <= Int((rate + 1e-9).rounded(.up)))
        }
    }

    @Test func randomArrivalsNeverBeatTheBurstPlusRefill() async {
        let input = zip(Gen.int(in: 1...10), Gen.double(in: 0...0.3).array(of: 1...300))
        await propertyCheck(input: input) { burst, gaps in
            let rate = 5.0
            var bucket = TokenBucket(ratePerSecond: rate, burst: Double(burst))
            var now = 0.0
            var sends: [Double] = []
            for gap in gaps {
                now += gap
                sends.append(now + RateLimitSimulation.seconds(bucket.reserve(now: now)))
            }
            // A full bucket holds `burst` sends and refills `rate` per second.
            for width in [0.5, 1, 3] {
                let bound = burst + Int((rate * width).rounded(.up))
                #expect(RateLimitSimulation.maxInWindow(sends, width: width) <= bound, "width \(width)")
            }
        }
    }
}
