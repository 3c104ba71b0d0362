import Foundation
import HeraldRelay
import HeraldCore
import HeraldStore
import Hummingbird
import NIOCore

/// `/api/v1/credit-requests`: the admin web's view of credit requests — list,
/// approve, reject, and decide many at once — with the same rules and
/// notifications as the buttons in Discord and Telegram.
struct CreditRequestController {
    let store: Store
    let auth: BearerAuthentication
    let workflow: CreditRequestWorkflow

    static let maximumBulk = 500

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group("/api/v1/credit-requests")
        group.get(use: list)
        group.get("/{id}", use: show)
        group.post("/{id}/approve") { try await decide($0, $1, approve: true) }
        group.post("/{id}/reject") { try await decide($0, $1, approve: false) }
        group.post("/bulk", use: bulk)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let query = request.uri.queryParameters
        var status: CreditRequestStatus?
        if let text = query.get("status") {
            guard let parsed = CreditRequestStatus(rawValue: text) else {
                throw APIError(.badRequest, .malformedRequest, "status must be one of: \(CreditRequestStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        var member: Int64?
        if let text = query.get("member") {
            guard let id = Int64(text), id > 0 else { throw APIError(.badRequest, .malformedRequest, "member must be a member id") }
            member = id
        }
        let limit = try RequestParsing.limit(query.get("limit"))
        let requests = try await store.creditRequests.list(status: status, userID: member, limit: limit)
        return try NotificationController.json(["credit_requests": requests.map(View.init)])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let id = try RequestParsing.id(context)
        guard let found = try await store.creditRequests.find(id: id) else { throw CommunityError.requestNotFound(id) }
        return try NotificationController.json(View(found))
    }

    func decide(_ request: Request, _ context: AppRequestContext, approve: Bool) async throws -> Response {
        _ = try await auth.authenticate(request)
        let id = try RequestParsing.id(context)
        let note = try await RequestParsing.decode(Decision.self, from: request, allowEmpty: true)?.note
        let workflow = self.workflow
        let decided = try await store.backend.withTransaction { db in
            try await workflow.decide(requestID: id, approve: approve, by: .api, note: note, on: db)
        }
        return try NotificationController.json(View(decided))
    }

    /// Decides each listed request in its own transaction and reports each outcome;
    /// one already decided does not stop the others.
    @Sendable func bulk(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        guard let body = try await RequestParsing.decode(Bulk.self, from: request, allowEmpty: false) else {
            throw APIError(.badRequest, .malformedRequest, "expected {\"ids\": [...], \"action\": \"approve\" | \"reject\"}")
        }
        guard body.action == "approve" || body.action == "reject" else {
            throw APIError(.unprocessableContent, .ruleViolation, "action must be approve or reject")
        }
        guard !body.ids.isEmpty, body.ids.count <= Self.maximumBulk else {
            throw APIError(.unprocessableContent, .ruleViolation, "ids must list 1 to \(Self.maximumBulk) requests")
        }
        var results: [BulkResult] = []
        let workflow = self.workflow
        for id in body.ids {
            do {
                let decided = try await store.backend.withTransaction { db in
                    try await workflow.decide(requestID: id, approve: body.action == "approve", by: .api, note: body.note, on: db)
                }
                results.append(BulkResult(id: id, status: decided.status.rawValue, error: nil))
            } catch let error as CommunityError {
                results.append(BulkResult(id: id, status: nil, error: error.code.rawValue))
            }
        }
        return try NotificationController.json(["results": results])
    }

    struct Decision: Decodable { let note: String? }
    struct Bulk: Decodable {
        let ids: [Int64]
        let action: String
        let note: String?
    }
    struct BulkResult: Encodable {
        let id: Int64
        let status: String?
        let error: String?
    }

    /// A request as the API shows it.
    struct View: Encodable {
        let id: Int64
        let memberID: Int64
        let currency: String
        let amount: Int64
        let reason: String
        let status: String
        let requestedVia: String
        let decidedBy: Int64?
        let decidedAt: Date?
        let note: String?
        let createdAt: Date

        init(_ request: CreditRequest) {
            id = request.id
            memberID = request.userID
            currency = request.currency
            amount = request.amount
            reason = request.reason
            status = request.status.rawValue
            requestedVia = request.requestedVia
            decidedBy = request.decidedBy
            decidedAt = request.decidedAt
            note = request.decisionNote
            createdAt = request.createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, memberID = "member_id", currency, amount, reason, status, requestedVia = "requested_via"
            case decidedBy = "decided_by", decidedAt = "decided_at", note, createdAt = "created_at"
        }
    }
}
