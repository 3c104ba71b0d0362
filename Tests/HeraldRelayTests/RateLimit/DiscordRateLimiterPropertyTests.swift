import HeraldRelay
import PropertyBased
import Testing

/// Random traffic, random bucket feedback and random global 429s: the bot-wide limit and
/// every pause still hold.
@Suite struct DiscordRateLimiterPropertyTests {
    typealias Sim = RateLimitSimulation

    static let routes = DiscordRateLimiterTests.allRoutes

    /// One step: which route, the gap before it, and what its response said.
    /// `feedback`: 0–4 = a 200 with that many remaining, 5 = global 429, 6 = shared 429, 7+ = no headers.
    @Test func botWideLimitAndPausesHoldUnderRandomFeedback() async {
        let step = zip(Gen.int(in: 0..<Self.routes.count), Gen.double(in: 0...0.03), Gen.int(in: 0...12), Gen.double(in: 0...3))
        await propertyCheck(count: 60, input: step.array(of: 1...500)) { steps in
            var limiter = DiscordRateLimiter()
            var now = 0.0
            var botSends: [Double] = []
            var pauses: [(from: Double, until: Double)] = []
            for (routeIndex, gap, feedback, seconds) in steps {
                now += gap
                let route = Self.routes[routeIndex]
                let sendAt = now + Sim.seconds(limiter.reserve(route, now: now))
                #expect(sendAt >= now)
                // Reserved after a pause was recorded, so it must not fall inside it.
                #expect(!pauses.contains { now >= $0.from && sendAt < $0.until - Sim.tolerance }, "sent during a global pause")
                if !route.isInteraction {
                    botSends.append(sendAt)
                }
                let headers: [(name: String, value: String)]
                let status: Int
                switch feedback {
                case 0...4:
                    headers = DiscordRateLimiterTests.bucketHeaders(remaining: feedback, resetAfter: "\(seconds)")
                    status = 200
                case 5:
                    headers = [(name: "Retry-After", value: "\(seconds)"), (name: "X-RateLimit-Global", value: "true")]
                    status = 429
                    pauses.append((from: now, until: now + seconds))
                case 6:
                    headers = [(name: "Retry-After", value: "\(seconds)"), (name: "X-RateLimit-Scope", value: "shared")]
                    status = 429
                default:
                    headers = []
                    status = 200
                }
                limiter.record(route, headers: headers, status: status, now: now)
            }
            #expect(Sim.maxInWindow(botSends, width: 1) <= 50)
        }
    }

    @Test func exhaustedBucketIsNeverUsedBeforeItsReset() async {
        let input = zip(Gen.double(in: 0.1...5), Gen.double(in: 0...0.05).array(of: 1...100))
        await propertyCheck(input: input) { resetAfter, gaps in
            var limiter = DiscordRateLimiter()
            let route = DiscordRateLimiterTests.messagesA
            limiter.record(route, headers: DiscordRateLimiterTests.bucketHeaders(remaining: 0, resetAfter: "\(resetAfter)"), status: 200, now: 0)
            var now = 0.0
            for gap in gaps {
                now += gap
                let sendAt = now + Sim.seconds(limiter.reserve(route, now: now))
                #expect(sendAt >= resetAfter - Sim.tolerance)
            }
        }
    }
}
