import ArgumentParser
import Foundation
import HeraldApp
import HeraldStore
import Logging

/// `herald inbox …`: look at the events Herald has received.
struct Inbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect received webhook events.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored events, newest first.")

        @OptionGroup var options: RuntimeOptions

        @Option(help: "Only events with this status: processed, ignored or failed.")
        var status: InboxStatus?

        @Option(help: "Only events from this source.")
        var source: String?

        @Option(help: "At most this many events.")
        var limit = 50

        func run() async throws {
            let configuration = try await options.loadConfiguration()
            LoggingBootstrap.bootstrap(configuration.log)
            let store = try await Store.open(configuration.databaseURL, logger: Logger(label: "herald.inbox"))
            let (status, source, limit) = (status, source, limit)
            let events = try await store.closing { store in
                try await store.withRunningService { try await store.inbox.list(status: status, source: source, limit: limit) }
            }
            print("ID\tSOURCE\tEVENT ID\tTYPE\tSTATUS\tATTEMPTS\tRECEIVED\tERROR")
            for event in events {
                let fields = [
                    String(event.id), event.source, event.eventID, event.type ?? "-", event.status.rawValue, String(event.attempts),
                    event.receivedAt.formatted(.iso8601), event.error ?? "",
                ]
                print(fields.joined(separator: "\t"))
            }
        }
    }
}

extension InboxStatus: ExpressibleByArgument {}

/// `herald replay <source> <event-id>`: run a stored event's handler again.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the handler of a stored event again, e.g. after fixing the configuration.",
        discussion: "The event is read from the inbox; its new status is recorded and printed. Exits 1 if it fails again."
    )

    @OptionGroup var options: RuntimeOptions

    @Argument(help: "The source the event came from (stripe, telegram, discord or a configured name).")
    var source: String

    @Argument(help: "The provider's event id, as `herald inbox list` shows it.")
    var eventID: String

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        LoggingBootstrap.bootstrap(configuration.log)
        let logger = Logger(label: "herald.replay")
        let handlers = InboundHandlerRegistry.standard(
            configuration: configuration, templates: try configuration.templates.loadLibrary(logger: logger)
        )
        let store = try await Store.open(configuration.databaseURL, logger: logger)
        let (source, eventID) = (source, eventID)
        let status: InboxStatus? = try await store.closing { store in
            try await store.withRunningService {
                guard let event = try await store.inbox.find(source: source, eventID: eventID) else { return nil }
                return try await InboxProcessor(store: store, handlers: handlers, logger: logger).replay(event)
            }
        }
        guard let status else {
            printError("herald: no event \(eventID) from \(source) in the inbox")
            throw ExitCode(1)
        }
        print("\(source) \(eventID): \(status.rawValue)")
        if status == .failed { throw ExitCode(1) }
    }
}
