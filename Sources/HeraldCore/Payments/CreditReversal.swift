/// How many credits a refund takes back from one grant.
///
/// The target is the refunded share of what was granted (all of it for a full
/// refund). Credits are taken back only down to a zero balance: what could not
/// be taken, because the member already spent it, is the shortfall, recorded
/// so the loss is visible rather than hidden.
public struct CreditReversal: Sendable, Equatable {
    /// Credits to debit now.
    public var take: Int64
    /// Credits owed back that the balance could not cover.
    public var shortfall: Int64

    public init(take: Int64, shortfall: Int64) {
        self.take = take
        self.shortfall = shortfall
    }

    /// The share of `granted` a cumulative refund of `refundedMinor` out of `amountMinor` reverses.
    public static func target(granted: Int64, amountMinor: Int64, refundedMinor: Int64) -> Int64 {
        guard granted > 0, refundedMinor > 0 else { return 0 }
        guard amountMinor > 0, refundedMinor < amountMinor else { return granted }
        let product = granted.multipliedFullWidth(by: refundedMinor)
        return amountMinor.dividingFullWidth(product).quotient
    }

    /// The reversal still due for a grant, given what earlier refunds already accounted for.
    /// - Parameters:
    ///   - granted: credits the payment granted.
    ///   - accounted: credits earlier refunds already took back or recorded as shortfall.
    ///   - balance: the member's balance now.
    public static func due(
        granted: Int64, accounted: Int64, amountMinor: Int64, refundedMinor: Int64, balance: Int64
    ) -> CreditReversal {
        let needed = target(granted: granted, amountMinor: amountMinor, refundedMinor: refundedMinor) - accounted
        guard needed > 0 else { return CreditReversal(take: 0, shortfall: 0) }
        let take = min(needed, max(balance, 0))
        return CreditReversal(take: take, shortfall: needed - take)
    }
}
