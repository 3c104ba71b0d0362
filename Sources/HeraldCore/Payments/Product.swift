/// What a product gives the member who buys it: credits, an access tier, the paid flag.
public struct ProductGrant: Sendable, Equatable {
    /// Credits per currency, all positive.
    public var credits: [Currency: Int64]
    public var tier: AccessTier?
    /// How long a one-off purchase's tier lasts; a subscription's tier follows its billing period instead.
    public var duration: AccessDuration
    /// Marks the member as paying (`users.is_paid`).
    public var paid: Bool

    public init(credits: [Currency: Int64] = [:], tier: AccessTier? = nil, duration: AccessDuration = .lifetime, paid: Bool = false) {
        self.credits = credits
        self.tier = tier
        self.duration = duration
        self.paid = paid
    }

    /// Whether buying it changes anything at all.
    public var isEmpty: Bool { credits.isEmpty && tier == nil && !paid }
}

/// The price a product is expected to be paid at, in the currency's minor unit.
public struct ProductPrice: Sendable, Equatable {
    public var amountMinor: Int64
    /// ISO 4217 code, upper case (`USD`, `XTR` for Telegram Stars).
    public var currency: String

    public init(amountMinor: Int64, currency: String) {
        self.amountMinor = amountMinor
        self.currency = currency.uppercased()
    }
}

/// One entry of the product catalogue: the processor ids that sell it and what it grants.
public struct Product: Sendable, Equatable {
    /// The catalogue key (`pro_monthly`); stored on payments and shown in receipts.
    public var key: String
    /// A human name for receipts; the key when not configured.
    public var name: String
    /// Processor ids that mean this product: Stripe price or product ids,
    /// Telegram invoice payloads, Paddle price ids, Lemon Squeezy variant ids.
    public var ids: [String]
    public var grant: ProductGrant
    /// When set, Telegram pre-checkout queries must match it.
    public var price: ProductPrice?

    public init(key: String, name: String? = nil, ids: [String], grant: ProductGrant, price: ProductPrice? = nil) {
        self.key = key
        self.name = name ?? key
        self.ids = ids
        self.grant = grant
        self.price = price
    }
}
