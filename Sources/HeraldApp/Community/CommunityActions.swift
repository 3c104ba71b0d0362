import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import SQLKit

/// The member and admin actions both bots offer, answered as template texts.
///
/// Each action takes the member already resolved from their platform identity
/// and the format of the platform that shows the answer, and returns the text
/// in the member's locale. Refusals come back as `CommunityError`.
struct CommunityActions: Sendable {
    let settings: CommunitySettings
    let messages: MemberMessages
    let workflow: CreditRequestWorkflow
    /// The tiers profiles name.
    var tiers: TierTable = .defaults
    let snapshots = LatestSnapshotCache()

    func balance(of user: User, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        let balances = try await LedgerRepository.balances(userID: user.id, on: db)
        let held = Dictionary(uniqueKeysWithValues: balances.map { ($0.currency, $0) })
        let rows: [TemplateData] = settings.currencies.map { currency in
            .object(["currency": .string(currency.rawValue), "amount": .integer(held[currency.rawValue]?.balance ?? 0)])
        }
        let earned = held[settings.levelCurrency.rawValue]?.totalEarned ?? 0
        let level = settings.levels.level(totalEarned: earned)
        return messages.text(
            "cmd_balance", locale: locale,
            data: ["balances": .array(rows), "level": .integer(Int64(level.level)), "next_level_at": .integer(level.nextLevelAt),
                   "earned": .integer(earned), "level_currency": .string(settings.levelCurrency.rawValue)],
            format: format
        )
    }

    func daily(for user: User, now: Date, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        switch try await DailyRewardRepository.claim(userID: user.id, rule: settings.daily, today: UTCDay(now), on: db) {
        case .granted(let grant):
            return messages.text(
                "cmd_daily_granted", locale: locale,
                data: ["amount": .integer(grant.total), "base": .integer(grant.baseAmount), "bonus": grant.streakBonus > 0 ? .integer(grant.streakBonus) : .null,
                       "currency": .string(settings.daily.currency.rawValue), "streak": .integer(Int64(grant.streak)),
                       "reset": .bool(grant.streakWasReset)],
                format: format
            )
        case .alreadyClaimed(let streak, let next):
            return messages.text(
                "cmd_daily_already", locale: locale, data: ["streak": .integer(Int64(streak)), "next": .string(next.iso)], format: format
            )
        }
    }

    func request(
        by user: User, currency: String, amount: Int64, reason: String, via surface: RequestSurface, locale: String,
        format: TemplateFormat, on db: any SQLDatabase
    ) async throws -> String {
        let request = try await workflow.submit(requester: user, currency: currency, amount: amount, reason: reason, via: surface, on: db)
        return messages.text(
            "cmd_request_created", locale: locale,
            data: ["id": .integer(request.id), "amount": .integer(request.amount), "currency": .string(request.currency)], format: format
        )
    }

    func pendingRequests(admin: User, isAdmin: Bool, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        guard isAdmin else { throw CommunityError.notAdmin }
        let pending = try await CreditRequestRepository.list(status: .pending, limit: 20, on: db)
        var rows: [TemplateData] = []
        for request in pending {
            let member = try await UserRepository.find(id: request.userID, on: db)
            rows.append(.object([
                "id": .integer(request.id), "member": .string(member?.displayName ?? "#\(request.userID)"),
                "amount": .integer(request.amount), "currency": .string(request.currency), "reason": .string(request.reason),
            ]))
        }
        return messages.text("cmd_requests", locale: locale, data: ["requests": .array(rows), "none": .bool(rows.isEmpty)], format: format)
    }

    /// An admin credits a member directly; `key` makes a repeated command pay once.
    func grant(
        to member: User, by admin: User, isAdmin: Bool, currency raw: String, amount: Int64, reason: String, key: String,
        locale: String, format: TemplateFormat, on db: any SQLDatabase
    ) async throws -> String {
        guard isAdmin else { throw CommunityError.notAdmin }
        let currency = try workflow.currency(raw)
        let entry: LedgerEntry
        do {
            entry = try await LedgerRepository.apply(
                try BalanceChange(userID: member.id, currency: currency, amount: amount, type: .earnAdmin, reason: reason, idempotencyKey: key),
                on: db
            )
        } catch let error as LedgerError {
            throw CommunityError.ledger(error)
        }
        try await AuditRepository.record(
            actor: Actor.member(admin).label, action: "balance.granted", target: "user:\(member.id)",
            detailsJSON: CreditRequestWorkflow.json(["amount": "\(amount)", "currency": currency.rawValue, "reason": reason]), on: db
        )
        return messages.text(
            "cmd_grant_done", locale: locale,
            data: ["member": .string(member.displayName ?? "#\(member.id)"), "amount": .integer(amount),
                   "currency": .string(currency.rawValue), "balance": .integer(entry.balanceAfter)],
            format: format
        )
    }

    func notify(_ user: User, enabled: Bool, locale: String, format: TemplateFormat, on db: any SQLDatabase) async throws -> String {
        try await UserRepository.setNotifications(userID: user.id, enabled: enabled, on: db)
        return messages.text(enabled ? "cmd_notify_on" : "cmd_notify_off", locale: locale, format: format)
    }

    /// The member-facing text of a refusal.
    func refusal(_ error: CommunityError, locale: String, format: TemplateFormat) -> String {
        switch error {
        case .notAdmin: messages.text("cmd_not_admin", locale: locale, format: format)
        case .alreadyDecided(let request):
            messages.text("cmd_already_decided", locale: locale, data: ["id": .integer(request.id), "status": .string(request.status.rawValue)], format: format)
        default: messages.text("cmd_refused", locale: locale, data: ["reason": .string(error.message)], format: format)
        }
    }
}
