import Foundation

/// `herald-bench verify`: micro-benchmarks that `scripts/bench.sh` runs on a release build.
@main
enum HeraldBench {
    static func main() throws {
        switch CommandLine.arguments.dropFirst().first {
        case "verify": try VerificationBenchmark.run()
        default:
            FileHandle.standardError.write(Data("usage: herald-bench verify\n".utf8))
            exit(64)
        }
    }
}
