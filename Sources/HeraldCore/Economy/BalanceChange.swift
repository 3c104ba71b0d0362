/// A validated request to move one member's balance in one currency.
///
/// Construction enforces the ledger rules that need no database: a non-zero
/// amount whose sign matches the entry type, and a bounded reason. Whether the
/// balance can afford a debit is decided atomically by the store.
public struct BalanceChange: Sendable, Equatable {
    public let userID: Int64
    public let currency: Currency
    /// Signed amount: positive adds, negative takes away.
    public let amount: Int64
    public let type: LedgerEntryType
    public let reason: String?
    /// Makes the change safe to retry: a second change with the same key is a no-op.
    public let idempotencyKey: String?
    /// JSON object text stored with the ledger entry.
    public let metadataJSON: String

    public static let maximumReasonLength = 500

    public init(
        userID: Int64,
        currency: Currency,
        amount: Int64,
        type: LedgerEntryType,
        reason: String? = nil,
        idempotencyKey: String? = nil,
        metadataJSON: String = "{}"
    ) throws(LedgerError) {
        guard amount != 0 else { throw .zeroAmount }
        guard amount != Int64.min else { throw .amountOutOfRange }
        switch type.direction {
        case .credit where amount < 0: throw .wrongDirection(type: type, amount: amount)
        case .debit where amount > 0: throw .wrongDirection(type: type, amount: amount)
        default: break
        }
        if let reason, reason.count > Self.maximumReasonLength { throw .reasonTooLong(reason.count) }
        self.userID = userID
        self.currency = currency
        self.amount = amount
        self.type = type
        self.reason = reason
        self.idempotencyKey = idempotencyKey
        self.metadataJSON = metadataJSON
    }

    /// How much this change adds to `total_earned` (credits only).
    public var earnedDelta: Int64 { amount > 0 ? amount : 0 }
    /// How much this change adds to `total_spent` (debits only).
    public var spentDelta: Int64 { amount < 0 ? -amount : 0 }
}

/// Why a balance change was refused.
public enum LedgerError: CodedError, Equatable {
    case zeroAmount
    case amountOutOfRange
    case wrongDirection(type: LedgerEntryType, amount: Int64)
    case reasonTooLong(Int)
    /// The debit would take the balance below zero; nothing was written.
    case insufficientBalance(currency: Currency, requested: Int64)

    public var code: ErrorCode {
        switch self {
        case .insufficientBalance: .insufficientBalance
        default: .ruleViolation
        }
    }

    public var message: String {
        switch self {
        case .zeroAmount: "amount must not be zero"
        case .amountOutOfRange: "amount is out of range"
        case .wrongDirection(let type, let amount):
            "a \(type.rawValue) entry cannot have amount \(amount)"
        case .reasonTooLong(let count): "reason is \(count) characters; the limit is \(BalanceChange.maximumReasonLength)"
        case .insufficientBalance(let currency, let requested):
            "balance in \(currency) is too low for a debit of \(-requested)"
        }
    }
}
