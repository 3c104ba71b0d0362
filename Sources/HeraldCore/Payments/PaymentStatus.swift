/// Where a payment stands, as stored in `payments.status`.
///
/// Processors deliver events out of order, so a payment's status only moves
/// forward: pending → failed → completed → refunded. A late "failed" or
/// "pending" never undoes a completion (a succeeded Stripe payment is final;
/// a failed attempt may still be followed by a successful one).
public enum PaymentStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case pending
    case failed
    case completed
    case refunded

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: PaymentStatus, rhs: PaymentStatus) -> Bool { lhs.rank < rhs.rank }

    /// The status after also learning `other`, whatever order the two were learnt in.
    public func merged(with other: PaymentStatus) -> PaymentStatus { max(self, other) }
}

/// What one event tells about a payment; nil fields are unknown to that event.
///
/// Merging observations is commutative, so the stored row is the same
/// whichever order the events arrive in.
public struct PaymentObservation: Sendable, Equatable {
    public var status: PaymentStatus
    public var amountMinor: Int64?
    public var currency: String?
    /// The processor's cumulative refunded amount (never a delta).
    public var amountRefundedMinor: Int64?
    /// The catalogue key of the product paid for.
    public var product: String?
    public var userID: Int64?
    /// The processor's subscription this payment is an invoice of: its access
    /// tier follows that subscription, so the payment grants only credits and the paid flag.
    public var subscriptionID: String?

    public init(
        status: PaymentStatus, amountMinor: Int64? = nil, currency: String? = nil, amountRefundedMinor: Int64? = nil,
        product: String? = nil, userID: Int64? = nil, subscriptionID: String? = nil
    ) {
        self.status = status
        self.amountMinor = amountMinor
        self.currency = currency
        self.amountRefundedMinor = amountRefundedMinor
        self.product = product
        self.userID = userID
        self.subscriptionID = subscriptionID
    }

    /// Both observations together: the further status, the larger refunded
    /// amount (all of it once refunded), and the first known value of every other field.
    public func merged(with other: PaymentObservation) -> PaymentObservation {
        var result = self
        result.status = status.merged(with: other.status)
        result.amountMinor = amountMinor ?? other.amountMinor
        result.currency = currency ?? other.currency
        result.amountRefundedMinor = [amountRefundedMinor, other.amountRefundedMinor].compactMap { $0 }.max()
        result.product = product ?? other.product
        result.userID = userID ?? other.userID
        result.subscriptionID = subscriptionID ?? other.subscriptionID
        if let amount = result.amountMinor, let refunded = result.amountRefundedMinor, amount > 0, refunded >= amount {
            result.status = .refunded
        }
        // A processor saying "refunded" without a running total means all of it.
        if result.status == .refunded, let amount = result.amountMinor {
            result.amountRefundedMinor = max(result.amountRefundedMinor ?? 0, amount)
        }
        return result
    }
}
