import ArgumentParser
import Foundation
import HeraldApp
import HeraldStore
import HeraldVerify
import Logging

/// `herald endpoints …`: register, list and disable the integrator URLs that
/// `webhook` notifications are delivered to, without going through the API.
struct Endpoints: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register, list and disable integrator webhook endpoints.",
        subcommands: [Add.self, List.self, Disable.self]
    )

    /// Opens the configured store, runs `body` with the configuration and the store, and closes it.
    static func withStore<T: Sendable>(
        _ options: RuntimeOptions, _ body: @escaping @Sendable (HeraldConfiguration, Store) async throws -> T
    ) async throws -> T {
        let configuration = try await options.loadConfiguration()
        LoggingBootstrap.bootstrap(configuration.log)
        let store = try await Store.open(configuration.databaseURL, logger: Logger(label: "herald.endpoints"))
        return try await store.closing { store in try await store.withRunningService { try await body(configuration, store) } }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an endpoint with a new signing secret, printed once.",
            discussion: "Needs HERALD_ENCRYPTION_KEY: the secret is stored sealed with it."
        )
        @OptionGroup var options: RuntimeOptions

        @Argument(help: "The http:// or https:// URL to deliver to.")
        var url: String

        @Option(name: .customLong("rate"), help: "Deliveries per second the endpoint accepts (more than 0, at most 1000).")
        var ratePerSecond: Double?

        @Option(name: .customLong("description"), help: "What the endpoint is for (at most 200 characters).")
        var summary: String?

        func run() async throws {
            let registration: EndpointRegistration
            do {
                registration = try EndpointRegistration(url: url, secret: nil, ratePerSecond: ratePerSecond, description: summary)
            } catch {
                printError("herald: \(error.message)")
                throw ExitCode(65)  // EX_DATAERR
            }
            let endpoint = try await Endpoints.withStore(options) { configuration, store -> Endpoint? in
                guard let key = configuration.encryptionKey, let box = try? SecretBox(key: key) else { return nil }
                return try await registration.register(in: store, sealingWith: box)
            }
            guard let endpoint else {
                printError("herald: HERALD_ENCRYPTION_KEY is not set; endpoint secrets are stored sealed with it")
                throw ExitCode(78)  // EX_CONFIG
            }
            print("id: \(endpoint.id)")
            print("url: \(endpoint.url)")
            print("secret: \(registration.secret)")
            printError("# The secret is shown only now. The receiver verifies webhook-signature with it.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List endpoints, oldest first (secrets are never shown).")
        @OptionGroup var options: RuntimeOptions

        @Flag(name: .customLong("all"), help: "Include disabled endpoints.")
        var includeDisabled = false

        func run() async throws {
            let includeDisabled = includeDisabled
            let endpoints = try await Endpoints.withStore(options) { _, store in try await store.endpoints.list(includeDisabled: includeDisabled) }
            print("ID\tENABLED\tRATE/S\tURL\tDESCRIPTION")
            for endpoint in endpoints {
                let rate = endpoint.ratePerSecond.map { String($0) } ?? "-"
                print([String(endpoint.id), String(endpoint.enabled), rate, endpoint.url, endpoint.description ?? ""].joined(separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop deliveries to endpoints; their rows are kept.")
        @OptionGroup var options: RuntimeOptions

        @Argument(help: "Endpoint ids.")
        var ids: [Int64]

        func run() async throws {
            let ids = ids
            let disabled = try await Endpoints.withStore(options) { _, store in
                var disabled: [Int64] = []
                for id in ids where try await store.endpoints.disable(id: id) { disabled.append(id) }
                return disabled
            }
            for id in ids {
                print(disabled.contains(id) ? "\(id): disabled" : "\(id): no such endpoint")
            }
            if disabled.count != ids.count { throw ExitCode(1) }
        }
    }
}
