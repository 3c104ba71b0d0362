import Foundation
import HeraldCore
import HeraldRelay
import Yams

/// The leaderboard: how often it is recomputed, its tiers, its rank alerts and
/// how integrators' metrics become points. Read from `leaderboard.*`
/// (`LEADERBOARD_*`).
///
/// Tiers are the keys of the `leaderboard.tiers` map in the config file, each
/// with `name`, `ranks` (`"1"` or `"4-10"`) and an optional `discord_role_id`;
/// without the map, the default tiers (champion, silver, bronze, top10, elite)
/// apply and their values can still be set, e.g.
/// `LEADERBOARD_TIERS_CHAMPION_DISCORD_ROLE_ID`.
public struct LeaderboardSettings: Sendable {
    /// Run the recompute job in `herald serve`.
    public var enabled = true
    public var recomputeInterval: Duration = .seconds(30)
    public var tiers: TierTable = .defaults
    public var alerts = AlertRules(milestones: [])
    /// Points added to the score per unit of each metric delta.
    public var points = PointWeights()

    /// Points per metric unit.
    public struct PointWeights: Sendable, Equatable {
        public var dealsClosed: Int64 = 100
        public var leadsGenerated: Int64 = 10
        public var campaignsLaunched: Int64 = 25

        public init() {}
    }

    public init() {}

    init(values: ConfigValues, configFile: String?) throws(ConfigurationError) {
        enabled = try values.boolean("leaderboard.enabled", default: true)
        recomputeInterval = .seconds(try values.integer("leaderboard.recompute_seconds", default: 30, in: 1...86_400))
        tiers = try Self.tiers(values: values, keys: try Self.tierKeys(configFile: configFile))
        var milestones: [Int64] = []
        for item in values.list("leaderboard.alerts.milestones") ?? [] {
            guard let milestone = Int64(item), milestone > 0 else {
                throw ConfigurationError(key: "leaderboard.alerts.milestones", problem: "'\(item)' is not a positive whole number")
            }
            milestones.append(milestone)
        }
        guard milestones.count <= 50 else {
            throw ConfigurationError(key: "leaderboard.alerts.milestones", problem: "lists more than 50 milestones")
        }
        alerts = AlertRules(
            tierEntered: try values.boolean("leaderboard.alerts.tier_entered", default: true),
            lostFirst: try values.boolean("leaderboard.alerts.lost_first", default: true),
            milestones: milestones
        )
        points.dealsClosed = Int64(try values.integer("leaderboard.points.deals_closed", default: 100, in: 0...1_000_000))
        points.leadsGenerated = Int64(try values.integer("leaderboard.points.leads_generated", default: 10, in: 0...1_000_000))
        points.campaignsLaunched = Int64(try values.integer("leaderboard.points.campaigns_launched", default: 25, in: 0...1_000_000))
    }

    /// The keys of `leaderboard.tiers` in the file; the default tiers' keys when the file has no such map.
    static func tierKeys(configFile: String?) throws(ConfigurationError) -> [String] {
        let defaults = TierTable.defaultTiers.map(\.key)
        guard let configFile, let text = try? String(contentsOfFile: configFile, encoding: .utf8) else { return defaults }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: "herald.config_file", problem: "'\(configFile)' is not valid YAML")
        }
        guard let tiers = root?.mapping?["leaderboard"]?.mapping?["tiers"] else { return defaults }
        guard let mapping = tiers.mapping else {
            throw ConfigurationError(key: "leaderboard.tiers", problem: "must be a map of tier keys to name, ranks and discord_role_id")
        }
        var keys: [String] = []
        for key in mapping.keys {
            guard let name = key.string, !name.isEmpty, name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            else {
                throw ConfigurationError(key: "leaderboard.tiers", problem: "'\(key.string ?? "?")' is not a tier key (a-z, 0-9 and _)")
            }
            keys.append(name)
        }
        return keys
    }

    static func tiers(values: ConfigValues, keys: [String]) throws(ConfigurationError) -> TierTable {
        let defaults = Dictionary(uniqueKeysWithValues: TierTable.defaultTiers.map { ($0.key, $0) })
        var tiers: [Tier] = []
        for key in keys {
            let prefix = "leaderboard.tiers.\(key)"
            let ranks: ClosedRange<Int>
            if let text = values.string("\(prefix).ranks") {
                guard let parsed = parseRanks(text) else {
                    throw ConfigurationError(key: "\(prefix).ranks", problem: "'\(text)' is not a rank (\"1\") or a range (\"4-10\") starting at 1 or more")
                }
                ranks = parsed
            } else if let fallback = defaults[key]?.ranks {
                ranks = fallback
            } else {
                throw ConfigurationError(key: "\(prefix).ranks", problem: "is required (\"1\" or \"4-10\")")
            }
            let role = values.string("\(prefix).discord_role_id")
            if let role, !DiscordDestination.isSnowflake(role) {
                throw ConfigurationError(key: "\(prefix).discord_role_id", problem: "'\(role)' is not a Discord id (digits)")
            }
            tiers.append(Tier(key: key, name: values.string("\(prefix).name") ?? defaults[key]?.name ?? key, ranks: ranks, discordRoleID: role))
        }
        do {
            return try TierTable(tiers)
        } catch {
            throw ConfigurationError(key: "leaderboard.tiers", problem: error.description)
        }
    }

    /// `"3"` → 3...3, `"4-10"` → 4...10.
    static func parseRanks(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1:
            guard let rank = parts[0], rank >= 1 else { return nil }
            return rank...rank
        case 2:
            guard let low = parts[0], let high = parts[1], low >= 1, low <= high else { return nil }
            return low...high
        default:
            return nil
        }
    }
}
