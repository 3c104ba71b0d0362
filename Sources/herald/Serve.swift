import ArgumentParser
import HeraldApp
import HeraldStore
import Hummingbird
import Logging

/// `herald serve`: migrate, then serve until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending migrations, then serve HTTP (the default command).",
        discussion: "Stops gracefully on SIGTERM or SIGINT: in-flight requests finish, then the process exits 0."
    )

    @OptionGroup var options: RuntimeOptions

    @Option(help: "Listen address (overrides HTTP_HOST).")
    var host: String?

    @Option(help: "Listen port (overrides HTTP_PORT).")
    var port: String?

    func run() async throws {
        let configuration = try await options.loadConfiguration(extra: ["HTTP_HOST": host, "HTTP_PORT": port])
        LoggingBootstrap.bootstrap(configuration.log)
        let logger = Logger(label: "herald")
        logger.info(
            "starting",
            metadata: [
                "database": "\(configuration.databaseURL.redacted)",
                "config_file": "\(configuration.configFile ?? "none")",
            ]
        )
        let store = try await Store.open(configuration.databaseURL, logger: logger)
        try await store.closing { store in
            do {
                let app = try buildApplication(configuration: configuration, store: store, logger: logger)
                try await app.runService()
            } catch let error as ConfigurationError {
                printError("herald: \(error.description)")
                throw ExitCode(78)
            }
        }
        logger.info("stopped")
    }
}
