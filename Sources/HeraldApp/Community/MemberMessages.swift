import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore

/// Renders member-facing texts from the templates, in the member's locale and
/// in the format of the platform that shows them.
///
/// Replies to a command and notifications queued for later both come through
/// here, so every text a member reads has an `en`, `es` and `ru` version.
public struct MemberMessages: Sendable {
    public let templates: TemplateLibrary

    public init(templates: TemplateLibrary) {
        self.templates = templates
    }

    /// The text of template `name`. A template missing from the installation
    /// (an operator error, warned about at start-up) renders as its name and data
    /// rather than failing the member's command.
    public func text(_ name: String, locale: String, data: TemplateData = [:], format: TemplateFormat) -> String {
        if let text = try? templates.render(name: name, locale: locale, data: data, format: format) { return text }
        let values = data.objectValue?.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.plainText)" } ?? []
        let fallback = ([name] + values).joined(separator: " · ")
        return format == .telegramHTML ? TelegramRequests.escapeHTML(fallback) : fallback
    }

    /// One notification per platform the member is reachable on (Discord DM,
    /// Telegram private chat), rendered for each.
    public func notifications(to user: User, template: String, data: TemplateData, idempotencyKey: String) -> [NewNotification] {
        var result: [NewNotification] = []
        if let discordID = user.discordID {
            result.append(NewNotification(
                channel: .discordDM, destination: discordID,
                body: text(template, locale: user.locale, data: data, format: .plainText),
                template: template, locale: user.locale, idempotencyKey: idempotencyKey + ":discord"
            ))
        }
        if let telegramID = user.telegramID {
            result.append(NewNotification(
                channel: .telegramMessage, destination: String(telegramID),
                body: text(template, locale: user.locale, data: data, format: .telegramHTML),
                template: template, locale: user.locale, idempotencyKey: idempotencyKey + ":telegram"
            ))
        }
        return result
    }
}

extension TemplateData {
    /// A scalar as plain text, for the fallback rendering.
    var plainText: String {
        switch self {
        case .null: ""
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): value
        case .array(let values): values.map(\.plainText).joined(separator: ", ")
        case .object: "…"
        }
    }
}
