import Foundation
import HeraldApp
import HeraldCore
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit

/// A catalogue and Herald settings for the payment tests.
enum PaymentFixtures {
    static let telegramAdminChat = "-1001234567890"
    static let discordAdminChannel = "1203040506070809"
    static let adminToken = "payments-admin-token-0123456789"

    static let catalogue = """
        payments:
          past_due_grace_days: 3
          products:
            ai_pack:
              name: AI pack
              ids: [price_1PaidAIPack]
              credits: {ai: 100}
              paid: true
            accelerator_30:
              name: Accelerator (30 days)
              ids: [price_1Accelerator30]
              credits: {ai: 50}
              tier: accelerator
              days: 30
            vip_monthly:
              name: VIP monthly
              ids: [price_1VipMonthly, prod_VipMonthly]
              credits: {ai: 500}
              tier: vip
              paid: true
            stars_pack:
              name: Stars pack
              ids: [stars_pack_100]
              credits: {ai: 20}
              price: {amount: 100, currency: XTR}
        """

    /// Writes `yaml` to a fresh file and returns the environment naming it.
    static func environment(yaml: String = catalogue) throws -> [String: String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("herald-payments-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return TestSecrets.environment.merging([
            "HERALD_CONFIG_FILE": file.path,
            "TELEGRAM_ADMIN_CHAT_ID": telegramAdminChat,
            "DISCORD_ADMIN_CHANNEL_ID": discordAdminChannel,
            "HERALD_ADMIN_TOKEN": adminToken,
            "TEMPLATES_DIRECTORY": NotificationAPITests.templatesDirectory,
        ]) { $1 }
    }

    /// The standard handlers plus the Telegram payment handler for `message` updates.
    static func handlers(_ configuration: HeraldConfiguration) throws -> InboundHandlerRegistry {
        let templates = try configuration.templates.loadLibrary(logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        var registry = InboundHandlerRegistry.core
        registry.registerPayments(configuration: configuration, templates: templates)
        registry.register(PaymentHandlers(configuration: configuration, templates: templates).telegramMessage, source: "telegram", type: "message")
        return registry
    }
}

/// A running Herald over `database` with the payment catalogue; the body gets a client, the store and the configuration.
/// With `shippedHandlers`, the registry `herald serve` builds is used instead of the payment handlers alone.
func withPaymentApplication(
    _ database: TestDatabase, yaml: String = PaymentFixtures.catalogue, shippedHandlers: Bool = false,
    _ body: @escaping @Sendable (any TestClientProtocol, Store, HeraldConfiguration) async throws -> Void
) async throws {
    let configuration = try await HeraldConfiguration.load(environment: try PaymentFixtures.environment(yaml: yaml))
    let handlers = shippedHandlers ? nil : try PaymentFixtures.handlers(configuration)
    try await database.withEmptyDatabase { url in
        let store = try await TestDatabase.openStore(url)
        try await store.closing { store in
            let app = try buildApplication(
                configuration: configuration, store: store, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                handlers: handlers, relay: false
            )
            try await app.test(.router) { client in try await body(client, store, configuration) }
        }
    }
}

/// Posts a Stripe-signed event and returns the response body.
@discardableResult
func postStripe(_ body: String, to client: some TestClientProtocol) async throws -> String {
    try await client.execute(
        uri: "/webhooks/stripe", method: .post,
        headers: [.init("Stripe-Signature")!: stripeSignature(body), .contentType: "application/json"], body: ByteBuffer(string: body)
    ) { response in
        guard response.status == .ok else { throw TestSetupError("Stripe webhook answered \(response.status)") }
        return String(buffer: response.body)
    }
}

/// Posts a Telegram update with the secret token and returns the response body.
@discardableResult
func postTelegram(_ body: String, to client: some TestClientProtocol) async throws -> String {
    try await client.execute(
        uri: "/webhooks/telegram", method: .post,
        headers: [.init("X-Telegram-Bot-Api-Secret-Token")!: TestSecrets.telegram, .contentType: "application/json"],
        body: ByteBuffer(string: body)
    ) { response in
        guard response.status == .ok else { throw TestSetupError("Telegram webhook answered \(response.status)") }
        return String(buffer: response.body)
    }
}

/// Small reads the payment tests check against.
enum PaymentChecks {
    static let ai = Currency(rawValue: "ai")!

    static func balance(_ store: Store, _ userID: Int64) async throws -> Int64 {
        try await store.ledger.balance(userID: userID, currency: ai)?.balance ?? 0
    }

    static func entries(_ store: Store, _ userID: Int64, type: LedgerEntryType) async throws -> [LedgerEntry] {
        try await store.ledger.entries(userID: userID, currency: ai).filter { $0.type == type.rawValue }
    }

    static func outbox(_ store: Store, template: String) async throws -> [(channel: String, destination: String, body: String)] {
        try await store.backend.withConnection { db in
            try await db.select().columns("channel", "destination", "body").from("outbox").where("template", .equal, SQLBind(template))
                .orderBy("id").all()
                .map { row in
                    (try row.decode(column: "channel", as: String.self), try row.decode(column: "destination", as: String.self),
                     try row.decode(column: "body", as: String.self))
                }
        }
    }

    static func isPaid(_ store: Store, _ userID: Int64) async throws -> Bool {
        try await store.users.find(id: userID)?.isPaid ?? false
    }

    static func member(_ store: Store, email: String? = nil, telegramID: Int64? = nil, discordID: String? = nil) async throws -> Int64 {
        try await store.users.create(NewUser(email: email, discordID: discordID, telegramID: telegramID)).id
    }
}
