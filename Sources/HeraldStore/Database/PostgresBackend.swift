import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle

/// PostgreSQL for production: a pooled `PostgresClient`.
///
/// The pool is a service that must run for as long as the store is used; the
/// application registers it with its service group.
public final class PostgresBackend: DatabaseBackend {
    public let dialect = SchemaDialect.postgres
    public let client: PostgresClient
    private let logger: Logger

    /// A fixed key for `pg_advisory_xact_lock`: "herald" in ASCII.
    static let migrationLockKey: Int64 = 0x68_65_72_61_6C_64

    public init(settings: DatabaseURL.PostgresSettings, maximumConnections: Int = 20, logger: Logger) {
        let tls: PostgresClient.Configuration.TLS =
            switch settings.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.username,
            password: settings.password,
            database: settings.database,
            tls: tls
        )
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection.sql()) }
        } catch {
            throw StoreError.translate(error)
        }
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection.sql()) }
        } catch {
            throw StoreError.translate(error)
        }
    }

    public func withMigrationLock<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTransaction { db in
            try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.migrationLockKey))").run()
            return try await body(db)
        }
    }

    public var service: (any Service)? { PostgresClientService(client: client) }

    public func close() async {}
}

/// Runs the pool until graceful shutdown.
struct PostgresClientService: Service {
    let client: PostgresClient
    func run() async throws {
        await cancelWhenGracefulShutdown {
            await client.run()
        }
    }
}
