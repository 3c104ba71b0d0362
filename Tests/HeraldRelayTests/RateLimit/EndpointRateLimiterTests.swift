import HeraldRelay
import PropertyBased
import Testing

@Suite struct EndpointRateLimiterTests {
    typealias Sim = RateLimitSimulation

    @Test func eachEndpointIsSpacedAtItsOwnRate() {
        var limiter = EndpointRateLimiter()
        let slow = (0..<5).map { _ in limiter.reserve(endpointID: 1, ratePerSecond: 2, now: 0) }
        let fast = (0..<5).map { _ in limiter.reserve(endpointID: 2, ratePerSecond: 10, now: 0) }
        #expect(slow == (0..<5).map { .seconds(Double($0) / 2) })
        #expect(fast == (0..<5).map { .seconds(Double($0) / 10) })
    }

    @Test func aNewRateAppliesFromTheLastSlotAlreadyBooked() {
        var faster = EndpointRateLimiter()
        _ = faster.reserve(endpointID: 7, ratePerSecond: 1, now: 0)
        _ = faster.reserve(endpointID: 7, ratePerSecond: 1, now: 0) // booked at t = 1
        // Reloaded to 4/s: the next slots are 0.25 s apart, starting 0.25 s after t = 1.
        #expect(faster.reserve(endpointID: 7, ratePerSecond: 4, now: 0) == .seconds(1.25))
        #expect(faster.reserve(endpointID: 7, ratePerSecond: 4, now: 0) == .seconds(1.5))

        var slower = EndpointRateLimiter()
        _ = slower.reserve(endpointID: 7, ratePerSecond: 4, now: 0)
        _ = slower.reserve(endpointID: 7, ratePerSecond: 4, now: 0) // booked at t = 0.25
        // Reloaded to 1/s: a full second after the last booked slot, not the old 0.25 s.
        #expect(slower.reserve(endpointID: 7, ratePerSecond: 1, now: 0) == .seconds(1.25))
        #expect(slower.reserve(endpointID: 7, ratePerSecond: 1, now: 0) == .seconds(2.25))
    }

    @Test func zeroOrNonsenseRateMeansNoLimit() {
        var limiter = EndpointRateLimiter()
        for rate in [0, -5, .nan, .infinity] {
            #expect((0..<10).allSatisfy { _ in limiter.reserve(endpointID: 3, ratePerSecond: rate, now: 0) == .zero })
        }
    }

    @Test func idleEndpointsAreForgotten() {
        var limiter = EndpointRateLimiter()
        for index in 0..<10_000 {
            _ = limiter.reserve(endpointID: Int64(index), ratePerSecond: 1, now: Double(index) * 0.1)
        }
        #expect(limiter.trackedEndpointCount <= 512)
    }

    @Test func randomTrafficNeverBeatsTheConfiguredRate() async {
        let steps = zip(Gen.int64(in: 1...5), Gen.double(in: 0...0.2)).array(of: 1...300)
        await propertyCheck(input: Gen.double(in: 0.5...20), steps) { rate, steps in
            var limiter = EndpointRateLimiter()
            var now = 0.0
            var sends: [SimulatedSend] = []
            for (endpoint, gap) in steps {
                now += gap
                let wait = limiter.reserve(endpointID: endpoint, ratePerSecond: rate, now: now)
                sends.append(SimulatedSend(key: endpoint, arrival: now, sendAt: now + Sim.seconds(wait)))
            }
            for (endpoint, times) in sends.sendTimesByKey {
                #expect(Sim.smallestGap(times) >= 1 / rate - Sim.tolerance, "endpoint \(endpoint)")
            }
        }
    }
}
