import Foundation
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Testing

@Suite struct OutboxTests {
    static func message(_ text: String, key: String? = nil) -> NewNotification {
        NewNotification(channel: .telegramMessage, destination: "123456789", body: text, idempotencyKey: key)
    }

    @Test(arguments: TestDatabase.allCases)
    func anIdempotencyKeyEnqueuesOnce(database: TestDatabase) async throws {
        try await database.withStore { store in
            let first = try await store.outbox.enqueue(Self.message("Hello", key: "welcome:42"))
            let second = try await store.outbox.enqueue(Self.message("Hello again", key: "welcome:42"))
            #expect(first.created)
            #expect(!second.created)
            #expect(second.item.id == first.item.id)
            #expect(second.item.body == "Hello")
            #expect(try await store.outbox.depth() == [.pending: 1])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func dueRowsAreClaimedOnceUntilTheirLeaseExpires(database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            for index in 0..<3 { _ = try await store.outbox.enqueue(Self.message("m\(index)"), now: now) }
            let claimed = try await store.outbox.claimDue(limit: 10, lease: .seconds(30), now: now)
            #expect(claimed.count == 3)
            #expect(claimed.allSatisfy { $0.status == .sending && $0.leaseUntil != nil })
            #expect(try await store.outbox.claimDue(limit: 10, lease: .seconds(30), now: now.addingTimeInterval(29)).isEmpty)
            // The dispatcher died: after the lease, the rows are due again.
            let reclaimed = try await store.outbox.claimDue(limit: 10, lease: .seconds(30), now: now.addingTimeInterval(31))
            #expect(Set(reclaimed.map(\.id)) == Set(claimed.map(\.id)))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aFutureRowWaitsForItsTime(database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            let item = try await store.outbox.enqueue(Self.message("later"), now: now).item
            let claimed = try #require(try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now).first)
            try await store.outbox.record(
                .retry(nextAttemptAt: now.addingTimeInterval(60), statusCode: 502, error: "bad gateway", consumesAttempt: true),
                for: claimed, latency: .milliseconds(12), now: now
            )
            #expect(try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now.addingTimeInterval(59)).isEmpty)
            let again = try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now.addingTimeInterval(61))
            #expect(again.map(\.id) == [item.id])
            #expect(again.first?.attempts == 1)
            #expect(again.first?.lastStatusCode == 502)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func outcomesMoveTheRowAndLogEachAttempt(database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            let item = try await store.outbox.enqueue(Self.message("hi"), now: now).item
            var claimed = try #require(try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now).first)
            // A provider's 429 does not use up an attempt.
            #expect(try await store.outbox.record(
                .retry(nextAttemptAt: now, statusCode: 429, error: "rate limited", consumesAttempt: false), for: claimed,
                latency: .milliseconds(5), now: now
            ))
            claimed = try #require(try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now).first)
            #expect(claimed.attempts == 0)
            #expect(try await store.outbox.record(.delivered(statusCode: 200), for: claimed, latency: .milliseconds(40), now: now))
            let delivered = try #require(try await store.outbox.find(id: item.id))
            #expect(delivered.status == .delivered)
            #expect(delivered.deliveredAt != nil)
            #expect(delivered.attempts == 1)
            #expect(try await store.outbox.attemptCount(id: item.id) == 2)
            // A second report for a row no longer claimed changes nothing.
            #expect(try await !store.outbox.record(.dead(statusCode: 400, error: "late"), for: claimed, latency: .zero, now: now))
            #expect(try await store.outbox.find(id: item.id)?.status == .delivered)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aDeadLetterKeepsItsReasonAndCanBeRequeued(database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            let item = try await store.outbox.enqueue(Self.message("hi"), now: now).item
            let claimed = try #require(try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now).first)
            try await store.outbox.record(.dead(statusCode: 403, error: "Forbidden: bot was blocked by the user"), for: claimed, latency: .zero, now: now)
            let dead = try #require(try await store.outbox.find(id: item.id))
            #expect(dead.status == .dead)
            #expect(dead.lastError == "Forbidden: bot was blocked by the user")
            #expect(try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now.addingTimeInterval(3600)).isEmpty)
            #expect(try await store.outbox.requeue(id: item.id, now: now))
            #expect(try await store.outbox.claimDue(limit: 1, lease: .seconds(30), now: now).map(\.id) == [item.id])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func concurrentClaimersNeverShareARow(database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date()
            for index in 0..<60 { _ = try await store.outbox.enqueue(Self.message("m\(index)"), now: now) }
            let batches = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let claimed = try await store.outbox.claimDue(limit: 4, lease: .seconds(30), now: now)
                            if claimed.isEmpty { return mine }
                            mine += claimed.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = batches.flatMap { $0 }
            #expect(all.count == 60)
            #expect(Set(all).count == 60)
        }
    }
}
