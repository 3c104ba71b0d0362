import HeraldCore
import SQLKit

extension LedgerRepository {
    /// One page of a member's ledger, newest first.
    ///
    /// Keyset pagination on the entry id: a page starts below `before` (the last
    /// id of the previous page), so entries written meanwhile never shift or
    /// repeat what a reader has already seen.
    public func history(userID: Int64, currency: Currency? = nil, before: Int64? = nil, limit: Int) async throws -> [LedgerEntry] {
        try await backend.withConnection { db in
            var query = db.select().columns(Self.entryColumns).from("ledger_entries")
                .where("user_id", .equal, SQLBind(userID))
            if let currency { query = query.where("currency", .equal, SQLBind(currency.rawValue)) }
            if let before { query = query.where("id", .lessThan, SQLBind(before)) }
            return try await query.orderBy("id", .descending).limit(limit)
                .all(decoding: LedgerEntry.self)
        }
    }
}
