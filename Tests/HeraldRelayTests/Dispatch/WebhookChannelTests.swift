import Foundation
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import HeraldVerify
import Testing

/// Signed deliveries to integrator endpoints stored in the database, against a
/// local receiver that verifies the Standard Webhooks signature.
@Suite struct WebhookChannelTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let key = [UInt8](repeating: 7, count: 32)

    static func endpoint(_ store: Store, url: String, secret: String = secret, rate: Double? = nil) async throws -> Endpoint {
        let sealed = try SecretBox(key: key).seal(Array(secret.utf8))
        return try await store.endpoints.create(NewEndpoint(url: url, secretSealed: sealed, ratePerSecond: rate))
    }

    static func dispatcher(_ store: Store, _ transport: CurlTransport) throws -> Dispatcher {
        RelayHarness.dispatcher(store: store, transport: transport, webhookTargets: StoredWebhookTargets(store: store, secrets: try SecretBox(key: key)))
    }

    @Test(arguments: TestDatabase.allCases)
    func aDeliveryIsSignedWithTheEndpointsSecretAndKeepsItsIdAcrossRetries(database: TestDatabase) async throws {
        let receiver = FakeWebhookReceiver(secret: Self.secret)
        await receiver.fail(next: 1, status: 503)
        let transport = CurlTransport()
        try await database.withStore { store in
            try await receiver.serve { url in
                let endpoint = try await Self.endpoint(store, url: url)
                let item = try await RelayHarness.enqueue(store, .webhook, String(endpoint.id), #"{"type":"rank.changed","data":{"rank":3}}"#)
                let dispatcher = try Self.dispatcher(store, transport)
                try await dispatcher.deliverDue()
                let retrying = try #require(try await store.outbox.find(id: item.id))
                #expect(retrying.status == .retrying)
                #expect(retrying.lastStatusCode == 503)
                #expect(try await store.outbox.requeue(id: item.id))
                try await dispatcher.deliverDue()
                #expect(try await store.outbox.find(id: item.id)?.status == .delivered)
                let delivery = try #require(await receiver.deliveries.first)
                #expect(delivery.messageID == WebhookRequests.messageID(outboxID: item.id))
                #expect(delivery.body == #"{"type":"rank.changed","data":{"rank":3}}"#)
                #expect(delivery.contentType == "application/json")
                #expect(delivery.signature.hasPrefix("v1,"))
            }
        }
        #expect(await receiver.deliveryCount == 1)
        #expect(await receiver.refused == 0)
        await transport.shutdown()
    }

    @Test func aReceiverThatRejectsTheSignatureGetsNoSecondTryAndMissingOrDisabledEndpointsAreDead() async throws {
        let receiver = FakeWebhookReceiver(secret: "whsec_" + Data(repeating: 1, count: 24).base64EncodedString())
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await receiver.serve { url in
                let wrongSecret = try await Self.endpoint(store, url: url)
                let disabled = try await Self.endpoint(store, url: url)
                #expect(try await store.endpoints.disable(id: disabled.id))
                let refused = try await RelayHarness.enqueue(store, .webhook, String(wrongSecret.id), "{}")
                let toDisabled = try await RelayHarness.enqueue(store, .webhook, String(disabled.id), "{}")
                let toMissing = try await RelayHarness.enqueue(store, .webhook, "999999", "{}")
                try await RelayHarness.drain(try Self.dispatcher(store, transport), store: store)
                #expect(try await store.outbox.find(id: refused.id)?.lastStatusCode == 401)
                #expect(try await store.outbox.find(id: toDisabled.id)?.lastError == "endpoint \(disabled.id) is disabled")
                #expect(try await store.outbox.find(id: toMissing.id)?.lastError == "endpoint 999999 does not exist")
                #expect(try await store.outbox.depth() == [.dead: 3])
            }
        }
        #expect(await receiver.refused == 1)
        await transport.shutdown()
    }

    @Test func anEndpointsConfiguredRateSpacesItsDeliveries() async throws {
        let receiver = FakeWebhookReceiver(secret: Self.secret)
        let transport = CurlTransport()
        try await TestDatabase.sqlite.withStore { store in
            try await receiver.serve { url in
                let endpoint = try await Self.endpoint(store, url: url, rate: 5)
                for index in 0..<6 { try await RelayHarness.enqueue(store, .webhook, String(endpoint.id), #"{"n":\#(index)}"#) }
                try await RelayHarness.drain(try Self.dispatcher(store, transport), store: store)
            }
        }
        let times = await receiver.deliveries.map(\.at).sorted()
        #expect(times.count == 6)
        // Departures are 200 ms apart; arrivals may drift a little under load, never bunch up.
        if let first = times.first, let last = times.last { #expect(last - first >= .milliseconds(900)) }
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= .milliseconds(100))
        }
        await transport.shutdown()
    }
}
