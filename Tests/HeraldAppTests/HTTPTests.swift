import Foundation
import HeraldApp
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Runs `body` against an application built exactly as `herald serve` builds it.
func withTestApplication(
    database: DatabaseURL? = nil,
    migrate: Bool = true,
    environment: [String: String] = [:],
    leaseTimeout: Duration = .seconds(30),
    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.sqlite.withEmptyDatabase { sqliteURL in
        let url = database ?? sqliteURL
        let configuration = try await HeraldConfiguration.load(environment: environment)
        let store = try await TestDatabase.openStore(url, leaseTimeout: leaseTimeout)
        let logger = {
            var logger = Logger(label: "herald.test.app")
            logger.logLevel = ProcessInfo.processInfo.environment["HERALD_TEST_APP_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
            return logger
        }()
        try await store.closing { store in
            let app = try buildApplication(configuration: configuration, store: store, logger: logger, migrate: migrate)
            try await app.test(.router, body)
        }
    }
}

@Suite struct HTTPTests {
    @Test func healthzAnswersWithARequestID() async throws {
        try await withTestApplication { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                #expect(response.headers[.init("X-Request-Id")!]?.isEmpty == false)
            }
        }
    }

    @Test func aPlainCallerRequestIDIsKeptAndAHostileOneReplaced() async throws {
        try await withTestApplication { client in
            try await client.execute(uri: "/healthz", method: .get, headers: [.init("X-Request-Id")!: "trace-42"]) { response in
                #expect(response.headers[.init("X-Request-Id")!] == "trace-42")
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [.init("X-Request-Id")!: "bad id\u{7F}<script>"]) { response in
                let id = response.headers[.init("X-Request-Id")!]
                #expect(id != nil && id != "bad id\u{7F}<script>")
            }
        }
    }

    @Test(arguments: ["/nope", "/api/v1/unknown", "/webhooks"])
    func unknownRoutesAnswerTheJSONErrorShape(path: String) async throws {
        try await withTestApplication { client in
            try await client.execute(uri: path, method: .post) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try JSONDecoder().decode([String: String].self, from: Data(String(buffer: response.body).utf8))
                #expect(body["error"] == "not_found")
                #expect(body["message"]?.isEmpty == false)
                #expect(response.headers[.init("X-Request-Id")!] != nil)
            }
        }
    }

    /// `/readyz` as a probe polls it: answers that only say the database was slow
    /// (hundreds of tests share two cores) are asked again, for up to 30 s.
    static func readyz(_ client: some TestClientProtocol) async throws -> (UInt, String) {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let (status, body) = try await client.execute(uri: "/readyz", method: .get) { (UInt($0.status.code), String(buffer: $0.body)) }
            guard body.contains("did not answer within"), ContinuousClock.now < deadline else { return (status, body) }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test func readyzIsReadyOnceMigrated() async throws {
        try await withTestApplication { client in
            let (status, body) = try await Self.readyz(client)
            #expect(status == 200)
            #expect(body == #"{"status":"ready"}"#)
        }
    }

    @Test func readyzExplainsPendingMigrations() async throws {
        try await withTestApplication(migrate: false) { client in
            let (status, text) = try await Self.readyz(client)
            #expect(status == 503)
            let body = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
            #expect(body["error"] == "not_ready")
            #expect(body["message"] == "database check failed; has `herald migrate` run?")
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        try await withTestApplication { client in
            for _ in 0..<3 { try await client.execute(uri: "/healthz", method: .get) { _ in } }
            try await client.execute(uri: "/missing/\(UUID().uuidString)", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"herald_http_requests_total{route="/healthz",method="GET",status="200"} 3"#))
                #expect(text.contains(#"status="404""#))
                #expect(text.contains("herald_http_request_duration_seconds_bucket"))
                // The raw path of an unknown route never becomes a label.
                #expect(!text.contains("/missing/"))
            }
        }
    }
}
