import HeraldCore
import HeraldStore

/// Why a member's or admin's action was refused, on any surface (slash
/// command, Telegram command, REST). Each case has the stable code and status
/// of DESIGN.md; the bots show the message, the API returns it as JSON.
public enum CommunityError: CodedError, Equatable {
    case unknownCurrency(String, allowed: [Currency])
    case notAdmin
    case requestNotFound(Int64)
    case memberNotFound(String)
    case alreadyDecided(CreditRequest)
    case invalidRequest(CreditRequestDraftError)
    case ledger(LedgerError)

    public var code: ErrorCode {
        switch self {
        case .unknownCurrency: .ruleViolation
        case .notAdmin: .forbidden
        case .requestNotFound, .memberNotFound: .notFound
        case .alreadyDecided: .conflict
        case .invalidRequest(let error): error.code
        case .ledger(let error): error.code
        }
    }

    public var message: String {
        switch self {
        case .unknownCurrency(let raw, let allowed):
            "'\(raw)' is not a currency here; use one of \(allowed.map(\.rawValue).joined(separator: ", "))"
        case .notAdmin: "only admins can do this"
        case .requestNotFound(let id): "there is no credit request \(id)"
        case .memberNotFound(let who): "there is no member \(who)"
        case .alreadyDecided(let request): "request \(request.id) is already \(request.status.rawValue)"
        case .invalidRequest(let error): error.message
        case .ledger(let error): error.message
        }
    }
}

/// Who acts: a member (from Discord or Telegram) or an API key.
public struct Actor: Sendable, Equatable {
    public let userID: Int64?
    /// Stored in the audit log: `user:12`, `api`.
    public let label: String
    public let displayName: String

    public init(userID: Int64?, label: String, displayName: String) {
        self.userID = userID
        self.label = label
        self.displayName = displayName
    }

    public static func member(_ user: User) -> Actor {
        Actor(userID: user.id, label: "user:\(user.id)", displayName: user.displayName ?? "#\(user.id)")
    }

    public static let api = Actor(userID: nil, label: "api", displayName: "API")
}
