import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import SQLKit

/// The messages payments cause: a receipt to the member, alerts to the admins.
///
/// Each is an outbox row enqueued in the event's transaction, rendered from
/// the templates in the member's locale (admins: `herald.admin_locale`) and keyed so a
/// replayed or repeated event never sends it twice.
struct PaymentNotices: Sendable {
    let templates: TemplateLibrary
    let telegramAdminChatID: Int64?
    let discordAdminChannelID: String?
    /// The language of admin alerts (`HERALD_ADMIN_LOCALE`).
    var adminLocale = "en"

    /// Thanks the member on every linked platform.
    func receipt(payment: PaymentRecord, product: Product, on db: any SQLDatabase) async throws {
        guard let userID = payment.userID, let member = try await AccessRepository.member(id: userID, on: db) else { return }
        let data: TemplateData = [
            "amount": .string(Self.format(payment.amountMinor, currency: payment.currency)),
            "currency": .string(payment.currency.uppercased()), "product": .string(product.name),
        ]
        let key = "herald.payment.receipt.\(payment.processor).\(payment.externalID)"
        if let telegramID = member.telegramID {
            try await enqueue(.telegramMessage, to: String(telegramID), template: "payment_receipt", data: data, locale: member.locale, key: key + ".telegram", on: db)
        }
        if let discordID = member.discordID {
            try await enqueue(.discordDM, to: discordID, template: "payment_receipt", data: data, locale: member.locale, key: key + ".discord", on: db)
        }
    }

    /// Tells the admins an event could not be applied and how to apply it once fixed.
    func eventFailed(source: String, eventID: String, reason: String, on db: any SQLDatabase) async throws {
        let data: TemplateData = ["processor": .string(source), "event": .string(eventID), "reason": .string(reason)]
        try await alert(template: "payment_event_failed", data: data, key: "herald.alert.payment_event.\(source).\(eventID)", on: db)
    }

    /// Tells the admins a payment was refunded, and how many credits could not be taken back.
    func refunded(payment: PaymentRecord, productName: String, shortfall: Int64, on db: any SQLDatabase) async throws {
        var data: TemplateData = [
            "amount": .string(Self.format(payment.amountRefundedMinor, currency: payment.currency)),
            "currency": .string(payment.currency.uppercased()), "product": .string(productName),
            "member": .string(payment.userID.map(String.init) ?? "?"),
        ]
        if shortfall > 0 { data = Self.adding("shortfall", .integer(shortfall), to: data) }
        let key = "herald.alert.payment_refunded.\(payment.processor).\(payment.externalID).\(payment.amountRefundedMinor)"
        try await alert(template: "payment_refunded_admin", data: data, key: key, on: db)
    }

    /// Tells the admins a payment attempt failed.
    func declined(payment: PaymentRecord, on db: any SQLDatabase) async throws {
        let data: TemplateData = [
            "amount": .string(Self.format(payment.amountMinor, currency: payment.currency)),
            "currency": .string(payment.currency.uppercased()), "product": .string(payment.product ?? "?"),
            "member": .string(payment.userID.map(String.init) ?? "?"),
        ]
        try await alert(template: "payment_failed_admin", data: data, key: "herald.alert.payment_failed.\(payment.processor).\(payment.externalID)", on: db)
    }

    func alert(template: String, data: TemplateData, key: String, on db: any SQLDatabase) async throws {
        if let chat = telegramAdminChatID {
            try await enqueue(.telegramMessage, to: String(chat), template: template, data: data, locale: adminLocale, key: key + ".telegram", on: db)
        }
        if let channel = discordAdminChannelID {
            try await enqueue(.discordMessage, to: channel, template: template, data: data, locale: adminLocale, key: key + ".discord", on: db)
        }
    }

    private func enqueue(
        _ channel: NotificationChannel, to destination: String, template: String, data: TemplateData, locale: String, key: String,
        on db: any SQLDatabase
    ) async throws {
        let format: TemplateFormat = channel == .telegramMessage ? .telegramHTML : .plainText
        let body: String
        do {
            body = try templates.render(name: template, locale: locale, data: data, format: format)
        } catch {
            throw EventDataError("template \(template) cannot be rendered: \(error)")
        }
        _ = try await OutboxRepository.enqueue(
            NewNotification(channel: channel, destination: destination, body: body, template: template, locale: locale, idempotencyKey: key),
            on: db
        )
    }

    private static func adding(_ key: String, _ value: TemplateData, to data: TemplateData) -> TemplateData {
        guard case .object(var fields) = data else { return data }
        fields[key] = value
        return .object(fields)
    }

    /// Currencies without a minor unit, per Stripe's list (and Telegram Stars).
    static let zeroDecimal: Set<String> = [
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf", "xtr",
    ]

    /// `1999 usd` → `19.99`; `500 jpy` → `500`.
    static func format(_ minor: Int64, currency: String) -> String {
        if zeroDecimal.contains(currency.lowercased()) { return String(minor) }
        let sign = minor < 0 ? "-" : ""
        let value = minor.magnitude
        let cents = value % 100
        return "\(sign)\(value / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
