import HeraldRelay
import Testing

@Suite struct DiscordRateLimiterTests {
    typealias Sim = RateLimitSimulation

    static let messagesA = DiscordRoute(method: "POST", path: "/channels/111111111111111111/messages")
    static let messagesB = DiscordRoute(method: "POST", path: "/channels/222222222222222222/messages")
    static let editA = DiscordRoute(method: "PATCH", path: "/channels/111111111111111111/messages/333333333333333333")
    static let openDM = DiscordRoute(method: "POST", path: "/users/@me/channels")
    static let addRole = DiscordRoute(method: "PUT", path: "/guilds/444444444444444444/members/555555555555555555/roles/666666666666666666")
    static let callback = DiscordRoute(method: "POST", path: "/interactions/777777777777777777/aW50ZXJhY3Rpb24/callback")
    static let allRoutes = [messagesA, messagesB, editA, openDM, addRole, callback]

    static func bucketHeaders(
        hash: String = "abcd1234", limit: Int = 5, remaining: Int, resetAfter: String
    ) -> [(name: String, value: String)] {
        [
            (name: "X-RateLimit-Bucket", value: hash),
            (name: "X-RateLimit-Limit", value: "\(limit)"),
            (name: "X-RateLimit-Remaining", value: "\(remaining)"),
            (name: "X-RateLimit-Reset-After", value: resetAfter),
        ]
    }

    @Test func exhaustedBucketDelaysUntilResetAfter() {
        var limiter = DiscordRateLimiter()
        limiter.record(Self.messagesA, headers: Self.bucketHeaders(remaining: 0, resetAfter: "2.5"), status: 200, now: 10)
        var copy = limiter
        #expect(copy.reserve(Self.messagesA, now: 10) == .seconds(2.5))
        #expect(limiter.reserve(Self.messagesA, now: 11) == .seconds(1.5))
        var later = DiscordRateLimiter()
        later.record(Self.messagesA, headers: Self.bucketHeaders(remaining: 0, resetAfter: "2.5"), status: 200, now: 10)
        #expect(later.reserve(Self.messagesA, now: 12.5) == .zero)
    }

    @Test func sameHashDifferentChannelsAreSeparateBuckets() {
        var limiter = DiscordRateLimiter()
        #expect(Self.messagesA.bucketRoute == Self.messagesB.bucketRoute)
        limiter.record(Self.messagesA, headers: Self.bucketHeaders(remaining: 0, resetAfter: "5"), status: 200, now: 0)
        limiter.record(Self.messagesB, headers: Self.bucketHeaders(remaining: 4, resetAfter: "5"), status: 200, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 0) == .seconds(5))
        #expect(limiter.reserve(Self.messagesB, now: 0) == .zero)
        #expect(limiter.learnedRouteCount == 1)
        #expect(limiter.trackedBucketCount == 2)
    }

    @Test func routesWithTheSameHashShareTheBucketOfTheirChannel() {
        var limiter = DiscordRateLimiter()
        limiter.record(Self.messagesA, headers: Self.bucketHeaders(hash: "shared", remaining: 3, resetAfter: "4"), status: 200, now: 0)
        // Discord reports the edit route in the same bucket, now empty.
        limiter.record(Self.editA, headers: Self.bucketHeaders(hash: "shared", remaining: 0, resetAfter: "4"), status: 200, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 0) == .seconds(4))
        #expect(limiter.trackedBucketCount == 1)
    }

    @Test func remainingIsCountedDownByReservationsBeforeResponsesArrive() {
        var limiter = DiscordRateLimiter()
        limiter.record(Self.messagesA, headers: Self.bucketHeaders(limit: 2, remaining: 2, resetAfter: "10"), status: 200, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 1) == .zero)
        #expect(limiter.reserve(Self.messagesA, now: 1.5) == .zero)
        // Two callers spent the window; the third goes at the reset (t = 10)…
        #expect(limiter.reserve(Self.messagesA, now: 2) == .seconds(8))
        // …and the next window (limit 2, ~10 s long) takes one more before filling.
        #expect(Sim.isClose(limiter.reserve(Self.messagesA, now: 2), 8.02))
        #expect(limiter.reserve(Self.messagesA, now: 2) >= .seconds(18))
    }

    @Test func responsesNeverRaiseRemainingAboveWhatWasReserved() {
        var limiter = DiscordRateLimiter()
        limiter.record(Self.messagesA, headers: Self.bucketHeaders(remaining: 1, resetAfter: "3"), status: 200, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 0) == .zero)
        // A late response from before that reservation still says 1 left: not believed.
        limiter.record(Self.messagesA, headers: Self.bucketHeaders(remaining: 1, resetAfter: "2.9"), status: 200, now: 0.1)
        #expect(Sim.isClose(limiter.reserve(Self.messagesA, now: 0.1), 2.9))
    }

    @Test func global429PausesEveryRouteForExactlyRetryAfter() {
        for globalHeader in [(name: "X-RateLimit-Global", value: "true"), (name: "x-ratelimit-scope", value: "global")] {
            var limiter = DiscordRateLimiter()
            let headers = [(name: "Retry-After", value: "3"), globalHeader]
            limiter.record(Self.messagesA, headers: headers, status: 429, now: 5)
            for route in Self.allRoutes {
                var atOnce = limiter
                #expect(atOnce.reserve(route, now: 5) == .seconds(3), "\(route.bucketRoute) via \(globalHeader.name)")
                var meanwhile = limiter
                #expect(meanwhile.reserve(route, now: 6.5) == .seconds(1.5))
                var after = limiter
                #expect(after.reserve(route, now: 8) == .zero)
            }
        }
    }

    @Test func shared429DelaysOnlyThatRoute() {
        var limiter = DiscordRateLimiter()
        let headers = [(name: "Retry-After", value: "65"), (name: "X-RateLimit-Scope", value: "shared")]
        limiter.record(Self.messagesA, headers: headers, status: 429, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 0) == .seconds(65))
        #expect(limiter.reserve(Self.messagesB, now: 0) == .zero)
        #expect(limiter.reserve(Self.editA, now: 1) == .zero)
        #expect(limiter.reserve(Self.openDM, now: 2) == .zero)
    }

    @Test func sublimit429OnABucketWithRoomDelaysOnlyThatRoute() {
        var limiter = DiscordRateLimiter()
        var headers = Self.bucketHeaders(remaining: 3, resetAfter: "1")
        headers += [(name: "Retry-After", value: "7.25"), (name: "X-RateLimit-Scope", value: "user")]
        limiter.record(Self.messagesA, headers: headers, status: 429, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 0) == .seconds(7.25))
        #expect(limiter.reserve(Self.messagesB, now: 0) == .zero)
    }

    @Test func missingRetryAfterFallsBackToResetAfter() {
        var limiter = DiscordRateLimiter()
        limiter.record(Self.messagesA, headers: [(name: "X-RateLimit-Reset-After", value: "4.5")], status: 429, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 0) == .seconds(4.5))
    }

    @Test func interactionRoutesSkipTheGlobalBucket() {
        var limiter = DiscordRateLimiter()
        #expect((0..<200).allSatisfy { _ in limiter.reserve(Self.callback, now: 0) == .zero })
        // They took no global slots either.
        #expect(limiter.reserve(Self.openDM, now: 0) == .zero)
        #expect(limiter.reserve(Self.openDM, now: 0) == .seconds(0.02))
    }

    @Test func botRoutesAreSpacedAtTheGlobalRate() {
        var limiter = DiscordRateLimiter()
        let waits = (0..<200).map { _ in limiter.reserve(Self.openDM, now: 0) }
        for (k, wait) in waits.enumerated() {
            #expect(wait == .seconds(Double(k) / 50), "reservation \(k)")
        }
    }

    @Test func globalFiftyPerSecondNeverExceededInASlidingWindow() {
        var limiter = DiscordRateLimiter()
        var generator = SplitMix64(seed: 11)
        let routes = Self.allRoutes
        var botSends: [Double] = []
        for index in 0..<2_000 {
            let now = Double(index) * 0.004 // 250 requests a second offered
            let route = routes[Int(generator.next() % UInt64(routes.count))]
            let sendAt = now + Sim.seconds(limiter.reserve(route, now: now))
            #expect(sendAt >= now)
            if !route.isInteraction {
                botSends.append(sendAt)
            }
        }
        #expect(Sim.maxInWindow(botSends, width: 1) == 50)
        #expect(Sim.smallestGap(botSends.sorted()) >= 0.02 - Sim.tolerance)
    }

    @Test func anExhaustedRouteDoesNotHoldUpTheOthers() {
        var limiter = DiscordRateLimiter()
        limiter.record(Self.messagesA, headers: Self.bucketHeaders(remaining: 0, resetAfter: "10"), status: 200, now: 0)
        for _ in 0..<20 { _ = limiter.reserve(Self.messagesA, now: 0) }
        #expect(limiter.reserve(Self.messagesB, now: 0) == .zero)
        #expect(limiter.reserve(Self.addRole, now: 0) == .seconds(0.02))
    }

    @Test func headersAreReadWithoutRegardToCaseAndGarbageIsIgnored() {
        var limiter = DiscordRateLimiter()
        let garbage = [
            (name: "x-ratelimit-bucket", value: "h"), (name: "x-ratelimit-remaining", value: "none"),
            (name: "x-ratelimit-reset-after", value: "-4"),
        ]
        limiter.record(Self.messagesA, headers: garbage, status: 200, now: 0)
        #expect(limiter.reserve(Self.messagesA, now: 0) == .zero)
        let lowerCase = [
            (name: "x-ratelimit-bucket", value: "h"), (name: "x-ratelimit-remaining", value: " 0 "),
            (name: "x-ratelimit-reset-after", value: "1.234"),
        ]
        limiter.record(Self.messagesA, headers: lowerCase, status: 200, now: 1)
        #expect(Sim.isClose(limiter.reserve(Self.messagesA, now: 1), 1.234))
    }

    @Test func responseOverloadReadsTheTransportResponse() {
        var limiter = DiscordRateLimiter()
        let response = OutboundResponse(
            status: 429, headers: [(name: "Retry-After", value: "2"), (name: "X-RateLimit-Global", value: "true")], body: []
        )
        limiter.record(Self.openDM, response: response, now: 0)
        #expect(limiter.reserve(Self.messagesB, now: 0) == .seconds(2))
    }

    @Test func memoryStaysBounded() {
        var limiter = DiscordRateLimiter()
        for index in 0..<5_000 {
            let now = Double(index) * 0.1
            let channel = DiscordRoute(method: "POST", path: "/channels/\(100_000_000_000_000_000 + index)/messages")
            _ = limiter.reserve(channel, now: now)
            limiter.record(channel, headers: Self.bucketHeaders(remaining: 4, resetAfter: "1"), status: 200, now: now)
            let invite = DiscordRoute(method: "GET", path: "/invites/code\(index)")
            limiter.record(invite, headers: [(name: "X-RateLimit-Bucket", value: "inv\(index)")], status: 200, now: now)
        }
        #expect(limiter.trackedBucketCount <= 512)
        #expect(limiter.learnedRouteCount <= DiscordRateLimiter.maximumLearnedRoutes)
    }
}
