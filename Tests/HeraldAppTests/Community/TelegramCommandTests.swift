import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct TelegramCommandTests {
    static let member: Int64 = 5_550_001

    @Test(arguments: TestDatabase.allCases)
    func commandsAreAnsweredInTheWebhookResponse(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            var (status, reply) = try await Community.postTelegram(Community.telegramMessage("/start"), to: client)
            #expect(status == 200)
            #expect(reply["method"] as? String == "sendMessage")
            #expect(reply["chat_id"] as? Int64 == Self.member)
            #expect(reply["parse_mode"] as? String == "HTML")
            #expect((reply["text"] as? String)?.contains("Welcome, Ana") == true)

            (_, reply) = try await Community.postTelegram(Community.telegramMessage("/daily@HeraldBot"), to: client)
            #expect((reply["text"] as? String)?.contains("+10 points") == true)

            (_, reply) = try await Community.postTelegram(Community.telegramMessage("/balance", languageCode: "ru"), to: client)
            #expect((reply["text"] as? String)?.contains("points: 10") == true)
            #expect((reply["text"] as? String)?.contains("Ваш баланс") == true)

            (_, reply) = try await Community.postTelegram(Community.telegramMessage("/request lead 3"), to: client)
            #expect((reply["text"] as? String)?.contains("/request") == true)
            #expect(try await store.creditRequests.list(status: nil).isEmpty)

            (_, reply) = try await Community.postTelegram(Community.telegramMessage("/request lead 3 intro to <Acme & Co>"), to: client)
            #expect((reply["text"] as? String)?.contains("#1") == true)
            let request = try #require(try await store.creditRequests.find(id: 1))
            #expect(request.reason == "intro to <Acme & Co>")
            #expect(request.requestedVia == "telegram")
            // The admin chat's prompt escapes the member's text for Telegram HTML.
            let prompt = try #require(try await store.outbox.list(status: .pending, limit: 10).first { $0.channel == .telegramMessage })
            #expect(prompt.body?.contains("&lt;Acme &amp; Co&gt;") == true)

            (_, reply) = try await Community.postTelegram(Community.telegramMessage("/frobnicate"), to: client)
            #expect((reply["text"] as? String)?.contains("don't know") == true)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func adminButtonsDecideOnceAndOthersAreRefused(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            _ = try await Community.postTelegram(Community.telegramMessage("/request ai 20 workshop prep"), to: client)

            var (_, reply) = try await Community.postTelegram(Community.telegramCallback("credit_request:approve:1", from: 777), to: client)
            #expect(reply["method"] as? String == "answerCallbackQuery")
            #expect((reply["text"] as? String)?.contains("Only admins") == true)
            #expect(try await store.creditRequests.find(id: 1)?.status == .pending)

            (_, reply) = try await Community.postTelegram(Community.telegramCallback("credit_request:reject:1", from: Community.telegramAdmin), to: client)
            #expect(reply["method"] as? String == "editMessageText")
            #expect(reply["chat_id"] as? Int64 == Community.adminChat)
            #expect(reply["message_id"] as? Int == 31)
            #expect((reply["text"] as? String)?.contains("Rejected by Boss") == true)
            #expect(try await store.creditRequests.find(id: 1)?.status == .rejected)

            (_, reply) = try await Community.postTelegram(Community.telegramCallback("credit_request:approve:1", from: Community.telegramAdmin), to: client)
            #expect((reply["text"] as? String)?.contains("already rejected") == true)
            let member = try #require(try await store.backend.withConnection { try await UserRepository.find(.telegram(id: Self.member), on: $0) })
            #expect(try await store.ledger.balance(userID: member.id, currency: Currency(rawValue: "ai")!) == nil)
            let told = try await store.outbox.list(status: .pending, limit: 10).filter { $0.destination == String(Self.member) }
            #expect(told.count == 1)
            #expect(told.first?.template == "credit_request_rejected")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func privateMessagesLandInTheInbox(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            for text in ["Hello, I cannot log in", "Any news?"] {
                let (status, reply) = try await Community.postTelegram(Community.telegramMessage(text), to: client)
                #expect(status == 200)
                #expect(reply["method"] == nil)
            }
            // Chatter in a group is not the bot's business.
            _ = try await Community.postTelegram(Community.telegramMessage("hi all", chat: -100_777, chatType: "supergroup"), to: client)

            let conversations = try await store.backend.withConnection { try await ConversationRepository.list(unreadOnly: true, limit: 10, on: $0) }
            #expect(conversations.count == 1)
            #expect(conversations.first?.unreadCount == 2)
            let messages = try await store.backend.withConnection { try await ConversationRepository.messages(conversationID: conversations[0].id, limit: 10, on: $0) }
            #expect(messages.map(\.body) == ["Any news?", "Hello, I cannot log in"])
            #expect(messages.allSatisfy { $0.direction == "incoming" })
        }
    }
}
