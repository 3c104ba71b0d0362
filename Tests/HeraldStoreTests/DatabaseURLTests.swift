import HeraldStore
import Testing

@Suite struct DatabaseURLTests {
    @Test func sqliteAbsoluteAndRelativePaths() throws {
        #expect(try DatabaseURL(parsing: "sqlite:///var/lib/herald/db.sqlite") == .sqlite(path: "/var/lib/herald/db.sqlite"))
        #expect(try DatabaseURL(parsing: "sqlite://data/herald.sqlite") == .sqlite(path: "data/herald.sqlite"))
        #expect(try DatabaseURL(parsing: DatabaseURL.defaultValue) == .sqlite(path: "data/herald.sqlite"))
    }

    @Test func postgresWithEveryPart() throws {
        let url = try DatabaseURL(parsing: "postgres://herald:s%40cret@db.internal:6432/herald_prod?sslmode=require")
        #expect(
            url
                == .postgres(
                    .init(host: "db.internal", port: 6432, username: "herald", password: "s@cret", database: "herald_prod", tls: .require)
                )
        )
        #expect(url.redacted == "postgres://herald:***@db.internal:6432/herald_prod")
    }

    @Test func postgresDefaultsPortAndTLS() throws {
        guard case .postgres(let settings) = try DatabaseURL(parsing: "postgresql://app@localhost/app") else {
            Issue.record("expected a PostgreSQL URL")
            return
        }
        #expect(settings.port == 5432)
        #expect(settings.password == nil)
        #expect(settings.tls == .disable)
    }

    @Test(arguments: [
        ("mysql://root@localhost/db", "unknown scheme 'mysql'"),
        ("herald.sqlite", "expected sqlite://"),
        ("sqlite://", "no file path"),
        ("postgres://localhost/db", "no user name"),
        ("postgres://user@host/", "no database name"),
        ("postgres://user@host/db?sslmode=maybe", "unknown sslmode 'maybe'"),
    ])
    func refusesWithAReason(raw: String, reason: String) {
        do {
            _ = try DatabaseURL(parsing: raw)
            Issue.record("\(raw) was accepted")
        } catch {
            #expect(error.description.contains(reason))
        }
    }

    @Test func errorsNeverRepeatThePassword() {
        do {
            _ = try DatabaseURL(parsing: "postgres://user:hunter2@host/db?sslmode=bogus")
            Issue.record("accepted")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }
}
