import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A local server that plays the Telegram Bot API's `sendMessage`, enforcing
/// its limits: more than one message a second to a chat, or more than
/// `globalPerSecond` in a second, is answered 429 with Telegram's own body.
/// Chats listed in `blocked` answer 403 as when a user blocked the bot.
actor FakeTelegram {
    struct Received: Sendable {
        let chatID: String
        let text: String
        let at: ContinuousClock.Instant
    }

    let token: String
    let globalPerSecond: Int
    var blocked: Set<String> = []
    private(set) var received: [Received] = []
    private(set) var tooManyRequests = 0
    private var recent: [ContinuousClock.Instant] = []
    private var lastByChat: [String: ContinuousClock.Instant] = [:]

    init(token: String, globalPerSecond: Int = 30) {
        self.token = token
        self.globalPerSecond = globalPerSecond
    }

    func block(_ chatID: String) { blocked.insert(chatID) }

    func handle(path: String, body: Data) -> (HTTPResponse.Status, String) {
        guard path == "/bot\(token)/sendMessage" else {
            return (.unauthorized, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#)
        }
        guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let text = json["text"] as? String,
            let chat = json["chat_id"]
        else {
            return (.badRequest, #"{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}"#)
        }
        let chatID = "\(chat)"
        if blocked.contains(chatID) {
            return (.forbidden, #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#)
        }
        let now = ContinuousClock.now
        recent = recent.filter { now - $0 < .seconds(1) }
        let chatTooSoon = lastByChat[chatID].map { now - $0 < .milliseconds(950) } ?? false
        if recent.count >= globalPerSecond || chatTooSoon {
            tooManyRequests += 1
            return (.tooManyRequests, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"#)
        }
        recent.append(now)
        lastByChat[chatID] = now
        received.append(Received(chatID: chatID, text: text, at: now))
        return (.ok, #"{"ok":true,"result":{"message_id":\#(received.count),"chat":{"id":\#(chatID)},"text":"ok"}}"#)
    }

    /// Serves until `body` returns; passes the base URL.
    func serve(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/{path}/sendMessage") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let (status, answer) = await self.handle(path: request.uri.path, body: Data(bytes.readableBytesView))
            return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "fake-telegram"))
        try await app.test(.live) { client in
            guard let port = client.port else { return }
            try await body("http://127.0.0.1:\(port)")
        }
    }
}
