import Crypto
import Foundation
import HeraldCore
import HeraldStore
import HeraldVerify
import Hummingbird
import SQLKit

/// Who is calling the REST API.
public enum APICaller: Sendable, Equatable {
    /// `HERALD_ADMIN_TOKEN`.
    case admin
    case apiKey(id: Int64)
}

/// Checks `Authorization: Bearer <key>` against the admin token and the stored API keys.
///
/// Keys are stored as SHA-256 hashes; the admin token is compared in constant
/// time. Without an admin token and with no matching key, every call is 401.
struct BearerAuthentication: Sendable {
    let adminToken: String?
    let store: Store

    func authenticate(_ request: Request) async throws -> APICaller {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, .unauthorized, "send Authorization: Bearer <key>")
        }
        let presented = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard !presented.isEmpty else { throw APIError(.unauthorized, .unauthorized, "the bearer key is empty") }
        if let adminToken, ConstantTime.equals(presented.utf8, adminToken.utf8) {
            return .admin
        }
        let hash = Hex.encode(SHA256.hash(data: Data(presented.utf8)))
        let keyID = try await store.backend.withConnection { db in
            try await db.select().column("id").from("api_keys")
                .where("key_hash", .equal, SQLBind(hash)).where("revoked_at", .is, SQLLiteral.null)
                .first(decodingColumn: "id", as: Int64.self)
        }
        guard let keyID else { throw APIError(.unauthorized, .unauthorized, "the bearer key is not valid") }
        return .apiKey(id: keyID)
    }
}
