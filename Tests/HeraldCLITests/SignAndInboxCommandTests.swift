import Foundation
import HeraldCore
import HeraldStore
import HeraldTestSupport
import HeraldVerify
import Testing

/// `herald sign` prints headers that Herald's own verifiers accept; `herald inbox` and `herald replay` read the store.
@Suite struct SignAndInboxCommandTests {
    static let body = #"{"id":"evt_cli_1","object":"event","type":"charge.succeeded","data":{"object":{}}}"#

    /// The `-H 'Name: value'` pairs of a printed curl line.
    static func headers(ofCurlLine line: String) -> [(name: String, value: String)] {
        line.components(separatedBy: " -H '").dropFirst().compactMap { part in
            guard let end = part.firstIndex(of: "'") else { return nil }
            let header = part[..<end]
            guard let colon = header.firstIndex(of: ":") else { return nil }
            return (String(header[..<colon]), header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    /// Paddle's own tolerance is 5 s, which a child process on a busy machine can
    /// outlast between signing and exiting; the signature is what is checked here.
    static let paddleWithRoomForASlowChild = {
        var scheme = HMACScheme.paddle
        scheme.tolerance = 300
        return scheme
    }()

    @Test(arguments: ["stripe", "standard", "github", "paddle", "lemonsqueezy", "telegram"])
    func signedHeadersVerify(scheme: String) async throws {
        let secret = scheme == "standard" ? "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" : "cli-secret_123"
        let verifier: any WebhookVerifier =
            switch scheme {
            case "stripe": StripeSignatureVerifier(secrets: [secret])
            case "standard": StandardWebhooksVerifier(secrets: [secret])
            case "github": GenericHMACVerifier(scheme: .github, secrets: [secret])
            case "paddle": GenericHMACVerifier(scheme: Self.paddleWithRoomForASlowChild, secrets: [secret])
            case "lemonsqueezy": GenericHMACVerifier(scheme: .lemonsqueezy, secrets: [secret])
            default: TelegramSecretTokenVerifier(secretToken: secret)
            }
        try await withScratchDirectory { directory in
            let file = directory.appendingPathComponent("event.json")
            try Self.body.write(to: file, atomically: true, encoding: .utf8)
            let result = try await HeraldProcess.run(["sign", scheme, "--secret", secret, "--body-file", file.path], environment: [:], in: directory)
            #expect(result.status == 0, "\(result.standardError)")
            let line = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(line.hasPrefix("curl -sS -X POST 'http://127.0.0.1:8080/webhooks/\(scheme)'"))
            #expect(line.hasSuffix("--data-binary @'\(file.path)'"))
            #expect(!line.contains(secret) || scheme == "telegram", "the secret itself is printed")
            let request = WebhookRequest(headers: Self.headers(ofCurlLine: line), body: Array(Self.body.utf8))
            #expect(throws: Never.self) { try verifier.verify(request, now: Date()) }
            let tampered = WebhookRequest(headers: Self.headers(ofCurlLine: line), body: Array((Self.body + " ").utf8))
            if scheme != "telegram" {
                #expect(throws: VerificationError.invalidSignature) { try verifier.verify(tampered, now: Date()) }
            }
        }
    }

    @Test func discordIsSignedWithAPrivateKeyAndPrintsThePublicKey() async throws {
        let seed = String(repeating: "1f", count: 32)
        try await withScratchDirectory { directory in
            let file = directory.appendingPathComponent("ping.json")
            try #"{"id":"1","type":1}"#.write(to: file, atomically: true, encoding: .utf8)
            let result = try await HeraldProcess.run(["sign", "discord", "--private-key", seed, "--body-file", file.path], environment: [:], in: directory)
            #expect(result.status == 0)
            let publicKeyLine = try #require(result.standardError.split(separator: "\n").first { $0.hasPrefix("# DISCORD_PUBLIC_KEY=") })
            let publicKey = try #require(DiscordInteractionSigner(seedHex: seed)?.publicKey)
            #expect(publicKeyLine == "# DISCORD_PUBLIC_KEY=\(publicKey.map { String(format: "%02x", $0) }.joined())")
            let request = WebhookRequest(headers: Self.headers(ofCurlLine: result.standardOutput), body: Array(#"{"id":"1","type":1}"#.utf8))
            #expect(throws: Never.self) { try DiscordInteractionVerifier(publicKey: publicKey).verify(request, now: Date()) }
            #expect(!result.standardOutput.contains(seed) && !result.standardError.contains(seed))
        }
    }

    @Test func aConfiguredHMACSourceIsSignedWithItsOwnScheme() async throws {
        try await withScratchDirectory { directory in
            let config = directory.appendingPathComponent("herald.yaml")
            try """
                sources:
                  partner:
                    preset: hmac
                    secret_env: PARTNER_SECRET
                    header: X-Partner-Signature
                    algorithm: sha512
                    encoding: base64
                    payload: timestamp.body
                    timestamp_header: X-Partner-Timestamp
                    tolerance_seconds: 60
                """.write(to: config, atomically: true, encoding: .utf8)
            let file = directory.appendingPathComponent("event.json")
            try Self.body.write(to: file, atomically: true, encoding: .utf8)
            let result = try await HeraldProcess.run(
                ["sign", "hmac", "--source", "partner", "--body-file", file.path],
                environment: ["HERALD_CONFIG_FILE": config.path, "PARTNER_SECRET": "partner-secret"], in: directory
            )
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("/webhooks/partner"))
            let scheme = HMACScheme(
                header: "X-Partner-Signature", algorithm: .sha512, encoding: .base64, payload: .timestampDotBody,
                timestampHeader: "X-Partner-Timestamp", tolerance: 60
            )
            let request = WebhookRequest(headers: Self.headers(ofCurlLine: result.standardOutput), body: Array(Self.body.utf8))
            #expect(throws: Never.self) { try GenericHMACVerifier(scheme: scheme, secrets: ["partner-secret"]).verify(request, now: Date()) }
            #expect(throws: VerificationError.invalidSignature) {
                try GenericHMACVerifier(scheme: scheme, secrets: ["other"]).verify(request, now: Date())
            }
        }
    }

    @Test func signWithoutASecretExplainsWhatIsMissing() async throws {
        try await withScratchDirectory { directory in
            let file = directory.appendingPathComponent("event.json")
            try Self.body.write(to: file, atomically: true, encoding: .utf8)
            let result = try await HeraldProcess.run(["sign", "stripe", "--body-file", file.path], environment: [:], in: directory)
            #expect(result.status != 0)
            #expect(result.standardError.contains("no secret"))
        }
    }

    @Test func inboxListAndReplayReadTheStore() async throws {
        try await withScratchDirectory { directory in
            let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("herald.sqlite").path)
            let store = try await TestDatabase.openStore(url)
            try await store.closing { store in
                try await store.migrate()
                _ = try await store.backend.withTransaction { db in
                    try await InboxRepository.insert(
                        source: "stripe", eventID: "evt_stored", type: "charge.succeeded", payload: Self.body, status: .failed,
                        error: "no member for this customer", on: db
                    )
                }
            }
            let environment = ["DATABASE_URL": url.urlString]
            let list = try await HeraldProcess.run(["inbox", "list", "--status", "failed"], environment: environment, in: directory)
            #expect(list.status == 0, "\(list.standardError)")
            #expect(list.standardOutput.contains("evt_stored"))
            #expect(list.standardOutput.contains("no member for this customer"))

            let replay = try await HeraldProcess.run(["replay", "stripe", "evt_stored"], environment: environment, in: directory)
            #expect(replay.status == 0, "\(replay.standardError)")
            #expect(replay.standardOutput.contains("stripe evt_stored: ignored"))
            let afterReplay = try await HeraldProcess.run(["inbox", "list", "--status", "failed"], environment: environment, in: directory)
            #expect(!afterReplay.standardOutput.contains("evt_stored"))

            let missing = try await HeraldProcess.run(["replay", "stripe", "evt_nope"], environment: environment, in: directory)
            #expect(missing.status != 0)
            #expect(missing.standardError.contains("no event evt_nope"))
        }
    }
}

@Suite struct OutboxCommandTests {
    @Test func statsListAndRetry() async throws {
        try await withScratchDirectory { directory in
            let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("herald.sqlite").path)
            let store = try await TestDatabase.openStore(url)
            let id = try await store.closing { store in
                try await store.migrate()
                let item = try await store.outbox.enqueue(NewNotification(channel: .telegramMessage, destination: "42", body: "hi")).item
                let claimed = try await store.outbox.claimDue(limit: 1, lease: .seconds(30))
                try await store.outbox.record(.dead(statusCode: 403, error: "Forbidden: bot was blocked by the user"), for: claimed[0], latency: .zero)
                return item.id
            }
            let environment = ["DATABASE_URL": url.urlString]
            let stats = try await HeraldProcess.run(["outbox", "stats"], environment: environment, in: directory)
            #expect(stats.status == 0, "\(stats.standardError)")
            #expect(stats.standardOutput.contains("dead\t1"))
            let list = try await HeraldProcess.run(["outbox", "list", "--status", "dead"], environment: environment, in: directory)
            #expect(list.standardOutput.contains("bot was blocked"))
            let retry = try await HeraldProcess.run(["outbox", "retry", String(id)], environment: environment, in: directory)
            #expect(retry.status == 0)
            #expect(retry.standardOutput.contains("\(id): pending"))
            let again = try await HeraldProcess.run(["outbox", "retry", String(id)], environment: environment, in: directory)
            #expect(again.status != 0)
        }
    }
}
