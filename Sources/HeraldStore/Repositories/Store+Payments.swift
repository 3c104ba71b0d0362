/// The payment repositories, reached as `store.payments`, `store.access`, ….
extension Store {
    public var payments: PaymentRepository { PaymentRepository(backend: backend) }
    public var paymentGrants: PaymentGrantRepository { PaymentGrantRepository(backend: backend) }
    public var paymentRefunds: PaymentRefundRepository { PaymentRefundRepository(backend: backend) }
    public var paymentAliases: PaymentAliasRepository { PaymentAliasRepository(backend: backend) }
    public var subscriptions: SubscriptionRepository { SubscriptionRepository(backend: backend) }
    public var access: AccessRepository { AccessRepository(backend: backend) }
}
