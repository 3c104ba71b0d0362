import Foundation
import Mustache

/// Herald's message templates: every `<locale>/<name>.mustache` under one
/// directory, parsed at start-up and rendered for a channel's format.
///
/// Exists so callers send a template name and data instead of finished prose,
/// and members read the message in their own language. Rendering happens when
/// a notification is accepted, so an unknown template is refused at once rather
/// than failing later in the relay.
public struct TemplateLibrary: Sendable {
    /// One locale folder. Each file is parsed once per format, so the same
    /// template renders with Telegram HTML escaping or with none.
    struct LocaleTemplates: Sendable {
        /// The folder's name as written on disk (`pt-BR`).
        var folder: String
        var names: [String]
        var libraries: [TemplateFormat: MustacheLibrary]
    }

    /// Keyed by `TemplateLocale.key` of the folder name.
    private let locales: [String: LocaleTemplates]

    /// A library without templates: every render is `unknownTemplate`.
    public init() {
        self.locales = [:]
    }

    init(locales: [String: LocaleTemplates]) {
        self.locales = locales
    }

    /// True when no template was loaded.
    public var isEmpty: Bool {
        locales.values.allSatisfy(\.names.isEmpty)
    }

    /// The locale folders loaded, as named on disk, sorted.
    public var localeNames: [String] {
        locales.values.map(\.folder).sorted()
    }

    /// The templates in one locale folder (no fallback), sorted; empty for an unknown locale.
    public func templateNames(locale: String) -> [String] {
        locales[TemplateLocale.key(locale)]?.names.sorted() ?? []
    }

    /// The folder a render of `name` in `locale` would use, after fallback; nil when the template is unknown.
    public func resolvedLocale(name: String, locale: String) -> String? {
        lookup(name: name, locale: locale).map(\.folder)
    }

    /// Renders `name` for `locale` (falling back to its language, then `en`).
    ///
    /// - Parameters:
    ///   - data: the template's variables; a missing variable renders as nothing.
    ///   - format: `.telegramHTML` escapes the variables for Telegram's HTML mode,
    ///     `.plainText` leaves them as they are.
    /// - Returns: the message, without leading or trailing blank space.
    /// - Throws: `unknownTemplate` when no folder on the fallback path has `name`;
    ///   `renderedEmpty` when the result is blank.
    public func render(name: String, locale: String, data: TemplateData = [:], format: TemplateFormat) throws(TemplateError) -> String {
        guard let locale = lookup(name: name, locale: locale), let library = locale.libraries[format],
            let template = library.getTemplate(named: name)
        else {
            throw .unknownTemplate(name)
        }
        let text = template.render(data.mustacheContext, library: library).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .renderedEmpty(name: name, locale: locale.folder) }
        return text
    }

    private func lookup(name: String, locale: String) -> LocaleTemplates? {
        for key in TemplateLocale.candidates(for: locale) {
            if let templates = locales[key], templates.names.contains(name) { return templates }
        }
        return nil
    }
}
