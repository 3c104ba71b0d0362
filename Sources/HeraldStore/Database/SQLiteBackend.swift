import Foundation
import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO
import ServiceLifecycle

/// The embedded default: one SQLite file in WAL mode.
///
/// A single connection serves the process and a FIFO lock serialises its work,
/// so transactions never interleave; WAL plus a busy timeout lets a second
/// process (`herald migrate`, a backup) share the file safely.
public final class SQLiteBackend: DatabaseBackend {
    public let dialect = SchemaDialect.sqlite
    public let path: String
    private let connection: SQLiteConnection
    private let lock = AsyncSerialLock()

    /// How long a statement waits for another process's write lock before failing.
    public static let busyTimeoutMilliseconds = 5_000

    private init(path: String, connection: SQLiteConnection) {
        self.path = path
        self.connection = connection
    }

    /// Opens (creating if needed) the file and its directory, and sets the pragmas.
    public static func open(path: String, logger: Logger) async throws -> SQLiteBackend {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.unavailable, detail: "cannot create directory \(directory): \(error.localizedDescription)")
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw StoreError.translate(error)
        }
        let backend = SQLiteBackend(path: path, connection: connection)
        do {
            let db = connection.sql()
            // busy_timeout replaces sqlite-nio's spin-forever busy handler with a bounded wait.
            try await db.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
            try await db.raw("PRAGMA journal_mode = WAL").run()
            try await db.raw("PRAGMA synchronous = NORMAL").run()
            try await db.raw("PRAGMA foreign_keys = ON").run()
        } catch {
            try? await connection.close()
            throw StoreError.translate(error)
        }
        return backend
    }

    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await lock.withLock { try await body(connection.sql()) }
        } catch {
            throw StoreError.translate(error)
        }
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await lock.withLock {
                let db = connection.sql()
                // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on upgrade.
                try await db.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        } catch {
            throw StoreError.translate(error)
        }
    }

    /// `BEGIN IMMEDIATE` already excludes every other writer, in this process and others.
    public func withMigrationLock<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTransaction(body)
    }

    public var service: (any Service)? { nil }

    public func close() async {
        try? await lock.withLock { try await connection.close() }
    }
}
