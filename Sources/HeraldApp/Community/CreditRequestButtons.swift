import Foundation
import HeraldRelay

/// The Approve and Reject buttons of an admin prompt, and reading a click back.
///
/// Discord buttons carry a `custom_id`, Telegram inline buttons a
/// `callback_data` (at most 64 bytes); both hold `credit_request:<verb>:<id>`.
public enum CreditRequestButtons {
    public struct Click: Sendable, Equatable {
        public let requestID: Int64
        public let approve: Bool
    }

    public static func customID(requestID: Int64, approve: Bool) -> String {
        "credit_request:\(approve ? "approve" : "reject"):\(requestID)"
    }

    /// The click a `custom_id` or `callback_data` stands for; nil for anything else.
    public static func click(_ customID: String) -> Click? {
        let parts = customID.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "credit_request", let id = Int64(parts[2]), id > 0 else { return nil }
        switch parts[1] {
        case "approve": return Click(requestID: id, approve: true)
        case "reject": return Click(requestID: id, approve: false)
        default: return nil
        }
    }

    /// One action row with a green Approve and a red Reject button.
    static func discordComponents(requestID: Int64, messages: MemberMessages, locale: String) -> String {
        let buttons: [[String: Any]] = [
            ["type": 2, "style": 3, "label": messages.text("button_approve", locale: locale, format: .plainText),
             "custom_id": customID(requestID: requestID, approve: true)],
            ["type": 2, "style": 4, "label": messages.text("button_reject", locale: locale, format: .plainText),
             "custom_id": customID(requestID: requestID, approve: false)],
        ]
        return serialize([["type": 1, "components": buttons]])
    }

    static func telegramKeyboard(requestID: Int64, messages: MemberMessages, locale: String) -> String {
        let row: [[String: Any]] = [
            ["text": messages.text("button_approve", locale: locale, format: .plainText),
             "callback_data": customID(requestID: requestID, approve: true)],
            ["text": messages.text("button_reject", locale: locale, format: .plainText),
             "callback_data": customID(requestID: requestID, approve: false)],
        ]
        return serialize(["inline_keyboard": [row]])
    }

    static func serialize(_ object: Any) -> String {
        JSONCoding.text(of: object) ?? "null"
    }
}
