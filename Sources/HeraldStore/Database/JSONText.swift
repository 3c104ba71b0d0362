import SQLKit

/// A bound JSON document, typed for the column it is written to.
///
/// PostgreSQL needs the bound text cast to `jsonb`; SQLite stores text and
/// normalises it with `json()`, which also rejects malformed documents.
struct JSONText: SQLExpression {
    let text: String

    init(_ text: String) { self.text = text }

    func serialize(to serializer: inout SQLSerializer) {
        if serializer.dialect.name == "postgresql" {
            serializer.write("CAST(")
            SQLBind(text).serialize(to: &serializer)
            serializer.write(" AS JSONB)")
        } else {
            serializer.write("json(")
            SQLBind(text).serialize(to: &serializer)
            serializer.write(")")
        }
    }
}
