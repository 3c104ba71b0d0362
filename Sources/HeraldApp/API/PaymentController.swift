import Foundation
import HeraldCore
import HeraldStore
import Hummingbird
import NIOCore

/// `/api/v1/payments` and `/api/v1/members/{id}/access`: what members paid
/// and what that gives them now, for admins and integrators.
struct PaymentController {
    let store: Store
    let auth: BearerAuthentication

    static let maximumLimit = 500

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/payments", use: list)
        router.get("/api/v1/members/{id}/access", use: access)
    }

    /// A payment as the API shows it.
    struct PaymentView: Encodable {
        let id: Int64
        let processor: String
        let externalID: String
        let member: Int64?
        let amountMinor: Int64
        let currency: String
        let status: String
        let amountRefundedMinor: Int64
        let product: String?
        let createdAt: Date
        let updatedAt: Date

        init(_ payment: PaymentRecord) {
            id = payment.id
            processor = payment.processor
            externalID = payment.externalID
            member = payment.userID
            amountMinor = payment.amountMinor
            currency = payment.currency
            status = payment.status.rawValue
            amountRefundedMinor = payment.amountRefundedMinor
            product = payment.product
            createdAt = payment.createdAt
            updatedAt = payment.updatedAt
        }

        enum CodingKeys: String, CodingKey {
            case id, processor, externalID = "external_id", member, amountMinor = "amount_minor", currency, status
            case amountRefundedMinor = "amount_refunded_minor", product, createdAt = "created_at", updatedAt = "updated_at"
        }
    }

    /// A member's access now: the highest active tier, every active grant, the paid flag and subscriptions.
    struct AccessView: Encodable {
        struct Grant: Encodable {
            let tier: String
            let source: String
            let expiresAt: Date?
            enum CodingKeys: String, CodingKey { case tier, source, expiresAt = "expires_at" }
        }
        struct Subscription: Encodable {
            let processor: String
            let id: String
            let plan: String
            let status: String
            let currentPeriodEnd: Date?
            let cancelAtPeriodEnd: Bool
            enum CodingKeys: String, CodingKey {
                case processor, id, plan, status, currentPeriodEnd = "current_period_end", cancelAtPeriodEnd = "cancel_at_period_end"
            }
        }
        let member: Int64
        let paid: Bool
        let tier: String?
        let tiers: [Grant]
        let subscriptions: [Subscription]
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let query = request.uri.queryParameters
        var member: Int64?
        if let text = query.get("member") {
            guard let id = Int64(text), id > 0 else { throw APIError(.badRequest, .malformedRequest, "member must be a member id (a positive whole number)") }
            member = id
        }
        var status: PaymentStatus?
        if let text = query.get("status") {
            guard let value = PaymentStatus(rawValue: text.lowercased()) else {
                let names = PaymentStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError(.badRequest, .malformedRequest, "status must be one of: \(names)")
            }
            status = value
        }
        var limit = 100
        if let text = query.get("limit") {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                throw APIError(.badRequest, .malformedRequest, "limit must be between 1 and \(Self.maximumLimit)")
            }
            limit = value
        }
        let payments = try await store.payments.list(userID: member, status: status, limit: limit)
        return try EndpointController.json(["payments": payments.map(PaymentView.init)])
    }

    @Sendable func access(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        guard let id = Int64(try context.parameters.require("id")), let user = try await store.users.find(id: id) else {
            throw APIError(.notFound, .notFound, "no such member")
        }
        let now = Date()
        let active = try await store.access.entitlements(userID: id).filter { $0.isActive(at: now) }
        let grants = active.map {
            AccessView.Grant(tier: $0.product, source: $0.subscriptionID == nil ? "payment" : "subscription", expiresAt: $0.expiresAt)
        }
        let subscriptions = try await store.subscriptions.list(userID: id).map {
            AccessView.Subscription(
                processor: $0.processor, id: $0.externalID, plan: $0.plan, status: $0.status.rawValue, currentPeriodEnd: $0.currentPeriodEnd,
                cancelAtPeriodEnd: $0.cancelAtPeriodEnd
            )
        }
        let tier = active.compactMap { AccessTier(rawValue: $0.product) }.max()
        return try EndpointController.json(
            AccessView(member: id, paid: user.isPaid, tier: tier?.rawValue, tiers: grants, subscriptions: subscriptions)
        )
    }
}
