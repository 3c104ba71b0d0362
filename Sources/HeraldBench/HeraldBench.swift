import Foundation

/// `herald-bench verify` and `herald-bench relay DATABASE_URL [MESSAGES]`:
/// benchmarks that `scripts/bench.sh` runs on a release build.
@main
enum HeraldBench {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "verify": try VerificationBenchmark.run()
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
            FileHandle.standardError.write(Data("usage: herald-bench verify | herald-bench relay DATABASE_URL [MESSAGES] | herald-bench leaderboard DATABASE_URL [MEMBERS...]\n".utf8))
            exit(64)
        }
    }
}
