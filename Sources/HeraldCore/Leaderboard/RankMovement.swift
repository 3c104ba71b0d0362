/// How a member moved since their rank last changed, as shown next to the
/// board (▲2, ▼1).
public enum RankMovement: Sendable, Equatable {
    case up(Int)
    case down(Int)
    case unchanged
    /// Ranked for the first time.
    case new

    public init(previousRank: Int?, rank: Int) {
        guard let previousRank else {
            self = .new
            return
        }
        if rank < previousRank {
            self = .up(previousRank - rank)
        } else if rank > previousRank {
            self = .down(rank - previousRank)
        } else {
            self = .unchanged
        }
    }

    /// `▲2`, `▼1`, `–` or `new`.
    public var symbol: String {
        switch self {
        case .up(let places): "▲\(places)"
        case .down(let places): "▼\(places)"
        case .unchanged: "–"
        case .new: "new"
        }
    }

    /// Places gained (negative when lost), 0 when unchanged or new.
    public var delta: Int {
        switch self {
        case .up(let places): places
        case .down(let places): -places
        case .unchanged, .new: 0
        }
    }
}
