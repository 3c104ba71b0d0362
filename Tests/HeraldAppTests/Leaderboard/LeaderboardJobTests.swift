import Foundation
import HeraldApp
import HeraldCore
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Logging
import Testing

@Suite struct LeaderboardJobTests {
    static let logger = Logger(label: "herald.test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func job(_ store: Store) -> LeaderboardJob {
        var settings = LeaderboardSettings()
        settings.recomputeInterval = .milliseconds(100)
        return LeaderboardJob(
            store: store, settings: settings,
            notifications: LeaderboardNotifications(templates: TemplateLibrary(), discordGuildID: nil, discordDMs: false, telegramMessages: false),
            lockRetry: .milliseconds(100), logger: logger
        )
    }

    /// Polls `condition` for up to 20 s (a bound for a slow machine, not an assertion on time).
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    @Test func onlyOneProcessRecomputesOnPostgreSQLAndAStandbyTakesOver() async throws {
        try await TestDatabase.postgres.withEmptyDatabase { url in
            let first = try await TestDatabase.openStore(url)
            let second = try await TestDatabase.openStore(url)
            try await first.withRunningService {
                try await second.withRunningService {
                    try await first.migrate()
                    let user = try await first.users.create(NewUser(displayName: "solo"))
                    _ = try await first.scores.apply([ScoreEvent(eventID: "e", userID: user.id, points: 1)])
                    let a = Self.job(first)
                    let b = Self.job(second)
                    let runningA = Task { try await a.run() }
                    let runningB = Task { try await b.run() }
                    defer {
                        runningA.cancel()
                        runningB.cancel()
                    }
                    let ready1 = try await Self.eventually { a.completedRuns + b.completedRuns >= 5 }
                    #expect(ready1)
                    // Exactly one of them holds the lock and has run.
                    #expect((a.completedRuns == 0) != (b.completedRuns == 0))
                    #expect(a.isActive != b.isActive)
                    let (holder, holderTask, standby) = a.isActive ? (a, runningA, b) : (b, runningB, a)
                    #expect(standby.completedRuns == 0)

                    holderTask.cancel()
                    _ = try? await holderTask.value
                    let ready2 = try await Self.eventually { standby.completedRuns >= 2 }
                    #expect(ready2)
                    #expect(standby.isActive)
                    #expect(!holder.isActive)
                }
            }
            await first.backend.close()
            await second.backend.close()
        }
    }

    @Test func onSQLiteTheOnlyProcessRecomputes() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let job = Self.job(store)
            let running = Task { try await job.run() }
            defer { running.cancel() }
            let ready3 = try await Self.eventually { job.completedRuns >= 2 }
            #expect(ready3)
            #expect(try await store.leaderboard.latestSnapshot() != nil)
        }
    }
}
