import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import SQLKit

/// A credit request from submission to decision, the same from Discord,
/// Telegram and the REST API.
///
/// Submitting stores the request and queues the admin prompts (with Approve and
/// Reject buttons) in the admin channel and chat. Deciding is one conditional
/// update: the credit, the ledger entry, the audit entry and the requester's
/// notification commit together, and a request decided already (by a second
/// admin clicking at the same moment) is a 409 that changes nothing.
public struct CreditRequestWorkflow: Sendable {
    public let settings: CommunitySettings
    public let messages: MemberMessages
    public let discordAdminChannelID: String?
    public let telegramAdminChatID: Int64?

    public init(settings: CommunitySettings, messages: MemberMessages, discordAdminChannelID: String?, telegramAdminChatID: Int64?) {
        self.settings = settings
        self.messages = messages
        self.discordAdminChannelID = discordAdminChannelID
        self.telegramAdminChatID = telegramAdminChatID
    }

    public func currency(_ raw: String) throws(CommunityError) -> Currency {
        let lowered = raw.lowercased()
        guard let currency = Currency(rawValue: lowered), settings.currencies.contains(currency) else {
            throw .unknownCurrency(raw, allowed: settings.currencies)
        }
        return currency
    }

    /// Stores a new pending request by `requester` and queues the admin prompts.
    public func submit(
        requester: User, currency raw: String, amount: Int64, reason: String, via surface: RequestSurface, on db: any SQLDatabase
    ) async throws -> CreditRequest {
        let currency = try currency(raw)
        let draft: CreditRequestDraft
        do {
            draft = try CreditRequestDraft(
                userID: requester.id, currency: currency, amount: amount, reason: reason, maximumAmount: settings.maximumRequestAmount
            )
        } catch {
            throw CommunityError.invalidRequest(error)
        }
        let request = try await CreditRequestRepository.create(draft, via: surface, on: db)
        for prompt in adminPrompts(for: request, requester: requester) {
            try await OutboxRepository.enqueue(prompt, on: db)
        }
        try await AuditRepository.record(
            actor: Actor.member(requester).label, action: "credit_request.created", target: "credit_request:\(request.id)", on: db
        )
        return request
    }

    /// Approves or rejects a pending request.
    /// - Throws: `CommunityError.requestNotFound`, `.alreadyDecided` (409: nothing changed).
    public func decide(
        requestID: Int64, approve: Bool, by actor: Actor, note: String? = nil, on db: any SQLDatabase
    ) async throws -> CreditRequest {
        let status: CreditRequestStatus = approve ? .approved : .rejected
        guard let decided = try await CreditRequestRepository.decide(id: requestID, status: status, decidedBy: actor.userID, note: note, on: db)
        else {
            guard let current = try await CreditRequestRepository.find(id: requestID, on: db) else {
                throw CommunityError.requestNotFound(requestID)
            }
            throw CommunityError.alreadyDecided(current)
        }
        let currency = try currency(decided.currency)
        if approve {
            try await LedgerRepository.apply(
                try BalanceChange(
                    userID: decided.userID, currency: currency, amount: decided.amount, type: .earnAdmin,
                    reason: "credit request #\(decided.id)", idempotencyKey: "credit_request:\(decided.id)"
                ),
                on: db
            )
        }
        try await AuditRepository.record(
            actor: actor.label, action: "credit_request.\(status.rawValue)", target: "credit_request:\(decided.id)",
            detailsJSON: Self.json(["amount": "\(decided.amount)", "currency": decided.currency, "note": note ?? ""]), on: db
        )
        if let requester = try await UserRepository.find(id: decided.userID, on: db) {
            var data: [String: TemplateData] = ["amount": .integer(decided.amount), "currency": .string(decided.currency)]
            if let note, !note.isEmpty { data["reason"] = .string(note) }
            let template = approve ? "credit_request_approved" : "credit_request_rejected"
            for notification in messages.notifications(
                to: requester, template: template, data: .object(data), idempotencyKey: "credit_request:\(decided.id):decided"
            ) {
                try await OutboxRepository.enqueue(notification, on: db)
            }
        }
        return decided
    }

    /// The admin prompt in the Discord admin channel and the Telegram admin chat, each with buttons,
    /// in the admins' language (`herald.admin_locale`).
    func adminPrompts(for request: CreditRequest, requester: User) -> [NewNotification] {
        let data = Self.promptData(request, requester: requester)
        var prompts: [NewNotification] = []
        if let channel = discordAdminChannelID {
            prompts.append(NewNotification(
                channel: .discordMessage, destination: channel,
                body: messages.text("admin_request_prompt", locale: settings.adminLocale, data: data, format: .plainText),
                template: "admin_request_prompt", locale: settings.adminLocale, idempotencyKey: "credit_request:\(request.id):prompt:discord",
                markupJSON: CreditRequestButtons.discordComponents(requestID: request.id, messages: messages, locale: settings.adminLocale)
            ))
        }
        if let chat = telegramAdminChatID {
            prompts.append(NewNotification(
                channel: .telegramMessage, destination: String(chat),
                body: messages.text("admin_request_prompt", locale: settings.adminLocale, data: data, format: .telegramHTML),
                template: "admin_request_prompt", locale: settings.adminLocale, idempotencyKey: "credit_request:\(request.id):prompt:telegram",
                markupJSON: CreditRequestButtons.telegramKeyboard(requestID: request.id, messages: messages, locale: settings.adminLocale)
            ))
        }
        return prompts
    }

    static func promptData(_ request: CreditRequest, requester: User) -> TemplateData {
        .object([
            "id": .integer(request.id), "member": .string(requester.displayName ?? "#\(requester.id)"),
            "amount": .integer(request.amount), "currency": .string(request.currency), "reason": .string(request.reason),
            "status": .string(request.status.rawValue),
        ])
    }

    static func json(_ values: [String: String]) -> String {
        (try? String(decoding: JSONCoding.encoder.encode(values), as: UTF8.self)) ?? "{}"
    }
}
