import Foundation
import HeraldApp
import HeraldRelay
import Logging
import Testing

@Suite struct TemplateSettingsTests {
    static let logger = Logger(label: "herald.test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func theDefaultIsTheTemplatesFolderAndMayBeMissing() async throws {
        var settings = try await HeraldConfiguration.load(environment: [:]).templates
        #expect(settings.directory == "templates")
        #expect(!settings.isExplicit)
        settings.directory = "/nonexistent/herald-templates"
        #expect(try settings.loadLibrary(logger: Self.logger).isEmpty)
    }

    @Test func aConfiguredDirectoryThatDoesNotExistIsAConfigurationError() async throws {
        await #expect(
            throws: ConfigurationError(key: "templates.directory", problem: "directory '/nonexistent/herald-templates' does not exist")
        ) {
            try await HeraldConfiguration.load(environment: ["TEMPLATES_DIRECTORY": "/nonexistent/herald-templates"])
        }
    }

    @Test func aBrokenTemplateStopsStartUpNamingTheFile() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("en"), withIntermediateDirectories: true)
        try Data("Hi {{#name}}".utf8).write(to: root.appendingPathComponent("en/hi.mustache"))

        let settings = try await HeraldConfiguration.load(environment: ["TEMPLATES_DIRECTORY": root.path]).templates
        #expect(settings.isExplicit)
        do {
            _ = try settings.loadLibrary(logger: Self.logger)
            Issue.record("a broken template was loaded")
        } catch {
            #expect(error.key == "templates.directory")
            #expect(error.description.contains("\(root.path)/en/hi.mustache"))
            #expect(!error.description.contains("\n"))
        }
    }
}
