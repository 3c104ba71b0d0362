import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import SQLKit

/// A Telegram `message` carrying `successful_payment` or `refunded_payment`.
///
/// A successful payment is recorded (keyed by `telegram_payment_charge_id`)
/// and granted once however often the update is delivered. A refunded one
/// (Telegram Stars refunds are whole) marks that payment refunded, which
/// reverses its grants once through the refund rules and alerts the admins.
/// Any other message is `ignored`, so the bot's own message handler can put
/// this one in front of it.
///
/// The payer is the member with that Telegram id, created when Telegram
/// introduces them for the first time (Telegram vouches for the id).
public struct TelegramPaymentHandler: InboundEventHandler {
    let payments: PaymentSettlement

    public func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let message = event.json?["message"] else { return HandlerResult(status: .ignored) }
        if let payment = message["successful_payment"] {
            return try await record(payment, status: .completed, message: message, event: event, on: db)
        }
        if let refund = message["refunded_payment"] {
            return try await record(refund, status: .refunded, message: message, event: event, on: db)
        }
        return HandlerResult(status: .ignored)
    }

    /// Records a `SuccessfulPayment` (`completed`) or a `RefundedPayment` (`refunded`: its total is the amount refunded).
    private func record(_ payment: JSONValue, status: PaymentStatus, message: JSONValue, event: InboundEvent, on db: any SQLDatabase)
        async throws -> HandlerResult
    {
        guard let chargeID = payment["telegram_payment_charge_id"]?.string, let amount = payment["total_amount"]?.int64,
            let currency = payment["currency"]?.string, let from = message["from"], let telegramID = from["id"]?.int64
        else { throw EventDataError("the payment message lacks its charge id, amount, currency or payer") }
        let payload = payment["invoice_payload"]?.string ?? ""
        let product = payments.catalogue.product(id: payload)
        let userID = try await member(telegramID: telegramID, from: from, on: db)
        var metadata: [String: String] = ["telegram_payment_charge_id": chargeID, "invoice_payload": payload]
        if let provider = payment["provider_payment_charge_id"]?.string { metadata["provider_payment_charge_id"] = provider }
        let metadataJSON = JSONCoding.text(of: metadata) ?? "{}"
        let created = (message["date"]?.int64).map { Date(timeIntervalSince1970: Double($0)) } ?? Date()
        let recorded = try await payments.record(
            processor: "telegram", externalID: chargeID,
            observation: PaymentObservation(
                status: status, amountMinor: amount, currency: currency, amountRefundedMinor: status == .refunded ? amount : nil,
                product: product?.key, userID: userID
            ),
            occurredAt: created, metadataJSON: metadataJSON, on: db
        )
        guard recorded.product != nil else {
            return try await payments.fail(event, reason: "unknown product: invoice payload '\(payload)' is not in payments.products", on: db)
        }
        return .processed
    }

    private func member(telegramID: Int64, from: JSONValue, on db: any SQLDatabase) async throws -> Int64 {
        if let id = try await AccessRepository.userID(telegramID: telegramID, on: db) { return id }
        let name = [from["first_name"]?.string, from["last_name"]?.string].compactMap { $0 }.joined(separator: " ")
        let language = from["language_code"]?.string?.prefix(2).lowercased() ?? "en"
        return try await AccessRepository.createMember(
            telegramID: telegramID, displayName: name.isEmpty ? nil : name, locale: ["en", "es", "ru"].contains(language) ? language : "en", on: db
        )
    }
}
