import HeraldCore
import SQLKit

extension LedgerRepository {
    /// Every balance a member holds, by currency code.
    public static func balances(userID: Int64, on db: any SQLDatabase) async throws -> [Balance] {
        try await db.select()
            .columns("user_id", "currency", "balance", "total_earned", "total_spent")
            .from("balances")
            .where("user_id", .equal, SQLBind(userID))
            .orderBy("currency")
            .all(decoding: Balance.self)
    }
}
