import Foundation
import HeraldRelay
import HeraldCore
import HeraldStore
import SQLKit

/// Answers Discord slash commands and the Approve/Reject buttons of admin prompts.
///
/// Runs in the inbox transaction, so the answer, the store change and the
/// queued notifications are one unit. The member is found or created from the
/// invoking user; the answer is in the locale Discord reports for them.
struct DiscordCommandHandler: InboundEventHandler {
    /// Commands answered for the whole channel to see; every other answer is ephemeral.
    static let publicCommands: Set<String> = ["leaderboard"]

    let actions: CommunityActions
    let now: @Sendable () -> Date

    func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
        guard let json = event.json else { throw EventDataError("the interaction is not JSON") }
        let interaction = try DiscordInteraction(json)
        let user = try await UserRepository.findOrCreate(
            .discord(id: interaction.userID), profile: PlatformProfile(displayName: interaction.userName, locale: interaction.locale), on: db
        )
        let locale = interaction.locale ?? user.locale
        let isAdmin = user.isAdmin || !actions.settings.discordAdminRoleIDs.isDisjoint(with: interaction.roles)
        let response: DiscordResponse
        do {
            if let customID = interaction.customID {
                response = try await click(customID, by: user, isAdmin: isAdmin, locale: locale, on: db)
            } else {
                response = try await command(interaction, user: user, isAdmin: isAdmin, locale: locale, on: db)
            }
        } catch let error as CommunityError {
            response = .message(actions.refusal(error, locale: locale, format: .plainText), ephemeral: true)
        }
        return HandlerResult(status: .processed, responseBody: response.json)
    }

    private func command(
        _ interaction: DiscordInteraction, user: User, isAdmin: Bool, locale: String, on db: any SQLDatabase
    ) async throws -> DiscordResponse {
        let text = actions.messages
        switch interaction.commandName {
        case "leaderboard":
            let page = Int(clamping: interaction.integer("page") ?? 1)
            return .message(
                try await actions.leaderboard(page: page, locale: locale, format: .plainText, on: db),
                ephemeral: !Self.publicCommands.contains("leaderboard")
            )
        case "profile":
            let member = try await mentioned(interaction, "member", on: db) ?? user
            return .message(try await actions.profile(of: member, locale: locale, format: .plainText, on: db), ephemeral: true)
        case "stats":
            return .message(try await actions.stats(of: user, locale: locale, format: .plainText, on: db), ephemeral: true)
        case "compare":
            guard let other = try await mentioned(interaction, "member", on: db) else { return usage("compare", locale: locale) }
            return .message(try await actions.compare(user, with: other, locale: locale, format: .plainText, on: db), ephemeral: true)
        case "link":
            return .message(
                try await actions.link(
                    user, code: interaction.string("code"), enteredOn: .discord, now: now(), locale: locale, format: .plainText, on: db
                ),
                ephemeral: true
            )
        case "balance":
            return .message(try await actions.balance(of: user, locale: locale, format: .plainText, on: db), ephemeral: true)
        case "daily":
            return .message(try await actions.daily(for: user, now: now(), locale: locale, format: .plainText, on: db), ephemeral: true)
        case "request":
            guard let currency = interaction.string("currency"), let amount = interaction.integer("amount"),
                let reason = interaction.string("reason")
            else { return usage("request", locale: locale) }
            return .message(
                try await actions.request(
                    by: user, currency: currency, amount: amount, reason: reason, via: .discord, locale: locale, format: .plainText, on: db
                ),
                ephemeral: true
            )
        case "requests":
            return .message(try await actions.pendingRequests(admin: user, isAdmin: isAdmin, locale: locale, format: .plainText, on: db), ephemeral: true)
        case "grant":
            guard let memberID = interaction.string("member"), let currency = interaction.string("currency"),
                let amount = interaction.integer("amount")
            else { return usage("grant", locale: locale) }
            guard isAdmin else { throw CommunityError.notAdmin }
            let member = try await UserRepository.findOrCreate(
                .discord(id: memberID), profile: PlatformProfile(displayName: interaction.resolvedUserNames[memberID]), on: db
            )
            let reason = interaction.string("reason") ?? "granted by an admin"
            return .message(
                try await actions.grant(
                    to: member, by: user, isAdmin: isAdmin, currency: currency, amount: amount, reason: reason,
                    key: "discord:interaction:\(interaction.id)", locale: locale, format: .plainText, on: db
                ),
                ephemeral: true
            )
        case "notify":
            guard let state = interaction.string("state"), state == "on" || state == "off" else { return usage("notify", locale: locale) }
            return .message(try await actions.notify(user, enabled: state == "on", locale: locale, format: .plainText, on: db), ephemeral: true)
        default:
            return .message(text.text("cmd_unknown", locale: locale, format: .plainText), ephemeral: true)
        }
    }

    /// A click on an admin prompt's button: only admins decide; the prompt is edited to show the decision.
    private func click(_ customID: String, by user: User, isAdmin: Bool, locale: String, on db: any SQLDatabase) async throws -> DiscordResponse {
        guard let click = CreditRequestButtons.click(customID) else {
            return .message(actions.messages.text("cmd_unknown", locale: locale, format: .plainText), ephemeral: true)
        }
        guard isAdmin else { throw CommunityError.notAdmin }
        let decided = try await actions.workflow.decide(requestID: click.requestID, approve: click.approve, by: .member(user), on: db)
        let requester = try await UserRepository.find(id: decided.userID, on: db)
        var data = CreditRequestWorkflow.promptData(decided, requester: requester ?? user).objectValue ?? [:]
        data["admin"] = .string(user.displayName ?? "#\(user.id)")
        data["approved"] = .bool(click.approve)
        // The prompt is shared by all admins, so it stays in the admin channel's language.
        let text = actions.messages.text("admin_request_decided", locale: actions.settings.adminLocale, data: .object(data), format: .plainText)
        return .updateMessage(text, componentsJSON: nil)
    }

    /// The member a user option names, created on first mention like any member.
    private func mentioned(_ interaction: DiscordInteraction, _ option: String, on db: any SQLDatabase) async throws -> User? {
        guard let id = interaction.string(option), !id.isEmpty, id.allSatisfy(\.isNumber) else { return nil }
        return try await UserRepository.findOrCreate(
            .discord(id: id), profile: PlatformProfile(displayName: interaction.resolvedUserNames[id]), on: db
        )
    }

    private func usage(_ command: String, locale: String) -> DiscordResponse {
        .message(actions.messages.text("cmd_usage", locale: locale, data: ["command": .string(command)], format: .plainText), ephemeral: true)
    }
}
