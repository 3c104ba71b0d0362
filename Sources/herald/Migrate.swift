import ArgumentParser
import HeraldApp
import HeraldStore
import Logging

/// `herald migrate`: bring the database to this build's schema and exit.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending database migrations and exit.",
        discussion: "Safe to run twice and from several processes at once (PostgreSQL takes an advisory lock)."
    )

    @OptionGroup var options: RuntimeOptions

    @Flag(help: "Only report applied and pending migrations; exit 1 when some are pending.")
    var status = false

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        LoggingBootstrap.bootstrap(configuration.log)
        let logger = Logger(label: "herald.migrate")
        let store = try await Store.open(configuration.databaseURL, logger: logger)
        let showStatus = status
        let pending = try await store.closing { store in try await store.withRunningService {
            if showStatus {
                let current = try await store.migrator.status()
                print("applied: \(current.applied.map(String.init).joined(separator: ", "))")
                print("pending: \(current.pending.map(String.init).joined(separator: ", "))")
                return current.pending.count
            }
            let applied = try await store.migrate()
            print(applied.isEmpty ? "database is up to date" : "applied migrations: \(applied.map(String.init).joined(separator: ", "))")
            return 0
        } }
        if pending > 0 { throw ExitCode(1) }
    }
}
