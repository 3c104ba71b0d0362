import Foundation

/// A subscription's state, named as Stripe names it (other processors are mapped onto these).
public enum SubscriptionStatus: String, Sendable, Codable, CaseIterable {
    case incomplete
    case incompleteExpired = "incomplete_expired"
    case trialing
    case active
    case pastDue = "past_due"
    case canceled
    case unpaid
    case paused
}

/// The access a subscription gives, from the subscription's own state.
///
/// `trialing` and `active` give access to the end of the paid period;
/// `past_due` keeps it for the configured grace after that; `canceled` and
/// `unpaid` keep what was paid for until the period ends; the rest give none.
public enum SubscriptionAccess: Sendable, Equatable {
    case none
    /// Access until the date; nil when the processor sent no period end.
    case until(Date?)

    public init(status: SubscriptionStatus, currentPeriodEnd: Date?, pastDueGraceDays: Int) {
        switch status {
        case .trialing, .active, .canceled, .unpaid:
            self = .until(currentPeriodEnd)
        case .pastDue:
            self = .until(currentPeriodEnd.map { $0.addingTimeInterval(Double(pastDueGraceDays) * 86_400) })
        case .incomplete, .incompleteExpired, .paused:
            self = .none
        }
    }

    /// Whether the access holds at `now`.
    public func isActive(at now: Date) -> Bool {
        switch self {
        case .none: false
        case .until(let end): end.map { $0 > now } ?? true
        }
    }
}

/// Orders a processor's events about one object by their creation time.
public enum EventOrder {
    /// An event created before the state already stored is stale and must change nothing.
    /// Events of the same second are applied (processors stamp whole seconds).
    public static func isStale(eventCreated: Date, storedCreated: Date?) -> Bool {
        guard let storedCreated else { return false }
        return eventCreated < storedCreated
    }
}
