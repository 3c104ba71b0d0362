import HeraldRelay
import Testing

@Suite struct TelegramRateLimiterTests {
    typealias Sim = RateLimitSimulation

    /// Offers each `(chatID, arrival)` in order and records when it may be sent.
    static func simulate(
        _ arrivals: [(chatID: Int64, at: Double)], limiter: inout TelegramRateLimiter
    ) -> [SimulatedSend] {
        arrivals.map { chatID, at in
            let wait = limiter.reserve(chatID: chatID, now: at)
            return SimulatedSend(key: chatID, arrival: at, sendAt: at + Sim.seconds(wait))
        }
    }

    /// Every limit Telegram publishes, checked with a sliding window over the send times.
    static func expectWithinTelegramLimits(_ sends: [SimulatedSend], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Sim.maxInWindow(sends.map(\.sendAt), width: 1) <= 30, "bot-wide", sourceLocation: sourceLocation)
        for (chatID, times) in sends.sendTimesByKey {
            #expect(Sim.maxInWindow(times, width: 1) <= 1, "chat \(chatID)", sourceLocation: sourceLocation)
            #expect(times == times.sorted(), "chat \(chatID) keeps its order", sourceLocation: sourceLocation)
            if chatID < 0 {
                #expect(Sim.maxInWindow(times, width: 60) <= 20, "group \(chatID)", sourceLocation: sourceLocation)
            }
        }
        #expect(sends.allSatisfy { $0.sendAt >= $0.arrival }, sourceLocation: sourceLocation)
    }

    @Test func hundredMessagesToOnePrivateChatAreASecondApart() {
        var limiter = TelegramRateLimiter()
        let waits = (0..<100).map { _ in limiter.reserve(chatID: 42, now: 0) }
        for (k, wait) in waits.enumerated() {
            #expect(wait == .seconds(k), "message \(k)")
        }
        #expect(Sim.smallestGap(waits.map(Sim.seconds)) >= 1)
    }

    @Test func messagesToOneChatArrivingFasterThanASecondAreSpread() {
        var limiter = TelegramRateLimiter()
        let arrivals = (0..<100).map { (chatID: Int64(42), at: Double($0) * 0.3) }
        let sends = Self.simulate(arrivals, limiter: &limiter)
        #expect(Sim.smallestGap(sends.map(\.sendAt)) >= 1 - Sim.tolerance)
        Self.expectWithinTelegramLimits(sends)
    }

    @Test func twentyFirstGroupMessageWaitsUntilAMinuteAfterTheFirst() {
        var limiter = TelegramRateLimiter()
        let group: Int64 = -1_001_234_567_890
        let waits = (0..<21).map { _ in limiter.reserve(chatID: group, now: 0) }
        #expect(waits[0] == .zero)
        #expect(waits[20] == .seconds(60))
        #expect(waits.prefix(20).allSatisfy { $0 < .seconds(60) })
        #expect(Sim.maxInWindow(waits.map(Sim.seconds), width: 60) == 20)
    }

    @Test func groupLimitHoldsOverSeveralMinutesOfSteadyTraffic() {
        var limiter = TelegramRateLimiter()
        let arrivals = (0..<200).map { (chatID: Int64(-77), at: Double($0) * 0.5) }
        let sends = Self.simulate(arrivals, limiter: &limiter)
        #expect(Sim.maxInWindow(sends.map(\.sendAt), width: 60) <= 20)
        Self.expectWithinTelegramLimits(sends)
    }

    @Test func thousandMessagesOverHundredChatsStayWithinEveryLimit() {
        var limiter = TelegramRateLimiter()
        // 50 private chats and 50 groups, 100 messages a second offered: far above 30/s.
        let chats: [Int64] = (1...50).map { Int64($0) } + (1...50).map { -Int64($0) }
        var generator = SplitMix64(seed: 7)
        let arrivals = (0..<1_000).map { index in
            (chatID: chats[Int(generator.next() % UInt64(chats.count))], at: Double(index) * 0.01)
        }
        let sends = Self.simulate(arrivals, limiter: &limiter)
        Self.expectWithinTelegramLimits(sends)
        // Not over-cautious either. The slowest thing that must happen anyway is 1,000
        // messages at 30/s, or the busiest chat on its own (1 s apart, 3 s for groups).
        // While the bot-wide rate is saturated a ready message takes the next free slot
        // in arrival order, so a few seconds more is expected (~6 % here); a bot-wide
        // limit that queued everyone behind the busiest chat would take about 4×.
        var chatAlone: [Int64: Double] = [:]
        for (chatID, at) in arrivals {
            let spacing: Double = chatID < 0 ? 3 : 1
            chatAlone[chatID] = max(at, (chatAlone[chatID] ?? -.infinity) + spacing)
        }
        let mustTake = max(1_000.0 / 30, chatAlone.values.max() ?? 0)
        let lastSend = sends.map(\.sendAt).max() ?? 0
        #expect(lastSend < mustTake * 1.25, "last send at \(lastSend), \(mustTake) needed")
    }

    @Test func aBusyChatDoesNotHoldUpOtherChats() {
        var limiter = TelegramRateLimiter()
        for _ in 0..<100 { _ = limiter.reserve(chatID: 1, now: 0) }
        for _ in 0..<20 { _ = limiter.reserve(chatID: -5, now: 0) }
        // Chat 1 is booked until t = 99 and the group until t = 57; chat 2 is free.
        #expect(limiter.reserve(chatID: 2, now: 0) < .seconds(1))
        #expect(limiter.reserve(chatID: 3, now: 0.5) < .seconds(1))
    }

    @Test func groupsAlsoObeyThePerChatRateWhenItIsStricter() {
        var limiter = TelegramRateLimiter(perGroupPerMinute: 120)
        let waits = (0..<10).map { _ in limiter.reserve(chatID: -9, now: 0) }
        // 120/min would allow one every 0.5 s; the 1/s chat limit wins.
        #expect(waits == (0..<10).map { .seconds($0) })
    }

    @Test func globalLimitIsConfigurable() {
        var limiter = TelegramRateLimiter(globalPerSecond: 5)
        let sends = (0..<50).map { chat in
            Sim.seconds(limiter.reserve(chatID: Int64(chat), now: 0))
        }
        #expect(Sim.maxInWindow(sends, width: 1) == 5)
        #expect(Sim.smallestGap(sends) >= 0.2 - Sim.tolerance)
    }

    @Test func aStaleCallerWaitsFromItsOwnNow() {
        var limiter = TelegramRateLimiter()
        #expect(limiter.reserve(chatID: 8, now: 10) == .zero)
        // This caller read 9 but got in after the call at 10: chat 8's next slot is t = 11.
        #expect(limiter.reserve(chatID: 8, now: 9) == .seconds(2))
    }

    @Test func idleChatsAreForgotten() {
        var limiter = TelegramRateLimiter()
        for index in 0..<20_000 {
            let chatID = index.isMultiple(of: 2) ? Int64(index) : -Int64(index)
            _ = limiter.reserve(chatID: chatID, now: Double(index) * 0.05)
        }
        // 20 chats a second stay active for at most 3 s (groups): ~60 live, plus the sweep's slack.
        #expect(limiter.trackedChatCount <= 512)
    }

    @Test func nonsenseTimesAndRatesNeverTrap() {
        var limiter = TelegramRateLimiter(globalPerSecond: .nan, perChatPerSecond: 0, perGroupPerMinute: -3)
        #expect((0..<10).allSatisfy { _ in limiter.reserve(chatID: -1, now: 0) == .zero })
        var normal = TelegramRateLimiter()
        #expect(normal.reserve(chatID: .min, now: .nan) >= .zero)
        #expect(normal.reserve(chatID: .max, now: .infinity) >= .zero)
        #expect(normal.reserve(chatID: 0, now: -.infinity) >= .zero)
    }
}

/// A tiny deterministic generator so simulations are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
