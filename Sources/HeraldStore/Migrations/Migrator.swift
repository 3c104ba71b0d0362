import Foundation
import Logging
import SQLKit

/// Brings a database to the schema this build expects.
///
/// Each migration runs in its own transaction together with the row that
/// records it in `schema_migrations`, under the backend's migration lock, so a
/// run can be repeated, interrupted, or raced by a second process without
/// applying anything twice.
public struct Migrator: Sendable {
    public let backend: any DatabaseBackend
    public let migrations: [any Migration]
    let logger: Logger

    public init(backend: any DatabaseBackend, migrations: [any Migration] = Schema.migrations, logger: Logger) {
        precondition(
            zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
            "migration versions must be strictly increasing"
        )
        self.backend = backend
        self.migrations = migrations
        self.logger = logger
    }

    /// The versions this build knows.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies every pending migration; returns the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        var applied: [Int] = []
        while let version = try await applyNext() {
            applied.append(version)
        }
        return applied
    }

    /// Applies the first pending migration, if any.
    private func applyNext() async throws -> Int? {
        let migrations = self.migrations
        let logger = self.logger
        return try await backend.withMigrationLock { db in
            try await Self.createTrackingTable(db)
            let done = Set(try await Self.appliedVersions(db))
            let known = Set(migrations.map(\.version))
            let unknown = done.subtracting(known)
            guard unknown.isEmpty else {
                throw StoreError(.schemaAhead, detail: "database has migrations \(unknown.sorted()) unknown to this build")
            }
            guard let next = migrations.first(where: { !done.contains($0.version) }) else { return nil }
            let dialect = SchemaDialect(kind: db.dialect.name == "sqlite" ? .sqlite : .postgres)
            for statement in next.statements(for: dialect) {
                try await db.raw("\(unsafeRaw: statement)").run()
            }
            try await db.insert(into: "schema_migrations")
                .columns("version", "name", "applied_at")
                .values(SQLBind(next.version), SQLBind(next.name), SQLBind(Date()))
                .run()
            logger.info("applied migration", metadata: ["version": "\(next.version)", "name": "\(next.name)"])
            return next.version
        }
    }

    /// Where the database stands relative to this build.
    public func status() async throws -> MigrationStatus {
        let applied = try await backend.withConnection { db in try await Self.appliedVersions(db) }
        return MigrationStatus(applied: applied, known: migrations.map(\.version))
    }

    static func createTrackingTable(_ db: any SQLDatabase) async throws {
        try await db.create(table: "schema_migrations")
            .ifNotExists()
            .column("version", type: .bigint, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .column("applied_at", type: .timestamp, .notNull)
            .run()
    }

    static func appliedVersions(_ db: any SQLDatabase) async throws -> [Int] {
        try await db.select().column("version").from("schema_migrations").orderBy("version")
            .all(decodingColumn: "version", as: Int.self)
    }
}

/// Applied versus known migrations, as `/readyz` and `herald migrate --status` report them.
public struct MigrationStatus: Sendable, Equatable {
    public let applied: [Int]
    public let known: [Int]

    public var pending: [Int] { known.filter { !applied.contains($0) } }
    public var unknown: [Int] { applied.filter { !known.contains($0) } }
    public var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }
}
