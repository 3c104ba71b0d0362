import Foundation
import SQLKit

/// Keeps one process the holder of a named lock for as long as it lives:
/// on PostgreSQL a session-level advisory lock held on a dedicated connection,
/// so a standby process takes over within `retryEvery` of the holder dying.
///
/// Exists so only one Herald process sends with a given bot token at a time,
/// which keeps the provider's per-token limits true across instances. SQLite
/// has one writer process by design, so the lock is always held there.
public struct SessionLock: Sendable {
    let backend: any DatabaseBackend
    public let name: String
    public let key: Int64

    public init(store: Store, name: String) {
        backend = store.backend
        self.name = name
        key = Self.key(for: name)
    }

    /// A stable 64-bit key for `name` (FNV-1a), the same in every process.
    public static func key(for name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// Runs until cancelled: tries to take the lock, reports each change of ownership
    /// through `onChange`, checks the holding connection every `heartbeat`, and tries
    /// again every `retryEvery` while another process holds it.
    ///
    /// A check unanswered within `heartbeatTimeout` counts as a lost connection (the
    /// server restarted or the network dropped): ownership is given up rather than
    /// waited for, since the server has released a dead session's lock already.
    public func hold(
        retryEvery: Duration = .seconds(2),
        heartbeat: Duration = .seconds(2),
        heartbeatTimeout: Duration = .seconds(10),
        onChange: @escaping @Sendable (Bool) async -> Void
    ) async {
        guard backend.dialect.kind == .postgres else {
            await onChange(true)
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            await onChange(false)
            return
        }
        let key = self.key
        while !Task.isCancelled {
            do {
                try await backend.withConnection { db in
                    let acquired = try await db.raw("SELECT pg_try_advisory_lock(\(bind: key)) AS locked")
                        .first(decodingColumn: "locked", as: Bool.self) ?? false
                    guard acquired else { return }
                    await onChange(true)
                    var answering = true
                    do {
                        while !Task.isCancelled && answering {
                            try await Task.sleep(for: heartbeat)
                            answering = (try? await withDeadline(heartbeatTimeout) { try await db.raw("SELECT 1 AS alive").run() }) != nil
                        }
                    } catch {}
                    await onChange(false)
                    // Released even when this task is cancelled: a pooled connection must not keep the lock.
                    _ = try? await withDeadline(heartbeatTimeout) { try await db.raw("SELECT pg_advisory_unlock(\(bind: key))").run() }
                }
            } catch {
                await onChange(false)
            }
            try? await Task.sleep(for: retryEvery)
        }
    }
}
