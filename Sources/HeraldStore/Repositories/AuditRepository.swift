import Foundation
import SQLKit

/// An entry of the audit log: who did what to which record.
public struct AuditEntry: Sendable, Equatable, Codable {
    public let id: Int64
    public let actor: String
    public let action: String
    public let target: String?
    public let at: Date
}

/// The append-only record of admin decisions and other sensitive changes,
/// written in the same transaction as the change it describes.
public enum AuditRepository {
    /// Records `action` by `actor` (e.g. `user:12`, `api`) on `target` (e.g. `credit_request:7`).
    public static func record(actor: String, action: String, target: String?, detailsJSON: String = "{}", on db: any SQLDatabase) async throws {
        try await db.insert(into: "audit_log")
            .columns("actor", "action", "target", "details", "at")
            .values(SQLBind(actor), SQLBind(action), SQLBind(target), JSONText(detailsJSON), SQLBind(Date()))
            .run()
    }

    public static func entries(target: String, on db: any SQLDatabase) async throws -> [AuditEntry] {
        try await db.select().columns("id", "actor", "action", "target", "at").from("audit_log")
            .where("target", .equal, SQLBind(target))
            .orderBy("id")
            .all(decoding: AuditEntry.self)
    }
}
