import Configuration
import Foundation
import HeraldCore
import HeraldStore
import Logging
import SystemPackage

/// Everything Herald reads at start-up, validated.
///
/// Sources, first match wins: environment variables, then the YAML file
/// (`HERALD_CONFIG_FILE`, default `config/herald.yaml` when present), then the
/// built-in defaults. A file key `a.b_c` and the variable `A_B_C` are the same
/// setting. Loading fails with a `ConfigurationError` on the first bad value,
/// before anything listens.
public struct HeraldConfiguration: Sendable {
    public var http: HTTP
    public var databaseURL: DatabaseURL
    public var log: Log
    public var adminToken: String?
    public var encryptionKey: [UInt8]?
    public var discord: Discord
    public var telegram: Telegram
    public var stripe: Stripe
    public var yookassa: YooKassaSettings
    public var currencies: [Currency]
    public var rateLimits: RateLimits
    public var inbound: InboundSettings
    public var relay: RelaySettings
    public var templates: TemplateSettings
    public var leaderboard: LeaderboardSettings
    public var payments: PaymentSettings
    public var community: CommunitySettings
    public var discordTokenRefresh: DiscordTokenRefreshSettings
    /// The YAML file that was read, if any.
    public var configFile: String?

    public struct HTTP: Sendable {
        public var host: String = "127.0.0.1"
        public var port: Int = 8080
    }

    public struct Log: Sendable {
        public enum Format: String, Sendable, CaseIterable { case text, json }
        public enum Level: String, Sendable, CaseIterable { case trace, debug, info, notice, warning, error, critical }
        public var level: Level = .info
        public var format: Format = .text
        public var loggerLevel: Logger.Level { Logger.Level(rawValue: level.rawValue) ?? .info }
    }

    public struct Discord: Sendable {
        public var publicKey: [UInt8]?
        public var applicationID: String?
        public var botToken: String?
        public var guildID: String?
        public var adminChannelID: String?
        public var clientID: String?
        public var clientSecret: String?
        public var redirectURI: URL?
        public var apiBaseURL: URL
        /// A slash command not answered within this is deferred and its answer sent as a follow-up.
        public var deferAfter: Duration = .milliseconds(2_000)
    }

    public struct Telegram: Sendable {
        public var botToken: String?
        public var webhookSecret: String?
        public var adminChatID: Int64?
        public var apiBaseURL: URL
    }

    public struct Stripe: Sendable {
        public var webhookSecret: String?
    }

    /// Outbound pacing; the defaults are the providers' published limits.
    public struct RateLimits: Sendable {
        public var telegramGlobalPerSecond: Double
        public var telegramPerChatPerSecond: Double
        public var telegramPerGroupPerMinute: Double
        public var discordGlobalPerSecond: Double
    }

    /// The default location of the optional config file.
    public static let defaultConfigFile = "config/herald.yaml"

    /// Loads and validates the configuration.
    /// - Parameter environment: the process environment (tests pass their own).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) async throws(ConfigurationError)
        -> HeraldConfiguration
    {
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: environment)]
        let explicitFile = environment["HERALD_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let file = explicitFile ?? (FileManager.default.fileExists(atPath: defaultConfigFile) ? defaultConfigFile : nil)
        if let file {
            guard FileManager.default.fileExists(atPath: file) else {
                throw ConfigurationError(key: "herald.config_file", problem: "file '\(file)' does not exist")
            }
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: .init(file)))
            } catch {
                let reason = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
                throw ConfigurationError(key: "herald.config_file", problem: "'\(file)' is not valid YAML: \(reason)")
            }
        }
        var configuration = try HeraldConfiguration(
            values: ConfigValues(reader: ConfigReader(providers: providers)), configFile: file, environment: environment
        )
        configuration.configFile = file
        return configuration
    }

    init(values: ConfigValues, configFile: String?, environment: [String: String]) throws(ConfigurationError) {
        http = HTTP(
            host: values.string("http.host") ?? "127.0.0.1",
            port: try values.integer("http.port", default: 8080, in: 1...65535)
        )
        let rawURL = values.string("database.url", secret: true) ?? DatabaseURL.defaultValue
        do {
            databaseURL = try DatabaseURL(parsing: rawURL)
        } catch {
            throw ConfigurationError(key: "database.url", problem: error.description)
        }
        log = Log(
            level: try values.choice("log.level", default: .info),
            format: try values.choice("log.format", default: .text)
        )
        adminToken = values.string("herald.admin_token", secret: true)
        encryptionKey = try values.base64Key("herald.encryption_key", length: 32)
        discord = Discord(
            publicKey: try values.hexKey("discord.public_key", length: 32),
            applicationID: values.string("discord.application_id"),
            botToken: values.string("discord.bot_token", secret: true),
            guildID: values.string("discord.guild_id"),
            adminChannelID: values.string("discord.admin_channel_id"),
            clientID: values.string("discord.client_id"),
            clientSecret: values.string("discord.client_secret", secret: true),
            redirectURI: values.string("discord.redirect_uri") == nil
                ? nil : try values.httpURL("discord.redirect_uri", default: ""),
            apiBaseURL: try values.httpURL("discord.api_base_url", default: "https://discord.com/api/v10"),
            deferAfter: .milliseconds(try values.integer("discord.defer_after_ms", default: 2_000, in: 0...2_900))
        )
        telegram = Telegram(
            botToken: values.string("telegram.bot_token", secret: true),
            webhookSecret: values.string("telegram.webhook_secret", secret: true),
            adminChatID: try values.optionalInteger("telegram.admin_chat_id"),
            apiBaseURL: try values.httpURL("telegram.api_base_url", default: "https://api.telegram.org")
        )
        if let secret = telegram.webhookSecret, !Self.isValidTelegramSecretToken(secret) {
            throw ConfigurationError(key: "telegram.webhook_secret", problem: "must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        }
        stripe = Stripe(webhookSecret: values.string("stripe.webhook_secret", secret: true))
        yookassa = try YooKassaSettings(values: values)
        currencies = try Self.parseCurrencies(values.list("economy.currencies"))
        rateLimits = RateLimits(
            telegramGlobalPerSecond: try values.number("rate_limits.telegram.global_per_second", default: 30),
            telegramPerChatPerSecond: try values.number("rate_limits.telegram.per_chat_per_second", default: 1),
            telegramPerGroupPerMinute: try values.number("rate_limits.telegram.per_group_per_minute", default: 20),
            discordGlobalPerSecond: try values.number("rate_limits.discord.global_per_second", default: 50)
        )
        inbound = try InboundSettings(values: values, configFile: configFile, environment: environment)
        relay = try RelaySettings(values: values)
        templates = try TemplateSettings(values: values)
        leaderboard = try LeaderboardSettings(values: values, configFile: configFile)
        payments = try PaymentSettings(values: values, configFile: configFile, currencies: currencies)
        community = try CommunitySettings(values: values, currencies: currencies)
        discordTokenRefresh = try DiscordTokenRefreshSettings(values: values)
    }

    /// Telegram's rule for `setWebhook`'s `secret_token`.
    static func isValidTelegramSecretToken(_ token: String) -> Bool {
        (1...256).contains(token.count)
            && token.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
    }

    static func parseCurrencies(_ items: [String]?) throws(ConfigurationError) -> [Currency] {
        guard let items else { return Currency.defaults }
        var result: [Currency] = []
        for item in items {
            guard let currency = Currency(rawValue: item) else {
                throw ConfigurationError(key: "economy.currencies", problem: "'\(item)' is not a currency code (a-z, 0-9, _; up to 32)")
            }
            if !result.contains(currency) { result.append(currency) }
        }
        guard !result.isEmpty else { throw ConfigurationError(key: "economy.currencies", problem: "lists no currency") }
        return result
    }
}
