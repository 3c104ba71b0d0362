import ArgumentParser

/// The `herald` command line.
@main
struct Herald: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Receive signed webhooks, update one store, relay notifications to Discord, Telegram and integrators.",
        discussion: EnvironmentHelp.text,
        version: "0.1.0",
        subcommands: [Serve.self, Migrate.self, Inbox.self, Replay.self, Outbox.self, Endpoints.self, DiscordCommands.self, Sign.self],
        defaultSubcommand: Serve.self
    )
}
