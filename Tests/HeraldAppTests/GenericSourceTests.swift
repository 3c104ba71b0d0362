import Crypto
import Foundation
import HeraldApp
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Sources declared in the config file: parsing, refusal of bad declarations, and delivery.
@Suite struct GenericSourceTests {
    static let acmeSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let githubSecret = "It's a Secret to Everybody"

    static func withConfigFile<T>(_ yaml: String, _ body: (String) async throws -> T) async throws -> T {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("herald-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await body(file.path)
    }

    static let yaml = """
        sources:
          acme:
            preset: standard
            secret_env: ACME_SECRET
          github:
            preset: github
            secret: "\(githubSecret)"
        """

    @Test func sourcesAreReadFromTheFileWithSecretsFromTheEnvironment() async throws {
        try await Self.withConfigFile(Self.yaml) { path in
            let configuration = try await HeraldConfiguration.load(environment: ["HERALD_CONFIG_FILE": path, "ACME_SECRET": Self.acmeSecret])
            let sources = configuration.inbound.sources.sorted { $0.name < $1.name }
            #expect(sources.map(\.name) == ["acme", "github"])
            #expect(sources[0].preset == .standard)
            #expect(sources[0].secrets == [Self.acmeSecret])
            #expect(sources[1].preset == .github)
        }
    }

    @Test(arguments: [
        ("sources:\n  acme:\n    preset: standard\n    secret_env: UNSET_VARIABLE\n", "sources.acme.secret_env"),
        ("sources:\n  acme:\n    preset: shiny\n    secret: x\n", "sources.acme.preset"),
        ("sources:\n  acme:\n    preset: hmac\n    secret: x\n", "sources.acme.header"),
        ("sources:\n  yoo:\n    preset: ip_allowlist\n", "sources.yoo.allow"),
        ("sources:\n  stripe:\n    preset: standard\n    secret: x\n", "sources.stripe"),
        ("sources:\n  Bad Name:\n    preset: standard\n    secret: x\n", "sources"),
        ("sources: [acme]\n", "sources"),
    ])
    func badDeclarationsNameTheirKey(yaml: String, key: String) async throws {
        try await Self.withConfigFile(yaml) { path in
            do {
                _ = try await HeraldConfiguration.load(environment: ["HERALD_CONFIG_FILE": path])
                Issue.record("accepted: \(yaml)")
            } catch let error as ConfigurationError {
                #expect(error.key == key)
            }
        }
    }

    @Test func aStandardWebhooksSourceVerifiesAndDeduplicatesByWebhookID() async throws {
        try await Self.withConfigFile(Self.yaml) { path in
            try await withWebhookApplication(environment: ["HERALD_CONFIG_FILE": path, "ACME_SECRET": Self.acmeSecret]) { client, store in
                let body = #"{"type":"invoice.paid","data":{"id":"inv_1"}}"#
                for _ in 0..<3 {
                    try await client.execute(
                        uri: "/webhooks/acme", method: .post, headers: standardWebhookHeaders(id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", body: body),
                        body: ByteBuffer(string: body)
                    ) { response in
                        #expect(response.status == .ok)
                    }
                }
                #expect(try await store.inbox.count(source: "acme") == 1)
                #expect(try await store.inbox.find(source: "acme", eventID: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")?.type == "invoice.paid")

                var forged = standardWebhookHeaders(id: "msg_other", body: body)
                forged[.init("webhook-id")!] = "msg_changed"
                try await client.execute(uri: "/webhooks/acme", method: .post, headers: forged, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unauthorized)
                    let answer = try errorBody(response)
                    #expect(answer["error"] == "invalid_signature")
                }
            }
        }
    }

    @Test func aGitHubSourceTakesItsIDAndTypeFromHeaders() async throws {
        try await Self.withConfigFile(Self.yaml) { path in
            try await withWebhookApplication(environment: ["HERALD_CONFIG_FILE": path, "ACME_SECRET": Self.acmeSecret]) { client, store in
                let body = "Hello, World!"
                let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(Self.githubSecret.utf8)))
                let headers: HTTPFields = [
                    .init("X-Hub-Signature-256")!: "sha256=" + mac.map { String(format: "%02x", $0) }.joined(),
                    .init("X-GitHub-Delivery")!: "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                    .init("X-GitHub-Event")!: "issues",
                ]
                try await client.execute(uri: "/webhooks/github", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                }
                let stored = try #require(try await store.inbox.find(source: "github", eventID: "72d3162e-cc78-11e3-81ab-4c9367dc0958"))
                #expect(stored.type == "issues")
            }
        }
    }

    /// Standard Webhooks signing, written independently: base64(HMAC-SHA256(base64decode(secret sans whsec_), "id.ts.body")).
    func standardWebhookHeaders(id: String, body: String, at time: Date = Date()) -> HTTPFields {
        let timestamp = String(Int(time.timeIntervalSince1970))
        let key = SymmetricKey(data: Data(base64Encoded: String(Self.acmeSecret.dropFirst("whsec_".count)))!)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        return [
            .init("webhook-id")!: id,
            .init("webhook-timestamp")!: timestamp,
            .init("webhook-signature")!: "v1," + Data(mac).base64EncodedString(),
        ]
    }
}
