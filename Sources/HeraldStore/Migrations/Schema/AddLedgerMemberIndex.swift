/// A member's ledger read newest first, a page at a time.
///
/// `GET /api/v1/members/{id}/ledger` pages by entry id (`id < before`), with or
/// without a currency; these indexes answer each page by walking the member's
/// entries backwards, however long the ledger grows, instead of sorting them all.
struct AddLedgerMemberIndex: Migration {
    let version = 11
    let name = "ledger_member_index"

    func statements(for d: SchemaDialect) -> [String] {
        [
            "CREATE INDEX ledger_entries_user_id_idx ON ledger_entries (user_id, id)",
            "CREATE INDEX ledger_entries_user_currency_id_idx ON ledger_entries (user_id, currency, id)",
        ]
    }
}
