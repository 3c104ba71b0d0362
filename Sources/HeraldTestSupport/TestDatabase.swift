import Foundation
import HeraldStore
import Logging
import SQLKit
import Testing

/// The two databases every store test runs against.
///
/// PostgreSQL comes from `HERALD_TEST_POSTGRES_URL`, which `scripts/test.sh`
/// sets after starting a throwaway server. Without it PostgreSQL tests fail
/// (they never skip silently): run the suite through `scripts/test.sh`.
public enum TestDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { rawValue }

    static let logger: Logger = {
        var logger = Logger(label: "herald.test")
        logger.logLevel = ProcessInfo.processInfo.environment["HERALD_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }()

    /// The admin URL of the test PostgreSQL server (a role allowed to create databases).
    public static func postgresAdminURL() throws -> DatabaseURL.PostgresSettings {
        guard let raw = ProcessInfo.processInfo.environment["HERALD_TEST_POSTGRES_URL"], !raw.isEmpty else {
            throw TestSetupError("HERALD_TEST_POSTGRES_URL is not set; run the tests with scripts/test.sh, which starts PostgreSQL")
        }
        guard case .postgres(let settings) = try DatabaseURL(parsing: raw) else {
            throw TestSetupError("HERALD_TEST_POSTGRES_URL must be a postgres:// URL")
        }
        return settings
    }

    /// A fresh, empty database of this kind, described by its URL; removed after `body`.
    public func withEmptyDatabase<T: Sendable>(_ body: @Sendable (DatabaseURL) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await body(.sqlite(path: directory.appendingPathComponent("herald.sqlite").path))
        case .postgres:
            let admin = try Self.postgresAdminURL()
            let name = "herald_test_\(UUID().uuidString.prefix(8).lowercased())"
            try await Self.adminExecute(admin) { db in try await db.raw("CREATE DATABASE \(ident: name)").run() }
            var settings = admin
            settings.database = name
            do {
                let result = try await body(.postgres(settings))
                try? await Self.adminExecute(admin) { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
                return result
            } catch {
                try? await Self.adminExecute(admin) { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
                throw error
            }
        }
    }

    /// A fresh database opened as a running `Store`, migrated unless `migrate` is false.
    public func withStore<T: Sendable>(migrate: Bool = true, _ body: @Sendable (Store) async throws -> T) async throws -> T {
        try await withEmptyDatabase { url in
            let store = try await Self.openStore(url)
            return try await store.closing { store in
                try await store.withRunningService {
                    if migrate { try await store.migrator.migrate() }
                    return try await body(store)
                }
            }
        }
    }

    /// Opens a store with a small pool, so parallel tests stay under the server's connection limit.
    /// The lease timeout is long because hundreds of tests share two cores; the
    /// outage test passes Herald's own 5 seconds, since it waits for that refusal.
    public static func openStore(_ url: DatabaseURL, leaseTimeout: Duration = .seconds(30)) async throws -> Store {
        switch url {
        case .sqlite:
            return try await Store.open(url, logger: logger)
        case .postgres(let settings):
            return Store(
                backend: PostgresBackend(settings: settings, maximumConnections: 8, leaseTimeout: leaseTimeout, logger: logger), logger: logger
            )
        }
    }

    static func adminExecute(_ admin: DatabaseURL.PostgresSettings, _ body: @Sendable @escaping (any SQLDatabase) async throws -> Void) async throws {
        let store = Store(backend: PostgresBackend(settings: admin, maximumConnections: 1, leaseTimeout: .seconds(30), logger: logger), logger: logger)
        try await store.withRunningService {
            try await store.backend.withConnection(body)
        }
    }
}

/// The test environment is not set up as the suite needs.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
