/// Remembers the DM channel Discord opened for each user, so a second DM to
/// the same member costs one request instead of two.
///
/// Discord answers "create DM" with the same channel every time; caching it
/// halves the requests that count against the bot's limits.
public actor DMChannelCache {
    private var channels: [String: String] = [:]
    private let capacity: Int

    public init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    public func channel(for userID: String) -> String? { channels[userID] }

    public func remember(_ channelID: String, for userID: String) {
        if channels.count >= capacity { channels.removeAll(keepingCapacity: true) }
        channels[userID] = channelID
    }
}
