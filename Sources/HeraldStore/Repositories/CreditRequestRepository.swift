import Foundation
import HeraldCore
import SQLKit

/// A credit request as stored.
public struct CreditRequest: Sendable, Equatable, Codable {
    public let id: Int64
    public let userID: Int64
    public let currency: String
    public let amount: Int64
    public let reason: String
    public let status: CreditRequestStatus
    public let requestedVia: String
    public let discordMessageID: String?
    public let discordChannelID: String?
    public let telegramMessageID: Int64?
    public let decidedBy: Int64?
    public let decidedAt: Date?
    public let decisionNote: String?
    public let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, userID = "user_id", currency, amount, reason, status, requestedVia = "requested_via"
        case discordMessageID = "discord_message_id", discordChannelID = "discord_channel_id"
        case telegramMessageID = "telegram_message_id", decidedBy = "decided_by", decidedAt = "decided_at"
        case decisionNote = "decision_note", createdAt = "created_at"
    }

    static let columns = [
        "id", "user_id", "currency", "amount", "reason", "status", "requested_via", "discord_message_id",
        "discord_channel_id", "telegram_message_id", "decided_by", "decided_at", "decision_note", "created_at",
    ].map { SQLIdentifier($0) }
}

/// Where a request was made; stored so admins see the surface it came from.
public enum RequestSurface: String, Sendable, CaseIterable {
    case discord, telegram, web, api
}

/// Credit requests and their one-way decisions.
///
/// A decision is a single conditional `UPDATE … WHERE status = 'pending'`: when
/// two admins decide at once, exactly one update matches and the other sees the
/// request already decided, so a request is credited at most once.
public struct CreditRequestRepository: Sendable {
    let backend: any DatabaseBackend

    public static func create(_ draft: CreditRequestDraft, via surface: RequestSurface, on db: any SQLDatabase) async throws -> CreditRequest {
        let now = Date()
        let created = try await db.insert(into: "credit_requests")
            .columns("user_id", "currency", "amount", "reason", "status", "requested_via", "created_at", "updated_at")
            .values(
                SQLBind(draft.userID), SQLBind(draft.currency.rawValue), SQLBind(draft.amount), SQLBind(draft.reason),
                SQLBind(CreditRequestStatus.pending.rawValue), SQLBind(surface.rawValue), SQLBind(now), SQLBind(now)
            )
            .returning(CreditRequest.columns)
            .first(decoding: CreditRequest.self)
        guard let created else { throw StoreError(.other, detail: "INSERT INTO credit_requests returned no row") }
        return created
    }

    public static func find(id: Int64, on db: any SQLDatabase) async throws -> CreditRequest? {
        try await db.select().columns(CreditRequest.columns).from("credit_requests")
            .where("id", .equal, SQLBind(id))
            .first(decoding: CreditRequest.self)
    }

    /// Moves a pending request to `status`; nil when it was not pending (someone decided first).
    public static func decide(
        id: Int64, status: CreditRequestStatus, decidedBy: Int64?, note: String?, now: Date = Date(), on db: any SQLDatabase
    ) async throws -> CreditRequest? {
        precondition(status != .pending, "a decision leaves the pending state")
        return try await db.update("credit_requests")
            .set("status", to: SQLBind(status.rawValue))
            .set("decided_by", to: SQLBind(decidedBy))
            .set("decided_at", to: SQLBind(now))
            .set("decision_note", to: SQLBind(note))
            .set("updated_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id))
            .where("status", .equal, SQLBind(CreditRequestStatus.pending.rawValue))
            .returning(CreditRequest.columns)
            .first(decoding: CreditRequest.self)
    }

    /// Remembers the admin prompt that shows the request, so a decision can edit it.
    public static func attachDiscordPrompt(id: Int64, channelID: String?, messageID: String?, on db: any SQLDatabase) async throws {
        try await db.update("credit_requests")
            .set("discord_channel_id", to: SQLBind(channelID))
            .set("discord_message_id", to: SQLBind(messageID))
            .where("id", .equal, SQLBind(id))
            .run()
    }

    public static func list(
        status: CreditRequestStatus?, userID: Int64? = nil, limit: Int, on db: any SQLDatabase
    ) async throws -> [CreditRequest] {
        var query = db.select().columns(CreditRequest.columns).from("credit_requests")
        if let status { query = query.where("status", .equal, SQLBind(status.rawValue)) }
        if let userID { query = query.where("user_id", .equal, SQLBind(userID)) }
        return try await query.orderBy("id", .ascending).limit(limit).all(decoding: CreditRequest.self)
    }

    public func find(id: Int64) async throws -> CreditRequest? {
        try await backend.withConnection { db in try await Self.find(id: id, on: db) }
    }

    public func list(status: CreditRequestStatus?, userID: Int64? = nil, limit: Int = 100) async throws -> [CreditRequest] {
        try await backend.withConnection { db in try await Self.list(status: status, userID: userID, limit: limit, on: db) }
    }
}
