/// One versioned step of the schema.
///
/// A migration is plain DDL text per dialect: the schema is reviewed as SQL, not
/// reconstructed from builder calls. Statements hold no values from outside the
/// program, so they need no binding.
public protocol Migration: Sendable {
    /// Strictly increasing; recorded in `schema_migrations` once applied.
    var version: Int { get }
    /// Short, stable description shown by `herald migrate`.
    var name: String { get }
    /// The DDL statements to run, in order, inside one transaction.
    func statements(for dialect: SchemaDialect) -> [String]
}
