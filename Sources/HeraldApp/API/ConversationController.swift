import Foundation
import HeraldRelay
import HeraldCore
import HeraldStore
import Hummingbird

/// `/api/v1/conversations`: the messenger inbox. Members write to the bot in
/// private; staff read the threads here and reply, and the reply goes out
/// through the relay like any notification.
struct ConversationController {
    let store: Store
    let auth: BearerAuthentication

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group("/api/v1/conversations")
        group.get(use: list)
        group.get("/{id}/messages", use: messages)
        group.post("/{id}/messages", use: reply)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let unreadOnly = request.uri.queryParameters.get("unread") == "true"
        let limit = try RequestParsing.limit(request.uri.queryParameters.get("limit"))
        let conversations = try await store.backend.withConnection { db in
            try await ConversationRepository.list(unreadOnly: unreadOnly, limit: limit, on: db)
        }
        return try NotificationController.json(["conversations": conversations.map(ConversationView.init)])
    }

    @Sendable func messages(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let id = try RequestParsing.id(context)
        let limit = try RequestParsing.limit(request.uri.queryParameters.get("limit"))
        let found = try await store.backend.withConnection { db -> [ConversationMessage]? in
            guard try await ConversationRepository.find(id: id, on: db) != nil else { return nil }
            return try await ConversationRepository.messages(conversationID: id, limit: limit, on: db)
        }
        guard let found else { throw APIError(.notFound, .notFound, "no such conversation") }
        return try NotificationController.json(["messages": found.map(MessageView.init)])
    }

    /// Records the reply, marks the thread read and queues the message to the member.
    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let id = try RequestParsing.id(context)
        struct Reply: Decodable { let text: String }
        guard let body = try await RequestParsing.decode(Reply.self, from: request, allowEmpty: false) else {
            throw APIError(.badRequest, .malformedRequest, "expected {\"text\": \"…\"}")
        }
        let text = body.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= ConversationRepository.maximumBodyLength else {
            throw APIError(.unprocessableContent, .ruleViolation, "text must be 1 to \(ConversationRepository.maximumBodyLength) characters")
        }
        let sent = try await store.backend.withTransaction { db -> (ConversationMessage, OutboxItem)? in
            guard let conversation = try await ConversationRepository.find(id: id, on: db),
                let member = try await UserRepository.find(id: conversation.userID, on: db)
            else { return nil }
            let notification: NewNotification
            switch conversation.channel {
            case "telegram":
                guard let telegramID = member.telegramID else {
                    throw APIError(.unprocessableContent, .ruleViolation, "the member has no Telegram account")
                }
                notification = NewNotification(channel: .telegramMessage, destination: String(telegramID), body: text)
            default:
                guard let discordID = member.discordID else {
                    throw APIError(.unprocessableContent, .ruleViolation, "the member has no Discord account")
                }
                notification = NewNotification(channel: .discordDM, destination: discordID, body: text)
            }
            let message = try await ConversationRepository.reply(conversationID: id, body: text, sentBy: nil, on: db)
            let item = try await OutboxRepository.enqueue(notification, on: db).item
            return (message, item)
        }
        guard let (message, item) = sent else { throw APIError(.notFound, .notFound, "no such conversation") }
        struct Sent: Encodable {
            let message: MessageView
            let notificationID: String
            enum CodingKeys: String, CodingKey { case message, notificationID = "notification_id" }
        }
        return try NotificationController.json(Sent(message: MessageView(message), notificationID: String(item.id)), status: .accepted)
    }

    struct ConversationView: Encodable {
        let id: Int64
        let memberID: Int64
        let channel: String
        let unreadCount: Int
        let lastMessageAt: Date?
        init(_ c: Conversation) {
            (id, memberID, channel, unreadCount, lastMessageAt) = (c.id, c.userID, c.channel, c.unreadCount, c.lastMessageAt)
        }
        enum CodingKeys: String, CodingKey {
            case id, memberID = "member_id", channel, unreadCount = "unread_count", lastMessageAt = "last_message_at"
        }
    }

    struct MessageView: Encodable {
        let id: Int64
        let direction: String
        let text: String
        let createdAt: Date
        init(_ m: ConversationMessage) { (id, direction, text, createdAt) = (m.id, m.direction, m.body, m.createdAt) }
        enum CodingKeys: String, CodingKey { case id, direction, text, createdAt = "created_at" }
    }
}
