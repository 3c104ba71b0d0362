import Foundation

/// A member's request for credits, checked before it is stored.
///
/// The amount is positive and bounded by configuration, the reason is present
/// and short enough for an admin prompt; a bad draft is a 422 on every surface
/// (slash command, Telegram, API) with the same message.
public struct CreditRequestDraft: Sendable, Equatable {
    public let userID: Int64
    public let currency: Currency
    public let amount: Int64
    public let reason: String

    public static let maximumReasonLength = 500

    public init(userID: Int64, currency: Currency, amount: Int64, reason: String, maximumAmount: Int64) throws(CreditRequestDraftError) {
        guard amount > 0 else { throw .amountNotPositive }
        guard amount <= maximumAmount else { throw .amountTooLarge(maximum: maximumAmount) }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .reasonMissing }
        guard trimmed.count <= Self.maximumReasonLength else { throw .reasonTooLong(trimmed.count) }
        self.userID = userID
        self.currency = currency
        self.amount = amount
        self.reason = trimmed
    }
}

/// Why a credit request draft was refused.
public enum CreditRequestDraftError: CodedError, Equatable {
    case amountNotPositive
    case amountTooLarge(maximum: Int64)
    case reasonMissing
    case reasonTooLong(Int)

    public var code: ErrorCode { .ruleViolation }
    public var message: String {
        switch self {
        case .amountNotPositive: "the amount must be a positive whole number"
        case .amountTooLarge(let maximum): "the amount must be at most \(maximum)"
        case .reasonMissing: "a reason is required"
        case .reasonTooLong(let count): "the reason is \(count) characters; the limit is \(CreditRequestDraft.maximumReasonLength)"
        }
    }
}
