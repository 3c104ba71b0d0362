import ArgumentParser
import Foundation
import HeraldApp
import HeraldRelay
import Logging

/// `herald discord …`: one-time set-up calls to Discord's API.
struct DiscordCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discord",
        abstract: "Set up the Discord application.",
        subcommands: [RegisterCommands.self]
    )

    struct RegisterCommands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register-commands",
            abstract: "Register Herald's slash commands with Discord (replaces the application's command set).",
            discussion: """
                Needs DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN. With --guild the commands appear in that server \
                at once (best while testing); without it they are global and can take up to an hour to show everywhere.
                """
        )
        @OptionGroup var options: RuntimeOptions

        @Option(name: .customLong("guild"), help: "Register in this guild only (defaults to DISCORD_GUILD_ID when --global is not given).")
        var guildID: String?

        @Flag(name: .customLong("global"), help: "Register globally, even if DISCORD_GUILD_ID is set.")
        var global = false

        func run() async throws {
            let configuration = try await options.loadConfiguration()
            LoggingBootstrap.bootstrap(configuration.log)
            guard let applicationID = configuration.discord.applicationID, let token = configuration.discord.botToken else {
                printError("herald: set DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN to register commands")
                throw ExitCode(78)
            }
            let guild = global ? nil : (guildID ?? configuration.discord.guildID)
            if let guild, !guild.allSatisfy(\.isNumber) || guild.isEmpty {
                printError("herald: --guild must be a Discord guild id (digits)")
                throw ExitCode(64)
            }
            let requests = DiscordRequests(baseURL: configuration.discord.apiBaseURL.absoluteString, botToken: token)
            let request = requests.overwriteCommands(
                applicationID: applicationID, guildID: guild, commandsJSON: DiscordCommandSet.body(currencies: configuration.community.currencies)
            )
            let transport = CurlTransport(logger: Logger(label: "herald.discord"))
            let outcome: Result<OutboundResponse, TransportError>
            do {
                outcome = .success(try await transport.send(request))
            } catch {
                outcome = .failure(error)
            }
            await transport.shutdown()
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                let names = DiscordCommandSet.names.map { "/\($0)" }.joined(separator: " ")
                print("registered \(DiscordCommandSet.names.count) commands \(guild.map { "in guild \($0)" } ?? "globally"): \(names)")
            case .success(let response):
                let detail = String(decoding: response.body.prefix(300), as: UTF8.self)
                printError("herald: Discord refused the commands (HTTP \(response.status)): \(detail)")
                throw ExitCode(1)
            case .failure(let error):
                printError("herald: could not reach Discord: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
