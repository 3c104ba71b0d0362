import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct LinkTests {
    static let discordUser = "80351110224677001"
    static let telegramUser: Int64 = 7_700_001

    static func code(in text: String) -> String? {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            .first { $0.count == 8 && $0.allSatisfy { $0.isUppercase || $0.isNumber } }
    }

    @Test(arguments: TestDatabase.allCases)
    func aCodeFromDiscordJoinsTheTelegramMemberOnce(database: TestDatabase) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_764_590_000))
        try await Community.withApp(database, clock: clock) { client, store in
            _ = try await Community.postDiscord(Community.command("daily", userID: Self.discordUser), to: client)
            _ = try await Community.postTelegram(Community.telegramMessage("/daily", from: Self.telegramUser), to: client)
            _ = try await Community.postTelegram(Community.telegramMessage("/request lead 4 intro please", from: Self.telegramUser), to: client)
            _ = try await Community.postTelegram(Community.telegramMessage("hello team", from: Self.telegramUser), to: client)

            var (_, response) = try await Community.postDiscord(Community.command("link", userID: Self.discordUser), to: client)
            let code = try #require(Self.code(in: Community.content(response)))
            #expect((response["data"] as? [String: Any])?["flags"] as? Int == 64)

            // Entered on the platform that issued it, the code does nothing (and stays usable).
            (_, response) = try await Community.postDiscord(Community.command("link", options: ["code": code], userID: Self.discordUser), to: client)
            #expect(Community.content(response).contains("not valid"))

            var (_, reply) = try await Community.postTelegram(Community.telegramMessage("/link \(code.lowercased())", from: Self.telegramUser), to: client)
            #expect((reply["text"] as? String)?.contains("linked") == true)

            let members = try await store.backend.withConnection { db in
                try await db.select().columns("id", "discord_id", "telegram_id").from("users").all()
            }
            #expect(members.count == 1)
            let member = try #require(try await store.users.find(discordID: Self.discordUser))
            #expect(member.telegramID == Self.telegramUser)
            #expect(try await store.ledger.balance(userID: member.id, currency: Currency(rawValue: "points")!)?.balance == 20)
            let entries = try await store.ledger.entries(userID: member.id)
            #expect(entries.reduce(0) { $0 + $1.amount } == 20)
            #expect(entries.filter { $0.type == "merge" }.count == 2)
            #expect(try await store.creditRequests.list(status: .pending).map(\.userID) == [member.id])
            let threads = try await store.backend.withConnection { try await ConversationRepository.list(unreadOnly: true, limit: 5, on: $0) }
            #expect(threads.map(\.userID) == [member.id])
            let audit = try await store.backend.withConnection { try await AuditRepository.entries(target: "user:\(member.id)", on: $0) }
            #expect(audit.map(\.action) == ["member.merged"])

            // The same code again, and a fresh code after its ten minutes, are refused.
            (_, reply) = try await Community.postTelegram(Community.telegramMessage("/link \(code)", from: 7_700_002), to: client)
            #expect((reply["text"] as? String)?.contains("not valid") == true)
            (_, reply) = try await Community.postTelegram(Community.telegramMessage("/link", from: 7_700_003), to: client)
            let late = try #require(Self.code(in: reply["text"] as? String ?? ""))
            clock.advance(days: 0)
            try await store.backend.withConnection { db in
                try await db.update("link_codes").set("expires_at", to: SQLBind(Date(timeIntervalSince1970: 1_000))).where("code", .equal, SQLBind(late)).run()
            }
            (_, response) = try await Community.postDiscord(Community.command("link", options: ["code": late], userID: "80351110224677002"), to: client)
            #expect(Community.content(response).contains("not valid"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func membersLinkedElsewhereAreNotJoined(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            // Two members, each already holding both a Discord and a Telegram account.
            for (discord, telegram) in [("80351110224677101", Int64(7_701_001)), ("80351110224677102", Int64(7_701_002))] {
                var (_, reply) = try await Community.postTelegram(Community.telegramMessage("/link", from: telegram), to: client)
                let code = try #require(Self.code(in: reply["text"] as? String ?? ""))
                let (_, response) = try await Community.postDiscord(Community.command("link", options: ["code": code], userID: discord), to: client)
                #expect(Community.content(response).contains("linked"))
                _ = reply
                reply = [:]
            }
            let (_, reply) = try await Community.postTelegram(Community.telegramMessage("/link", from: 7_701_001), to: client)
            let code = try #require(Self.code(in: reply["text"] as? String ?? ""))
            let (_, response) = try await Community.postDiscord(Community.command("link", options: ["code": code], userID: "80351110224677102"), to: client)
            #expect(Community.content(response).contains("cannot be joined"))
            let count = try await store.backend.withConnection { db in
                try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("users").first(decodingColumn: "n", as: Int.self)
            }
            #expect(count == 2)
        }
    }
}
