import Foundation
import HeraldRelay

/// An interaction response body, as Discord expects it back within 3 seconds.
///
/// Personal answers are ephemeral (flag 64, only the invoker sees them);
/// mentions are never parsed, so text that echoes member input cannot ping.
enum DiscordResponse: Sendable, Equatable {
    /// `CHANNEL_MESSAGE_WITH_SOURCE` (type 4).
    case message(String, ephemeral: Bool, componentsJSON: String? = nil)
    /// `UPDATE_MESSAGE` (type 7): edits the message whose button was clicked.
    case updateMessage(String, componentsJSON: String?)
    /// `DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE` (type 5): the answer follows through the relay.
    case deferred(ephemeral: Bool)

    static let ephemeralFlag = 64

    var json: String {
        var body: [String: Any]
        switch self {
        case .message(let content, let ephemeral, let components):
            var data: [String: Any] = ["content": content, "allowed_mentions": ["parse": [String]()]]
            if ephemeral { data["flags"] = Self.ephemeralFlag }
            if let components = components.flatMap(Self.parse) { data["components"] = components }
            body = ["type": 4, "data": data]
        case .updateMessage(let content, let components):
            var data: [String: Any] = ["content": content, "allowed_mentions": ["parse": [String]()]]
            data["components"] = components.flatMap(Self.parse) ?? [Any]()
            body = ["type": 7, "data": data]
        case .deferred(let ephemeral):
            body = ["type": 5]
            if ephemeral { body["data"] = ["flags": Self.ephemeralFlag] }
        }
        return JSONCoding.text(of: body) ?? ""
    }

    private static func parse(_ json: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(json.utf8))
    }
}
