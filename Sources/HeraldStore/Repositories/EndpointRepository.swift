import Foundation
import SQLKit

/// An integrator's webhook target: where `webhook` notifications go, and the
/// sealed secret they are signed with.
///
/// The store never sees the secret itself: `secretSealed` is what the caller's
/// `SecretBox` produced, kept as bytes (`BYTEA` on PostgreSQL, `BLOB` on SQLite).
public struct Endpoint: Sendable, Equatable, Decodable {
    public let id: Int64
    public let url: String
    public let secretSealed: [UInt8]
    public let enabled: Bool
    /// Deliveries per second this endpoint accepts; nil for the relay's default.
    public let ratePerSecond: Double?
    public let description: String?
    public let createdAt: Date

    public init(
        id: Int64, url: String, secretSealed: [UInt8], enabled: Bool, ratePerSecond: Double?, description: String?, createdAt: Date
    ) {
        self.id = id
        self.url = url
        self.secretSealed = secretSealed
        self.enabled = enabled
        self.ratePerSecond = ratePerSecond
        self.description = description
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, url, enabled, description
        case secretSealed = "secret_encrypted", ratePerSecond = "rate_per_second", createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: CodingKeys.self)
        id = try row.decode(Int64.self, forKey: .id)
        url = try row.decode(String.self, forKey: .url)
        // `Data` is the type both drivers map to their byte columns; `[UInt8]` would be read as a JSON array.
        secretSealed = [UInt8](try row.decode(Data.self, forKey: .secretSealed))
        enabled = try row.decode(Bool.self, forKey: .enabled)
        ratePerSecond = try row.decodeIfPresent(Double.self, forKey: .ratePerSecond)
        description = try row.decodeIfPresent(String.self, forKey: .description)
        createdAt = try row.decode(Date.self, forKey: .createdAt)
    }

    static let columns = ["id", "url", "secret_encrypted", "enabled", "rate_per_second", "description", "created_at"]
        .map { SQLIdentifier($0) }
}

/// The fields of an endpoint being registered; it starts enabled.
public struct NewEndpoint: Sendable {
    public var url: String
    /// The signing secret as sealed by `SecretBox`, never the plain secret.
    public var secretSealed: [UInt8]
    public var ratePerSecond: Double?
    public var description: String?

    public init(url: String, secretSealed: [UInt8], ratePerSecond: Double? = nil, description: String? = nil) {
        self.url = url
        self.secretSealed = secretSealed
        self.ratePerSecond = ratePerSecond
        self.description = description
    }
}

/// Registered webhook endpoints.
///
/// Endpoints are disabled, never deleted, so notifications already queued or
/// delivered still name the endpoint they were meant for.
public struct EndpointRepository: Sendable {
    let backend: any DatabaseBackend

    public func create(_ endpoint: NewEndpoint, now: Date = Date()) async throws -> Endpoint {
        try await backend.withConnection { db in
            let created = try await db.insert(into: "endpoints")
                .columns("url", "secret_encrypted", "enabled", "rate_per_second", "description", "created_at", "updated_at")
                .values(
                    SQLBind(endpoint.url), SQLBind(Data(endpoint.secretSealed)), SQLBind(true), SQLBind(endpoint.ratePerSecond),
                    SQLBind(endpoint.description), SQLBind(now), SQLBind(now)
                )
                .returning(Endpoint.columns)
                .first(decoding: Endpoint.self)
            guard let created else { throw StoreError(.other, detail: "INSERT INTO endpoints returned no row") }
            return created
        }
    }

    public func find(id: Int64) async throws -> Endpoint? {
        try await backend.withConnection { db in
            try await db.select().columns(Endpoint.columns).from("endpoints")
                .where("id", .equal, SQLBind(id))
                .first(decoding: Endpoint.self)
        }
    }

    /// Enabled endpoints, oldest first; with `includeDisabled`, all of them.
    public func list(includeDisabled: Bool) async throws -> [Endpoint] {
        try await backend.withConnection { db in
            var query = db.select().columns(Endpoint.columns).from("endpoints")
            if !includeDisabled { query = query.where("enabled", .equal, SQLBind(true)) }
            return try await query.orderBy("id", .ascending).all(decoding: Endpoint.self)
        }
    }

    /// Stops deliveries to the endpoint and keeps its row. False when there is no such
    /// endpoint; disabling one already disabled succeeds.
    public func disable(id: Int64, now: Date = Date()) async throws -> Bool {
        try await backend.withConnection { db in
            try await db.update("endpoints")
                .set("enabled", to: SQLBind(false))
                .set("updated_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(id))
                .returning("id")
                .first(decodingColumn: "id", as: Int64.self) != nil
        }
    }
}
