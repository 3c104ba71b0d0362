import ArgumentParser
import Foundation
import HeraldApp

/// Options shared by the commands that open the store. Each one overrides the
/// environment variable of the same meaning.
struct RuntimeOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "YAML config file (overrides HERALD_CONFIG_FILE).")
    var configFile: String?

    @Option(name: .customLong("database-url"), help: "Database URL (overrides DATABASE_URL).")
    var databaseURL: String?

    /// The process environment with the command-line overrides applied.
    func environment(extra: [String: String?] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let overrides: [String: String?] = ["HERALD_CONFIG_FILE": configFile, "DATABASE_URL": databaseURL].merging(extra) { $1 }
        for case let (name, value?) in overrides { environment[name] = value }
        return environment
    }

    /// Loads the configuration, or prints the one-line reason and exits non-zero.
    func loadConfiguration(extra: [String: String?] = [:]) async throws -> HeraldConfiguration {
        do {
            return try await HeraldConfiguration.load(environment: environment(extra: extra))
        } catch {
            printError("herald: \(error.description)")
            throw ExitCode(78)  // EX_CONFIG
        }
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
