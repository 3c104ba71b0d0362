import Foundation
import Hummingbird
import NIOCore

/// A local server that plays the Telegram Bot API's `sendMessage`, enforcing
/// its published limits with sliding windows: per bot per second, per chat per
/// second, and per group (negative chat id) per minute. A message over a limit
/// is answered 429 with Telegram's own body (`parameters.retry_after`).
///
/// On cue it answers 5xx, stalls, or refuses a chat with 403 (bot blocked);
/// a wrong token in the path is a 401, as Telegram answers it.
public actor FakeTelegram {
    /// One message Telegram accepted.
    public struct Message: Sendable {
        public let chatID: String
        public let text: String
        public let parseMode: String?
        public let replyMarkup: String?
        public let at: ContinuousClock.Instant
    }

    /// The limits enforced; the defaults are Telegram's published ones.
    public struct Limits: Sendable {
        public var perBotPerSecond = 30
        public var perChatPerSecond = 1
        public var perGroupPerMinute = 20
        public init(perBotPerSecond: Int = 30, perChatPerSecond: Int = 1, perGroupPerMinute: Int = 20) {
            self.perBotPerSecond = perBotPerSecond
            self.perChatPerSecond = perChatPerSecond
            self.perGroupPerMinute = perGroupPerMinute
        }
    }

    public let token: String
    public let limits: Limits
    public private(set) var messages: [Message] = []
    public private(set) var tooManyRequests = 0
    public private(set) var requests = 0
    private var blocked: Set<String> = []
    private var failures: [Int] = []
    private var stall: (count: Int, duration: Duration) = (0, .zero)
    private var bot: SlidingWindow
    private var chats: [String: SlidingWindow] = [:]
    private var groups: [String: SlidingWindow] = [:]

    public init(token: String, limits: Limits = Limits()) {
        self.token = token
        self.limits = limits
        bot = SlidingWindow(limit: limits.perBotPerSecond, window: .seconds(1))
    }

    /// Answers 403 "bot was blocked by the user" for this chat.
    public func block(_ chatID: String) { blocked.insert(chatID) }
    /// Answers the next `count` requests with `status` (e.g. 500, 502).
    public func fail(next count: Int, status: Int = 500) { failures += Array(repeating: status, count: count) }
    /// Holds the next `count` answers for `duration` before accepting them.
    public func stall(next count: Int, for duration: Duration) { stall = (count, duration) }

    /// Messages accepted for one chat, oldest first.
    public func messages(in chatID: String) -> [Message] { messages.filter { $0.chatID == chatID } }

    /// Serves until `body` returns; passes the API base URL (as `TELEGRAM_API_BASE_URL`).
    public func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.post("/{bot}/{method}") { request, context -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let method = context.parameters.get("method") ?? ""
            let delay = await self.takeStall()
            if delay > .zero { try await Task.sleep(for: delay) }
            return await self.answer(bot: context.parameters.get("bot") ?? "", method: method, body: Data(bytes.readableBytesView))
        }
        return try await LocalHTTPServer.serve(router, label: "fake-telegram", body)
    }

    private func takeStall() -> Duration {
        guard stall.count > 0 else { return .zero }
        stall.count -= 1
        return stall.duration
    }

    func answer(bot path: String, method: String, body: Data) -> Response {
        requests += 1
        guard path == "bot\(token)" else {
            return .json(.unauthorized, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#)
        }
        if !failures.isEmpty {
            let status = failures.removeFirst()
            return .json(.init(code: status), #"{"ok":false,"error_code":\#(status),"description":"Internal Server Error"}"#)
        }
        guard method == "sendMessage" else {
            return .json(.notFound, #"{"ok":false,"error_code":404,"description":"Not Found: method not found"}"#)
        }
        guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let chat = json["chat_id"],
            let text = json["text"] as? String, !text.isEmpty
        else {
            return .json(.badRequest, #"{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}"#)
        }
        guard text.utf16.count <= 4096 else {
            return .json(.badRequest, #"{"ok":false,"error_code":400,"description":"Bad Request: message is too long"}"#)
        }
        let chatID = "\(chat)"
        if blocked.contains(chatID) {
            return .json(.forbidden, #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#)
        }
        let now = ContinuousClock.now
        var chatWindow = chats[chatID] ?? SlidingWindow(limit: limits.perChatPerSecond, window: .seconds(1))
        var groupWindow = chatID.hasPrefix("-") ? (groups[chatID] ?? SlidingWindow(limit: limits.perGroupPerMinute, window: .seconds(60))) : nil
        let refusals = [
            bot.allows(at: now) ? nil : bot.secondsUntilFree(at: now),
            chatWindow.allows(at: now) ? nil : chatWindow.secondsUntilFree(at: now),
            groupWindow.map { window -> Double? in
                var window = window
                return window.allows(at: now) ? nil : window.secondsUntilFree(at: now)
            } ?? nil,
        ].compactMap { $0 }
        if let wait = refusals.max() {
            tooManyRequests += 1
            let seconds = max(1, Int(wait.rounded(FloatingPointRoundingRule.up)))
            return .json(
                .tooManyRequests,
                #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after \#(seconds)","parameters":{"retry_after":\#(seconds)}}"#
            )
        }
        bot.record(now)
        chatWindow.record(now)
        groupWindow?.record(now)
        chats[chatID] = chatWindow
        if let groupWindow { groups[chatID] = groupWindow }
        let markup = (json["reply_markup"]).flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
        messages.append(Message(
            chatID: chatID, text: text, parseMode: json["parse_mode"] as? String,
            replyMarkup: markup.map { String(decoding: $0, as: UTF8.self) }, at: now
        ))
        return .json(.ok, #"{"ok":true,"result":{"message_id":\#(messages.count),"date":0,"chat":{"id":\#(chatID),"type":"private"}}}"#)
    }
}
