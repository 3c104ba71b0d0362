import Foundation

/// Benchmarks that `scripts/bench.sh` runs on a release build: `verify`,
/// `relay`, `leaderboard`, and `interactions` against a running `herald serve`
/// (with `public-key`, which gives that server the key matching the signer).
@main
enum HeraldBench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "verify": try VerificationBenchmark.run()
        case "public-key" where arguments.count >= 2:
            print(try InteractionBenchmark.publicKeyHex(privateKeyHex: arguments[1]))
        case "interactions" where arguments.count >= 5:
            try await InteractionBenchmark.run(
                port: Int(arguments[1]) ?? 8080, privateKeyHex: arguments[2], seconds: Int(arguments[3]) ?? 10, concurrency: Int(arguments[4]) ?? 32
            )
        case "leaderboard" where arguments.count >= 2:
            let sizes = arguments.dropFirst(2).compactMap { Int($0) }
            try await LeaderboardBenchmark.run(databaseURL: arguments[1], sizes: sizes.isEmpty ? [10_000, 100_000] : sizes)
        case "relay" where arguments.count >= 2:
            try await RelayBenchmark.run(databaseURL: arguments[1], messages: arguments.count > 2 ? Int(arguments[2]) ?? 5000 : 5000)
        default:
            FileHandle.standardError.write(Data("usage: herald-bench verify | relay DATABASE_URL [MESSAGES] | leaderboard DATABASE_URL [MEMBERS...] | interactions PORT PRIVATE_KEY_HEX SECONDS CONCURRENCY | public-key PRIVATE_KEY_HEX\n".utf8))
            exit(64)
        }
    }
}
