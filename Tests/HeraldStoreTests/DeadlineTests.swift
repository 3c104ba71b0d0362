import HeraldStore
import Synchronization
import Testing

/// `withDeadline` stops waiting for work that never ends, even work that ignores
/// cancellation, as a query on a dead PostgreSQL connection does.
@Suite struct DeadlineTests {
    struct Refused: Error, Equatable {}

    @Test func aPromptResultAndAnErrorComeThrough() async throws {
        #expect(try await withDeadline(.seconds(30)) { 42 } == 42)
        await #expect(throws: Refused.self) { try await withDeadline(.seconds(30)) { () async throws -> Int in throw Refused() } }
    }

    @Test func workThatIgnoresCancellationIsGivenUpOn() async throws {
        let release = Mutex<CheckedContinuation<Void, Never>?>(nil)
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(200)) {
                // Never resumed until the end of this test, whatever cancellation says.
                await withCheckedContinuation { continuation in release.withLock { $0 = continuation } }
            }
        }
        release.withLock { $0?.resume() }
    }

    @Test func lateWorkIsCancelled() async throws {
        let sawCancellation = Mutex(false)
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(100)) {
                while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) }
                sawCancellation.withLock { $0 = true }
            }
        }
        for _ in 0..<250 where !sawCancellation.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(sawCancellation.withLock { $0 })
    }

    @Test func theCallersCancellationDoesNotReachTheWork() async throws {
        let finished = Mutex(false)
        let caller = Task {
            try await withDeadline(.seconds(30)) {
                try? await Task.sleep(for: .milliseconds(300))
                finished.withLock { $0 = !Task.isCancelled }
            }
        }
        caller.cancel()
        try await caller.value
        #expect(finished.withLock { $0 })
    }
}
