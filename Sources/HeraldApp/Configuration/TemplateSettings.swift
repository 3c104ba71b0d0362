import Foundation
import HeraldRelay
import Logging

/// Where message templates are read from: `templates.directory`.
///
/// Exists to tell a deliberate setting from the default. A configured directory
/// that is missing is a configuration error; a missing default (`templates` in
/// the working directory) only means no templates: Herald warns and still
/// serves `text` notifications.
public struct TemplateSettings: Sendable, Equatable {
    public static let defaultDirectory = "templates"

    /// Relative paths are resolved against the working directory.
    public var directory = defaultDirectory
    /// True when `templates.directory` was set.
    public var isExplicit = false

    init(values: ConfigValues) throws(ConfigurationError) {
        guard let directory = values.string("templates.directory") else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigurationError(key: "templates.directory", problem: "directory '\(directory)' does not exist")
        }
        self.directory = directory
        self.isExplicit = true
    }

    /// Loads every template, once, before serving.
    /// - Throws: a `ConfigurationError` naming the file when a template does not parse.
    public func loadLibrary(logger: Logger) throws(ConfigurationError) -> TemplateLibrary {
        let library: TemplateLibrary
        do throws(TemplateError) {
            library = try TemplateLibrary(directory: directory)
        } catch .directoryNotFound where !isExplicit {
            logger.warning("no templates directory; template notifications are refused", metadata: ["directory": "\(directory)"])
            return TemplateLibrary()
        } catch {
            throw ConfigurationError(key: "templates.directory", problem: error.description)
        }
        if library.isEmpty {
            logger.warning("no templates found; template notifications are refused", metadata: ["directory": "\(directory)"])
        } else {
            logger.info("templates loaded", metadata: ["directory": "\(directory)", "locales": "\(library.localeNames.joined(separator: ","))"])
        }
        return library
    }
}
