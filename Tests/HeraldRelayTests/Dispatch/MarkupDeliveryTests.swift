import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Testing

/// Buttons travel with a message: under the last part on Discord, as the
/// inline keyboard on Telegram.
@Suite struct MarkupDeliveryTests {
    static let components = #"[{"components":[{"custom_id":"credit_request:approve:1","label":"Approve","style":3,"type":2}],"type":1}]"#
    static let keyboard = #"{"inline_keyboard":[[{"callback_data":"credit_request:approve:1","text":"Approve"}]]}"#

    @Test func discordButtonsGoUnderTheLastPartOfASplitMessage() async throws {
        let fake = FakeDiscord(token: RelayHarness.discordToken)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                let long = (1...60).map { "line \($0): " + String(repeating: "x", count: 40) }.joined(separator: "\n")
                _ = try await store.outbox.enqueue(NewNotification(
                    channel: .discordMessage, destination: "1100000000000000000", body: long, markupJSON: Self.components
                ))
                let dispatcher = RelayHarness.dispatcher(store: store, transport: transport, discord: baseURL)
                try await RelayHarness.drain(dispatcher, store: store)
                #expect(try await store.outbox.depth() == [.delivered: 1])
            }
        }
        let posts = await fake.calls.filter { $0.path == "/channels/1100000000000000000/messages" }
        #expect(posts.count == 2)
        #expect(posts.first?.body["components"] == nil)
        #expect(posts.last?.body["components"] == .json(Self.components))
        await transport.shutdown()
    }

    @Test func telegramGetsTheInlineKeyboard() async throws {
        let fake = FakeTelegram(token: RelayHarness.telegramToken)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await fake.serve { baseURL in
                let item = try await store.outbox.enqueue(NewNotification(
                    channel: .telegramMessage, destination: "-1001234567890", body: "Request #1 <b>", markupJSON: Self.keyboard
                )).item
                #expect(item.markup == Self.keyboard)
                let dispatcher = RelayHarness.dispatcher(store: store, transport: transport, telegram: baseURL)
                try await RelayHarness.drain(dispatcher, store: store)
            }
        }
        let message = try #require(await fake.messages.first)
        #expect(message.text == "Request #1 &lt;b&gt;")
        #expect(message.replyMarkup == Self.keyboard)
        await transport.shutdown()
    }

    @Test(arguments: TestDatabase.allCases)
    func markupIsStoredAsJSONOnBothDatabases(database: TestDatabase) async throws {
        try await database.withStore { store in
            let item = try await store.outbox.enqueue(NewNotification(
                channel: .telegramMessage, destination: "1", body: "x", markupJSON: Self.keyboard
            )).item
            let found = try #require(try await store.outbox.find(id: item.id))
            let decoded = try JSONSerialization.jsonObject(with: Data(try #require(found.markup).utf8)) as? [String: Any]
            #expect(decoded?["inline_keyboard"] != nil)
            let plain = try await store.outbox.enqueue(NewNotification(channel: .telegramMessage, destination: "1", body: "y")).item
            #expect(plain.markup == nil)
        }
    }
}
