import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import SQLKit
import Testing

@Suite struct LeaderboardNotificationsTests {
    static let tiers = try! TierTable([
        Tier(key: "champion", name: "Champion", ranks: 1...1, discordRoleID: "9001"),
        Tier(key: "silver", name: "Silver", ranks: 2...2, discordRoleID: "9002"),
        Tier(key: "rest", name: "Rest", ranks: 3...10),
    ])

    static func notifications(guild: String? = "1111", discord: Bool = true, telegram: Bool = true) throws -> LeaderboardNotifications {
        LeaderboardNotifications(
            templates: try TemplateLibrary(directory: TemplateDirectory.shipped), discordGuildID: guild, discordDMs: discord, telegramMessages: telegram
        )
    }

    static func contact(_ id: Int64, discord: String? = nil, telegram: Int64? = nil, locale: String = "en", optOuts: [String] = [], name: String? = nil)
        -> MemberContact
    {
        MemberContact(userID: id, displayName: name, discordID: discord, telegramID: telegram, locale: locale, optOuts: optOuts)
    }

    @Test func aTierChangeRemovesTheOldRoleAndAddsTheNewOne() throws {
        let change = TierChange(userID: 1, from: Self.tiers.tier(for: 2), to: Self.tiers.tier(for: 1))
        let rows = try Self.notifications().notifications(
            for: LeaderboardEffects(tierChanges: [change]), contacts: [1: Self.contact(1, discord: "555")]
        )
        #expect(rows.map(\.channel) == [.discordRole, .discordRole])
        #expect(rows.map(\.destination) == ["1111/555/9002", "1111/555/9001"])
        #expect(rows.map(\.body) == ["remove", "add"])
        // The relay reads these destinations as role changes.
        #expect(try DiscordDestination.roleChange(destination: rows[0].destination, action: rows[0].body, defaultGuildID: nil).get().add == false)
    }

    @Test func noRolesWithoutAGuildADiscordIDOrARoleOnTheTier() throws {
        let change = TierChange(userID: 1, from: Self.tiers.tier(for: 2), to: Self.tiers.tier(for: 1))
        #expect(try Self.notifications(guild: nil).notifications(for: .init(tierChanges: [change]), contacts: [1: Self.contact(1, discord: "5")]).isEmpty)
        #expect(try Self.notifications().notifications(for: .init(tierChanges: [change]), contacts: [1: Self.contact(1, telegram: 5)]).isEmpty)
        let roleless = TierChange(userID: 1, from: nil, to: Self.tiers.tier(for: 5))
        #expect(try Self.notifications().notifications(for: .init(tierChanges: [roleless]), contacts: [1: Self.contact(1, discord: "5")]).isEmpty)
    }

    @Test func alertsGoToEachPlatformInTheMembersLanguage() throws {
        let alert = RankAlert.enteredTier(userID: 1, tier: Self.tiers.tier(for: 2)!, rank: 2)
        let rows = try Self.notifications().notifications(
            for: .init(alerts: [alert]), contacts: [1: Self.contact(1, discord: "555", telegram: 777, locale: "es", name: "Ana")]
        )
        #expect(rows.map(\.channel) == [.discordDM, .telegramMessage])
        #expect(rows.map(\.destination) == ["555", "777"])
        #expect(rows.allSatisfy { $0.template == "rank_up" && $0.locale == "es" })
        #expect(rows[0].body?.contains("¡Enhorabuena, Ana!") == true)
        #expect(rows[0].body?.contains("#2 (Silver)") == true)
    }

    @Test func alertsOnlyUseConfiguredPlatforms() throws {
        let alert = RankAlert.milestone(userID: 1, milestone: 1_000, score: 1_020)
        let rows = try Self.notifications(discord: false).notifications(
            for: .init(alerts: [alert]), contacts: [1: Self.contact(1, discord: "555", telegram: 777)]
        )
        #expect(rows.map(\.channel) == [.telegramMessage])
        #expect(rows[0].body == "🏅 Well done! Your score reached 1000 points (now 1020).")
    }

    @Test(arguments: [["all"], ["rank_alerts"], ["marketing", "rank_alerts"]])
    func membersWhoOptedOutGetNoAlertsButKeepRoleSync(optOuts: [String]) throws {
        let contact = Self.contact(1, discord: "555", telegram: 777, optOuts: optOuts)
        let effects = LeaderboardEffects(
            tierChanges: [TierChange(userID: 1, from: nil, to: Self.tiers.tier(for: 1))],
            alerts: [.enteredTier(userID: 1, tier: Self.tiers.tier(for: 1)!, rank: 1)]
        )
        let rows = try Self.notifications().notifications(for: effects, contacts: [1: contact])
        #expect(rows.map(\.channel) == [.discordRole])
    }

    @Test func losingFirstNamesTheNewLeader() throws {
        let contacts: [Int64: MemberContact] = [1: Self.contact(1, telegram: 10), 2: Self.contact(2, name: "Boris <3")]
        let rows = try Self.notifications().notifications(for: .init(alerts: [.lostFirst(userID: 1, rank: 2, newLeaderID: 2)]), contacts: contacts)
        #expect(rows.count == 1)
        #expect(rows[0].body == "⚠️ Boris &lt;3 has taken first place from you. You are now #2.")
    }

    @Test(arguments: TestDatabase.allCases)
    func aRecomputeEnqueuesRolesAndAlertsInItsTransaction(database: TestDatabase) async throws {
        let notifier = try Self.notifications().notifier
        try await database.withStore { store in
            var ids: [Int64] = []
            for index in 1...3 {
                let user = try await store.users.create(NewUser(displayName: "p\(index)", discordID: "70\(index)", telegramID: Int64(index)))
                ids.append(user.id)
                _ = try await store.scores.apply([ScoreEvent(eventID: "e\(index)", userID: user.id, points: Int64(100 - index))])
            }
            let first = try await store.leaderboard.recompute(tiers: Self.tiers, rules: AlertRules(), notifier: notifier)
            // Roles: champion and silver added (the third tier has none); alerts: three members × two platforms.
            #expect(first.notificationsEnqueued == 2 + 6)
            _ = try await store.scores.apply([ScoreEvent(eventID: "e4", userID: ids[1], points: 10)])
            let second = try await store.leaderboard.recompute(tiers: Self.tiers, rules: AlertRules(), notifier: notifier)
            // p2 takes first: p1 loses 9001 and gains 9002, p2 the reverse; p2 alerted (tier), p1 alerted (lost first).
            #expect(second.notificationsEnqueued == 4 + 4)
            let rows = try await store.outbox.list(status: .pending, limit: 100)
            let roles = rows.filter { $0.channel == .discordRole }.map { "\($0.destination) \($0.body ?? "")" }
            #expect(roles.contains("1111/701/9001 remove"))
            #expect(roles.contains("1111/702/9001 add"))
            #expect(rows.contains { $0.template == "rank_lost_first" && $0.destination == "701" })
            let third = try await store.leaderboard.recompute(tiers: Self.tiers, rules: AlertRules(), notifier: notifier)
            #expect(third.notificationsEnqueued == 0)
            #expect(try await store.outbox.list(status: .pending, limit: 100).count == rows.count)
        }
    }
}
