import Foundation
import SQLKit

/// The CSRF `state` of an OAuth round trip: stored when the member is sent to
/// the provider, consumed once when they come back, refused after ten minutes.
public enum OAuthStateRepository {
    public static let lifetime: TimeInterval = 600

    /// A fresh random state for `provider`, remembering the member to link to (if any).
    public static func create(provider: String, userID: Int64?, now: Date = Date(), on db: any SQLDatabase) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let state = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try await db.insert(into: "oauth_states")
            .columns("state", "provider", "user_id", "created_at", "expires_at")
            .values(SQLBind(state), SQLBind(provider), SQLBind(userID), SQLBind(now), SQLBind(now.addingTimeInterval(lifetime)))
            .run()
        return state
    }

    /// Consumes `state`: nil when it is unknown, used, expired or for another provider;
    /// otherwise the member to link to (which may itself be nil).
    public static func consume(_ state: String, provider: String, now: Date = Date(), on db: any SQLDatabase) async throws -> Int64?? {
        guard !state.isEmpty, state.count <= 128 else { return nil }
        guard let row = try await db.update("oauth_states")
            .set("used_at", to: SQLBind(now))
            .where("state", .equal, SQLBind(state))
            .where("provider", .equal, SQLBind(provider))
            .where("used_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, SQLBind(now))
            .returning("user_id")
            .first()
        else { return nil }
        return .some(try row.decode(column: "user_id", as: Int64?.self))
    }
}
