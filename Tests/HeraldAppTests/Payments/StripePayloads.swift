import Foundation

/// Stripe event bodies shaped on Stripe's documented `event`, `checkout.session`,
/// `payment_intent`, `charge`, `invoice` and `subscription` objects (API version 2024-06-20).
enum StripePayloads {
    static func event(_ type: String, object: [String: Any], id: String = "evt_\(UUID().uuidString.prefix(20))", created: Int = now) -> String {
        let event: [String: Any] = [
            "id": id, "object": "event", "api_version": "2024-06-20", "created": created, "type": type, "livemode": false,
            "pending_webhooks": 1, "request": ["id": "req_\(UUID().uuidString.prefix(14))", "idempotency_key": NSNull()],
            "data": ["object": object],
        ]
        let data = try! JSONSerialization.data(withJSONObject: event, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }

    static func checkoutSession(
        id: String = "cs_test_a1b2c3", paymentIntent: String? = "pi_3PaidAIPack", amount: Int = 2000, paymentStatus: String = "paid",
        clientReferenceID: String? = nil, customer: String = "cus_QAbCdEfGh", email: String = "ada@example.com",
        product: String? = "price_1PaidAIPack", mode: String = "payment", subscription: String? = nil
    ) -> [String: Any] {
        var session: [String: Any] = [
            "id": id, "object": "checkout.session", "amount_subtotal": amount, "amount_total": amount,
            "client_reference_id": clientReferenceID ?? NSNull(), "currency": "usd", "customer": customer,
            "customer_details": ["email": email, "name": "Ada Lovelace", "address": ["country": "GB"], "phone": NSNull(), "tax_exempt": "none"],
            "customer_email": NSNull(), "livemode": false, "metadata": [String: String](), "mode": mode,
            "payment_intent": paymentIntent ?? NSNull(), "payment_status": paymentStatus,
            "status": paymentStatus == "unpaid" ? "complete" : "complete", "subscription": subscription ?? NSNull(),
            "success_url": "https://example.com/thanks", "url": NSNull(),
        ]
        if let product {
            session["line_items"] = [
                "object": "list", "has_more": false, "url": "/v1/checkout/sessions/\(id)/line_items",
                "data": [["id": "li_1", "object": "item", "amount_total": amount, "currency": "usd", "description": "Pack", "quantity": 1,
                          "price": ["id": product, "object": "price", "currency": "usd", "product": "prod_Pack", "unit_amount": amount, "type": "one_time"]]],
            ]
        }
        return session
    }

    static func paymentIntent(id: String = "pi_3PaidAIPack", amount: Int = 2000, status: String = "succeeded", customer: String? = "cus_QAbCdEfGh")
        -> [String: Any]
    {
        [
            "id": id, "object": "payment_intent", "amount": amount, "amount_capturable": 0,
            "amount_received": status == "succeeded" ? amount : 0, "capture_method": "automatic", "currency": "usd",
            "customer": customer ?? NSNull(), "latest_charge": "ch_3PaidAIPack", "livemode": false, "metadata": [String: String](),
            "payment_method_types": ["card"], "receipt_email": NSNull(), "status": status,
            "last_payment_error": status == "requires_payment_method" ? ["code": "card_declined", "message": "Your card was declined."] : NSNull(),
        ]
    }

    static func charge(id: String = "ch_3PaidAIPack", paymentIntent: String = "pi_3PaidAIPack", amount: Int = 2000, refunded amountRefunded: Int)
        -> [String: Any]
    {
        [
            "id": id, "object": "charge", "amount": amount, "amount_captured": amount, "amount_refunded": amountRefunded,
            "billing_details": ["email": "ada@example.com", "name": "Ada Lovelace"], "captured": true, "currency": "usd",
            "customer": "cus_QAbCdEfGh", "livemode": false, "metadata": [String: String](), "paid": true, "payment_intent": paymentIntent,
            "refunded": amountRefunded >= amount, "status": "succeeded",
        ]
    }

    static func invoice(
        id: String = "in_1VipMonthly", paymentIntent: String = "pi_3VipInvoice", amount: Int = 4900, paid: Bool = true,
        subscription: String? = "sub_1VipMonthly", customer: String = "cus_VipCustomer", email: String = "vip@example.com",
        price: String = "price_1VipMonthly"
    ) -> [String: Any] {
        [
            "id": id, "object": "invoice", "amount_due": amount, "amount_paid": paid ? amount : 0, "amount_remaining": paid ? 0 : amount,
            "attempt_count": 1, "billing_reason": "subscription_cycle", "currency": "usd", "customer": customer, "customer_email": email,
            "livemode": false, "paid": paid, "payment_intent": paymentIntent, "status": paid ? "paid" : "open",
            "subscription": subscription ?? NSNull(),
            "lines": [
                "object": "list", "has_more": false, "total_count": 1, "url": "/v1/invoices/\(id)/lines",
                "data": [["id": "il_1", "object": "line_item", "amount": amount, "currency": "usd", "quantity": 1, "type": "subscription",
                          "period": ["start": now - 86_400, "end": now + 29 * 86_400],
                          "price": ["id": price, "object": "price", "product": "prod_VipMonthly", "recurring": ["interval": "month"]]]],
            ],
        ]
    }

    static func subscription(
        id: String = "sub_1VipMonthly", status: String, periodEnd: Int, customer: String = "cus_VipCustomer", userID: Int64? = nil,
        price: String = "price_1VipMonthly", cancelAtPeriodEnd: Bool = false
    ) -> [String: Any] {
        [
            "id": id, "object": "subscription", "cancel_at_period_end": cancelAtPeriodEnd, "collection_method": "charge_automatically",
            "created": now - 86_400, "current_period_end": periodEnd, "current_period_start": periodEnd - 30 * 86_400, "customer": customer,
            "livemode": false, "metadata": userID.map { ["herald_user_id": String($0)] } ?? [String: String](), "start_date": now - 86_400,
            "status": status,
            "items": [
                "object": "list", "has_more": false,
                "data": [["id": "si_1", "object": "subscription_item", "quantity": 1,
                          "price": ["id": price, "object": "price", "product": "prod_VipMonthly", "recurring": ["interval": "month"]]]],
            ],
        ]
    }
}
