import Foundation
import SQLKit

/// A member's thread with the staff on one platform.
public struct Conversation: Sendable, Equatable, Codable {
    public let id: Int64
    public let userID: Int64
    public let channel: String
    public let lastMessageAt: Date?
    public let unreadCount: Int

    enum CodingKeys: String, CodingKey {
        case id, userID = "user_id", channel, lastMessageAt = "last_message_at", unreadCount = "unread_count"
    }
}

/// One message of a conversation, either way.
public struct ConversationMessage: Sendable, Equatable, Codable {
    public let id: Int64
    public let conversationID: Int64
    public let direction: String
    public let body: String
    public let externalMessageID: String?
    public let sentBy: Int64?
    public let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, conversationID = "conversation_id", direction, body, externalMessageID = "external_message_id"
        case sentBy = "sent_by", createdAt = "created_at"
    }
}

/// The messenger inbox: private messages members send the bot, and staff replies.
///
/// Receiving bumps the thread's unread count and last-message time in the same
/// statement, so the inbox lists threads needing attention without counting messages.
public enum ConversationRepository {
    public enum Platform: String, Sendable { case telegram, discord }

    /// Longer messages are cut to this many characters, the platforms' own limit.
    public static let maximumBodyLength = 4_096

    @discardableResult
    public static func receive(
        userID: Int64, channel: Platform, body: String, externalMessageID: String?, now: Date = Date(), on db: any SQLDatabase
    ) async throws -> ConversationMessage {
        let conversation = try await open(userID: userID, channel: channel, on: db)
        try await db.update("conversations")
            .set("unread_count", to: SQLRaw("unread_count + 1"))
            .set("last_message_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(conversation.id))
            .run()
        return try await insert(conversationID: conversation.id, direction: "incoming", body: body, externalMessageID: externalMessageID, sentBy: nil, now: now, on: db)
    }

    /// Records a staff reply and marks the thread read.
    @discardableResult
    public static func reply(conversationID: Int64, body: String, sentBy: Int64?, now: Date = Date(), on db: any SQLDatabase) async throws -> ConversationMessage {
        try await db.update("conversations")
            .set("unread_count", to: SQLBind(0))
            .set("last_message_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(conversationID))
            .run()
        try await db.update("messages").set("is_read", to: SQLBind(true))
            .where("conversation_id", .equal, SQLBind(conversationID)).where("direction", .equal, SQLBind("incoming"))
            .run()
        return try await insert(conversationID: conversationID, direction: "outgoing", body: body, externalMessageID: nil, sentBy: sentBy, now: now, on: db)
    }

    static func open(userID: Int64, channel: Platform, on db: any SQLDatabase) async throws -> Conversation {
        try await db.insert(into: "conversations")
            .columns("user_id", "channel", "unread_count", "created_at")
            .values(SQLBind(userID), SQLBind(channel.rawValue), SQLBind(0), SQLBind(Date()))
            .ignoringConflicts(with: ["user_id", "channel"])
            .run()
        guard let conversation = try await db.select().columns(columns).from("conversations")
            .where("user_id", .equal, SQLBind(userID)).where("channel", .equal, SQLBind(channel.rawValue))
            .first(decoding: Conversation.self)
        else { throw StoreError(.other, detail: "conversation vanished after insert") }
        return conversation
    }

    static func insert(
        conversationID: Int64, direction: String, body: String, externalMessageID: String?, sentBy: Int64?, now: Date, on db: any SQLDatabase
    ) async throws -> ConversationMessage {
        let text = body.count > maximumBodyLength ? String(body.prefix(maximumBodyLength)) : body
        guard let message = try await db.insert(into: "messages")
            .columns("conversation_id", "direction", "body", "external_message_id", "sent_by", "created_at")
            .values(SQLBind(conversationID), SQLBind(direction), SQLBind(text), SQLBind(externalMessageID), SQLBind(sentBy), SQLBind(now))
            .returning(messageColumns)
            .first(decoding: ConversationMessage.self)
        else { throw StoreError(.other, detail: "INSERT INTO messages returned no row") }
        return message
    }

    public static func find(id: Int64, on db: any SQLDatabase) async throws -> Conversation? {
        try await db.select().columns(columns).from("conversations").where("id", .equal, SQLBind(id)).first(decoding: Conversation.self)
    }

    /// Threads with unread messages first, then the most recently active.
    public static func list(unreadOnly: Bool, limit: Int, on db: any SQLDatabase) async throws -> [Conversation] {
        var query = db.select().columns(columns).from("conversations")
        if unreadOnly { query = query.where("unread_count", .greaterThan, SQLBind(0)) }
        return try await query.orderBy("unread_count", .descending).orderBy("last_message_at", .descending).orderBy("id")
            .limit(limit).all(decoding: Conversation.self)
    }

    public static func messages(conversationID: Int64, limit: Int, on db: any SQLDatabase) async throws -> [ConversationMessage] {
        try await db.select().columns(messageColumns).from("messages")
            .where("conversation_id", .equal, SQLBind(conversationID))
            .orderBy("id", .descending).limit(limit).all(decoding: ConversationMessage.self)
    }

    static let columns = ["id", "user_id", "channel", "last_message_at", "unread_count"].map { SQLIdentifier($0) }
    static let messageColumns = ["id", "conversation_id", "direction", "body", "external_message_id", "sent_by", "created_at"]
        .map { SQLIdentifier($0) }
}
