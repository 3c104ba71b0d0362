import Configuration
import Foundation
import Yams

/// Settings for receiving webhooks: body limit, replay windows, proxies, and
/// the generic sources declared under `sources:` in the config file.
public struct InboundSettings: Sendable {
    /// Largest accepted body; larger requests answer 413.
    public var maximumBodyBytes: Int = 1 << 20
    /// Accepted clock difference for Stripe's `t=` timestamp.
    public var stripeTolerance: TimeInterval = 300
    /// Accepted clock difference for Discord's `X-Signature-Timestamp`.
    public var discordTolerance: TimeInterval = 300
    /// Accept Telegram updates only from Telegram's published address ranges.
    public var telegramIPAllowlist = false
    /// Proxies (CIDRs) whose `X-Forwarded-For` is believed when finding a client's address.
    public var trustedProxies: [String] = []
    public var sources: [GenericSourceSettings] = []

    /// Names reserved for the built-in sources.
    public static let builtInSources: Set<String> = ["discord", "telegram", "stripe"]
}

/// One generic source: `sources.<name>` in the config file.
public struct GenericSourceSettings: Sendable, Equatable {
    public enum Preset: String, Sendable, CaseIterable { case standard, github, paddle, lemonsqueezy, hmac, ip_allowlist, yookassa }

    public var name: String
    public var preset: Preset
    /// Accepted secrets, newest first (several during a rotation).
    public var secrets: [String]
    /// Overrides of the preset's HMAC shape (preset `hmac` needs at least `header`).
    public var header: String?
    public var algorithm: String?
    public var encoding: String?
    public var prefix: String?
    public var payload: String?
    public var timestampHeader: String?
    public var idHeader: String?
    public var toleranceSeconds: Double?
    /// Where the event id is: `header:<name>`, `sha256`, or a dotted JSON path.
    public var eventID: String?
    /// Where the event type is: `header:<name>` or a dotted JSON path.
    public var eventType: String?
    /// CIDRs allowed to call this source (required for `ip_allowlist`; `yookassa` defaults to YooKassa's published ranges).
    public var allow: [String]
}

extension InboundSettings {
    /// Reads the settings; generic source names are taken from the YAML file's `sources:` map,
    /// their values through `values` so environment variables still override them.
    init(values: ConfigValues, configFile: String?, environment: [String: String]) throws(ConfigurationError) {
        maximumBodyBytes = try values.integer("webhooks.max_body_bytes", default: 1 << 20, in: 1_024...(64 << 20))
        stripeTolerance = try values.number("stripe.tolerance_seconds", default: 300)
        discordTolerance = try values.number("discord.tolerance_seconds", default: 300)
        telegramIPAllowlist = try values.boolean("telegram.ip_allowlist", default: false)
        trustedProxies = values.list("http.trusted_proxies") ?? []
        for name in try Self.sourceNames(configFile: configFile) {
            sources.append(try GenericSourceSettings(name: name, values: values, environment: environment))
        }
    }

    /// The keys of the `sources:` map in the YAML file.
    static func sourceNames(configFile: String?) throws(ConfigurationError) -> [String] {
        guard let configFile, let text = try? String(contentsOfFile: configFile, encoding: .utf8) else { return [] }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: "herald.config_file", problem: "'\(configFile)' is not valid YAML")
        }
        guard let sources = root?.mapping?["sources"] else { return [] }
        guard let mapping = sources.mapping else {
            throw ConfigurationError(key: "sources", problem: "must be a map of source names to settings")
        }
        var names: [String] = []
        for key in mapping.keys {
            guard let name = key.string, Self.isValidSourceName(name) else {
                throw ConfigurationError(key: "sources", problem: "'\(key.string ?? "?")' is not a source name (a-z, 0-9, _ and -)")
            }
            guard !builtInSources.contains(name) else {
                throw ConfigurationError(key: "sources.\(name)", problem: "'\(name)' is built in; configure it with its own variables")
            }
            names.append(name)
        }
        return names
    }

    static func isValidSourceName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}

extension GenericSourceSettings {
    init(name: String, values: ConfigValues, environment: [String: String]) throws(ConfigurationError) {
        let key = "sources.\(name)"
        self.name = name
        preset = try values.choice("\(key).preset", default: .hmac)
        var secrets = (values.list("\(key).secret") ?? [])
        if let variable = values.string("\(key).secret_env") {
            guard let value = environment[variable], !value.isEmpty else {
                throw ConfigurationError(key: "\(key).secret_env", problem: "names \(variable), which is not set")
            }
            secrets += value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        self.secrets = secrets
        header = values.string("\(key).header")
        algorithm = values.string("\(key).algorithm")
        encoding = values.string("\(key).encoding")
        prefix = values.string("\(key).prefix")
        payload = values.string("\(key).payload")
        timestampHeader = values.string("\(key).timestamp_header")
        idHeader = values.string("\(key).id_header")
        toleranceSeconds = values.string("\(key).tolerance_seconds") == nil ? nil : try values.number("\(key).tolerance_seconds", default: 300)
        eventID = values.string("\(key).event_id")
        eventType = values.string("\(key).event_type")
        allow = values.list("\(key).allow") ?? (preset == .yookassa ? YooKassaSettings.notificationAddresses : [])
        if preset == .yookassa, values.string("yookassa.shop_id") == nil || values.string("yookassa.secret_key", secret: true) == nil {
            throw ConfigurationError(key: "yookassa.secret_key", problem: "a yookassa source needs YOOKASSA_SHOP_ID and YOOKASSA_SECRET_KEY")
        }
        if preset == .ip_allowlist || preset == .yookassa, allow.isEmpty {
            throw ConfigurationError(key: "\(key).allow", problem: "an \(preset.rawValue) source needs at least one allowed address range")
        }
        if preset != .ip_allowlist, preset != .yookassa, secrets.isEmpty {
            throw ConfigurationError(key: "\(key).secret", problem: "the \(preset.rawValue) preset needs a secret (secret or secret_env)")
        }
        if preset == .hmac, header == nil {
            throw ConfigurationError(key: "\(key).header", problem: "the hmac preset needs the signature header name")
        }
    }
}
