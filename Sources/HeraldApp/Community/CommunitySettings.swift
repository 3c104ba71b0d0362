import Foundation
import HeraldRelay
import HeraldCore

/// The rules of the community economy and who counts as an admin, read from
/// `economy.*`, `credit_requests.*` and `discord.admin_role_ids`.
///
/// Defaults: `/daily` pays 10 points plus 2 per day of streak (at most 20),
/// one level per 100 points earned, requests up to 10,000.
public struct CommunitySettings: Sendable {
    public var currencies: [Currency]
    public var daily: DailyRewardRule
    public var levels: LevelFormula
    /// The currency whose total earned drives levels.
    public var levelCurrency: Currency
    public var maximumRequestAmount: Int64
    /// Members holding one of these Discord roles are admins, as are users with `is_admin`.
    public var discordAdminRoleIDs: Set<String>
    /// Telegram users who are admins, as well as users with `is_admin`.
    public var telegramAdminUserIDs: Set<Int64>
    /// The language of the prompts admins share (credit request prompts and their
    /// decided edits): `herald.admin_locale` (`HERALD_ADMIN_LOCALE`), default `en`.
    public var adminLocale: String

    init(values: ConfigValues, currencies: [Currency]) throws(ConfigurationError) {
        self.currencies = currencies
        let fallback = currencies.first { $0.rawValue == "points" } ?? currencies[0]
        let dailyCurrency = try Self.currency(values, "economy.daily.currency", in: currencies, default: fallback)
        daily = DailyRewardRule(
            currency: dailyCurrency,
            baseAmount: Int64(try values.integer("economy.daily.amount", default: 10, in: 1...1_000_000)),
            streakBonusPerDay: Int64(try values.integer("economy.daily.streak_bonus", default: 2, in: 0...1_000_000)),
            maximumStreakBonus: Int64(try values.integer("economy.daily.max_streak_bonus", default: 20, in: 0...1_000_000))
        )
        levelCurrency = try Self.currency(values, "economy.levels.currency", in: currencies, default: dailyCurrency)
        switch values.string("economy.levels.formula") ?? "linear" {
        case "linear":
            levels = .linear(pointsPerLevel: Int64(try values.integer("economy.levels.points_per_level", default: 100, in: 1...1_000_000_000)))
        case "exponential":
            let factor = try values.number("economy.levels.factor", default: 1.5)
            guard (1.0...10.0).contains(factor) else {
                throw ConfigurationError(key: "economy.levels.factor", problem: "must be between 1 and 10")
            }
            levels = .exponential(
                base: Int64(try values.integer("economy.levels.base", default: 100, in: 1...1_000_000_000)), factor: factor
            )
        case let other:
            throw ConfigurationError(key: "economy.levels.formula", problem: "'\(other)' is not linear or exponential")
        }
        maximumRequestAmount = Int64(try values.integer("credit_requests.max_amount", default: 10_000, in: 1...1_000_000_000))
        discordAdminRoleIDs = Set(values.list("discord.admin_role_ids") ?? [])
        var telegramAdmins: Set<Int64> = []
        for item in values.list("telegram.admin_user_ids") ?? [] {
            guard let id = Int64(item.trimmingCharacters(in: .whitespaces)) else {
                throw ConfigurationError(key: "telegram.admin_user_ids", problem: "'\(item)' is not a Telegram user id")
            }
            telegramAdmins.insert(id)
        }
        telegramAdminUserIDs = telegramAdmins
        adminLocale = try Self.locale(values, "herald.admin_locale")
    }

    /// A locale tag such as `es` or `pt-BR`; templates fall back to its language, then `en`.
    static func locale(_ values: ConfigValues, _ key: String) throws(ConfigurationError) -> String {
        guard let raw = values.string(key) else { return "en" }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        guard (2...16).contains(raw.count), raw.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }), raw.first?.isLetter == true else {
            throw ConfigurationError(key: key, problem: "'\(raw)' is not a locale such as en, es or ru")
        }
        return raw
    }

    static func currency(_ values: ConfigValues, _ key: String, in currencies: [Currency], default fallback: Currency)
        throws(ConfigurationError) -> Currency
    {
        guard let raw = values.string(key) else { return fallback }
        guard let currency = Currency(rawValue: raw), currencies.contains(currency) else {
            throw ConfigurationError(key: key, problem: "'\(raw)' is not one of economy.currencies")
        }
        return currency
    }
}
