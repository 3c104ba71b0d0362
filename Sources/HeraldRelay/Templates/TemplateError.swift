import HeraldCore

/// Why templates could not be loaded, or a message could not be rendered.
///
/// Exists so a broken template file stops start-up with a line naming the file
/// and position, and so the notification API can refuse an unknown template
/// (422 `rule_violation`) instead of queueing a message that cannot be sent.
public enum TemplateError: CodedError, Equatable, CustomStringConvertible {
    /// No locale folder on the fallback path has a template of this name.
    case unknownTemplate(String)
    /// The template rendered to nothing but whitespace with the data given.
    case renderedEmpty(name: String, locale: String)
    /// The templates directory is missing or is not a directory.
    case directoryNotFound(String)
    /// A file could not be read, or is not UTF-8 text.
    case unreadable(path: String, reason: String)
    /// A file is not a valid Mustache template. `line` and `column` are 1-based.
    case invalidTemplate(path: String, line: Int, column: Int, reason: String)
    /// Two locale folders name the same locale (`pt-BR` and `pt_br`).
    case duplicateLocale(path: String, other: String)

    public var code: ErrorCode {
        switch self {
        case .unknownTemplate, .renderedEmpty: .ruleViolation
        case .directoryNotFound, .unreadable, .invalidTemplate, .duplicateLocale: .internalError
        }
    }

    public var message: String {
        switch self {
        case .unknownTemplate(let name): "unknown template '\(name)'"
        case .renderedEmpty(let name, let locale): "template '\(name)' (\(locale)) rendered an empty message with the data given"
        case .directoryNotFound, .unreadable, .invalidTemplate, .duplicateLocale: "message templates are not available"
        }
    }

    public var description: String {
        switch self {
        case .unknownTemplate, .renderedEmpty: message
        case .directoryNotFound(let path): "templates directory '\(path)' does not exist"
        case .unreadable(let path, let reason): "cannot read template '\(path)': \(reason)"
        case .invalidTemplate(let path, let line, let column, let reason): "template '\(path)' line \(line) column \(column): \(reason)"
        case .duplicateLocale(let path, let other): "locale folders '\(other)' and '\(path)' name the same locale"
        }
    }
}
