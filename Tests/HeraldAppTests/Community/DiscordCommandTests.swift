import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct DiscordCommandTests {
    static let member = "80351110224678912"
    static let admin = "80351110224678999"

    /// Stored JSON re-serialised without spaces (PostgreSQL's jsonb prints `"a": 1`).
    static func compact(_ json: String?) -> String {
        guard let json, let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: TestDatabase.allCases)
    func dailyPaysOncePerDayAndGrowsAStreak(database: TestDatabase) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_764_590_000))  // 2025-12-01 12:33 UTC
        try await Community.withApp(database, clock: clock) { client, store in
            var (status, response) = try await Community.postDiscord(Community.command("daily", userID: Self.member), to: client)
            #expect(status == 200)
            #expect(response["type"] as? Int == 4)
            #expect((response["data"] as? [String: Any])?["flags"] as? Int == 64)
            #expect(Community.content(response).contains("+10 points"))

            (_, response) = try await Community.postDiscord(Community.command("daily", userID: Self.member), to: client)
            #expect(Community.content(response).contains("already claimed"))

            clock.advance(days: 1)
            (_, response) = try await Community.postDiscord(Community.command("daily", userID: Self.member), to: client)
            #expect(Community.content(response).contains("+12 points"))
            #expect(Community.content(response).contains("Streak: 2"))

            clock.advance(days: 2)
            (_, response) = try await Community.postDiscord(Community.command("daily", userID: Self.member), to: client)
            #expect(Community.content(response).contains("+10 points"))
            #expect(Community.content(response).contains("started again"))

            let user = try #require(try await store.users.find(discordID: Self.member))
            #expect(try await store.ledger.balance(userID: user.id, currency: Currency(rawValue: "points")!)?.balance == 32)
            let types = try await store.ledger.entries(userID: user.id).map(\.type)
            #expect(types.sorted() == ["earn_daily", "earn_daily", "earn_daily", "earn_streak"])

            (_, response) = try await Community.postDiscord(Community.command("balance", userID: Self.member), to: client)
            #expect(Community.content(response).contains("points: 32"))
            #expect(Community.content(response).contains("ai: 0"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func aRequestIsDecidedOnceByAnAdminClick(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            let ask = Community.command("request", options: ["currency": "ai", "amount": 50, "reason": "client demo"], userID: Self.member)
            var (_, response) = try await Community.postDiscord(ask, to: client)
            #expect(Community.content(response).contains("#1"))
            let pending = try await store.creditRequests.list(status: .pending)
            #expect(pending.count == 1)
            #expect(pending.first?.amount == 50)
            #expect(pending.first?.requestedVia == "discord")

            let prompts = try await store.outbox.list(status: .pending, limit: 10)
            let discordPrompt = try #require(prompts.first { $0.channel == .discordMessage })
            #expect(discordPrompt.destination == Community.adminChannel)
            #expect(discordPrompt.body?.contains("client demo") == true)
            #expect(Self.compact(discordPrompt.markup).contains(#""custom_id":"credit_request:approve:1""#))
            let telegramPrompt = try #require(prompts.first { $0.channel == .telegramMessage })
            #expect(telegramPrompt.destination == String(Community.adminChat))
            #expect(Self.compact(telegramPrompt.markup).contains(#""callback_data":"credit_request:reject:1""#))

            // A member who is not an admin cannot decide.
            (_, response) = try await Community.postDiscord(Community.click("credit_request:approve:1", userID: "80351110224670000"), to: client)
            #expect(response["type"] as? Int == 4)
            #expect((response["data"] as? [String: Any])?["flags"] as? Int == 64)
            #expect(Community.content(response).contains("Only admins"))
            #expect(try await store.creditRequests.find(id: 1)?.status == .pending)

            // An admin (by role) approves: the prompt is edited and loses its buttons.
            (_, response) = try await Community.postDiscord(
                Community.click("credit_request:approve:1", userID: Self.admin, roles: [Community.adminRole]), to: client
            )
            #expect(response["type"] as? Int == 7)
            #expect(Community.content(response).contains("Approved by"))
            #expect(((response["data"] as? [String: Any])?["components"] as? [Any])?.isEmpty == true)

            let requester = try #require(try await store.users.find(discordID: Self.member))
            #expect(try await store.ledger.balance(userID: requester.id, currency: Currency(rawValue: "ai")!)?.balance == 50)
            let decided = try #require(try await store.creditRequests.find(id: 1))
            #expect(decided.status == .approved)
            #expect(decided.decidedBy != nil)
            let dm = try await store.outbox.list(status: .pending, limit: 10).filter { $0.channel == .discordDM }
            #expect(dm.count == 1)
            #expect(dm.first?.destination == Self.member)
            #expect(dm.first?.body?.contains("approved") == true)
            let audit = try await store.backend.withConnection { try await AuditRepository.entries(target: "credit_request:1", on: $0) }
            #expect(audit.map(\.action) == ["credit_request.created", "credit_request.approved"])

            // A second decision is refused and changes nothing.
            (_, response) = try await Community.postDiscord(
                Community.click("credit_request:reject:1", userID: Self.admin, roles: [Community.adminRole]), to: client
            )
            #expect(Community.content(response).contains("already approved"))
            #expect(try await store.creditRequests.find(id: 1)?.status == .approved)
            #expect(try await store.ledger.balance(userID: requester.id, currency: Currency(rawValue: "ai")!)?.balance == 50)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func badRequestsAreRefusedAndStoreNothing(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            for options: [String: Any] in [
                ["currency": "gold", "amount": 5, "reason": "x"], ["currency": "ai", "amount": 0, "reason": "x"],
                ["currency": "ai", "amount": 10_001, "reason": "x"], ["currency": "ai", "amount": 5, "reason": "   "], ["currency": "ai"],
            ] {
                let (status, response) = try await Community.postDiscord(Community.command("request", options: options, userID: Self.member), to: client)
                #expect(status == 200)
                #expect((response["data"] as? [String: Any])?["flags"] as? Int == 64)
                #expect(!Community.content(response).isEmpty)
            }
            #expect(try await store.creditRequests.list(status: nil).isEmpty)
            #expect(try await store.outbox.depth().isEmpty)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func onlyAdminsGrantAndSeePendingRequests(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            let grant = ["member": Self.member, "currency": "lead", "amount": 7, "reason": "great referral"] as [String: Any]
            var (_, response) = try await Community.postDiscord(Community.command("grant", options: grant, userID: "80351110224670000"), to: client)
            #expect(Community.content(response).contains("Only admins"))
            (_, response) = try await Community.postDiscord(Community.command("requests", userID: "80351110224670000"), to: client)
            #expect(Community.content(response).contains("Only admins"))

            _ = try await Community.postDiscord(Community.command("balance", userID: Self.admin), to: client)
            try await Community.makeAdmin(discordID: Self.admin, in: store)
            let command = Community.command("grant", options: grant, userID: Self.admin, id: "5550001")
            (_, response) = try await Community.postDiscord(command, to: client)
            #expect(Community.content(response).contains("Granted 7 lead"))
            // The same interaction delivered again pays nothing more.
            _ = try await Community.postDiscord(command, to: client)
            let member = try #require(try await store.users.find(discordID: Self.member))
            #expect(try await store.ledger.balance(userID: member.id, currency: Currency(rawValue: "lead")!)?.balance == 7)

            (_, response) = try await Community.postDiscord(Community.command("requests", userID: Self.admin), to: client)
            #expect(Community.content(response).contains("No pending"))
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func answersFollowTheMembersLocaleAndNotifyIsStored(database: TestDatabase) async throws {
        try await Community.withApp(database) { client, store in
            var (_, response) = try await Community.postDiscord(Community.command("balance", userID: Self.member, locale: "es-ES"), to: client)
            #expect(Community.content(response).contains("Tu saldo"))
            (_, response) = try await Community.postDiscord(Community.command("balance", userID: Self.member, locale: "ru"), to: client)
            #expect(Community.content(response).contains("Ваш баланс"))

            (_, response) = try await Community.postDiscord(Community.command("notify", options: ["state": "off"], userID: Self.member), to: client)
            #expect(Community.content(response).contains("off"))
            let optOuts = try await store.backend.withConnection { db in
                try await db.select().column(SQLAlias(SQLFunction("CAST", args: SQLAlias(SQLColumn("notification_opt_outs"), as: SQLRaw("TEXT"))), as: SQLIdentifier("o")))
                    .from("users").where("discord_id", .equal, SQLBind(Self.member)).first(decodingColumn: "o", as: String.self)
            }
            #expect(optOuts?.contains("all") == true)
        }
    }
}
