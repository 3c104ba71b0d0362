import Foundation
import HeraldStore
import SQLKit

/// YooKassa notifications on a source with the `yookassa` preset.
///
/// The notification only says which object to look at: before the inbox
/// transaction opens, `confirm` reads the payment back from YooKassa's API (for
/// `refund.succeeded`, the refund and then its payment), and `handle` applies
/// that copy through the same exactly-once payments as Paddle and Lemon
/// Squeezy. An id the API does not know stores nothing and answers 403; an API
/// that cannot be asked stores nothing and answers 503, so YooKassa retries.
struct YooKassaPaymentHandler: InboundEventHandler {
    let client: YooKassaClient
    let payments: MappedPaymentHandler

    func confirm(_ event: InboundEvent) async throws -> InboundEvent {
        guard let type = event.type, YooKassaEvents.types.contains(type) else { return event }
        guard let id = event.json?[["object", "id"]]?.string else {
            throw InboundError.malformedBody("the YooKassa notification names no object.id")
        }
        var confirmed = event
        if type.hasPrefix("refund.") {
            let refund = try await client.refund(id: id)
            guard let paymentID = refund["payment_id"]?.string else {
                throw EventConfirmationError.unavailable("YooKassa's refund \(id) names no payment")
            }
            confirmed.confirmed = try await client.payment(id: paymentID)
        } else {
            confirmed.confirmed = try await client.payment(id: id)
        }
        return confirmed
    }

    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let type = event.type, YooKassaEvents.types.contains(type) else { return HandlerResult(status: .ignored) }
        guard let payment = event.confirmed else { throw EventDataError("the YooKassa payment was not read back from its API") }
        let truth = InboundEvent(source: event.source, eventID: event.eventID, type: type, payload: event.payload, json: payment)
        return try await payments.handle(truth, on: db)
    }
}
