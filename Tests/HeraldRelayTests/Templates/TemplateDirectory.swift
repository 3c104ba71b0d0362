import Foundation

/// Template folders for tests: the repository's shipped `templates/`, and
/// throwaway ones written to a temporary directory.
enum TemplateDirectory {
    /// `<repository>/templates`, found from this file's path.
    static var shipped: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("templates").path
    }

    /// Writes `files` (relative path → text) under a new temporary directory, runs `body` with its path, then removes it.
    static func withTemporary<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return try body(root.path)
    }
}
