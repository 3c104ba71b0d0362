import Foundation
import HeraldVerify

/// Every source Herald accepts webhooks from, built once from the configuration.
///
/// Discord, Telegram and Stripe always exist (and answer 503 until their secret
/// is set); generic sources exist when the config file declares them.
struct InboundSources: Sendable {
    private var configured: [String: InboundSource] = [:]
    private var unconfigured: Set<String> = []

    init(configuration: HeraldConfiguration) throws(ConfigurationError) {
        let inbound = configuration.inbound
        let proxies = try Self.allowlist(inbound.trustedProxies, key: "http.trusted_proxies")
        let resolver = ClientAddressResolver(trustedProxies: proxies)

        if let publicKey = configuration.discord.publicKey {
            add(InboundSource(
                name: "discord",
                verifiers: [DiscordInteractionVerifier(publicKey: publicKey, tolerance: inbound.discordTolerance)],
                eventID: .json(["id"]),
                eventType: .discordInteraction
            ))
        } else {
            unconfigured.insert("discord")
        }

        if let secret = configuration.telegram.webhookSecret {
            var verifiers: [any WebhookVerifier] = []
            if inbound.telegramIPAllowlist {
                verifiers.append(IPAllowlistVerifier(allowlist: .telegram, resolver: resolver))
            }
            verifiers.append(TelegramSecretTokenVerifier(secretToken: secret))
            add(InboundSource(name: "telegram", verifiers: verifiers, eventID: .json(["update_id"]), eventType: .telegramUpdateKind))
        } else {
            unconfigured.insert("telegram")
        }

        if let secrets = configuration.stripe.webhookSecret {
            let list = secrets.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            add(InboundSource(
                name: "stripe",
                verifiers: [StripeSignatureVerifier(secrets: list, tolerance: inbound.stripeTolerance)],
                eventID: .json(["id"]),
                eventType: .json(["type"])
            ))
        } else {
            unconfigured.insert("stripe")
        }

        for settings in inbound.sources {
            add(try Self.genericSource(settings, resolver: resolver))
        }
    }

    private mutating func add(_ source: InboundSource) {
        configured[source.name] = source
    }

    func isKnown(_ name: String) -> Bool {
        configured[name] != nil || unconfigured.contains(name)
    }

    func source(named name: String) throws(InboundError) -> InboundSource {
        if let source = configured[name] { return source }
        if unconfigured.contains(name) { throw .notConfigured(name) }
        throw .unknownSource(name)
    }

    static func allowlist(_ ranges: [String], key: String) throws(ConfigurationError) -> IPAllowlist? {
        guard !ranges.isEmpty else { return nil }
        do {
            return try IPAllowlist(ranges)
        } catch {
            throw ConfigurationError(key: key, problem: "lists an address range that is not an IP or CIDR")
        }
    }

    static func genericSource(_ settings: GenericSourceSettings, resolver: ClientAddressResolver) throws(ConfigurationError) -> InboundSource {
        let key = "sources.\(settings.name)"
        var verifiers: [any WebhookVerifier] = []
        if let allowlist = try allowlist(settings.allow, key: "\(key).allow") {
            verifiers.append(IPAllowlistVerifier(allowlist: allowlist, resolver: resolver))
        }
        var eventID: EventIDRule
        var eventType: EventTypeRule
        switch settings.preset {
        case .standard:
            for secret in settings.secrets where StandardWebhooksSecret.keyBytes(secret) == nil {
                throw ConfigurationError(key: "\(key).secret", problem: "a Standard Webhooks secret must be whsec_ followed by base64")
            }
            verifiers.append(StandardWebhooksVerifier(secrets: settings.secrets, tolerance: settings.toleranceSeconds ?? 300))
            eventID = .header(["webhook-id", "svix-id"])
            eventType = .json(["type"])
        case .github, .paddle, .lemonsqueezy, .hmac:
            let scheme = try HMACSchemeSettings.scheme(for: settings)
            verifiers.append(GenericHMACVerifier(scheme: scheme, secrets: settings.secrets))
            (eventID, eventType) = HMACSchemeSettings.defaultRules(for: settings.preset)
        case .ip_allowlist, .yookassa:
            eventID = .bodyHash
            eventType = .json(["event"])
        }
        if let rule = settings.eventID { eventID = EventIDRule(configured: rule) }
        if let rule = settings.eventType { eventType = EventTypeRule(configured: rule) }
        return InboundSource(name: settings.name, verifiers: verifiers, eventID: eventID, eventType: eventType)
    }
}
