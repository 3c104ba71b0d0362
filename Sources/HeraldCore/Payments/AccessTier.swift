import Foundation

/// A level of paid access a product can unlock, lowest first.
///
/// A member holding several tiers at once is treated as holding the highest.
public enum AccessTier: String, Sendable, Codable, CaseIterable, Comparable {
    case basic
    case accelerator
    case vip

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: AccessTier, rhs: AccessTier) -> Bool { lhs.rank < rhs.rank }
}

/// How long the access a one-off payment buys lasts.
public enum AccessDuration: Sendable, Equatable {
    case days(Int)
    case lifetime

    /// The end of access bought at `start`; nil for lifetime access.
    public func expiry(from start: Date) -> Date? {
        switch self {
        case .days(let days): start.addingTimeInterval(Double(days) * 86_400)
        case .lifetime: nil
        }
    }
}
