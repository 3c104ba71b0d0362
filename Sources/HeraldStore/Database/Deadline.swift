import Synchronization

/// Thrown by `withDeadline` when the work did not finish in time.
public struct DeadlineExceeded: Error {
    public init() {}
}

/// Waits at most `timeout` for `operation`, throwing `DeadlineExceeded` when it is late.
///
/// Exists because a PostgresNIO query sent on a connection whose server has gone
/// away can wait forever and does not answer cancellation (vapor/postgres-nio#487,
/// reverted in #501). Structured concurrency would wait for such a query too, so the
/// operation runs in an unstructured task that this call stops waiting for: a late
/// operation is cancelled and left to end when the driver lets it go. The caller's
/// own cancellation is not passed on, which is what an unlock that must reach the
/// server wants.
public func withDeadline<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let outcome = FirstOutcome<T>()
    return try await withCheckedThrowingContinuation { continuation in
        outcome.install(continuation)
        let work = Task {
            do { outcome.resume(with: .success(try await operation())) } catch { outcome.resume(with: .failure(error)) }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            work.cancel()
            outcome.resume(with: .failure(DeadlineExceeded()))
        }
        outcome.onResume { timer.cancel() }
    }
}

/// Resumes one continuation with whichever outcome arrives first.
private final class FirstOutcome<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var afterResume: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func onResume(_ action: @escaping @Sendable () -> Void) {
        let resumed = state.withLock { state -> Bool in
            guard state.continuation != nil else { return true }
            state.afterResume = action
            return false
        }
        if resumed { action() }
    }

    func resume(with result: Result<T, any Error>) {
        let taken = state.withLock { state -> (CheckedContinuation<T, any Error>, (@Sendable () -> Void)?)? in
            guard let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.afterResume)
        }
        guard let (continuation, afterResume) = taken else { return }
        continuation.resume(with: result)
        afterResume?()
    }
}
