import Foundation
import Hummingbird

/// A local server that plays the part of YooKassa's API Herald reads
/// notifications back from: `GET /v3/payments/{id}` and `GET /v3/refunds/{id}`
/// with HTTP Basic (shop id and secret key) checked, the stored objects served
/// as YooKassa shapes them, 404 for an unknown id, and 500 while it is `down`.
public actor FakeYooKassa {
    /// A payment as the API reports it; amounts are YooKassa's decimal text.
    public struct Payment: Sendable {
        public var id: String
        public var status: String
        public var amount: String
        public var currency: String
        public var refunded: String?
        public var metadata: [String: String]

        public init(id: String, status: String, amount: String, currency: String = "RUB", refunded: String? = nil, metadata: [String: String] = [:]) {
            self.id = id
            self.status = status
            self.amount = amount
            self.currency = currency
            self.refunded = refunded
            self.metadata = metadata
        }
    }

    /// A refund as the API reports it.
    public struct Refund: Sendable {
        public var id: String
        public var paymentID: String
        public var status: String
        public var amount: String
        public var currency: String

        public init(id: String, paymentID: String, status: String = "succeeded", amount: String, currency: String = "RUB") {
            self.id = id
            self.paymentID = paymentID
            self.status = status
            self.amount = amount
            self.currency = currency
        }
    }

    public let shopID: String
    let secretKey: String
    private var payments: [String: Payment] = [:]
    private var refunds: [String: Refund] = [:]
    private var down = false
    /// Requests that carried the right credentials.
    public private(set) var reads = 0
    /// Requests refused for missing or wrong credentials.
    public private(set) var refusedCredentials = 0

    public init(shopID: String, secretKey: String) {
        self.shopID = shopID
        self.secretKey = secretKey
    }

    public func put(_ payment: Payment) { payments[payment.id] = payment }
    public func put(_ refund: Refund) { refunds[refund.id] = refund }
    /// While down, every request answers 500.
    public func setDown(_ down: Bool) { self.down = down }

    /// Serves until `body` returns; passes the API base URL (as `YOOKASSA_API_BASE_URL`).
    public func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.get("/v3/payments/:id") { request, context in
            await self.answer(authorization: request.headers[.authorization], collection: "payments", id: context.parameters.get("id") ?? "")
        }
        router.get("/v3/refunds/:id") { request, context in
            await self.answer(authorization: request.headers[.authorization], collection: "refunds", id: context.parameters.get("id") ?? "")
        }
        return try await LocalHTTPServer.serve(router, label: "fake-yookassa", body)
    }

    func answer(authorization: String?, collection: String, id: String) -> Response {
        if down {
            return .json(.internalServerError, Self.error("internal_server_error", "Internal server error"))
        }
        let expected = "Basic " + Data("\(shopID):\(secretKey)".utf8).base64EncodedString()
        guard authorization == expected else {
            refusedCredentials += 1
            return .json(.unauthorized, Self.error("invalid_credentials", "Login or password is incorrect"))
        }
        reads += 1
        let object: [String: Any]? = collection == "payments" ? payments[id].map(Self.object) : refunds[id].map(Self.object)
        guard let object else {
            let parameter = collection == "payments" ? "payment_id" : "refund_id"
            return .json(.notFound, Self.error("not_found", "Incorrect \(parameter). Object doesn't exist or access denied."))
        }
        return .json(.ok, Self.json(object))
    }

    static func object(_ payment: Payment) -> [String: Any] {
        var object: [String: Any] = [
            "id": payment.id, "status": payment.status, "paid": payment.status == "succeeded" || payment.status == "waiting_for_capture",
            "amount": ["value": payment.amount, "currency": payment.currency],
            "description": "Order \(payment.id.prefix(8))", "recipient": ["account_id": "100500", "gateway_id": "100700"],
            "payment_method": ["type": "bank_card", "id": payment.id, "saved": false, "title": "Bank card *4444"],
            "created_at": "2026-12-01T09:14:04.137Z", "test": true, "refundable": payment.status == "succeeded", "metadata": payment.metadata,
        ]
        if payment.status == "succeeded" { object["captured_at"] = "2026-12-01T09:15:11.385Z" }
        if let refunded = payment.refunded { object["refunded_amount"] = ["value": refunded, "currency": payment.currency] }
        return object
    }

    static func object(_ refund: Refund) -> [String: Any] {
        [
            "id": refund.id, "payment_id": refund.paymentID, "status": refund.status, "created_at": "2026-12-01T11:00:00.000Z",
            "amount": ["value": refund.amount, "currency": refund.currency], "description": "Refund",
        ]
    }

    static func error(_ code: String, _ description: String) -> String {
        json(["type": "error", "id": UUID().uuidString.lowercased(), "code": code, "description": description])
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
    }
}
