import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// Channel messages through a local server that plays Discord's message endpoint.
@Suite struct DiscordDeliveryTests {
    final class Inbox: Sendable {
        let messages = Mutex<[(channel: String, authorization: String, content: String)]>([])
    }

    @Test func aChannelMessageIsPostedWithTheBotTokenAndBucketHeadersAreLearned() async throws {
        let inbox = Inbox()
        let router = Router()
        router.post("/api/v10/channels/{channel}/messages") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
            let channel = try context.parameters.require("channel")
            if channel == "404404404404404404" {
                return Response(status: .notFound, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: #"{"message": "Unknown Channel", "code": 10003}"#)))
            }
            inbox.messages.withLock {
                $0.append((channel, request.headers[.authorization] ?? "", json?["content"] as? String ?? ""))
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/json", .init("X-RateLimit-Bucket")!: "abcd1234", .init("X-RateLimit-Limit")!: "5",
                    .init("X-RateLimit-Remaining")!: "4", .init("X-RateLimit-Reset-After")!: "1.0",
                ],
                body: .init(byteBuffer: ByteBuffer(string: #"{"id":"1","channel_id":"\#(channel)"}"#))
            )
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "fake-discord"))
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let ok = try await store.outbox.enqueue(NewNotification(channel: .discordMessage, destination: "1100000000000000000", body: "Rank up!")).item
                let missing = try await store.outbox.enqueue(NewNotification(channel: .discordMessage, destination: "404404404404404404", body: "x")).item
                let dispatcher = Dispatcher(
                    store: store, transport: transport,
                    channels: ChannelSenders(
                        telegram: nil, discord: DiscordRequests(baseURL: "http://127.0.0.1:\(port)/api/v10", botToken: "bot-token"), pacer: Pacer()
                    ),
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
                )
                #expect(try await dispatcher.deliverDue() == 2)
                #expect(try await store.outbox.find(id: ok.id)?.status == .delivered)
                let dead = try #require(try await store.outbox.find(id: missing.id))
                #expect(dead.status == .dead)
                #expect(dead.lastError?.contains("Unknown Channel") == true)
            }
        }
        let messages = inbox.messages.withLock { $0 }
        #expect(messages.count == 1)
        #expect(messages.first?.channel == "1100000000000000000")
        #expect(messages.first?.authorization == "Bot bot-token")
        #expect(messages.first?.content == "Rank up!")
        await transport.shutdown()
    }
}
