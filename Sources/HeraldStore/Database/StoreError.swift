import HeraldCore
import PostgresNIO
import SQLiteNIO

/// A database failure translated into terms the rest of Herald can act on.
///
/// Both drivers report constraint violations differently (SQLSTATE codes on
/// PostgreSQL, result codes on SQLite); callers only ever see this type.
public struct StoreError: CodedError, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The database cannot be reached (down, refusing, timed out). Retry later.
        case unavailable
        case uniqueViolation
        case checkViolation
        case foreignKeyViolation
        case notNullViolation
        /// The database holds migrations this build does not know.
        case schemaAhead
        /// The schema is behind this build; run `herald migrate`.
        case schemaBehind
        case other
    }

    public let kind: Kind
    /// Driver detail for logs; may name tables and constraints, never values.
    public let detail: String

    public init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var isConstraintViolation: Bool {
        [.uniqueViolation, .checkViolation, .foreignKeyViolation, .notNullViolation].contains(kind)
    }

    public var code: ErrorCode {
        switch kind {
        case .unavailable, .schemaBehind, .schemaAhead: .databaseUnavailable
        case .uniqueViolation: .conflict
        case .checkViolation, .foreignKeyViolation, .notNullViolation: .ruleViolation
        case .other: .internalError
        }
    }

    public var message: String {
        switch kind {
        case .unavailable: "the database is unavailable; try again later"
        case .uniqueViolation: "a record with the same identity already exists"
        case .checkViolation, .foreignKeyViolation, .notNullViolation: "the change breaks a rule of the store"
        case .schemaAhead, .schemaBehind: "the database schema does not match this version of Herald"
        case .other: "the database failed"
        }
    }

    public var description: String { "\(kind): \(detail)" }

    /// Translates any error thrown by a driver; other errors pass through.
    public static func translate(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError: return error
        case let error as PostgresTransactionError:
            if let inner = error.closureError { return translate(inner) }
            if let commit = error.commitError { return translate(commit) }
            return StoreError(.other, detail: String(reflecting: error))
        case let error as PSQLError: return fromPostgres(error)
        case let error as SQLiteError: return fromSQLite(error)
        default: return error
        }
    }

    private static func fromPostgres(_ error: PSQLError) -> StoreError {
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed,
                .uncleanShutdown, .sslUnsupported, .failedToAddSSLHandler:
                return StoreError(.unavailable, detail: "\(error.code)")
            default:
                return StoreError(.other, detail: String(reflecting: error))
            }
        }
        let constraint = error.serverInfo?[.constraintName] ?? "?"
        let kind: Kind =
            switch state {
            case "23505": .uniqueViolation
            case "23514": .checkViolation
            case "23503": .foreignKeyViolation
            case "23502": .notNullViolation
            case _ where state.hasPrefix("08") || state.hasPrefix("57P"): .unavailable
            default: .other
            }
        let message = error.serverInfo?[.message] ?? ""
        return StoreError(kind, detail: "SQLSTATE \(state) constraint=\(constraint) \(message)")
    }

    private static func fromSQLite(_ error: SQLiteError) -> StoreError {
        let kind: Kind =
            switch error.reason {
            case .constraintUniqueFailed, .constraintPrimaryKeyFailed: .uniqueViolation
            case .constraintCheckFailed: .checkViolation
            case .constraintForeignKeyFailed: .foreignKeyViolation
            case .constraintNotNullFailed: .notNullViolation
            case .busy, .busyTimeout, .locked, .cantOpen, .ioError: .unavailable
            default: .other
            }
        return StoreError(kind, detail: error.message)
    }
}
