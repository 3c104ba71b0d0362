import Foundation
import HeraldCore
import HeraldStore
import SQLKit

/// A Stripe event as the payment handlers read it: the event's id, type and
/// creation time, and the object it is about (`data.object`).
struct StripeEvent: Sendable {
    let id: String
    let type: String
    let created: Date
    let object: JSONValue

    init(_ event: InboundEvent) throws(EventDataError) {
        guard let json = event.json, let object = json[["data", "object"]], object.objectKeys != nil else {
            throw EventDataError("the Stripe event has no data.object")
        }
        guard let created = json["created"]?.int64 else { throw EventDataError("the Stripe event has no created time") }
        self.id = event.eventID
        self.type = event.type ?? ""
        self.created = Date(timeIntervalSince1970: Double(created))
        self.object = object
    }
}

extension JSONValue {
    var string: String? { if case .string(let value) = self { value } else { nil } }

    var int64: Int64? {
        switch self {
        case .number(_, let text): Int64(text)
        case .string(let text): Int64(text)
        default: nil
        }
    }

    var array: [JSONValue] { if case .array(let items) = self { items } else { [] } }

    /// An expandable Stripe field: the id string, or the expanded object's `id`.
    var stripeID: String? { string ?? self["id"]?.string }
}

/// Finds the member a Stripe object is about, and which catalogue ids it names.
enum StripeLookup {
    /// The member named by the object: `client_reference_id` or
    /// `metadata.herald_user_id` first, then a stored customer link, then the email.
    /// A found member is linked to the object's customer for later events.
    static func member(of object: JSONValue, on db: any SQLDatabase) async throws -> Int64? {
        let customer = object["customer"]?.stripeID
        var userID: Int64?
        let named = [
            object["client_reference_id"], object[["metadata", "herald_user_id"]],
            object[["subscription_details", "metadata", "herald_user_id"]],
            object[["parent", "subscription_details", "metadata", "herald_user_id"]],
        ].compactMap { $0?.int64 }
        for id in named where userID == nil {
            userID = try await AccessRepository.userID(id: id, on: db)
        }
        if userID == nil, let customer {
            userID = try await AccessRepository.userID(processor: "stripe", customerID: customer, on: db)
        }
        if userID == nil {
            let emails = [
                object[["customer_details", "email"]], object["customer_email"], object["receipt_email"],
                object[["billing_details", "email"]], object[["customer", "email"]],
            ].compactMap { $0?.string }
            for email in emails where userID == nil {
                userID = try await AccessRepository.userID(email: email, on: db)
            }
        }
        if let userID, let customer {
            try await AccessRepository.link(processor: "stripe", customerID: customer, userID: userID, on: db)
        }
        return userID
    }

    /// Catalogue ids the object names, most specific first: `metadata.herald_product`,
    /// then the prices and products of its line items (checkout sessions with
    /// `line_items` expanded, invoice lines, subscription items).
    static func productIDs(of object: JSONValue) -> [String] {
        var ids = [object[["metadata", "herald_product"]]?.string].compactMap { $0 }
        let lines = ["line_items", "lines", "items"].flatMap { object[[$0, "data"]]?.array ?? [] }
        for line in lines {
            ids += [
                line[["price", "id"]], line[["pricing", "price_details", "price"]], line[["plan", "id"]],
                line[["price", "product"]], line[["pricing", "price_details", "product"]], line[["plan", "product"]],
            ].compactMap { $0?.stripeID }
        }
        if let plan = object[["plan", "id"]]?.string { ids.append(plan) }
        return ids
    }

    /// The ids an object names its payment by, preferred first: the payment
    /// intent, then the invoice, Checkout session or charge. Invoices name their
    /// payment intent directly before API version 2025-03-31 and through
    /// `payments.data[].payment` (when expanded) or `invoice_payment` events after.
    static func paymentIDs(type: String, objectID: String, object: JSONValue) -> [String] {
        var ids: [JSONValue?]
        switch type {
        case _ where type.hasPrefix("payment_intent."): ids = [.string(objectID), object["invoice"]]
        case _ where type.hasPrefix("invoice_payment."):
            ids = [object[["payment", "payment_intent"]], object[["payment", "charge"]], object["invoice"]]
        case _ where type.hasPrefix("invoice."):
            ids = [object["payment_intent"]] + (object[["payments", "data"]]?.array ?? []).map { $0[["payment", "payment_intent"]] }
            ids += [object["charge"], .string(objectID)]
        case _ where type.hasPrefix("charge."): ids = [object["payment_intent"], object["invoice"], .string(objectID)]
        default: ids = [object["payment_intent"], .string(objectID)]
        }
        var seen = Set<String>()
        return ids.compactMap { $0?.stripeID }.filter { seen.insert($0).inserted }
    }

    /// Why an object naming `ids` cannot be sold: for the failure reason.
    static func unknownProduct(_ ids: [String]) -> String {
        ids.isEmpty
            ? "no product: set metadata.herald_product or expand line_items, and list the price id under payments.products"
            : "unknown product \(ids.joined(separator: ", ")): add it to payments.products (ids) and replay"
    }
}
