import Crypto
import Foundation
import HeraldRelay
import HeraldVerify

/// `herald-bench interactions PORT PRIVATE_KEY_HEX SECONDS CONCURRENCY`: signed
/// `/leaderboard` slash commands against a running `herald serve` on loopback.
///
/// CONCURRENCY workers each keep one request in flight for SECONDS; each
/// interaction is freshly signed (Ed25519 over timestamp and body, as Discord
/// does) and comes from one of 1,000 members. Prints throughput and p50/p99
/// latency of the whole exchange, and counts any answer that is not a 200
/// carrying an interaction response.
enum InteractionBenchmark {
    static func run(port: Int, privateKeyHex: String, seconds: Int, concurrency: Int) async throws {
        let key = try privateKey(hex: privateKeyHex)
        let transport = CurlTransport()
        // Interaction ids unique across runs on one database, or repeats would be answered as duplicates.
        let run = Int.random(in: 0..<100_000) * 1_000_000_000
        let deadline = ContinuousClock.now + .seconds(seconds)
        let results = await withTaskGroup(of: ([Duration], Int).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Duration] = []
                    var failures = 0
                    var sequence = 0
                    while ContinuousClock.now < deadline {
                        sequence += 1
                        let request = signedLeaderboard(key: key, port: port, worker: worker, sequence: run + sequence)
                        let started = ContinuousClock.now
                        let response = try? await transport.send(request)
                        latencies.append(ContinuousClock.now - started)
                        if response?.status != 200 || response.map({ !String(decoding: $0.body, as: UTF8.self).contains(#""type":4"#) }) ?? true {
                            failures += 1
                        }
                    }
                    return (latencies, failures)
                }
            }
            var all: ([Duration], Int) = ([], 0)
            for await (latencies, failures) in group {
                all.0 += latencies
                all.1 += failures
            }
            return all
        }
        await transport.shutdown()
        let sorted = results.0.sorted()
        guard !sorted.isEmpty else { throw BenchmarkError("no request completed") }
        func percentile(_ p: Double) -> String {
            let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
            return String(format: "%.2f ms", Double(value.components.attoseconds) / 1e15 + Double(value.components.seconds) * 1000)
        }
        let rate = Double(sorted.count) / Double(seconds)
        print("  /leaderboard interactions, \(concurrency) concurrent, \(seconds) s: \(sorted.count) answered (\(String(format: "%.0f", rate))/s), p50 \(percentile(0.5)), p99 \(percentile(0.99)), failures: \(results.1)")
    }

    static func privateKey(hex: String) throws -> Curve25519.Signing.PrivateKey {
        guard let seed = Hex.decode(hex, letterCase: .any), seed.count == 32 else {
            throw BenchmarkError("the private key must be 64 hex characters (an Ed25519 seed)")
        }
        return try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// The public key a server verifying this signer's interactions is given (`DISCORD_PUBLIC_KEY`).
    static func publicKeyHex(privateKeyHex: String) throws -> String {
        Hex.encode(Array(try privateKey(hex: privateKeyHex).publicKey.rawRepresentation))
    }

    static func signedLeaderboard(key: Curve25519.Signing.PrivateKey, port: Int, worker: Int, sequence: Int) -> OutboundRequest {
        let id = 1_100_000_000_000_000_000 + worker * 1_000_000_000_000_000 + sequence
        let member = 900_000_000_000_000_000 + (id % 1_000)
        let body = #"{"id":"\#(id)","application_id":"11","type":2,"token":"bench-\#(id)","version":1,"locale":"en-US","guild_id":"290926798626357999","channel_id":"645027906669510667","member":{"user":{"id":"\#(member)","username":"bench\#(member % 1_000)"},"roles":[]},"data":{"id":"1","name":"leaderboard","type":1,"options":[{"name":"page","type":4,"value":\#(1 + sequence % 3)}]}}"#
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let signature = (try? key.signature(for: Data((timestamp + body).utf8))).map { Hex.encode(Array($0)) } ?? ""
        return OutboundRequest(
            method: "POST", url: "http://127.0.0.1:\(port)/webhooks/discord",
            headers: [
                (name: "Content-Type", value: "application/json"), (name: "X-Signature-Ed25519", value: signature),
                (name: "X-Signature-Timestamp", value: timestamp),
            ],
            body: Array(body.utf8)
        )
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
