import Foundation
import Mustache

extension TemplateLibrary {
    /// The file extension of a template.
    public static let fileExtension = "mustache"

    /// Loads every `<locale>/<name>.mustache` under `directory`. Files in
    /// subfolders of a locale are named by their relative path (`admin/paused`)
    /// and can be used as partials by the templates of the same locale.
    /// Anything else in `directory` (a README, hidden folders) is ignored.
    ///
    /// - Throws: `directoryNotFound`, `unreadable`, `invalidTemplate` (naming the
    ///   file, line and column) or `duplicateLocale`.
    public init(directory: String) throws(TemplateError) {
        _ = TelegramHTMLContentType.registered
        guard Self.isDirectory(directory) else { throw .directoryNotFound(directory) }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw .unreadable(path: directory, reason: "cannot list the directory")
        }
        var locales: [String: LocaleTemplates] = [:]
        for entry in entries where !entry.hasPrefix(".") {
            let path = Self.join(directory, entry)
            guard Self.isDirectory(path) else { continue }
            let key = TemplateLocale.key(entry)
            if let existing = locales[key] {
                throw .duplicateLocale(path: path, other: Self.join(directory, existing.folder))
            }
            locales[key] = try Self.loadLocale(folder: entry, at: path)
        }
        self.init(locales: locales)
    }

    private static func loadLocale(folder: String, at path: String) throws(TemplateError) -> LocaleTemplates {
        let suffix = "." + fileExtension
        let files = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(suffix) && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .sorted()
        var libraries = Dictionary(uniqueKeysWithValues: TemplateFormat.allCases.map { ($0, MustacheLibrary()) })
        var names: [String] = []
        for file in files {
            let filePath = join(path, file)
            guard !isDirectory(filePath) else { continue }
            let text = try readText(filePath)
            let name = String(file.dropLast(suffix.count))
            // Parsed as written first, so a syntax error is reported at the file's own line and column.
            _ = try parse(text, path: filePath)
            for format in TemplateFormat.allCases {
                libraries[format]?.register(try parse(format.pragmaPrefixed(text), path: filePath), named: name)
            }
            names.append(name)
        }
        return LocaleTemplates(folder: folder, names: names, libraries: libraries)
    }

    private static func readText(_ path: String) throws(TemplateError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: path, reason: "not UTF-8 text") }
        return text
    }

    private static func parse(_ text: String, path: String) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw .invalidTemplate(
                path: path, line: error.context.lineNumber, column: error.context.columnNumber,
                reason: "\(describe(error.error)) near \"\(error.context.line.trimmingCharacters(in: .whitespaces))\""
            )
        } catch {
            throw .invalidTemplate(path: path, line: 1, column: 1, reason: "\(error)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a closing tag does not match its section"
        case .unfinishedName?: "a tag is not closed"
        case .expectedSectionEnd?: "a section is not closed"
        case .invalidSetDelimiter?: "invalid set-delimiter tag"
        case .invalidConfigVariableSyntax?: "invalid pragma"
        case .unrecognisedConfigVariable?: "unknown pragma or content type"
        default: "\(error)"
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
