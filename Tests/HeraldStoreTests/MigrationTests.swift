import Foundation
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct MigrationTests {
    static let domainTables: Set<String> = [
        "users", "api_keys", "audit_log", "oauth_states", "link_codes",
        "balances", "ledger_entries", "credit_requests", "daily_streaks",
        "scores", "leaderboard_history", "leaderboard_snapshots",
        "payments", "subscriptions", "entitlements", "processor_customers", "payment_grants", "score_events",
        "payment_refunds", "payment_aliases",
        "conversations", "messages",
        "inbox_events", "endpoints", "outbox", "delivery_attempts",
        "schema_migrations",
    ]

    @Test(arguments: TestDatabase.allCases)
    func migratesFromEmptyThenIsANoOp(database: TestDatabase) async throws {
        try await database.withStore(migrate: false) { store in
            let first = try await store.migrator.migrate()
            #expect(first == Schema.migrations.map(\.version))
            #expect(Set(try await tableNames(store)) == Self.domainTables)

            let second = try await store.migrator.migrate()
            #expect(second.isEmpty)
            let status = try await store.migrator.status()
            #expect(status.isCurrent)
            #expect(status.applied == Schema.migrations.map(\.version))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func refusesADatabaseFromANewerBuild(database: TestDatabase) async throws {
        try await database.withStore { store in
            try await store.backend.withConnection { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: 999), \(bind: "future"), \(bind: Date()))")
                    .run()
            }
            await #expect(throws: StoreError.self) { try await store.migrator.migrate() }
            #expect(try await store.migrator.status().unknown == [999])
            #expect(await store.readiness() != .ready)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func readinessReportsPendingMigrations(database: TestDatabase) async throws {
        try await database.withStore(migrate: false) { store in
            guard case .notReady = await store.readiness() else {
                Issue.record("an empty database was reported ready")
                return
            }
            try await store.migrator.migrate()
            #expect(await store.readiness() == .ready)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func everyForeignKeyColumnIsIndexed(database: TestDatabase) async throws {
        try await database.withStore { store in
            let unindexed = try await store.backend.withConnection { db in
                try await (db.dialect.name == "sqlite" ? sqliteUnindexedForeignKeys(db) : postgresUnindexedForeignKeys(db))
            }
            #expect(unindexed.isEmpty, "foreign keys without an index: \(unindexed)")
        }
    }

    @Test func migrationVersionsIncreaseAndNamesAreUnique() {
        let versions = Schema.migrations.map(\.version)
        #expect(versions == versions.sorted())
        #expect(Set(versions).count == versions.count)
        #expect(Set(Schema.migrations.map(\.name)).count == versions.count)
    }
}

func tableNames(_ store: Store) async throws -> [String] {
    try await store.backend.withConnection { db in
        if db.dialect.name == "sqlite" {
            return try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .all(decodingColumn: "name", as: String.self)
        }
        return try await db.raw("SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'")
            .all(decodingColumn: "name", as: String.self)
    }
}

/// `table.column` for each foreign key whose column does not lead some index.
private func sqliteUnindexedForeignKeys(_ db: any SQLDatabase) async throws -> [String] {
    let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all(decodingColumn: "name", as: String.self)
    var missing: [String] = []
    for table in tables {
        let keys = try await db.raw("SELECT \"from\" AS col FROM pragma_foreign_key_list(\(bind: table))")
            .all(decodingColumn: "col", as: String.self)
        let indexes = try await db.raw("SELECT name FROM pragma_index_list(\(bind: table)) WHERE partial = 0")
            .all(decodingColumn: "name", as: String.self)
        var leading: Set<String> = []
        for index in indexes {
            let first = try await db.raw("SELECT name FROM pragma_index_info(\(bind: index)) WHERE seqno = 0")
                .first(decodingColumn: "name", as: String.self)
            if let first { leading.insert(first) }
        }
        missing += keys.filter { !leading.contains($0) }.map { "\(table).\($0)" }
    }
    return missing
}

private func postgresUnindexedForeignKeys(_ db: any SQLDatabase) async throws -> [String] {
    try await db.raw(
        """
        SELECT (c.conrelid::regclass)::text || '.' || a.attname AS col
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f'
          AND NOT EXISTS (
            SELECT 1 FROM pg_index i
            WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1] AND i.indpred IS NULL
          )
        """
    ).all(decodingColumn: "col", as: String.self)
}
