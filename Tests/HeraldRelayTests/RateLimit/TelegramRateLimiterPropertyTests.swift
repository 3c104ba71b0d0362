import HeraldRelay
import PropertyBased
import Testing

/// Random chat sequences and arrival times: no limit is ever exceeded in any sliding window.
@Suite struct TelegramRateLimiterPropertyTests {
    typealias Sim = RateLimitSimulation

    /// Replays `(chatID, gap)` steps: each message arrives `gap` seconds after the previous one.
    static func replay(_ steps: [(Int64, Double)]) -> [SimulatedSend] {
        var limiter = TelegramRateLimiter()
        var now = 0.0
        return steps.map { chatID, gap in
            now += gap
            return SimulatedSend(key: chatID, arrival: now, sendAt: now + Sim.seconds(limiter.reserve(chatID: chatID, now: now)))
        }
    }

    @Test func fewChatsManyMessages() async {
        // Few chats, mostly groups: the per-chat and per-group limits do the work.
        let steps = zip(Gen.int64(in: -4...3), Gen.double(in: 0...0.4)).array(of: 1...400)
        await propertyCheck(input: steps) { steps in
            TelegramRateLimiterTests.expectWithinTelegramLimits(Self.replay(steps))
        }
    }

    @Test func manyChatsBurstyArrivals() async {
        // Many chats arriving in bursts: the bot-wide 30/s does the work.
        let steps = zip(Gen.int64(in: -80...80), Gen.double(in: 0...0.02)).array(of: 1...600)
        await propertyCheck(count: 50, input: steps) { steps in
            TelegramRateLimiterTests.expectWithinTelegramLimits(Self.replay(steps))
        }
    }

    @Test func noMessageWaitsWhileAFreeSlotExists() async {
        // Gap filling, checked exactly: between the moment a message's chat is ready and
        // its send time, every instant is within 1/30 s of a message already booked.
        // (A limiter that queued everyone behind the busiest chat would fail this.)
        let steps = zip(Gen.int64(in: 1...40), Gen.double(in: 0...0.1)).array(of: 1...300)
        await propertyCheck(count: 50, input: steps) { steps in
            let sends = Self.replay(steps)
            let interval = 1.0 / 30
            var lastSend: [Int64: Double] = [:]
            for (index, send) in sends.enumerated() {
                let chatReady = max(send.arrival, (lastSend[send.key] ?? -.infinity) + 1)
                let blockers = sends[..<index].map(\.sendAt).filter { $0 + interval > chatReady }.sorted()
                var covered = chatReady
                for blocker in blockers where covered < send.sendAt - Sim.tolerance {
                    if blocker - interval > covered + Sim.tolerance { break }
                    covered = max(covered, blocker + interval)
                }
                #expect(covered >= send.sendAt - Sim.tolerance, "message \(index) waited past a free slot at \(covered)")
                lastSend[send.key] = send.sendAt
            }
        }
    }
}
