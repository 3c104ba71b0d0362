/// Every migration of the Herald schema, in the order they are applied.
///
/// Applied in version order (the list is sorted, so a migration may be listed
/// anywhere); versions are unique, and one that has shipped is never edited.
public enum Schema {
    public static let migrations: [any Migration] = [
        CreateIdentity(),
        CreateEconomy(),
        CreateLeaderboard(),
        CreatePayments(),
        CreateMessenger(),
        CreateDelivery(),
        CreatePaymentGrants(),
        AddOutboxMarkup(),
        CreateScoreEvents(),
        CreatePaymentRefundsAndAliases(),
        AddLedgerMemberIndex(),
        AddPaymentSubscription(),
        DropLeaderboardHistoryForeignKey(),
    ].sorted { $0.version < $1.version }
}
