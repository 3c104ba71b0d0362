import Foundation
import HeraldRelay
import HeraldStore
import HeraldVerify
import Logging
import ServiceLifecycle

/// Keeps linked members' Discord OAuth2 authorizations alive: every
/// `discord.token_refresh.interval_seconds` it trades the refresh token of each
/// authorization expiring within the window for new tokens, seals them with
/// `HERALD_ENCRYPTION_KEY` and stores them.
///
/// A refresh token Discord refuses (`invalid_grant`: revoked or already used)
/// is forgotten, and the member links again; any other failure leaves the
/// tokens for the next check. On PostgreSQL only the holder of the
/// `herald.discord.token_refresh` session lock refreshes, since a refresh token
/// works once. No token is ever logged.
public final class DiscordTokenRefreshJob: Service {
    public static let lockName = "herald.discord.token_refresh"

    /// What one check did.
    public struct Summary: Sendable, Equatable {
        public var refreshed = 0
        /// Refused by Discord: the stored tokens were cleared.
        public var cleared = 0
        /// Left for the next check (Discord unreachable or failing, or a token that would not open).
        public var failed = 0

        public init(refreshed: Int = 0, cleared: Int = 0, failed: Int = 0) {
            self.refreshed = refreshed
            self.cleared = cleared
            self.failed = failed
        }
    }

    let store: Store
    let client: DiscordOAuthClient
    let box: SecretBox
    let settings: DiscordTokenRefreshSettings
    let schedule: SingleHolderSchedule
    let logger: Logger

    init(store: Store, client: DiscordOAuthClient, box: SecretBox, settings: DiscordTokenRefreshSettings, lockRetry: Duration, logger: Logger) {
        self.store = store
        self.client = client
        self.box = box
        self.settings = settings
        schedule = SingleHolderSchedule(store: store, lockName: Self.lockName, interval: settings.interval, lockRetry: lockRetry)
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.schedule.run {
                if await self.store.readiness() == .ready { await self.refreshDue(now: Date()) }
            }
        }
    }

    /// One check: refreshes every authorization expiring before `now` plus the window.
    @discardableResult
    public func refreshDue(now: Date) async -> Summary {
        var summary = Summary()
        let cutoff = now.addingTimeInterval(TimeInterval(settings.window.components.seconds))
        let due: [StoredDiscordAuthorization]
        do {
            due = try await store.users.discordAuthorizations(expiringBefore: cutoff, limit: settings.batchSize)
        } catch {
            logger.error("discord token refresh: reading due tokens failed", metadata: ["error": "\(String(reflecting: error))"])
            return summary
        }
        for authorization in due {
            if Task.isCancelled { break }
            await refresh(authorization, now: now, into: &summary)
        }
        if !due.isEmpty {
            logger.info(
                "discord tokens refreshed",
                metadata: ["refreshed": "\(summary.refreshed)", "cleared": "\(summary.cleared)", "failed": "\(summary.failed)"]
            )
        }
        return summary
    }

    private func refresh(_ authorization: StoredDiscordAuthorization, now: Date, into summary: inout Summary) async {
        let member: Logger.Metadata = ["member": "\(authorization.userID)"]
        guard let plain = try? box.open(authorization.sealedRefreshToken) else {
            // Sealed under another key: only a re-link helps, but a key rotation mistake should not wipe every link.
            logger.warning("discord token refresh: the stored refresh token does not open with HERALD_ENCRYPTION_KEY", metadata: member)
            summary.failed += 1
            return
        }
        do {
            let tokens = try await client.refresh(refreshToken: String(decoding: plain, as: UTF8.self))
            let access = try box.seal(Array(tokens.accessToken.utf8))
            let refresh = try box.seal(tokens.refreshToken.map { Array($0.utf8) } ?? plain)
            let expiresAt = now.addingTimeInterval(TimeInterval(tokens.expiresIn))
            if try await store.users.replaceDiscordTokens(authorization, accessToken: access, refreshToken: refresh, expiresAt: expiresAt) {
                summary.refreshed += 1
            }
        } catch AuthError.refused(_) {
            logger.notice("discord authorization refused on refresh; the member must link again", metadata: member)
            do {
                if try await store.users.clearDiscordTokens(authorization) { summary.cleared += 1 }
            } catch {
                logger.error("discord token refresh: clearing tokens failed", metadata: member.merging(["error": "\(String(reflecting: error))"]) { $1 })
                summary.failed += 1
            }
        } catch let error as AuthError {
            logger.warning("discord token refresh failed; retried at the next check", metadata: member.merging(["error": "\(error.message)"]) { $1 })
            summary.failed += 1
        } catch {
            logger.error("discord token refresh: storing tokens failed", metadata: member.merging(["error": "\(String(reflecting: error))"]) { $1 })
            summary.failed += 1
        }
    }
}

/// The token refresh job as `herald serve` runs it; nil unless Discord OAuth2
/// (client id, secret, redirect URI) and `HERALD_ENCRYPTION_KEY` are configured.
public func buildDiscordTokenRefreshJob(
    configuration: HeraldConfiguration, store: Store, transport: any HTTPTransport, lockRetry: Duration = .seconds(30), logger: Logger
) -> DiscordTokenRefreshJob? {
    let controller = AuthController(store: store, configuration: configuration, transport: transport)
    guard let (client, box) = try? controller.oauthClient() else { return nil }
    return DiscordTokenRefreshJob(
        store: store, client: client, box: box, settings: configuration.discordTokenRefresh, lockRetry: lockRetry, logger: logger
    )
}
