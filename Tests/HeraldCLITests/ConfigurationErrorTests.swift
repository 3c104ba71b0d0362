import Foundation
import Testing

/// A bad value stops `herald` before it listens or touches the database, with
/// one line naming the variable, and a non-zero exit.
@Suite struct ConfigurationErrorTests {
    @Test(arguments: [
        (["HTTP_PORT": "abc"], "HTTP_PORT"),
        (["HTTP_PORT": "70000"], "HTTP_PORT"),
        (["DATABASE_URL": "mysql://root@localhost/herald"], "DATABASE_URL"),
        (["LOG_LEVEL": "loud"], "LOG_LEVEL"),
        (["HERALD_ENCRYPTION_KEY": "c2hvcnQ="], "HERALD_ENCRYPTION_KEY"),
        (["DISCORD_PUBLIC_KEY": "not-hex"], "DISCORD_PUBLIC_KEY"),
        (["TELEGRAM_API_BASE_URL": "ftp://example"], "TELEGRAM_API_BASE_URL"),
        (["RATE_LIMITS_TELEGRAM_GLOBAL_PER_SECOND": "-3"], "RATE_LIMITS_TELEGRAM_GLOBAL_PER_SECOND"),
        (["HERALD_CONFIG_FILE": "/nonexistent/herald.yaml"], "HERALD_CONFIG_FILE"),
    ])
    func badValueExitsNonZeroNamingTheKey(environment: [String: String], key: String) async throws {
        try await withScratchDirectory { directory in
            for command in [["serve"], ["migrate"]] {
                let result = try await HeraldProcess.run(command, environment: environment, in: directory)
                #expect(result.status != 0, "\(command) exited 0 with \(environment)")
                let lines = result.standardError.split(separator: "\n")
                #expect(lines.count == 1, "expected one line, got: \(result.standardError)")
                #expect(result.standardError.contains(key))
                // Nothing was created: the process stopped before opening the store.
                #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("data").path))
            }
        }
    }

    @Test func malformedYAMLExitsNonZeroNamingTheFile() async throws {
        try await withScratchDirectory { directory in
            let file = directory.appendingPathComponent("herald.yaml")
            try "http:\n  port: [8080\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try await HeraldProcess.run(["serve"], environment: ["HERALD_CONFIG_FILE": file.path], in: directory)
            #expect(result.status != 0)
            #expect(result.standardError.contains("HERALD_CONFIG_FILE"))
            #expect(result.standardError.contains("not valid YAML"))
            #expect(result.standardError.split(separator: "\n").count == 1)
        }
    }

    @Test func badValueInTheYAMLFileNamesTheFileKey() async throws {
        try await withScratchDirectory { directory in
            let file = directory.appendingPathComponent("herald.yaml")
            try "http:\n  port: eighty\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try await HeraldProcess.run(["migrate"], environment: ["HERALD_CONFIG_FILE": file.path], in: directory)
            #expect(result.status != 0)
            #expect(result.standardError.contains("http.port"))
            #expect(result.standardError.contains("'eighty'"))
        }
    }

    @Test func secretsAreNotEchoed() async throws {
        try await withScratchDirectory { directory in
            let secret = "definitely-not-base64-secret-value"
            let result = try await HeraldProcess.run(["migrate"], environment: ["HERALD_ENCRYPTION_KEY": secret], in: directory)
            #expect(result.status != 0)
            #expect(!result.standardError.contains(secret))
        }
    }

    @Test func helpDocumentsTheEnvironment() async throws {
        try await withScratchDirectory { directory in
            let result = try await HeraldProcess.run(["--help"], environment: [:], in: directory)
            #expect(result.status == 0)
            for name in ["HTTP_HOST", "HTTP_PORT", "DATABASE_URL", "HERALD_CONFIG_FILE", "HERALD_ADMIN_TOKEN", "DISCORD_PUBLIC_KEY", "STRIPE_WEBHOOK_SECRET"] {
                #expect(result.standardOutput.contains(name), "--help does not mention \(name)")
            }
        }
    }
}
