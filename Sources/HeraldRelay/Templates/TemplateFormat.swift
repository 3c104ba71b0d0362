import Mustache

/// What a rendered message is sent as, which decides how `{{variables}}` are escaped.
///
/// Exists because one template serves every channel: Telegram's HTML parse
/// mode needs the data escaped (the template's own markup, such as `<b>`, stays),
/// while Discord and webhooks take the text as it is.
public enum TemplateFormat: Sendable, Hashable, CaseIterable {
    /// Variables escaped for Telegram's HTML parse mode (`&`, `<`, `>`, `"`).
    case telegramHTML
    /// No escaping, for Discord and webhooks.
    case plainText

    /// The swift-mustache `CONTENT_TYPE` each format renders with.
    var contentTypeName: String {
        switch self {
        case .telegramHTML: TelegramHTMLContentType.name
        case .plainText: "TEXT"
        }
    }

    /// A template's text, led by the pragma that selects this format's escaping.
    ///
    /// The pragma sits alone on its own line, so Mustache drops that line and the
    /// template's first line keeps its standalone-tag handling.
    func pragmaPrefixed(_ text: String) -> String {
        "{{% CONTENT_TYPE: \(contentTypeName) }}\n" + text
    }
}

/// Escapes like the Telegram sender does for plain rows, so a variable in a
/// template and a `text` notification come out the same.
struct TelegramHTMLContentType: MustacheContentType {
    static let name = "TELEGRAM_HTML"

    func escapeText(_ text: String) -> String {
        TelegramRequests.escapeHTML(text)
    }

    /// Registers the content type with swift-mustache's global table, once, before any template is parsed.
    static let registered: Void = MustacheContentTypes.register(TelegramHTMLContentType(), named: name)
}
