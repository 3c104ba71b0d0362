import Foundation
import HeraldFakes
import Testing

/// `herald discord register-commands` against a local server playing Discord,
/// which refuses a command set Discord itself would refuse.
@Suite struct DiscordCommandsCommandTests {
    static let token = "fake-bot-token-for-register"

    @Test func commandsAreRegisteredInAGuildWithLocalizations() async throws {
        let discord = FakeDiscord(token: Self.token)
        try await discord.serve { base in
            try await withScratchDirectory { directory in
                let environment = ["DISCORD_APPLICATION_ID": "11", "DISCORD_BOT_TOKEN": Self.token, "DISCORD_API_BASE_URL": base + "/api/v10"]
                let result = try await HeraldProcess.run(["discord", "register-commands", "--guild", "290926798626357999"], environment: environment, in: directory)
                #expect(result.status == 0, "\(result.standardError)")
                #expect(result.standardOutput.contains("registered 11 commands in guild 290926798626357999"))
                #expect(!result.standardOutput.contains(Self.token))
            }
        }
        let registered = await discord.registeredCommands
        let body = try #require(registered["/applications/11/guilds/290926798626357999/commands"])
        let commands = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]])
        #expect(Set(commands.compactMap { $0["name"] as? String }) == [
            "leaderboard", "profile", "stats", "compare", "balance", "daily", "request", "notify", "link", "grant", "requests",
        ])
        let request = try #require(commands.first { $0["name"] as? String == "request" })
        #expect((request["description_localizations"] as? [String: String])?["es-ES"] == "Pide créditos a los administradores")
        let currency = try #require((request["options"] as? [[String: Any]])?.first)
        #expect((currency["choices"] as? [[String: String]])?.map { $0["value"] } == ["ai", "lead", "points"])
    }

    @Test func withoutCredentialsItExplainsWhatIsMissing() async throws {
        try await withScratchDirectory { directory in
            let result = try await HeraldProcess.run(["discord", "register-commands"], environment: [:], in: directory)
            #expect(result.status == 78)
            #expect(result.standardError.contains("DISCORD_APPLICATION_ID"))
        }
    }

    @Test func aRefusalIsReportedWithDiscordsAnswer() async throws {
        let discord = FakeDiscord(token: Self.token)
        try await discord.serve { base in
            try await withScratchDirectory { directory in
                let environment = ["DISCORD_APPLICATION_ID": "11", "DISCORD_BOT_TOKEN": "wrong-token", "DISCORD_API_BASE_URL": base + "/api/v10"]
                let result = try await HeraldProcess.run(["discord", "register-commands", "--global"], environment: environment, in: directory)
                #expect(result.status == 1)
                #expect(result.standardError.contains("HTTP 401"))
                #expect(!result.standardError.contains("wrong-token"))
            }
        }
        #expect(await discord.registeredCommands.isEmpty)
    }
}
