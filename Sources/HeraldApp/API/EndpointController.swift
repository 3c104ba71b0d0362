import Foundation
import HeraldCore
import HeraldStore
import HeraldVerify
import Hummingbird
import NIOCore

/// `/api/v1/endpoints`: integrators register the URLs that `webhook`
/// notifications are delivered to, each with its own signing secret.
///
/// The secret is sealed with `HERALD_ENCRYPTION_KEY` before it reaches the
/// database and is shown once, in the answer to the create call. Without the
/// key every route answers 503 `not_configured`: an endpoint whose secret could
/// not be stored safely is not registered at all.
struct EndpointController {
    let store: Store
    let auth: BearerAuthentication
    /// Nil when no encryption key is configured.
    let secretBox: SecretBox?

    static let maximumBodyBytes = 64 << 10

    init(store: Store, auth: BearerAuthentication, encryptionKey: [UInt8]?) {
        self.store = store
        self.auth = auth
        self.secretBox = encryptionKey.flatMap { try? SecretBox(key: $0) }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group("/api/v1/endpoints")
        group.post(use: create)
        group.get(use: list)
        group.get("/{id}", use: show)
        group.delete("/{id}", use: disable)
    }

    /// The API's view of an endpoint; `secret` only in the create answer.
    struct View: Encodable {
        let endpoint: Endpoint
        var secret: String?

        enum CodingKeys: String, CodingKey {
            case id, url, description, enabled, secret
            case ratePerSecond = "rate_per_second", createdAt = "created_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(String(endpoint.id), forKey: .id)
            try container.encode(endpoint.url, forKey: .url)
            // Absent optional fields are written as null, so every endpoint has the same keys.
            try container.encode(endpoint.ratePerSecond, forKey: .ratePerSecond)
            try container.encode(endpoint.description, forKey: .description)
            try container.encode(endpoint.enabled, forKey: .enabled)
            try container.encode(endpoint.createdAt, forKey: .createdAt)
            try container.encodeIfPresent(secret, forKey: .secret)
        }
    }

    /// Authenticates the caller, then requires the encryption key.
    func authorize(_ request: Request) async throws -> SecretBox {
        _ = try await auth.authenticate(request)
        guard let secretBox else {
            throw APIError(
                .serviceUnavailable, .notConfigured,
                "webhook endpoints are not configured: set HERALD_ENCRYPTION_KEY (base64 of 32 random bytes) to store their secrets"
            )
        }
        return secretBox
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let secretBox = try await authorize(request)
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodyBytes)
        let registration = try EndpointRegistration(json: Data(body.readableBytesView))
        let endpoint = try await registration.register(in: store, sealingWith: secretBox)
        return try Self.json(View(endpoint: endpoint, secret: registration.secret), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await authorize(request)
        var includeDisabled = false
        if let text = request.uri.queryParameters.get("include_disabled") {
            switch text.lowercased() {
            case "true", "1": includeDisabled = true
            case "false", "0": includeDisabled = false
            default: throw APIError(.badRequest, .malformedRequest, "include_disabled must be true or false")
            }
        }
        let endpoints = try await store.endpoints.list(includeDisabled: includeDisabled)
        return try Self.json(["endpoints": endpoints.map { View(endpoint: $0) }])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await authorize(request)
        guard let id = Int64(try context.parameters.require("id")), let endpoint = try await store.endpoints.find(id: id) else {
            throw APIError(.notFound, .notFound, "no such endpoint")
        }
        return try Self.json(View(endpoint: endpoint))
    }

    /// Disables the endpoint; the row stays so notifications already sent still name it.
    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await authorize(request)
        guard let id = Int64(try context.parameters.require("id")), try await store.endpoints.disable(id: id) else {
            throw APIError(.notFound, .notFound, "no such endpoint")
        }
        return Response(status: .noContent)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
