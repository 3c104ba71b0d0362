import Foundation
import HeraldStore
import Hummingbird
import HummingbirdTesting
import Testing

/// `/readyz` follows the database: 503 while PostgreSQL is down, 200 again
/// once it is back, with no restart of Herald.
@Suite struct ReadinessOutageTests {
    @Test func readyzFollowsAPostgresOutage() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let rawURL = environment["HERALD_TEST_OUTAGE_POSTGRES_URL"], let dataDirectory = environment["HERALD_TEST_OUTAGE_PGDATA"],
            let clusterScript = environment["HERALD_TEST_PG_CLUSTER"]
        else {
            Issue.record("the outage PostgreSQL server is not configured; run the tests with scripts/test.sh")
            return
        }
        let url = try DatabaseURL(parsing: rawURL)
        try await withTestApplication(database: url, environment: TestSecrets.environment, leaseTimeout: .seconds(5)) { client in
            #expect(try await readyStatus(client) == 200)

            try await runScript(clusterScript, ["stop", dataDirectory])
            #expect(try await readyStatus(client) == 503)

            // A webhook arriving now is refused with 503, so the provider retries it later.
            let body = stripeEvent(id: "evt_during_outage")
            try await client.execute(
                uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body)],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .serviceUnavailable)
                let answer = try errorBody(response)
                #expect(answer["error"] == "database_unavailable")
            }

            try await runScript(clusterScript, ["start", dataDirectory])
            var status = try await readyStatus(client)
            let deadline = ContinuousClock.now + .seconds(30)
            while status != 200, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(250))
                status = try await readyStatus(client)
            }
            #expect(status == 200)

            // The retried delivery is accepted once the database is back.
            try await client.execute(
                uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body)],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
            }
        }
    }

    private func readyStatus(_ client: some TestClientProtocol) async throws -> UInt {
        try await client.execute(uri: "/readyz", method: .get) { UInt($0.status.code) }
    }

    /// Runs the cluster script. Polls rather than `waitUntilExit()`, which can miss
    /// the exit of a child that leaves a daemon behind.
    private func runScript(_ script: String, _ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw TestFailure("\(script) \(arguments) did not finish")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(script) \(arguments) exited \(process.terminationStatus)")
        }
    }

    struct TestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
