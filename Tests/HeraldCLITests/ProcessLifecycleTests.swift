import Foundation
import HeraldStore
import HeraldTestSupport
import Testing

@Suite struct ProcessLifecycleTests {
    @Test func twoConcurrentMigrationsOnPostgresBothSucceed() async throws {
        try await TestDatabase.postgres.withEmptyDatabase { url in
            try await withScratchDirectory { directory in
                let environment = ["DATABASE_URL": url.urlString]
                let first = try HeraldProcess(["migrate"], environment: environment, workingDirectory: directory)
                let second = try HeraldProcess(["migrate"], environment: environment, workingDirectory: directory)
                let results = [try await first.wait(), try await second.wait()]
                for result in results {
                    #expect(result.status == 0, "migrate failed: \(result.standardError)")
                }
                // Between them every migration was applied exactly once.
                let applied = results.map(appliedVersions)
                #expect(applied[0].isDisjoint(with: applied[1]), "a migration was applied twice: \(applied)")
                #expect(applied[0].union(applied[1]) == Set(Schema.migrations.map(\.version)))
            }
            let store = try await TestDatabase.openStore(url)
            let status = try await store.closing { store in try await store.withRunningService { try await store.migrator.status() } }
            #expect(status.isCurrent)
        }
    }

    @Test func migrateTwiceOnSQLiteIsANoOp() async throws {
        try await withScratchDirectory { directory in
            let first = try await HeraldProcess.run(["migrate"], environment: [:], in: directory)
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardOutput.contains("applied migrations"))
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("data/herald.sqlite").path))
            let second = try await HeraldProcess.run(["migrate"], environment: [:], in: directory)
            #expect(second.status == 0)
            #expect(second.standardOutput.contains("up to date"))
        }
    }

    @Test func serveWithNoConfigurationThenSIGTERMExitsZero() async throws {
        try await withScratchDirectory { directory in
            let port = String(Int.random(in: 20_000..<40_000))
            let server = try HeraldProcess([], environment: ["HTTP_PORT": port], workingDirectory: directory)
            let deadline = ContinuousClock.now + .seconds(30)
            while !server.standardErrorSoFar.contains("listening on 127.0.0.1:\(port)") {
                guard server.process.isRunning, ContinuousClock.now < deadline else {
                    Issue.record("server did not start: \(server.standardErrorSoFar)")
                    server.process.terminate()
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("data/herald.sqlite").path))
            kill(server.process.processIdentifier, SIGTERM)
            let result = try await server.wait(timeout: .seconds(20))
            #expect(result.reason == .exit)
            #expect(result.status == 0)
            #expect(result.standardError.contains("stopped"))
        }
    }
}

/// The versions a `herald migrate` run reports as applied ("applied migrations: 1, 2").
private func appliedVersions(_ result: HeraldProcess.Result) -> Set<Int> {
    guard let line = result.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("applied migrations: ") }) else {
        return []
    }
    return Set(line.dropFirst("applied migrations: ".count).split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) })
}
