import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import SQLKit

/// `/leaderboard`, `/profile`, `/stats` and `/compare`: read from the latest
/// snapshot and the member's score and history, never a fresh ranking, so they
/// answer well inside Discord's 3 seconds whatever the size of the board.
extension CommunityActions {
    static let leaderboardPageSize = 10

    func leaderboard(page: Int, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        let page = max(1, page)
        guard let snapshot = try await snapshots.snapshot(on: db), snapshot.totalPlayers > 0 else {
            return messages.text("cmd_leaderboard", locale: locale, data: ["empty": true, "page": .integer(Int64(page))], format: format)
        }
        let board = LeaderboardRepository.page(page, size: Self.leaderboardPageSize, of: snapshot)
        let rows: [TemplateData] = board.entries.map { entry in
            .object([
                "rank": .integer(Int64(entry.rank)), "name": .string(entry.name ?? "#\(entry.userID)"), "score": .integer(entry.score),
                "tier": entry.tier.map { .string($0) } ?? .null, "move": .string(entry.movement.symbol),
            ])
        }
        return messages.text(
            "cmd_leaderboard", locale: locale,
            data: ["entries": .array(rows), "page": .integer(Int64(board.page)), "pages": .integer(Int64(board.pageCount)),
                   "total": .integer(Int64(board.totalPlayers))],
            format: format
        )
    }

    func profile(of member: User, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        let standing = try await LeaderboardRepository.standing(userID: member.id, historyLimit: 1, on: db)
        let balances = try await LedgerRepository.balances(userID: member.id, on: db)
        let earned = balances.first { $0.currency == settings.levelCurrency.rawValue }?.totalEarned ?? 0
        var data: [String: TemplateData] = [
            "name": .string(Self.name(member)), "score": .integer(standing?.score ?? 0),
            "level": .integer(Int64(settings.levels.level(totalEarned: earned).level)),
            "balances": .array(balances.map { .object(["currency": .string($0.currency), "amount": .integer($0.balance)]) }),
        ]
        if let rank = standing?.rank {
            data["rank"] = .integer(Int64(rank))
            data["tier"] = tiers.tier(for: rank).map { .string($0.name) } ?? .null
        }
        return messages.text("cmd_profile", locale: locale, data: .object(data), format: format)
    }

    func stats(of member: User, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        guard let standing = try await LeaderboardRepository.standing(userID: member.id, historyLimit: 10, on: db), let rank = standing.rank
        else { return messages.text("cmd_not_ranked", locale: locale, data: ["name": .string(Self.name(member))], format: format) }
        let best = standing.history.map(\.rank).min().map { min($0, rank) } ?? rank
        let oldest = standing.history.last
        let trend: [TemplateData] = standing.history.reversed().map { point in
            .object(["when": .string(Self.day(point.at)), "rank": .integer(Int64(point.rank)), "score": .integer(point.score)])
        }
        return messages.text(
            "cmd_stats", locale: locale,
            data: ["rank": .integer(Int64(rank)), "total": .integer(Int64(standing.totalPlayers)), "score": .integer(standing.score),
                   "best": .integer(Int64(best)), "gained": .integer(standing.score - (oldest?.score ?? standing.score)),
                   "trend": .array(trend)],
            format: format
        )
    }

    func compare(_ member: User, with other: User, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        let mine = try await LeaderboardRepository.standing(userID: member.id, historyLimit: 0, on: db)
        let theirs = try await LeaderboardRepository.standing(userID: other.id, historyLimit: 0, on: db)
        guard let mine, let myRank = mine.rank else {
            return messages.text("cmd_not_ranked", locale: locale, data: ["name": .string(Self.name(member))], format: format)
        }
        guard let theirs, let theirRank = theirs.rank else {
            return messages.text("cmd_not_ranked", locale: locale, data: ["name": .string(Self.name(other))], format: format)
        }
        return messages.text(
            "cmd_compare", locale: locale,
            data: ["you": .string(Self.name(member)), "them": .string(Self.name(other)),
                   "your_rank": .integer(Int64(myRank)), "their_rank": .integer(Int64(theirRank)),
                   "your_score": .integer(mine.score), "their_score": .integer(theirs.score),
                   "ahead": .bool(myRank < theirRank), "gap": .integer(abs(mine.score - theirs.score))],
            format: format
        )
    }

    static func name(_ user: User) -> String { user.displayName ?? "#\(user.id)" }

    static func day(_ date: Date) -> String { UTCDay(date).iso }
}
