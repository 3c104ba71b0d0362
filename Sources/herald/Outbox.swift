import ArgumentParser
import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import Logging

/// `herald outbox …`: see what is waiting to be delivered, and put dead letters back in line.
struct Outbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect and retry outbound notifications.",
        subcommands: [Stats.self, List.self, Retry.self]
    )

    /// Opens the configured store, runs `body` with it, and closes it.
    static func withStore<T: Sendable>(_ options: RuntimeOptions, _ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        let configuration = try await options.loadConfiguration()
        LoggingBootstrap.bootstrap(configuration.log)
        let store = try await Store.open(configuration.databaseURL, logger: Logger(label: "herald.outbox"))
        return try await store.closing { store in try await store.withRunningService { try await body(store) } }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count notifications by status.")
        @OptionGroup var options: RuntimeOptions

        func run() async throws {
            let depth = try await Outbox.withStore(options) { try await $0.outbox.depth() }
            for status in DeliveryStatus.allCases {
                print("\(status.rawValue)\t\(depth[status] ?? 0)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List notifications, newest first.")
        @OptionGroup var options: RuntimeOptions

        @Option(help: "Only this status: pending, sending, retrying, delivered or dead.")
        var status: DeliveryStatus?

        @Option(help: "At most this many.")
        var limit = 50

        func run() async throws {
            let (status, limit) = (status, limit)
            let items = try await Outbox.withStore(options) { try await $0.outbox.list(status: status, limit: limit) }
            print("ID\tCHANNEL\tDESTINATION\tSTATUS\tATTEMPTS\tNEXT ATTEMPT\tLAST ERROR")
            for item in items {
                let fields = [
                    String(item.id), item.channel.rawValue, item.destination, item.status.rawValue, String(item.attempts),
                    item.nextAttemptAt.formatted(.iso8601), item.lastError ?? "",
                ]
                print(fields.joined(separator: "\t"))
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put dead (or retrying) notifications back in line now.")
        @OptionGroup var options: RuntimeOptions

        @Argument(help: "Notification ids.")
        var ids: [Int64]

        func run() async throws {
            let ids = ids
            let requeued = try await Outbox.withStore(options) { store in
                var requeued: [Int64] = []
                for id in ids where try await store.outbox.requeue(id: id) { requeued.append(id) }
                return requeued
            }
            for id in ids {
                print(requeued.contains(id) ? "\(id): pending" : "\(id): not dead or retrying; unchanged")
            }
            if requeued.count != ids.count { throw ExitCode(1) }
        }
    }
}

extension DeliveryStatus: ExpressibleByArgument {}
