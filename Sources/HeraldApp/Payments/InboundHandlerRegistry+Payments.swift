import HeraldRelay

/// The payment handlers, built from the product catalogue and templates.
extension InboundHandlerRegistry {
    /// Registers Stripe's payment and subscription events and Telegram's
    /// pre-checkout queries. Telegram's `message` updates are left to the
    /// bot's handler, which hands those carrying a payment to
    /// `PaymentHandlers.telegramMessage`.
    public mutating func registerPayments(configuration: HeraldConfiguration, templates: TemplateLibrary) {
        let handlers = PaymentHandlers(configuration: configuration, templates: templates)
        for type in StripePaymentHandler.types { register(handlers.stripePayments, source: "stripe", type: type) }
        for type in StripeSubscriptionHandler.types { register(handlers.stripeSubscriptions, source: "stripe", type: type) }
        register(handlers.telegramPreCheckout, source: "telegram", type: "pre_checkout_query")
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
                discordAdminChannelID: configuration.discord.adminChannelID
            )
        )
        pastDueGraceDays = configuration.payments.pastDueGraceDays
    }

    var stripePayments: any InboundEventHandler { StripePaymentHandler(payments: settlement) }
    var stripeSubscriptions: any InboundEventHandler { StripeSubscriptionHandler(payments: settlement, pastDueGraceDays: pastDueGraceDays) }
    var telegramPreCheckout: any InboundEventHandler { TelegramPreCheckoutHandler(catalogue: settlement.catalogue) }
    /// Handles `message` updates carrying `successful_payment`; every other message is `ignored`.
    public var telegramMessage: any InboundEventHandler { TelegramPaymentHandler(payments: settlement) }
}
