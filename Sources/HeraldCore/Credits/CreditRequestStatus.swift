/// The life of a member's request for credits.
///
/// `pending` is the only state that can move; every decision is final. Keeping
/// the rule here lets the store, the commands and the API agree on it.
public enum CreditRequestStatus: String, Sendable, Codable, CaseIterable {
    case pending, approved, rejected, cancelled

    /// Whether a request in this state can move to `next`.
    public func canTransition(to next: CreditRequestStatus) -> Bool {
        self == .pending && next != .pending
    }

    /// The state after a move, or the reason it is refused.
    public func transition(to next: CreditRequestStatus) throws(CreditRequestError) -> CreditRequestStatus {
        guard canTransition(to: next) else { throw .alreadyDecided(current: self, attempted: next) }
        return next
    }
}

/// Why a credit request could not change state.
public enum CreditRequestError: CodedError, Equatable {
    case alreadyDecided(current: CreditRequestStatus, attempted: CreditRequestStatus)

    public var code: ErrorCode { .conflict }
    public var message: String {
        switch self {
        case .alreadyDecided(let current, let attempted):
            "request is \(current.rawValue); it cannot become \(attempted.rawValue)"
        }
    }
}
