import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle
import Synchronization

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

    /// How long a request waits for a pooled connection before the store is reported unavailable.
    public let leaseTimeout: Duration

    public init(
        settings: DatabaseURL.PostgresSettings,
        maximumConnections: Int = 20,
        leaseTimeout: Duration = .seconds(5),
        logger: Logger
    ) {
        self.leaseTimeout = leaseTimeout
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
            return try await leasing { connection in try await body(connection.sql()) }
        } catch {
            throw StoreError.translate(error)
        }
    }

    public func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let logger = self.logger
        do {
            return try await leasing { connection in
                try await connection.withTransaction(logger: logger) { connection in try await body(connection.sql()) }
            }
        } catch {
            throw StoreError.translate(error)
        }
    }

    /// Leases a connection, giving up with `StoreError.unavailable` after `leaseTimeout`.
    ///
    /// The pool itself waits for a connection indefinitely; while the server is
    /// down that would hold every request open. Once leased, `body` is not timed.
    private func leasing<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = self.client
        let timeout = leaseTimeout
        return try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: T?.self) { group in
                let leased = LeaseFlag()
                group.addTask {
                    try await client.withConnection { connection in
                        leased.set()
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    if leased.isSet { return nil }
                    throw StoreError(.unavailable, detail: "no database connection within \(timeout)")
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw StoreError(.other, detail: "connection lease ended without a result")
            }
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

/// Set once a connection has been leased, read by the lease timer.
private final class LeaseFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
