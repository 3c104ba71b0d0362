import Foundation
import HeraldRelay
import HeraldCore
import HeraldStore
import SQLKit

/// Answers the Telegram bot: commands in `message` updates, and the Approve/
/// Reject buttons of admin prompts in `callback_query` updates.
///
/// Quick answers go back in the webhook response (Telegram runs the call); a
/// private message that is not a command lands in the messenger inbox; a
/// message carrying a payment or a refund goes to `payments` when that handler is set.
struct TelegramBotHandler: InboundEventHandler {
    let actions: CommunityActions
    let payments: (any InboundEventHandler)?
    let now: @Sendable () -> Date

    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let json = event.json else { throw EventDataError("the update is not JSON") }
        if let query = json["callback_query"] {
            return try await callback(query, on: db)
        }
        guard let message = json["message"] else { return HandlerResult(status: .ignored) }
        if message["successful_payment"] != nil || message["refunded_payment"] != nil, let payments {
            return try await payments.handle(event, on: db)
        }
        guard let from = message["from"], let userID = from["id"]?.scalarText.flatMap({ Int64($0) }),
            let chatID = message[["chat", "id"]]?.scalarText.flatMap({ Int64($0) })
        else { return HandlerResult(status: .ignored) }
        if from["is_bot"]?.scalarText == "true" { return HandlerResult(status: .ignored) }
        let user = try await UserRepository.findOrCreate(.telegram(id: userID), profile: Self.profile(from), on: db)
        let text = message["text"]?.scalarText ?? ""
        guard let command = TelegramCommand(text) else {
            guard message[["chat", "type"]]?.scalarText == "private", !text.isEmpty else { return HandlerResult(status: .ignored) }
            let externalID = message["message_id"]?.scalarText
            try await ConversationRepository.receive(userID: user.id, channel: .telegram, body: text, externalMessageID: externalID, on: db)
            return .processed
        }
        let locale = user.locale
        let html: String
        do {
            html = try await answer(command, user: user, locale: locale, on: db)
        } catch let error as CommunityError {
            html = actions.refusal(error, locale: locale, format: .telegramHTML)
        }
        return HandlerResult(status: .processed, responseBody: TelegramReply.sendMessage(chatID: chatID, html: html).json)
    }

    private func answer(_ command: TelegramCommand, user: User, locale: String, on db: any SQLDatabase) async throws -> String {
        let text = actions.messages
        switch command.name {
        case "start" where command.arguments.first?.hasPrefix("link_") == true:
            let code = String(command.arguments[0].dropFirst("link_".count))
            return try await actions.link(user, code: code, enteredOn: .telegram, now: now(), locale: locale, format: .telegramHTML, on: db)
        case "link":
            return try await actions.link(
                user, code: command.arguments.first, enteredOn: .telegram, now: now(), locale: locale, format: .telegramHTML, on: db
            )
        case "start", "help":
            return text.text("cmd_start", locale: locale, data: ["name": .string(user.displayName ?? "")], format: .telegramHTML)
        case "leaderboard":
            let page = command.arguments.first.flatMap { Int($0) } ?? 1
            return try await actions.leaderboard(page: page, locale: locale, format: .telegramHTML, on: db)
        case "profile":
            return try await actions.profile(of: user, locale: locale, format: .telegramHTML, on: db)
        case "balance":
            return try await actions.balance(of: user, locale: locale, format: .telegramHTML, on: db)
        case "daily":
            return try await actions.daily(for: user, now: now(), locale: locale, format: .telegramHTML, on: db)
        case "request":
            guard command.arguments.count >= 3, let amount = Int64(command.arguments[1]), let reason = command.rest(from: 2) else {
                return usage("request", locale: locale)
            }
            return try await actions.request(
                by: user, currency: command.arguments[0], amount: amount, reason: reason, via: .telegram, locale: locale,
                format: .telegramHTML, on: db
            )
        case "requests":
            return try await actions.pendingRequests(admin: user, isAdmin: isAdmin(user), locale: locale, format: .telegramHTML, on: db)
        case "notify":
            guard let state = command.arguments.first?.lowercased(), state == "on" || state == "off" else { return usage("notify", locale: locale) }
            return try await actions.notify(user, enabled: state == "on", locale: locale, format: .telegramHTML, on: db)
        default:
            return text.text("cmd_unknown", locale: locale, format: .telegramHTML)
        }
    }

    /// An admin prompt's button: an admin's click decides and edits the prompt; anyone else gets a pop-up.
    private func callback(_ query: JSONValue, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let queryID = query["id"]?.scalarText, let from = query["from"],
            let userID = from["id"]?.scalarText.flatMap({ Int64($0) })
        else { throw EventDataError("the callback query has no id or sender") }
        let user = try await UserRepository.findOrCreate(.telegram(id: userID), profile: Self.profile(from), on: db)
        let locale = user.locale
        guard let data = query["data"]?.scalarText, let click = CreditRequestButtons.click(data) else {
            let reply = TelegramReply.answerCallback(id: queryID, text: actions.messages.text("cmd_unknown", locale: locale, format: .plainText))
            return HandlerResult(status: .ignored, responseBody: reply.json)
        }
        do {
            guard isAdmin(user) else { throw CommunityError.notAdmin }
            let decided = try await actions.workflow.decide(requestID: click.requestID, approve: click.approve, by: .member(user), on: db)
            guard let chatID = query[["message", "chat", "id"]]?.scalarText.flatMap({ Int64($0) }),
                let messageID = query[["message", "message_id"]]?.scalarText.flatMap({ Int64($0) })
            else { return .processed }
            let requester = try await UserRepository.find(id: decided.userID, on: db)
            var values = CreditRequestWorkflow.promptData(decided, requester: requester ?? user).objectValue ?? [:]
            values["admin"] = .string(user.displayName ?? "#\(user.id)")
            values["approved"] = .bool(click.approve)
            let html = actions.messages.text("admin_request_decided", locale: actions.settings.adminLocale, data: .object(values), format: .telegramHTML)
            return HandlerResult(status: .processed, responseBody: TelegramReply.editMessage(chatID: chatID, messageID: messageID, html: html).json)
        } catch let error as CommunityError {
            let reply = TelegramReply.answerCallback(id: queryID, text: actions.refusal(error, locale: locale, format: .plainText))
            return HandlerResult(status: .processed, responseBody: reply.json)
        }
    }

    private func isAdmin(_ user: User) -> Bool {
        user.isAdmin || user.telegramID.map(actions.settings.telegramAdminUserIDs.contains) == true
    }

    private func usage(_ command: String, locale: String) -> String {
        actions.messages.text("cmd_usage", locale: locale, data: ["command": .string(command)], format: .telegramHTML)
    }

    static func profile(_ from: JSONValue) -> PlatformProfile {
        let name = [from["first_name"]?.scalarText, from["last_name"]?.scalarText].compactMap { $0 }.joined(separator: " ")
        return PlatformProfile(
            displayName: name.isEmpty ? from["username"]?.scalarText : name, locale: from["language_code"]?.scalarText
        )
    }
}
