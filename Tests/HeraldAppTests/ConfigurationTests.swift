import Foundation
import HeraldApp
import HeraldRelay
import HeraldStore
import Testing

@Suite struct ConfigurationTests {
    @Test func noConfigurationMeansTheDocumentedDefaults() async throws {
        let configuration = try await HeraldConfiguration.load(environment: [:])
        #expect(configuration.http.host == "127.0.0.1")
        #expect(configuration.http.port == 8080)
        #expect(configuration.databaseURL == .sqlite(path: "data/herald.sqlite"))
        #expect(configuration.adminToken == nil)
        #expect(configuration.discord.publicKey == nil)
        #expect(configuration.discord.apiBaseURL.absoluteString == "https://discord.com/api/v10")
        #expect(configuration.telegram.apiBaseURL.absoluteString == "https://api.telegram.org")
        #expect(configuration.currencies.map(\.rawValue) == ["ai", "lead", "points"])
        #expect(configuration.rateLimits.telegramGlobalPerSecond == 30)
        #expect(configuration.rateLimits.telegramPerChatPerSecond == 1)
        #expect(configuration.rateLimits.telegramPerGroupPerMinute == 20)
        #expect(configuration.rateLimits.discordGlobalPerSecond == 50)
        #expect(configuration.log.format == .text)
    }

    @Test func theShippedExampleFileIsValidAndMatchesTheDefaults() async throws {
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/herald.example.yaml")
        let fromExample = try await HeraldConfiguration.load(environment: ["HERALD_CONFIG_FILE": example.path])
        let defaults = try await HeraldConfiguration.load(environment: [:])
        #expect(fromExample.configFile == example.path)
        #expect(fromExample.http.port == defaults.http.port)
        #expect(fromExample.databaseURL == defaults.databaseURL)
        #expect(fromExample.currencies == defaults.currencies)
        #expect(fromExample.rateLimits.telegramPerGroupPerMinute == defaults.rateLimits.telegramPerGroupPerMinute)
        #expect(fromExample.discord.apiBaseURL == defaults.discord.apiBaseURL)
        #expect(fromExample.relay.dispatcher.retryPolicy == defaults.relay.dispatcher.retryPolicy)
        #expect(fromExample.relay.dispatcher.lease == defaults.relay.dispatcher.lease)
    }

    @Test func relaySettingsAreRead() async throws {
        let configuration = try await HeraldConfiguration.load(environment: [
            "RELAY_LEASE_SECONDS": "5", "RELAY_MAX_IN_FLIGHT": "16", "RELAY_RETRY_SCHEDULE_SECONDS": "1,2,3",
            "RELAY_RETRY_MAX_AGE_HOURS": "2", "RELAY_ENABLED": "false",
        ])
        #expect(configuration.relay.enabled == false)
        #expect(configuration.relay.dispatcher.lease == .seconds(5))
        #expect(configuration.relay.dispatcher.maxInFlight == 16)
        #expect(configuration.relay.dispatcher.retryPolicy.schedule == [.seconds(1), .seconds(2), .seconds(3)])
        #expect(configuration.relay.dispatcher.retryPolicy.maximumAttempts == 4)
        #expect(configuration.relay.dispatcher.retryPolicy.maximumAge == .seconds(7200))
    }

    @Test func environmentVariablesAreRead() async throws {
        let configuration = try await HeraldConfiguration.load(environment: [
            "HTTP_HOST": "0.0.0.0",
            "HTTP_PORT": "9090",
            "DATABASE_URL": "postgres://herald:pw@db:5432/herald",
            "HERALD_ENCRYPTION_KEY": Data(repeating: 7, count: 32).base64EncodedString(),
            "DISCORD_PUBLIC_KEY": String(repeating: "ab", count: 32),
            "TELEGRAM_ADMIN_CHAT_ID": "-1001234567890",
            "ECONOMY_CURRENCIES": "gems, ai",
            "LOG_FORMAT": "JSON",
        ])
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.http.port == 9090)
        #expect(configuration.encryptionKey == Array(repeating: 7, count: 32))
        #expect(configuration.discord.publicKey == Array(repeating: 0xAB, count: 32))
        #expect(configuration.telegram.adminChatID == -1_001_234_567_890)
        #expect(configuration.currencies.map(\.rawValue) == ["gems", "ai"])
        #expect(configuration.log.format == .json)
        guard case .postgres(let settings) = configuration.databaseURL else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(settings.host == "db")
    }

    @Test func yamlFileIsReadAndEnvironmentWins() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("herald-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
        http:
          port: 8181
        economy:
          currencies: [ai, gold]
        rate_limits:
          telegram:
            global_per_second: 25
            per_chat_per_second: 0.5
          discord:
            global_per_second: 40
        """.write(to: file, atomically: true, encoding: .utf8)

        let fromFile = try await HeraldConfiguration.load(environment: ["HERALD_CONFIG_FILE": file.path])
        #expect(fromFile.configFile == file.path)
        #expect(fromFile.http.port == 8181)
        #expect(fromFile.currencies.map(\.rawValue) == ["ai", "gold"])
        #expect(fromFile.rateLimits.telegramGlobalPerSecond == 25)
        #expect(fromFile.rateLimits.telegramPerChatPerSecond == 0.5)
        #expect(fromFile.rateLimits.discordGlobalPerSecond == 40)
        #expect(fromFile.rateLimits.telegramPerGroupPerMinute == 20)

        let overridden = try await HeraldConfiguration.load(environment: [
            "HERALD_CONFIG_FILE": file.path,
            "HTTP_PORT": "8282",
            "RATE_LIMITS_TELEGRAM_GLOBAL_PER_SECOND": "10",
        ])
        #expect(overridden.http.port == 8282)
        #expect(overridden.rateLimits.telegramGlobalPerSecond == 10)
        #expect(overridden.rateLimits.discordGlobalPerSecond == 40)
    }

    @Test(arguments: [
        ("HTTP_PORT", "abc", "http.port"),
        ("HTTP_PORT", "0", "http.port"),
        ("DATABASE_URL", "redis://localhost", "database.url"),
        ("LOG_LEVEL", "verbose", "log.level"),
        ("LOG_FORMAT", "xml", "log.format"),
        ("HERALD_ENCRYPTION_KEY", "AAAA", "herald.encryption_key"),
        ("DISCORD_PUBLIC_KEY", "abcd", "discord.public_key"),
        ("DISCORD_API_BASE_URL", "discord.com", "discord.api_base_url"),
        ("TELEGRAM_ADMIN_CHAT_ID", "admins", "telegram.admin_chat_id"),
        ("TELEGRAM_WEBHOOK_SECRET", "has spaces!", "telegram.webhook_secret"),
        ("ECONOMY_CURRENCIES", "ai,Gold", "economy.currencies"),
        ("RATE_LIMITS_DISCORD_GLOBAL_PER_SECOND", "fast", "rate_limits.discord.global_per_second"),
        ("RELAY_LEASE_SECONDS", "1", "relay.lease_seconds"),
        ("RELAY_RETRY_SCHEDULE_SECONDS", "5,-1", "relay.retry.schedule_seconds"),
        ("RELAY_ENABLED", "maybe", "relay.enabled"),
    ])
    func badValueNamesItsKey(variable: String, value: String, key: String) async {
        do {
            _ = try await HeraldConfiguration.load(environment: [variable: value])
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.key == key)
            #expect(error.environmentName == variable)
            #expect(error.description.hasPrefix("configuration error: \(variable) (\(key)): "))
        }
    }

    @Test func secretValuesAreNeverInTheError() async {
        for (variable, value) in [("HERALD_ENCRYPTION_KEY", "my-secret-key"), ("TELEGRAM_WEBHOOK_SECRET", "secret with space")] {
            do {
                _ = try await HeraldConfiguration.load(environment: [variable: value])
                Issue.record("accepted")
            } catch {
                #expect(!error.description.contains(value))
            }
        }
    }
}
