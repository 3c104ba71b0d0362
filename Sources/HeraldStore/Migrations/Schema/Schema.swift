/// Every migration of the Herald schema, in the order they are applied.
///
/// Versions are strictly increasing; append new migrations at the end and never
/// edit one that has shipped.
public enum Schema {
    public static let migrations: [any Migration] = [
        CreateIdentity(),
        CreateEconomy(),
        CreateLeaderboard(),
        CreatePayments(),
        CreateMessenger(),
        CreateDelivery(),
        CreateScoreEvents(),
    ]
}
