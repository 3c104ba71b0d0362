import Foundation
import HeraldStore
import HeraldTestSupport
import HeraldVerify
import Testing

/// `herald endpoints add|list|disable` against a migrated SQLite store.
@Suite struct EndpointsCommandTests {
    static let key = [UInt8](repeating: 0x33, count: 32)

    /// A migrated SQLite database in `directory`, and the environment that points `herald` at it.
    static func migratedStore(in directory: URL) async throws -> (DatabaseURL, [String: String]) {
        let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("herald.sqlite").path)
        let store = try await TestDatabase.openStore(url)
        try await store.closing { store in _ = try await store.migrate() }
        return (url, ["DATABASE_URL": url.urlString, "HERALD_ENCRYPTION_KEY": Data(key).base64EncodedString()])
    }

    /// The value of a `name: value` line of the output.
    static func field(_ name: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("\(name): ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    @Test func addListAndDisable() async throws {
        try await withScratchDirectory { directory in
            let (url, environment) = try await Self.migratedStore(in: directory)
            let add = try await HeraldProcess.run(
                ["endpoints", "add", "https://hooks.example.com/herald", "--rate", "5", "--description", "CRM"],
                environment: environment, in: directory
            )
            #expect(add.status == 0, "\(add.standardError)")
            let id = try #require(Self.field("id", in: add.standardOutput).flatMap { Int64($0) })
            let secret = try #require(Self.field("secret", in: add.standardOutput))
            #expect(StandardWebhooksSecret.keyBytes(secret)?.count == 24)

            let store = try await TestDatabase.openStore(url)
            let endpoint = try await store.closing { store in try await store.endpoints.find(id: id) }
            #expect(endpoint?.ratePerSecond == 5)
            #expect(endpoint?.description == "CRM")
            #expect(try SecretBox(key: Self.key).open(try #require(endpoint).secretSealed) == Array(secret.utf8))

            let list = try await HeraldProcess.run(["endpoints", "list"], environment: environment, in: directory)
            #expect(list.status == 0, "\(list.standardError)")
            #expect(list.standardOutput.contains("\(id)\ttrue\t5.0\thttps://hooks.example.com/herald\tCRM"))
            #expect(!list.standardOutput.contains(String(secret.dropFirst(6))))

            let disable = try await HeraldProcess.run(["endpoints", "disable", String(id)], environment: environment, in: directory)
            #expect(disable.status == 0)
            #expect(disable.standardOutput.contains("\(id): disabled"))
            let enabled = try await HeraldProcess.run(["endpoints", "list"], environment: environment, in: directory)
            #expect(!enabled.standardOutput.contains("hooks.example.com"))
            let all = try await HeraldProcess.run(["endpoints", "list", "--all"], environment: environment, in: directory)
            #expect(all.standardOutput.contains("\(id)\tfalse\t"))

            let unknown = try await HeraldProcess.run(["endpoints", "disable", "999"], environment: environment, in: directory)
            #expect(unknown.status != 0)
            #expect(unknown.standardOutput.contains("999: no such endpoint"))
        }
    }

    @Test func addRefusesABadURLAndAMissingKey() async throws {
        try await withScratchDirectory { directory in
            var (_, environment) = try await Self.migratedStore(in: directory)
            let badURL = try await HeraldProcess.run(["endpoints", "add", "ftp://example.com"], environment: environment, in: directory)
            #expect(badURL.status == 65)
            #expect(badURL.standardError.contains("url must be"))

            environment["HERALD_ENCRYPTION_KEY"] = nil
            let noKey = try await HeraldProcess.run(["endpoints", "add", "https://example.com"], environment: environment, in: directory)
            #expect(noKey.status == 78)
            #expect(noKey.standardError.contains("HERALD_ENCRYPTION_KEY"))
            #expect(noKey.standardOutput.isEmpty)
        }
    }
}
