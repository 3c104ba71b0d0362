import Foundation
import HeraldCore
import HeraldStore
import Hummingbird

/// `GET /api/v1/leaderboard` (pages of the latest snapshot, with ▲/▼ movement)
/// and `GET /api/v1/members/{id}` (a member's profile, standing, history and balances).
struct LeaderboardController {
    let store: Store
    let auth: BearerAuthentication
    let tiers: TierTable

    static let defaultPageSize = 25
    static let maximumPageSize = 100

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/leaderboard", use: board)
        router.get("/api/v1/members/{id}", use: member)
    }

    struct Entry: Encodable {
        let rank: Int
        let previousRank: Int?
        let change: String
        let memberID: Int64
        let name: String?
        let score: Int64
        let tier: String?

        init(_ entry: SnapshotEntry) {
            rank = entry.rank
            previousRank = entry.previousRank
            change = entry.movement.symbol
            memberID = entry.userID
            name = entry.name
            score = entry.score
            tier = entry.tier
        }

        enum CodingKeys: String, CodingKey {
            case rank, previousRank = "previous_rank", change, memberID = "member_id", name, score, tier
        }
    }

    struct Board: Encodable {
        let page: Int
        let perPage: Int
        let pages: Int
        let totalPlayers: Int
        let generatedAt: Date?
        let entries: [Entry]

        enum CodingKeys: String, CodingKey {
            case page, perPage = "per_page", pages, totalPlayers = "total_players", generatedAt = "generated_at", entries
        }
    }

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        let page = try Self.positive(request, "page", default: 1, maximum: 10_000)
        let size = try Self.positive(request, "per_page", default: Self.defaultPageSize, maximum: Self.maximumPageSize)
        guard let result = try await store.leaderboard.page(page, size: size) else {
            return try NotificationController.json(Board(page: page, perPage: size, pages: 1, totalPlayers: 0, generatedAt: nil, entries: []))
        }
        return try NotificationController.json(
            Board(
                page: page, perPage: size, pages: result.pageCount, totalPlayers: result.totalPlayers, generatedAt: result.generatedAt,
                entries: result.entries.map(Entry.init)
            )
        )
    }

    struct Profile: Encodable {
        let id: Int64
        let displayName: String?
        let discordID: String?
        let telegramID: Int64?
        let locale: String
        let score: Int64
        let rank: Int?
        let previousRank: Int?
        let change: String?
        let tier: String?
        let totalPlayers: Int
        let metrics: ScoreMetrics
        let history: [Point]
        let balances: [Holding]

        struct Point: Encodable {
            let rank: Int
            let score: Int64
            let at: Date
        }

        struct Holding: Encodable {
            let currency: String
            let balance: Int64
            let totalEarned: Int64
            let totalSpent: Int64

            enum CodingKeys: String, CodingKey { case currency, balance, totalEarned = "total_earned", totalSpent = "total_spent" }
        }

        enum CodingKeys: String, CodingKey {
            case id, displayName = "display_name", discordID = "discord_id", telegramID = "telegram_id", locale, score, rank
            case previousRank = "previous_rank", change, tier, totalPlayers = "total_players", metrics, history, balances
        }
    }

    @Sendable func member(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        guard let id = Int64(try context.parameters.require("id")), let user = try await store.users.find(id: id) else {
            throw APIError(.notFound, .notFound, "no such member")
        }
        let standing = try await store.leaderboard.standing(userID: id)
        let balances = try await store.leaderboard.balances(userID: id)
        let profile = Profile(
            id: user.id, displayName: user.displayName, discordID: user.discordID, telegramID: user.telegramID, locale: user.locale,
            score: standing?.score ?? 0, rank: standing?.rank, previousRank: standing?.previousRank, change: standing?.movement?.symbol,
            tier: tiers.tier(for: standing?.rank)?.name, totalPlayers: standing?.totalPlayers ?? 0, metrics: standing?.metrics ?? ScoreMetrics(),
            history: standing?.history.map { Profile.Point(rank: $0.rank, score: $0.score, at: $0.at) } ?? [],
            balances: balances.map { Profile.Holding(currency: $0.currency, balance: $0.balance, totalEarned: $0.totalEarned, totalSpent: $0.totalSpent) }
        )
        return try NotificationController.json(profile)
    }

    /// A whole-number query parameter from 1 to `maximum`; 400 otherwise.
    static func positive(_ request: Request, _ name: String, default value: Int, maximum: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Int(text), (1...maximum).contains(number) else {
            throw APIError(.badRequest, .malformedRequest, "\(name) must be a whole number from 1 to \(maximum)")
        }
        return number
    }
}
