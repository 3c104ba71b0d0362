import Foundation
import HeraldCore
import HeraldStore
import SQLKit

extension PaymentSettlement {
    /// Records an event that names its payment by several processor ids
    /// (preferred first: a Stripe payment intent, then its invoice, session or
    /// charge), so one payment row results whichever ids each event knows.
    ///
    /// The payment is the row any of `ids` already names (the one that was
    /// granted, else the oldest); a new payment is keyed by the first id. When
    /// the ids name two rows, the event has just revealed they are the same
    /// money: the other row's facts are merged in (a refund recorded on it is
    /// reversed here) and it is folded away, its ids becoming aliases. Two rows
    /// that were both granted stay apart.
    @discardableResult
    func record(
        processor: String, ids: [String], observation: PaymentObservation, occurredAt: Date, metadataJSON: String = "{}", on db: any SQLDatabase
    ) async throws -> PaymentRecord {
        guard let first = ids.first else { throw EventDataError("the \(processor) event names no payment id") }
        let rows = try await PaymentAliasRepository.payments(processor: processor, ids: ids, on: db)
        var granted: [Int64] = []
        for row in rows where try await PaymentGrantRepository.isClaimed(paymentID: row.id, on: db) { granted.append(row.id) }
        let target = rows.first { granted.contains($0.id) } ?? rows.first
        for duplicate in rows where duplicate.id != target?.id && !granted.contains(duplicate.id) {
            guard let target else { break }
            try await record(
                processor: processor, externalID: target.externalID, observation: duplicate.observation, occurredAt: occurredAt, on: db
            )
            try await PaymentAliasRepository.fold(duplicate, into: target, on: db)
        }
        let payment = try await record(
            processor: processor, externalID: target?.externalID ?? first, observation: observation, occurredAt: occurredAt,
            metadataJSON: metadataJSON, on: db
        )
        try await PaymentAliasRepository.link(processor: processor, ids: ids, to: payment, on: db)
        return payment
    }
}
