import Logging
import SQLKit
import ServiceLifecycle

/// One of the two databases Herald runs on, seen through SQLKit.
///
/// Repositories are written once against `any SQLDatabase`; a backend only
/// decides how a connection is leased and how a transaction begins and ends.
public protocol DatabaseBackend: Sendable {
    var dialect: SchemaDialect { get }

    /// Runs `body` on one connection, outside a transaction.
    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in a transaction that holds the schema-wide migration lock, so
    /// two processes never migrate at once.
    func withMigrationLock<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Work that must run for the lifetime of the backend (a connection pool), if any.
    var service: (any Service)? { get }

    /// Releases connections. Safe to call once the service (if any) has stopped.
    func close() async
}
