import CCurl
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Herald's outbound HTTP client: libcurl's multi interface driven by one
/// dedicated thread.
///
/// One multi handle for the whole process gives connection reuse (and HTTP/2
/// where the server offers it); the engine thread is the only thread that calls
/// libcurl, so no handle is ever used from two threads. Callers submit
/// requests from any task and are resumed when their transfer ends; cancelling
/// the task removes the transfer.
public final class CurlTransport: HTTPTransport, Service {
    private struct Queue {
        var submitted: [CurlTransfer] = []
        var stopping = false
        /// Set just before `curl_multi_cleanup`; no wake-up may start after it.
        var released = false
    }

    /// The multi handle. `@unchecked Sendable`: only the engine thread calls libcurl
    /// with it, except `curl_multi_wakeup`, which libcurl documents as safe from any
    /// thread and which `wake()` never calls once the handle is released.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private let multiHandle: MultiHandle
    private var multi: UnsafeMutableRawPointer { multiHandle.pointer }
    private let queue = Mutex(Queue())
    private let stopped = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let finishedSignal = Mutex(false)
    private let maximumResponseBytes: Int
    private let logger: Logger

    /// - Parameter maximumResponseBytes: responses larger than this fail rather than fill memory.
    public init(maximumResponseBytes: Int = 4 << 20, logger: Logger = Logger(label: "herald.curl")) {
        CurlGlobal.initializeOnce()
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: libcurl is unusable") }
        _ = herald_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 16)
        self.multiHandle = MultiHandle(pointer: multi)
        self.maximumResponseBytes = maximumResponseBytes
        self.logger = logger
        let thread = Thread { [self] in self.runEngine() }
        thread.name = "herald-curl"
        thread.start()
    }

    public func send(_ request: OutboundRequest) async throws(TransportError) -> OutboundResponse {
        if Task.isCancelled { throw .cancelled }
        let holder = Mutex<CurlTransfer?>(nil)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<OutboundResponse, TransportError>, Never>) in
                guard let transfer = CurlTransfer(request: request, maximumResponseBytes: maximumResponseBytes, continuation: continuation)
                else { return }
                holder.withLock { $0 = transfer }
                let accepted = queue.withLock { queue -> Bool in
                    guard !queue.stopping else { return false }
                    queue.submitted.append(transfer)
                    return true
                }
                if accepted {
                    wake()
                } else {
                    transfer.finish(.failure(.cancelled))
                }
            }
        } onCancel: {
            holder.withLock { $0?.requestCancel() }
            wake()
        }
        return try result.get()
    }

    /// Serves until graceful shutdown, then lets in-flight transfers end (they are cancelled).
    public func run() async throws {
        try await gracefulShutdown()
        await shutdown()
    }

    /// Stops the engine: pending and in-flight transfers end with `.cancelled`. Safe to call twice.
    public func shutdown() async {
        let alreadyStopping = queue.withLock { queue -> Bool in
            defer { queue.stopping = true }
            return queue.stopping
        }
        wake()
        if alreadyStopping { return }
        await withCheckedContinuation { continuation in
            let done = finishedSignal.withLock { finished -> Bool in
                if finished { return true }
                stopped.withLock { $0 = continuation }
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Interrupts the engine's poll so it looks at the queue.
    private func wake() {
        queue.withLock { queue in
            if !queue.released { curl_multi_wakeup(multi) }
        }
    }

    // MARK: Engine thread

    private func runEngine() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let (submitted, stopping) = queue.withLock { queue in
                defer { queue.submitted.removeAll() }
                return (queue.submitted, queue.stopping)
            }
            for transfer in submitted {
                if stopping || transfer.isCancelRequested {
                    transfer.finish(.failure(.cancelled))
                } else if curl_multi_add_handle(multi, transfer.handle) != CURLM_OK {
                    transfer.finish(.failure(.other("curl_multi_add_handle failed")))
                } else {
                    active[transfer.handle] = transfer
                }
            }
            for (handle, transfer) in active where stopping || transfer.isCancelRequested {
                curl_multi_remove_handle(multi, handle)
                active[handle] = nil
                transfer.finish(.failure(.cancelled))
            }
            if stopping { break }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                    let transfer = active.removeValue(forKey: handle)
                else { continue }
                let code = herald_curl_msg_result(message)
                curl_multi_remove_handle(multi, handle)
                transfer.finish(code: code)
            }
            var descriptors: Int32 = 0
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 1_000 : 100, &descriptors)
        }
        queue.withLock { $0.released = true }
        curl_multi_cleanup(multi)
        let waiter = finishedSignal.withLock { finished -> CheckedContinuation<Void, Never>? in
            finished = true
            return stopped.withLock { $0 }
        }
        waiter?.resume()
    }
}

/// `curl_global_init` exactly once per process, before any handle exists.
enum CurlGlobal {
    private static let initialized: Bool = {
        // With CURLOPT_NOSIGNAL libcurl no longer ignores SIGPIPE itself.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func initializeOnce() {
        precondition(initialized, "curl_global_init failed")
    }
}
