import Foundation
import HeraldRelay

/// A Bot API call returned as the webhook's response body, which Telegram runs
/// on our behalf: the quickest way to answer a command.
enum TelegramReply: Sendable, Equatable {
    case sendMessage(chatID: Int64, html: String)
    /// Replaces a message's text and drops its inline keyboard (a decided admin prompt).
    case editMessage(chatID: Int64, messageID: Int64, html: String)
    /// A pop-up for the member who clicked a button.
    case answerCallback(id: String, text: String)

    var json: String {
        let body: [String: Any] =
            switch self {
            case .sendMessage(let chatID, let html):
                ["method": "sendMessage", "chat_id": chatID, "text": html, "parse_mode": "HTML"]
            case .editMessage(let chatID, let messageID, let html):
                ["method": "editMessageText", "chat_id": chatID, "message_id": messageID, "text": html, "parse_mode": "HTML"]
            case .answerCallback(let id, let text):
                ["method": "answerCallbackQuery", "callback_query_id": id, "text": text, "show_alert": true]
            }
        return JSONCoding.text(of: body) ?? ""
    }
}
