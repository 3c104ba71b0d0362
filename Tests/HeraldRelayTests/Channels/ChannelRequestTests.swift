import Foundation
import HeraldRelay
import Testing

@Suite struct ChannelRequestTests {
    let discord = DiscordRequests(baseURL: "http://127.0.0.1:9999/api/v10/", botToken: "bot-token")
    let telegram = TelegramRequests(baseURL: "http://127.0.0.1:9998", botToken: "123:ABC")

    func json(_ request: OutboundRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func aDMOpensTheChannelThenPosts() throws {
        let open = discord.createDM(recipientID: "80351110224678912")
        #expect(open.method == "POST")
        #expect(open.url == "http://127.0.0.1:9999/api/v10/users/@me/channels")
        #expect(open.headers.contains { $0 == (name: "Authorization", value: "Bot bot-token") })
        #expect(open.headers.contains { $0.name == "User-Agent" && $0.value.hasPrefix("DiscordBot (") })
        #expect(try json(open)["recipient_id"] as? String == "80351110224678912")

        let post = discord.createMessage(channelID: "1111", content: "You reached rank #3 @everyone")
        #expect(post.url.hasSuffix("/channels/1111/messages"))
        let body = try json(post)
        #expect(body["content"] as? String == "You reached rank #3 @everyone")
        #expect((body["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
    }

    @Test func rolesArePutAndDeletedWithAnAuditReason() {
        let add = discord.setRole(guildID: "1", userID: "2", roleID: "3", present: true, reason: "Rank Gold reached")
        #expect(add.method == "PUT")
        #expect(add.url == "http://127.0.0.1:9999/api/v10/guilds/1/members/2/roles/3")
        #expect(add.body.isEmpty)
        #expect(add.headers.contains { $0.name == "X-Audit-Log-Reason" && $0.value == "Rank%20Gold%20reached" })
        #expect(discord.setRole(guildID: "1", userID: "2", roleID: "3", present: false).method == "DELETE")
    }

    @Test func followupsUseTheInteractionTokenWithoutTheBotToken() {
        let edit = discord.followup(applicationID: "11", interactionToken: "tok", content: "done", editOriginal: true)
        #expect(edit.method == "PATCH")
        #expect(edit.url.hasSuffix("/webhooks/11/tok/messages/@original"))
        #expect(!edit.headers.contains { $0.name == "Authorization" })
        #expect(discord.followup(applicationID: "11", interactionToken: "tok", content: "x", editOriginal: false).method == "POST")
    }

    @Test func telegramSendsHTMLWithANumericChatID() throws {
        let request = telegram.sendMessage(
            chatID: "-1001234567890", htmlText: "<b>Approved</b>",
            replyMarkupJSON: #"{"inline_keyboard":[[{"text":"Open","url":"https://example.com"}]]}"#
        )
        #expect(request.url == "http://127.0.0.1:9998/bot123:ABC/sendMessage")
        let body = try json(request)
        #expect(body["chat_id"] as? Int64 == -1_001_234_567_890)
        #expect(body["parse_mode"] as? String == "HTML")
        #expect(body["text"] as? String == "<b>Approved</b>")
        #expect(body["reply_markup"] != nil)
        #expect(try json(telegram.sendMessage(chatID: "@channelname", htmlText: "x"))["chat_id"] as? String == "@channelname")
    }

    @Test func telegramHTMLIsEscaped() {
        #expect(TelegramRequests.escapeHTML(#"<script>"Tom & Jerry"</script>"#) == "&lt;script&gt;&quot;Tom &amp; Jerry&quot;&lt;/script&gt;")
    }
}
