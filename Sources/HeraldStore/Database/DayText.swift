import HeraldCore
import SQLKit

/// A bound calendar day, typed for a `DATE` column.
///
/// PostgreSQL refuses text for a `DATE` without a cast; SQLite keeps the ISO
/// `YYYY-MM-DD` text as it is.
struct DayText: SQLExpression {
    let day: UTCDay

    func serialize(to serializer: inout SQLSerializer) {
        if serializer.dialect.name == "postgresql" {
            serializer.write("CAST(")
            SQLBind(day.iso).serialize(to: &serializer)
            serializer.write(" AS DATE)")
        } else {
            SQLBind(day.iso).serialize(to: &serializer)
        }
    }

    /// A `DATE` column read back as ISO text on both databases.
    static func column(_ name: String) -> some SQLExpression {
        SQLFunction("CAST", args: SQLAlias(SQLColumn(name), as: SQLRaw("TEXT")))
    }
}
