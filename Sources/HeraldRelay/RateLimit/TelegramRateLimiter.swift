/// Paces outbound Telegram Bot API messages to the limits Telegram publishes.
///
/// Why it exists: Telegram answers bursts with 429s and, when a bot keeps
/// pushing, longer bans; the FAQ asks bots to stay under about 30 messages per
/// second overall, 1 per second per chat, and 20 per minute per group
/// (protocols.md §3.7). The relay books every message here before sending it.
///
/// A message must fit three limits at once: the bot-wide rate, its chat's rate,
/// and, for groups and channels (negative chat ids), the per-group rate as well
/// (both apply, so the stricter one wins). It is booked in every relevant limit
/// at one instant, the latest any of them allows, so none of them is over-booked.
///
/// - Per-chat and per-group limits are strict spacing (`1 / rate` apart, no burst),
///   so any sliding window holds at most its quota; messages to one chat keep their
///   order.
/// - The bot-wide limit fills gaps (see ``SpacedSchedule``): a chat that is held
///   back never delays messages to other chats.
/// - Chats with nothing booked ahead are forgotten (amortised), so memory follows
///   the chats active in the last few seconds, not every chat ever seen.
///
/// Time is `Double` seconds on the caller's monotonic timeline; see ``TokenBucket``.
/// A rate that is not a positive finite number disables that limit.
public struct TelegramRateLimiter: Sendable {
    private struct Chat: Sendable {
        var chat: TokenBucket
        /// Only for groups, supergroups and channels.
        var group: TokenBucket?

        func isIdle(at present: Double) -> Bool {
            chat.isIdle(at: present) && (group?.isIdle(at: present) ?? true)
        }
    }

    /// Messages per second for the whole bot.
    public let globalPerSecond: Double
    /// Messages per second to any one chat.
    public let perChatPerSecond: Double
    /// Messages per minute to any one group or channel (negative chat id).
    public let perGroupPerMinute: Double

    private var global: SpacedSchedule
    private var chats: [Int64: Chat] = [:]
    private var clock = LatestInstant()
    private var sweep = SweepSchedule()

    /// Creates a limiter; the defaults are Telegram's published limits.
    public init(globalPerSecond: Double = 30, perChatPerSecond: Double = 1, perGroupPerMinute: Double = 20) {
        self.globalPerSecond = globalPerSecond
        self.perChatPerSecond = perChatPerSecond
        self.perGroupPerMinute = perGroupPerMinute
        self.global = SpacedSchedule(pace: Pace(events: globalPerSecond, per: 1))
    }

    /// How many chats currently hold limiter state (memory in use).
    public var trackedChatCount: Int { chats.count }

    /// Books one message to `chatID` and returns how long to wait before sending it.
    ///
    /// - Parameters:
    ///   - chatID: the Bot API `chat_id`; negative ids are groups, supergroups and channels.
    ///   - now: the caller's reading of the monotonic clock, in seconds.
    public mutating func reserve(chatID: Int64, now: Double) -> Duration {
        let present = clock.advance(to: now)
        var entry = chats[chatID] ?? newChat(chatID)

        var sendAt = entry.chat.earliest(from: present)
        if let group = entry.group {
            sendAt = group.earliest(from: sendAt)
        }
        // Chat and group buckets accept any instant after their earliest, so the
        // global gap found from here suits all three.
        sendAt = global.earliest(from: sendAt)

        entry.chat.book(at: sendAt)
        entry.group?.book(at: sendAt)
        global.book(at: sendAt)
        chats[chatID] = entry

        global.forget(before: present)
        if sweep.isDue(count: chats.count) {
            chats = chats.filter { !$0.value.isIdle(at: present) }
            sweep.swept(leaving: chats.count)
        }
        return clock.wait(until: sendAt, from: now)
    }

    private func newChat(_ chatID: Int64) -> Chat {
        Chat(
            chat: TokenBucket(pace: Pace(events: perChatPerSecond, per: 1)),
            group: chatID < 0 ? TokenBucket(pace: Pace(events: perGroupPerMinute, per: 60)) : nil
        )
    }
}
