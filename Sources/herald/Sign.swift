import ArgumentParser
import Foundation
import HeraldApp
import HeraldVerify

/// `herald sign <scheme>`: sign a body the way a provider would, for local testing.
struct Sign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the headers a provider would send for a body, as a ready curl line.",
        discussion: """
            The secret is --secret, or the server's own setting for that scheme (STRIPE_WEBHOOK_SECRET, \
            TELEGRAM_WEBHOOK_SECRET, or a generic source's secret with --source). Discord is signed with an \
            Ed25519 private key (--private-key, 64 hex characters), and its public key is printed for \
            DISCORD_PUBLIC_KEY. Neither secret nor key is printed.
            """
    )

    enum Scheme: String, ExpressibleByArgument, CaseIterable {
        case stripe, discord, telegram, standard, github, paddle, lemonsqueezy
        /// A generic source's own HMAC scheme, from the config file (needs --source).
        case hmac
    }

    @OptionGroup var options: RuntimeOptions

    @Argument(help: "One of: \(Scheme.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scheme: Scheme

    @Option(name: .customLong("body-file"), help: "The file holding the exact body to send ('-' for standard input).")
    var bodyFile: String

    @Option(help: "The shared secret (default: the server's configured one).")
    var secret: String?

    @Option(name: .customLong("private-key"), help: "Discord only: the Ed25519 private key seed, hex.")
    var privateKey: String?

    @Option(help: "The generic source name, for the URL and its configured secret (default: the scheme's name).")
    var source: String?

    @Option(help: "Server base URL.")
    var url = "http://127.0.0.1:8080"

    @Option(name: .customLong("event-id"), help: "Standard Webhooks only: the webhook-id (default: a new msg_ id).")
    var eventID: String?

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let body: [UInt8]
        if bodyFile == "-" {
            body = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: bodyFile) else {
                printError("herald: cannot read \(bodyFile)")
                throw ExitCode(66)
            }
            body = Array(data)
        }
        let sourceName = source ?? scheme.rawValue
        let headers = try signatureHeaders(configuration: configuration, sourceName: sourceName, body: body)
        var line = "curl -sS -X POST '\(url)/webhooks/\(sourceName)' -H 'Content-Type: application/json'"
        for header in headers {
            line += " -H '\(header.name): \(header.value)'"
        }
        line += " --data-binary @\(bodyFile == "-" ? "-" : Self.shellQuoted(bodyFile))"
        print(line)
    }

    private func signatureHeaders(configuration: HeraldConfiguration, sourceName: String, body: [UInt8]) throws
        -> [(name: String, value: String)]
    {
        let configuredSecret: String? =
            switch scheme {
            case .stripe: configuration.stripe.webhookSecret?.split(separator: ",").first.map(String.init)
            case .telegram: configuration.telegram.webhookSecret
            default: configuration.inbound.sources.first { $0.name == sourceName }?.secrets.first
            }
        let signer: any WebhookSigner
        if scheme == .discord {
            guard let privateKey, let discord = DiscordInteractionSigner(seedHex: privateKey) else {
                printError("herald: discord needs --private-key with 64 hexadecimal characters")
                throw ExitCode(64)
            }
            printError("# DISCORD_PUBLIC_KEY=\(Hex.encode(discord.publicKey))")
            signer = discord
        } else if scheme == .hmac {
            guard let settings = configuration.inbound.sources.first(where: { $0.name == sourceName }), settings.preset != .standard,
                settings.preset != .ip_allowlist, settings.preset != .yookassa
            else {
                printError("herald: hmac needs --source naming an HMAC source of the config file")
                throw ExitCode(64)
            }
            guard let secret = secret ?? settings.secrets.first else {
                printError("herald: no secret: pass --secret or configure the \(sourceName) source")
                throw ExitCode(64)
            }
            signer = GenericHMACSigner(scheme: try settings.hmacScheme(), secret: secret)
        } else {
            guard let secret = secret ?? configuredSecret, let shared = Self.signer(for: scheme, secret: secret) else {
                printError("herald: no secret: pass --secret or configure the \(sourceName) source")
                throw ExitCode(64)
            }
            signer = shared
        }
        return signer.signatureHeaders(body: body, timestamp: Date(), id: eventID ?? "msg_\(UUID().uuidString.lowercased())")
    }

    /// The signer of a shared-secret scheme; nil for Discord, which signs with a private key.
    static func signer(for scheme: Scheme, secret: String) -> (any WebhookSigner)? {
        switch scheme {
        case .stripe: StripeSigner(secret: secret)
        case .telegram: TelegramSecretTokenSigner(secretToken: secret)
        case .standard: StandardWebhooksSigner(secret: secret)
        case .github: GenericHMACSigner(scheme: .github, secret: secret)
        case .paddle: GenericHMACSigner(scheme: .paddle, secret: secret)
        case .lemonsqueezy: GenericHMACSigner(scheme: .lemonsqueezy, secret: secret)
        case .discord, .hmac: nil
        }
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
