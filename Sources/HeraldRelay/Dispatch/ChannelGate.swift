import HeraldCore

/// Which channels this process may claim rows for right now.
///
/// A provider is claimable when this process holds its sender lock (or it has
/// none) and it is not paused after refusing the bot token. Pure: the dispatcher
/// keeps one behind a lock and asks it before every claim.
public struct ChannelGate: Sendable, Equatable {
    private var owned: Set<ProviderKind>
    private var pausedUntil: [ProviderKind: ContinuousClock.Instant] = [:]

    /// `lockedProviders` start un-owned until their sender lock is taken.
    public init(lockedProviders: Set<ProviderKind>) {
        owned = Set(ProviderKind.allCases).subtracting(lockedProviders)
    }

    public mutating func setOwned(_ provider: ProviderKind, _ isOwned: Bool) {
        if isOwned { owned.insert(provider) } else { owned.remove(provider) }
    }

    /// Pauses `provider` until `until`; returns true when it was not paused before.
    @discardableResult
    public mutating func pause(_ provider: ProviderKind, until: ContinuousClock.Instant, now: ContinuousClock.Instant) -> Bool {
        let wasPaused = isPaused(provider, now: now)
        pausedUntil[provider] = max(pausedUntil[provider] ?? until, until)
        return !wasPaused
    }

    public func isPaused(_ provider: ProviderKind, now: ContinuousClock.Instant) -> Bool {
        pausedUntil[provider].map { now < $0 } ?? false
    }

    public func claimable(now: ContinuousClock.Instant) -> Set<NotificationChannel> {
        Set(NotificationChannel.allCases.filter { channel in
            let provider = ProviderKind(channel: channel)
            return owned.contains(provider) && !isPaused(provider, now: now)
        })
    }
}

extension ProviderKind {
    /// The provider whose limits, credentials and errors apply to a channel.
    public init(channel: NotificationChannel) {
        switch channel {
        case .discordDM, .discordMessage, .discordRole, .discordFollowup: self = .discord
        case .telegramMessage: self = .telegram
        case .webhook: self = .webhook
        }
    }
}
