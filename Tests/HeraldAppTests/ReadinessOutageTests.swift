import Foundation
import HeraldStore
import HeraldTestSupport
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
        // A session lock like the sender and leaderboard locks, held beside the application.
        let lockStore = try await TestDatabase.openStore(url, leaseTimeout: .seconds(5))
        let ownership = Ownership()
        let holder = Task {
            try await lockStore.withRunningService {
                await SessionLock(store: lockStore, name: "herald.test.outage").hold(
                    retryEvery: .milliseconds(300), heartbeat: .milliseconds(200), heartbeatTimeout: .seconds(2)
                ) { await ownership.record($0) }
            }
        }
        defer { holder.cancel() }
        try await withTestApplication(database: url, environment: TestSecrets.environment, leaseTimeout: .seconds(5)) { client in
            #expect(try await readyStatus(client) == 200)
            #expect(await ownership.waitFor([true]))

            try await runScript(clusterScript, ["stop", dataDirectory])
            #expect(try await readyStatus(client) == 503)
            // The holder notices the dead connection instead of waiting on it forever.
            #expect(await ownership.waitFor([true, false]))

            // A webhook arriving now is refused with 503, so the provider retries it later.
            let body = stripeEvent(id: "evt_during_outage_\(UUID().uuidString.prefix(8))")
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
            #expect(await ownership.waitFor([true, false, true]))

            // The retried delivery is accepted once the database is back.
            try await client.execute(
                uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body)],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains("duplicate"))
            }
        }
    }

    /// Ownership changes a lock holder reported, in order.
    actor Ownership {
        private(set) var changes: [Bool] = []
        func record(_ owned: Bool) { changes.append(owned) }

        /// Whether the changes reach `expected` within 30 seconds.
        func waitFor(_ expected: [Bool]) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(30)
            while changes != expected, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
            return changes == expected
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
