import Foundation
import SQLKit

/// The other ids one payment is known by, so events naming different ids for
/// the same money (a Stripe invoice and its payment intent, a Checkout
/// session before its payment intent existed) reach one payment row.
///
/// A payment row is found by its own `external_id` or by an alias. When an
/// event reveals that two rows are the same money, the later one is folded
/// into the other: its aliases move over and its own id becomes an alias.
public struct PaymentAliasRepository: Sendable {
    let backend: any DatabaseBackend

    /// The distinct payment rows any of `ids` names, oldest first.
    public static func payments(processor: String, ids: [String], on db: any SQLDatabase) async throws -> [PaymentRecord] {
        guard !ids.isEmpty else { return [] }
        let byAlias = db.select().column("payment_id").from("payment_aliases")
            .where("processor", .equal, SQLBind(processor))
            .where("alias", .in, SQLBind.group(ids))
        return try await db.select().columns(PaymentRecord.columns).from("payments")
            .where("processor", .equal, SQLBind(processor))
            .where(group: {
                $0.where("external_id", .in, SQLBind.group(ids))
                    .orWhere(SQLColumn("id"), .in, SQLGroupExpression(byAlias.query))
            })
            .orderBy("id")
            .all(decoding: PaymentRecord.self)
    }

    /// Makes each of `ids` other than the payment's own id an alias of `payment` (moving it from another row if it was there).
    public static func link(processor: String, ids: [String], to payment: PaymentRecord, now: Date = Date(), on db: any SQLDatabase) async throws {
        for id in Set(ids) where id != payment.externalID {
            try await db.insert(into: "payment_aliases")
                .columns("processor", "alias", "payment_id", "created_at")
                .values(SQLBind(processor), SQLBind(id), SQLBind(payment.id), SQLBind(now))
                .onConflict(with: ["processor", "alias"]) { $0.set(excludedValueOf: "payment_id") }
                .run()
        }
    }

    /// Removes `duplicate`, whose facts the caller has merged into `payment`;
    /// the duplicate's id and aliases become aliases of `payment`.
    public static func fold(_ duplicate: PaymentRecord, into payment: PaymentRecord, on db: any SQLDatabase) async throws {
        try await db.update("payment_aliases")
            .set("payment_id", to: SQLBind(payment.id))
            .where("payment_id", .equal, SQLBind(duplicate.id))
            .run()
        try await db.delete(from: "payments").where("id", .equal, SQLBind(duplicate.id)).run()
        try await link(processor: payment.processor, ids: [duplicate.externalID], to: payment, on: db)
    }

    /// The aliases of a payment, sorted.
    public func aliases(paymentID: Int64) async throws -> [String] {
        try await backend.withConnection { db in
            try await db.select().column("alias").from("payment_aliases")
                .where("payment_id", .equal, SQLBind(paymentID))
                .orderBy("alias")
                .all(decodingColumn: "alias", as: String.self)
        }
    }
}
