import Logging
import SQLKit
import ServiceLifecycle

/// Herald's one store: the domain, the inbox and the outbox in one database.
///
/// Opened from a `DATABASE_URL`; everything above it speaks to repositories,
/// never to a driver.
public struct Store: Sendable {
    public let backend: any DatabaseBackend
    public let logger: Logger

    public init(backend: any DatabaseBackend, logger: Logger) {
        self.backend = backend
        self.logger = logger
    }

    /// Opens the database named by `url`. PostgreSQL needs `backend.service` running before use.
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> Store {
        switch url {
        case .sqlite(let path):
            return Store(backend: try await SQLiteBackend.open(path: path, logger: logger), logger: logger)
        case .postgres(let settings):
            return Store(backend: PostgresBackend(settings: settings, logger: logger), logger: logger)
        }
    }

    public var migrator: Migrator { Migrator(backend: backend, logger: logger) }
    public var users: UserRepository { UserRepository(backend: backend) }
    public var ledger: LedgerRepository { LedgerRepository(backend: backend) }
    public var inbox: InboxRepository { InboxRepository(backend: backend) }
    public var outbox: OutboxRepository { OutboxRepository(backend: backend) }
    public var endpoints: EndpointRepository { EndpointRepository(backend: backend) }
    public var creditRequests: CreditRequestRepository { CreditRequestRepository(backend: backend) }

    /// Applies pending migrations once the database answers, giving up with
    /// `StoreError.unavailable` when it does not answer within `connectTimeout`
    /// (a pool would otherwise wait forever). Migrations themselves are not timed.
    @discardableResult
    public func migrate(connectTimeout: Duration = .seconds(30)) async throws -> [Int] {
        let backend = self.backend
        do {
            try await withDeadline(connectTimeout) {
                try await backend.withConnection { db in try await db.raw("SELECT 1").run() }
            }
        } catch is DeadlineExceeded {
            throw StoreError(.unavailable, detail: "the database did not answer within \(connectTimeout)")
        }
        return try await migrator.migrate()
    }

    /// Runs `body` while the backend's background service (the PostgreSQL pool) runs,
    /// for one-shot commands and tests that live outside a service group.
    public func withRunningService<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard let service = backend.service else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await service.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Runs `body` with the store, then closes it whether `body` succeeded or not.
    public func closing<T: Sendable>(_ body: @Sendable (Store) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await backend.close()
            return result
        } catch {
            await backend.close()
            throw error
        }
    }

    /// Whether the store can serve: reachable within `timeout` and migrated to this build.
    public func readiness(timeout: Duration = .seconds(2)) async -> Readiness {
        let migrator = self.migrator
        do {
            let status = try await withDeadline(timeout) { try await migrator.status() }
            if !status.unknown.isEmpty { return .notReady("database has migrations \(status.unknown) unknown to this build") }
            if !status.pending.isEmpty { return .notReady("migrations pending: \(status.pending)") }
            return .ready
        } catch is DeadlineExceeded {
            return .notReady("database did not answer within \(timeout)")
        } catch let error as StoreError where error.kind == .unavailable {
            return .notReady("database unreachable")
        } catch let error as StoreError where error.kind == .other {
            // Most often the schema_migrations table is missing: nothing was ever migrated.
            return .notReady("database check failed; has `herald migrate` run?")
        } catch let error as StoreError {
            return .notReady("database check failed: \(error.kind)")
        } catch {
            // A missing schema_migrations table means nothing was ever migrated.
            return .notReady("database check failed; has `herald migrate` run?")
        }
    }

    public enum Readiness: Sendable, Equatable {
        case ready
        case notReady(String)
    }
}
