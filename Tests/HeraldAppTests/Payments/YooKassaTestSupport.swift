import Foundation
import HeraldApp
import HeraldFakes
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A Herald with a `yookassa` source served over real HTTP (the allowlist needs
/// a client address), reading payments back from a `FakeYooKassa`.
enum YooKassaFixtures {
    static let shopID = "506751"
    static let secretKey = "test_Fh8hUAVVBGUGbjmlzba6TB0iyUbos_lueTHE-axOwM0"
    /// A published YooKassa address, as the trusted local proxy forwards it.
    static let yookassaAddress = "185.71.76.10"
    static let yaml = PaymentFixtures.catalogue + """

        http:
          trusted_proxies: ["127.0.0.0/8", "::1/128"]
        sources:
          yookassa:
            preset: yookassa
        """

    /// Runs `body` with a client, the store and the fake API, over `database`.
    static func withApplication(
        _ database: TestDatabase, _ body: @escaping @Sendable (any TestClientProtocol, Store, FakeYooKassa) async throws -> Void
    ) async throws {
        try await withApplication(database) { client, store, fake, _ in try await body(client, store, fake) }
    }

    /// Also passes the configuration Herald runs with; `secretKey` is the key Herald is given.
    static func withApplication(
        _ database: TestDatabase, secretKey herald: String = secretKey,
        _ body: @escaping @Sendable (any TestClientProtocol, Store, FakeYooKassa, HeraldConfiguration) async throws -> Void
    ) async throws {
        let fake = FakeYooKassa(shopID: shopID, secretKey: secretKey)
        try await fake.serve { baseURL in
            var environment = try PaymentFixtures.environment(yaml: yaml)
            environment["YOOKASSA_SHOP_ID"] = shopID
            environment["YOOKASSA_SECRET_KEY"] = herald
            environment["YOOKASSA_API_BASE_URL"] = baseURL
            let configuration = try await HeraldConfiguration.load(environment: environment)
            try await database.withEmptyDatabase { url in
                let store = try await TestDatabase.openStore(url)
                try await store.closing { store in
                    // No handlers given: the registry `herald serve` builds, with the application's own transport.
                    let app = try buildApplication(
                        configuration: configuration, store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                        relay: false, leaderboardJob: false
                    )
                    try await app.test(.live) { client in try await body(client, store, fake, configuration) }
                }
            }
        }
    }

    /// A notification as YooKassa posts it: the event and a snapshot of the object (which Herald does not believe).
    static func notification(_ event: String, id: String, status: String, amount: String = "1990.00", paymentID: String? = nil, member: Int64 = 1)
        -> String
    {
        var object: [String: Any] = [
            "id": id, "status": status, "amount": ["value": amount, "currency": "RUB"], "created_at": "2026-12-01T09:14:04.137Z",
        ]
        if let paymentID {
            object["payment_id"] = paymentID
        } else {
            object["paid"] = status == "succeeded"
            object["metadata"] = ["herald_user_id": String(member), "herald_product": "ai_pack"]
        }
        let body: [String: Any] = ["type": "notification", "event": event, "object": object]
        return String(decoding: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Posts `body` to `/webhooks/yookassa` as if from `address`; returns the status and the answer.
    @discardableResult
    static func post(_ body: String, from address: String = yookassaAddress, to client: some TestClientProtocol) async throws
        -> (status: HTTPResponse.Status, body: String)
    {
        try await client.execute(
            uri: "/webhooks/yookassa", method: .post,
            headers: [.contentType: "application/json", .init("X-Forwarded-For")!: address], body: ByteBuffer(string: body)
        ) { response in (response.status, String(buffer: response.body)) }
    }

    /// A payment the shop created for `member` buying the AI pack (1,990.00 RUB).
    static func payment(_ id: String, status: String = "succeeded", amount: String = "1990.00", refunded: String? = nil, member: Int64)
        -> FakeYooKassa.Payment
    {
        FakeYooKassa.Payment(
            id: id, status: status, amount: amount, refunded: refunded,
            metadata: ["herald_user_id": String(member), "herald_product": "ai_pack", "order_id": "37"]
        )
    }
}
