import Foundation
import HeraldCore
import HeraldFakes
import HeraldStore
import HeraldTestSupport
import Testing

/// A `herald serve` killed with SIGKILL mid-delivery and started again
/// delivers every notification: at least once, none lost.
@Suite struct CrashSafetyTests {
    static let token = "424242:crash-test-token"
    static let count = 40

    @Test(arguments: TestDatabase.allCases)
    func aKilledServerDeliversEverythingAfterRestart(database: TestDatabase) async throws {
        let fake = FakeTelegram(token: Self.token)
        // Every answer takes a while, so deliveries are in flight when the process dies.
        await fake.stall(next: 10_000, for: .milliseconds(250))
        try await database.withEmptyDatabase { url in try await withScratchDirectory { directory in
            let store = try await TestDatabase.openStore(url)
            try await store.closing { store in
                try await store.withRunningService {
                    _ = try await store.migrate()
                    for index in 0..<Self.count {
                        _ = try await store.outbox.enqueue(NewNotification(channel: .telegramMessage, destination: String(9000 + index), body: "n\(index)"))
                    }
                }
            }
            try await fake.serve { baseURL in
                let environment = [
                    "DATABASE_URL": url.urlString, "TELEGRAM_BOT_TOKEN": Self.token, "TELEGRAM_API_BASE_URL": baseURL,
                    "RELAY_LEASE_SECONDS": "2", "RELAY_POLL_INTERVAL_MS": "50", "RELAY_MAX_IN_FLIGHT": "8",
                ]
                let first = try HeraldProcess(["serve"], environment: environment.merging(["HTTP_PORT": Self.port()]) { $1 }, workingDirectory: directory)
                try await Self.waitUntil(seconds: 60, "some deliveries before the kill") { await fake.requests >= 6 }
                if await fake.requests < 6 { Issue.record("herald serve wrote: \(first.standardErrorSoFar)") }
                kill(first.process.processIdentifier, SIGKILL)
                let killed = try await first.wait(timeout: .seconds(10))
                #expect(killed.reason == .uncaughtSignal)
                let deliveredBeforeRestart = Set(await fake.messages.map(\.text)).count
                #expect(deliveredBeforeRestart < Self.count, "the kill came mid-delivery")

                let second = try HeraldProcess(["serve"], environment: environment.merging(["HTTP_PORT": Self.port()]) { $1 }, workingDirectory: directory)
                try await Self.waitUntil(seconds: 60, "every notification delivered after the restart") {
                    Set(await fake.messages.map(\.text)).count == Self.count
                }
                kill(second.process.processIdentifier, SIGTERM)
                let stopped = try await second.wait(timeout: .seconds(20))
                #expect(stopped.status == 0, "\(stopped.standardError)")
            }
            let texts = Set(await fake.messages.map(\.text))
            #expect(texts == Set((0..<Self.count).map { "n\($0)" }))
            let reopened = try await TestDatabase.openStore(url)
            try await reopened.closing { store in
                try await store.withRunningService {
                    let depth = try await store.outbox.depth()
                    #expect(depth == [.delivered: Self.count])
                }
            }
        } }
    }

    static func port() -> String { String(Int.random(in: 20_000..<40_000)) }

    static func waitUntil(seconds: Int, _ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
