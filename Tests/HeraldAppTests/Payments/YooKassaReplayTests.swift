import Foundation
import HeraldApp
import HeraldCore
import HeraldFakes
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// What a YooKassa payment that cannot be granted leaves behind, and how it is granted later.
@Suite struct YooKassaReplayTests {
    typealias C = PaymentChecks
    typealias Y = YooKassaFixtures
    static let paymentID = "2eb8e8d1-000f-5000-9000-1b6f2b2e1a48"

    @Test(arguments: TestDatabase.allCases)
    func anUnknownProductIsStoredFailedAndGrantedByReplayAfterTheFix(database: TestDatabase) async throws {
        try await Y.withApplication(database) { client, store, fake, configuration in
            let member = try await C.member(store)
            var payment = Y.payment(Self.paymentID, member: member)
            payment.metadata["herald_product"] = "ai_pack_2027"
            await fake.put(payment)
            let answer = try await Y.post(Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member), to: client)
            #expect(answer.status == .ok && answer.body == #"{"status":"failed"}"#)
            let stored = try #require(try await store.inbox.list(status: .failed, source: "yookassa").first)
            #expect(stored.error?.contains("ai_pack_2027") == true)
            #expect(try await C.balance(store, member) == 0)

            // The operator adds the id to the catalogue and replays: the payment is read back again, then granted.
            var fixed = try PaymentFixtures.environment(
                yaml: Y.yaml.replacingOccurrences(of: "ids: [price_1PaidAIPack]", with: "ids: [price_1PaidAIPack, ai_pack_2027]")
            )
            fixed["YOOKASSA_SHOP_ID"] = Y.shopID
            fixed["YOOKASSA_SECRET_KEY"] = Y.secretKey
            fixed["YOOKASSA_API_BASE_URL"] = configuration.yookassa.apiBaseURL.absoluteString
            let fixedConfiguration = try await HeraldConfiguration.load(environment: fixed)
            let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let handlers = InboundHandlerRegistry.standard(
                configuration: fixedConfiguration, templates: try fixedConfiguration.templates.loadLibrary(logger: logger), transport: CurlTransport()
            )
            let reads = await fake.reads
            #expect(try await InboxProcessor(store: store, handlers: handlers, logger: logger).replay(stored) == .processed)
            #expect(await fake.reads == reads + 1)
            #expect(try await C.balance(store, member) == 100)
            #expect(try await store.payments.find(processor: "yookassa", externalID: Self.paymentID)?.product == "ai_pack")
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func refusedShopCredentialsAnswer503WithoutEchoingTheKey(database: TestDatabase) async throws {
        let wrongKey = "test_wrong_key_b9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5"
        try await Y.withApplication(database, secretKey: wrongKey) { client, store, fake, _ in
            let member = try await C.member(store)
            await fake.put(Y.payment(Self.paymentID, member: member))
            let answer = try await Y.post(Y.notification("payment.succeeded", id: Self.paymentID, status: "succeeded", member: member), to: client)
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.body.contains("YOOKASSA_SECRET_KEY"))
            #expect(!answer.body.contains(wrongKey) && !answer.body.contains(Y.secretKey))
            #expect(await fake.refusedCredentials == 1)
            #expect(try await store.inbox.count(source: "yookassa") == 0)
        }
    }
}
