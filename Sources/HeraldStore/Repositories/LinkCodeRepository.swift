import Foundation
import SQLKit

/// One-time codes that prove a member owns accounts on both platforms.
///
/// `/link` on one platform issues a short code; entering it on the other
/// platform within ten minutes redeems it, once. Redeeming is one conditional
/// update, so a code cannot be used twice even by two messages at once.
public enum LinkCodeRepository {
    public enum Platform: String, Sendable { case discord, telegram }

    /// Unambiguous when read aloud or retyped: no 0/O, 1/I/L.
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    public static let codeLength = 8
    public static let lifetime: TimeInterval = 600

    /// A new code for `userID`, issued on `platform`.
    public static func issue(userID: Int64, on platform: Platform, now: Date = Date(), on db: any SQLDatabase) async throws -> String {
        for _ in 0..<5 {
            var generator = SystemRandomNumberGenerator()
            let code = String((0..<codeLength).map { _ in alphabet.randomElement(using: &generator)! })
            let inserted = try await db.insert(into: "link_codes")
                .columns("code", "user_id", "platform", "created_at", "expires_at")
                .values(SQLBind(code), SQLBind(userID), SQLBind(platform.rawValue), SQLBind(now), SQLBind(now.addingTimeInterval(lifetime)))
                .ignoringConflicts(with: ["code"])
                .returning("id")
                .first()
            if inserted != nil { return code }
        }
        throw StoreError(.other, detail: "could not draw an unused link code")
    }

    /// Uses the code if it is unused, unexpired and was issued on the other
    /// platform than `platform` (where it is being entered); the member who issued it.
    public static func redeem(_ code: String, enteredOn platform: Platform, now: Date = Date(), on db: any SQLDatabase) async throws -> Int64? {
        let normalised = code.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard normalised.count == codeLength else { return nil }
        guard let row = try await db.update("link_codes")
            .set("used_at", to: SQLBind(now))
            .where("code", .equal, SQLBind(normalised))
            .where("used_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, SQLBind(now))
            .where("platform", .notEqual, SQLBind(platform.rawValue))
            .returning("user_id")
            .first()
        else { return nil }
        return try row.decode(column: "user_id", as: Int64.self)
    }
}
