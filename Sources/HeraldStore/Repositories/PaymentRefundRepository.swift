import Foundation
import SQLKit

/// Refunds a processor reports one at a time without a running total (Paddle
/// adjustments): each is counted once by its id, and their sum is what the
/// payment's cumulative refunded amount becomes.
public struct PaymentRefundRepository: Sendable {
    let backend: any DatabaseBackend

    /// Records refund `refundID` of `amountMinor` (once; a repeat changes nothing)
    /// and returns the sum of every refund recorded for the payment.
    public static func record(paymentID: Int64, refundID: String, amountMinor: Int64, now: Date = Date(), on db: any SQLDatabase)
        async throws -> Int64
    {
        try await db.insert(into: "payment_refunds")
            .columns("payment_id", "refund_id", "amount_minor", "created_at")
            .values(SQLBind(paymentID), SQLBind(refundID), SQLBind(max(amountMinor, 0)), SQLBind(now))
            .ignoringConflicts(with: ["payment_id", "refund_id"])
            .run()
        return try await total(paymentID: paymentID, on: db)
    }

    /// The sum of the refunds recorded for the payment (0 when none).
    public static func total(paymentID: Int64, on db: any SQLDatabase) async throws -> Int64 {
        // CAST: PostgreSQL sums a BIGINT column as NUMERIC.
        try await db.raw(
            "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS total FROM payment_refunds WHERE payment_id = \(bind: paymentID)"
        ).first(decodingColumn: "total", as: Int64.self) ?? 0
    }

    public func total(paymentID: Int64) async throws -> Int64 {
        try await backend.withConnection { db in try await Self.total(paymentID: paymentID, on: db) }
    }
}
