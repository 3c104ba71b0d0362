import Foundation
import HeraldCore
import HeraldStore
import SQLKit

/// Telegram's `pre_checkout_query`, answered inside the webhook response
/// (`answerPreCheckoutQuery` as the body, so within Telegram's 10 seconds).
///
/// Refused with a reason the payer sees when the invoice payload names no
/// product of the catalogue, or the amount or currency is not the product's price.
struct TelegramPreCheckoutHandler: InboundEventHandler {
    let catalogue: ProductCatalogue

    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let query = event.json?["pre_checkout_query"], let id = query["id"]?.scalarText else {
            throw EventDataError("the update has no pre_checkout_query id")
        }
        let refusal = Self.refusal(
            payload: query["invoice_payload"]?.string, amount: query["total_amount"]?.int64, currency: query["currency"]?.string,
            catalogue: catalogue
        )
        return HandlerResult(status: .processed, responseBody: Self.answer(queryID: id, refusal: refusal))
    }

    /// Why the checkout must not go ahead, in words for the payer; nil to accept.
    static func refusal(payload: String?, amount: Int64?, currency: String?, catalogue: ProductCatalogue) -> String? {
        guard let payload, let product = catalogue.product(id: payload) else {
            return "Sorry, this product is no longer available."
        }
        if let price = product.price, price.amountMinor != amount || price.currency != currency?.uppercased() {
            return "Sorry, the price of this product has changed. Please request a new invoice."
        }
        return nil
    }

    static func answer(queryID: String, refusal: String?) -> String {
        let id = quoted(queryID)
        guard let refusal else { return #"{"method":"answerPreCheckoutQuery","pre_checkout_query_id":\#(id),"ok":true}"# }
        return #"{"method":"answerPreCheckoutQuery","pre_checkout_query_id":\#(id),"ok":false,"error_message":\#(quoted(refusal))}"#
    }

    static func quoted(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
