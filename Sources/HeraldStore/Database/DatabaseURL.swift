import Foundation

/// Where the store lives, parsed from `DATABASE_URL`.
///
/// Accepted forms: `sqlite:///absolute/path.db`, `sqlite://relative/path.db`
/// (relative to the working directory) and
/// `postgres://user:password@host:port/database?sslmode=disable|prefer|require`
/// (`postgresql://` is accepted too). Parsing is pure so a bad value is
/// reported before anything opens.
public enum DatabaseURL: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    /// Connection settings of a PostgreSQL URL.
    public struct PostgresSettings: Sendable, Equatable {
        public enum TLSMode: String, Sendable, Equatable { case disable, prefer, require }
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tls: TLSMode

        public init(host: String, port: Int, username: String, password: String?, database: String, tls: TLSMode) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.tls = tls
        }
    }

    /// The default: an SQLite file under `./data/`.
    public static let defaultValue = "sqlite://data/herald.sqlite"

    /// Why a `DATABASE_URL` was refused; the text never repeats a password.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(parsing raw: String) throws(ParseError) {
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = value.range(of: "://") else {
            throw ParseError(description: "expected sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        let scheme = value[..<schemeEnd.lowerBound].lowercased()
        let rest = String(value[schemeEnd.upperBound...])
        switch scheme {
        case "sqlite":
            guard !rest.isEmpty, rest != "/" else { throw ParseError(description: "sqlite URL has no file path") }
            self = .sqlite(path: rest)
        case "postgres", "postgresql":
            self = .postgres(try Self.parsePostgres(value))
        default:
            throw ParseError(description: "unknown scheme '\(scheme)'; use sqlite:// or postgres://")
        }
    }

    /// The URL again, password included: for passing to a child process, never for logs.
    public var urlString: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let s):
            let user = s.username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? s.username
            let password = s.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0) } ?? ""
            return "postgres://\(user)\(password)@\(s.host):\(s.port)/\(s.database)?sslmode=\(s.tls.rawValue)"
        }
    }

    /// A form safe to log: the password is masked.
    public var redacted: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let s): "postgres://\(s.username)\(s.password == nil ? "" : ":***")@\(s.host):\(s.port)/\(s.database)"
        }
    }

    private static func parsePostgres(_ value: String) throws(ParseError) -> PostgresSettings {
        guard let components = URLComponents(string: value) else {
            throw ParseError(description: "postgres URL is malformed")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ParseError(description: "postgres URL has no host")
        }
        guard let username = components.user, !username.isEmpty else {
            throw ParseError(description: "postgres URL has no user name")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw ParseError(description: "postgres URL has no database name") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw ParseError(description: "postgres port \(port) is out of range") }
        var tls = PostgresSettings.TLSMode.disable
        for item in components.queryItems ?? [] where item.name == "sslmode" {
            switch item.value ?? "" {
            case "disable": tls = .disable
            case "prefer", "allow": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            case let other: throw ParseError(description: "unknown sslmode '\(other)'; use disable, prefer or require")
            }
        }
        return PostgresSettings(
            host: host,
            port: port,
            username: username.removingPercentEncoding ?? username,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database.removingPercentEncoding ?? database,
            tls: tls
        )
    }
}
