import Foundation
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

/// Webhook endpoints round-trip their bytes, booleans and optional fields on both databases.
@Suite struct EndpointTests {
    /// Every byte value, including NUL and invalid UTF-8, so a text or JSON detour would show.
    static let sealed: [UInt8] = [1, 0, 0xFF, 0x80, 0x7F, 0x22, 0x5C] + (0...255).map { UInt8($0) }

    @Test(arguments: TestDatabase.allCases)
    func aCreatedEndpointIsFoundWithItsSealedSecretIntact(database: TestDatabase) async throws {
        try await database.withStore { store in
            let now = Date(timeIntervalSince1970: 1_750_000_000.25)
            let created = try await store.endpoints.create(
                NewEndpoint(url: "https://hooks.example.com/herald", secretSealed: Self.sealed, ratePerSecond: 2.5, description: "CRM"),
                now: now
            )
            #expect(created.url == "https://hooks.example.com/herald")
            #expect(created.secretSealed == Self.sealed)
            #expect(created.enabled)
            #expect(created.ratePerSecond == 2.5)
            #expect(created.description == "CRM")
            #expect(abs(created.createdAt.timeIntervalSince(now)) < 0.001)
            #expect(try await store.endpoints.find(id: created.id) == created)
            #expect(try await store.endpoints.find(id: created.id + 1000) == nil)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func optionalFieldsStayNil(database: TestDatabase) async throws {
        try await database.withStore { store in
            let created = try await store.endpoints.create(NewEndpoint(url: "http://localhost:9000/hook", secretSealed: [1, 2, 3]))
            let found = try #require(try await store.endpoints.find(id: created.id))
            #expect(found.ratePerSecond == nil)
            #expect(found.description == nil)
            #expect(found.secretSealed == [1, 2, 3])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func theSecretIsStoredAsBytes(database: TestDatabase) async throws {
        try await database.withStore { store in
            let created = try await store.endpoints.create(NewEndpoint(url: "https://a.example", secretSealed: Self.sealed))
            let type = try await store.backend.withConnection { db in
                let typeOf: SQLQueryString = database == .postgres ? "pg_typeof(secret_encrypted)::text" : "typeof(secret_encrypted)"
                return try await db.raw("SELECT \(typeOf) AS t FROM endpoints WHERE id = \(bind: created.id)")
                    .first(decodingColumn: "t", as: String.self)
            }
            #expect(type == (database == .postgres ? "bytea" : "blob"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aDisabledEndpointIsKeptButLeftOutOfTheDefaultList(database: TestDatabase) async throws {
        try await database.withStore { store in
            let first = try await store.endpoints.create(NewEndpoint(url: "https://one.example", secretSealed: [1]))
            let second = try await store.endpoints.create(NewEndpoint(url: "https://two.example", secretSealed: [2]))
            #expect(try await store.endpoints.list(includeDisabled: false).map(\.id) == [first.id, second.id])

            #expect(try await store.endpoints.disable(id: first.id))
            #expect(try await store.endpoints.disable(id: first.id), "disabling twice still finds the endpoint")
            #expect(try await !store.endpoints.disable(id: second.id + 1000))

            #expect(try await store.endpoints.list(includeDisabled: false).map(\.id) == [second.id])
            let all = try await store.endpoints.list(includeDisabled: true)
            #expect(all.map(\.id) == [first.id, second.id])
            #expect(all.map(\.enabled) == [false, true])
            #expect(try await store.endpoints.find(id: first.id)?.enabled == false)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func disablingMovesUpdatedAt(database: TestDatabase) async throws {
        try await database.withStore { store in
            let created = try await store.endpoints.create(
                NewEndpoint(url: "https://one.example", secretSealed: [1]), now: Date(timeIntervalSince1970: 1_700_000_000)
            )
            let later = Date(timeIntervalSince1970: 1_700_000_600)
            #expect(try await store.endpoints.disable(id: created.id, now: later))
            let updatedAt = try await store.backend.withConnection { db in
                try await db.select().column("updated_at").from("endpoints").where("id", .equal, SQLBind(created.id))
                    .first(decodingColumn: "updated_at", as: Date.self)
            }
            #expect(updatedAt == later)
        }
    }
}
