import Foundation
import HeraldCore
import HeraldStore
import Hummingbird

/// `GET /api/v1/members/{id}/ledger`: the entries that explain a member's
/// balances, newest first, for admins and integrators auditing the economy.
///
/// Pages are keyset pages: `next_before` is passed back as `before` and names
/// the last entry seen, so new entries never shift a page that is being read.
struct LedgerController {
    let store: Store
    let auth: BearerAuthentication
    let currencies: [Currency]

    static let defaultLimit = 50
    static let maximumLimit = 500

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/members/{id}/ledger", use: ledger)
    }

    /// One ledger entry as the API shows it; `amount` is signed (negative for spends).
    struct EntryView: Encodable {
        let id: Int64
        let currency: String
        let amount: Int64
        let type: String
        let reason: String?
        let balanceAfter: Int64
        let createdAt: Date

        init(_ entry: LedgerEntry) {
            id = entry.id
            currency = entry.currency
            amount = entry.amount
            type = entry.type
            reason = entry.reason
            balanceAfter = entry.balanceAfter
            createdAt = entry.createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, currency, amount, type, reason, balanceAfter = "balance_after", createdAt = "created_at"
        }
    }

    struct Page: Encodable {
        let member: Int64
        let entries: [EntryView]
        /// Pass as `before` for the next (older) page; nil on the last page.
        let nextBefore: Int64?

        enum CodingKeys: String, CodingKey { case member, entries, nextBefore = "next_before" }
    }

    @Sendable func ledger(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let id = try RequestParsing.id(context)
        let query = request.uri.queryParameters
        let limit = try RequestParsing.limit(query.get("limit"), default: Self.defaultLimit, maximum: Self.maximumLimit)
        var before: Int64?
        if let text = query.get("before") {
            guard let value = Int64(text), value > 0 else {
                throw APIError(.badRequest, .malformedRequest, "before must be a ledger entry id (a positive whole number)")
            }
            before = value
        }
        var currency: Currency?
        if let text = query.get("currency") {
            guard let value = Currency(rawValue: text.lowercased()), currencies.contains(value) else {
                throw APIError(.badRequest, .malformedRequest, "currency must be one of: \(currencies.map(\.rawValue).joined(separator: ", "))")
            }
            currency = value
        }
        guard try await store.users.find(id: id) != nil else { throw APIError(.notFound, .notFound, "no such member") }
        // One row more than asked tells whether an older page exists.
        let rows = try await store.ledger.history(userID: id, currency: currency, before: before, limit: limit + 1)
        let page = rows.prefix(limit)
        return try EndpointController.json(
            Page(member: id, entries: page.map(EntryView.init), nextBefore: rows.count > limit ? page.last?.id : nil)
        )
    }
}
