import Foundation

/// Runs the built `herald` executable as a child process, as an operator would.
struct HeraldProcess {
    struct Result {
        let status: Int32
        let reason: Process.TerminationReason
        let standardOutput: String
        let standardError: String
    }

    /// The `herald` binary next to the test bundle (both are products of one build).
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["HERALD_BINARY"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("herald").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("herald")
    }

    /// A clean environment: only PATH and HOME from the parent, plus `environment`.
    static func makeEnvironment(_ environment: [String: String]) -> [String: String] {
        let parent = ProcessInfo.processInfo.environment
        var result = ["PATH": parent["PATH"] ?? "/usr/bin:/bin", "HOME": parent["HOME"] ?? "/tmp"]
        result.merge(environment) { $1 }
        return result
    }

    let process = Process()
    let outputFile: URL
    let errorFile: URL

    init(_ arguments: [String], environment: [String: String], workingDirectory: URL) throws {
        outputFile = workingDirectory.appendingPathComponent("stdout-\(UUID().uuidString).log")
        errorFile = workingDirectory.appendingPathComponent("stderr-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = Self.makeEnvironment(environment)
        process.currentDirectoryURL = workingDirectory
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    /// What the process has written to standard error so far.
    var standardErrorSoFar: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Waits for the process to exit, killing it after `timeout`.
    func wait(timeout: Duration = .seconds(60)) async throws -> Result {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TimedOut(description: "herald \(process.arguments ?? []) did not exit within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Result(
            status: process.terminationStatus,
            reason: process.terminationReason,
            standardOutput: (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "",
            standardError: standardErrorSoFar
        )
    }

    /// Runs to completion.
    static func run(_ arguments: [String], environment: [String: String], in directory: URL, timeout: Duration = .seconds(60))
        async throws -> Result
    {
        try await HeraldProcess(arguments, environment: environment, workingDirectory: directory).wait(timeout: timeout)
    }

    struct TimedOut: Error, CustomStringConvertible {
        let description: String
    }
}

/// A scratch directory for one test, removed afterwards.
func withScratchDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}
