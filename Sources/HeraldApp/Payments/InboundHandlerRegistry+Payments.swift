import HeraldRelay
import Logging

/// The payment handlers, built from the product catalogue and templates.
extension InboundHandlerRegistry {
    /// Registers Stripe's payment and subscription events, Telegram's
    /// pre-checkout queries, and every event of generic sources with the
    /// `paddle` or `lemonsqueezy` preset. Telegram's `message` updates are left to the
    /// bot's handler, which hands those carrying a payment to
    /// `PaymentHandlers.telegramMessage`. Sources with the `yookassa` preset read
    /// payments back from YooKassa's API through `transport` (nil: one process-wide
    /// libcurl transport, made when first needed, as `herald inbox replay` uses).
    public mutating func registerPayments(configuration: HeraldConfiguration, templates: TemplateLibrary, transport: (any HTTPTransport)? = nil) {
        let handlers = PaymentHandlers(configuration: configuration, templates: templates)
        for type in StripePaymentHandler.types { register(handlers.stripePayments, source: "stripe", type: type) }
        for type in StripeSubscriptionHandler.types { register(handlers.stripeSubscriptions, source: "stripe", type: type) }
        register(StripeDisputeHandler(notices: handlers.settlement.notices), source: "stripe", type: "charge.dispute.created")
        register(handlers.telegramPreCheckout, source: "telegram", type: "pre_checkout_query")
        for source in configuration.inbound.sources {
            switch source.preset {
            case .paddle: registerFallback(handlers.mapped("paddle", PaddleEvents.map), source: source.name)
            case .lemonsqueezy: registerFallback(handlers.mapped("lemonsqueezy", LemonSqueezyEvents.map), source: source.name)
            case .yookassa:
                guard let handler = handlers.yookassa(configuration.yookassa, transport: transport ?? YooKassaTransport.fallback) else { continue }
                registerFallback(handler, source: source.name)
            default: break
            }
        }
    }
}

/// Every payment handler over one settlement, for registering or composing.
public struct PaymentHandlers: Sendable {
    let settlement: PaymentSettlement
    let pastDueGraceDays: Int

    public init(configuration: HeraldConfiguration, templates: TemplateLibrary) {
        settlement = PaymentSettlement(
            catalogue: configuration.payments.catalogue,
            notices: PaymentNotices(
                templates: templates, telegramAdminChatID: configuration.telegram.adminChatID,
                discordAdminChannelID: configuration.discord.adminChannelID, adminLocale: configuration.community.adminLocale
            )
        )
        pastDueGraceDays = configuration.payments.pastDueGraceDays
    }

    var stripePayments: any InboundEventHandler { StripePaymentHandler(payments: settlement) }
    var stripeSubscriptions: any InboundEventHandler { StripeSubscriptionHandler(payments: settlement, pastDueGraceDays: pastDueGraceDays) }
    func mapped(_ processor: String, _ map: @escaping @Sendable (String, JSONValue) throws(EventDataError) -> ProcessorEvent) -> any InboundEventHandler {
        MappedPaymentHandler(processor: processor, map: map, payments: settlement, pastDueGraceDays: pastDueGraceDays)
    }
    func yookassa(_ settings: YooKassaSettings, transport: any HTTPTransport) -> (any InboundEventHandler)? {
        guard let credentials = settings.credentials else { return nil }
        return YooKassaPaymentHandler(
            client: YooKassaClient(apiBaseURL: settings.apiBaseURL, shopID: credentials.shopID, secretKey: credentials.secretKey, transport: transport),
            payments: MappedPaymentHandler(processor: "yookassa", map: YooKassaEvents.map, payments: settlement, pastDueGraceDays: pastDueGraceDays)
        )
    }
    var telegramPreCheckout: any InboundEventHandler { TelegramPreCheckoutHandler(catalogue: settlement.catalogue) }
    /// Handles `message` updates carrying `successful_payment`; every other message is `ignored`.
    public var telegramMessage: any InboundEventHandler { TelegramPaymentHandler(payments: settlement) }
}

/// The transport YooKassa read-backs use when the caller passes none.
enum YooKassaTransport {
    static let fallback = CurlTransport(logger: Logger(label: "herald.yookassa"))
}
