import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Runs a Hummingbird router on a free loopback port for as long as a body runs.
///
/// Exists so the provider fakes serve real HTTP to libcurl, both in tests and
/// in the relay benchmark, without depending on Hummingbird's test helpers.
public enum LocalHTTPServer {
    /// Serves `router` on `127.0.0.1` and passes the base URL (`http://127.0.0.1:PORT`) to `body`.
    public static func serve<Result: Sendable>(
        _ router: Router<BasicRequestContext>,
        label: String,
        _ body: @Sendable (String) async throws -> Result
    ) async throws -> Result {
        let logger = Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                await group.triggerGracefulShutdown()
                throw LocalHTTPServerError.didNotStart
            }
            do {
                let result = try await body("http://127.0.0.1:\(port)")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// The fake server could not bind a loopback port.
public enum LocalHTTPServerError: Error {
    case didNotStart
}

extension Response {
    /// A JSON answer with the given status and extra headers.
    static func json(_ status: HTTPResponse.Status, _ body: String, headers: [(String, String)] = []) -> Response {
        var fields: HTTPFields = [.contentType: "application/json"]
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
