import Foundation
import HeraldRelay
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// libcurl against a real HTTP server on loopback.
@Suite struct CurlTransportTests {
    /// A small server: echoes requests, stalls on demand, and answers large bodies.
    static func withServer(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.on("/echo/{tail}", method: .post) { request, context -> Response in
            let received = try await request.body.collect(upTo: 1 << 20)
            var headers: HTTPFields = [.contentType: "application/octet-stream"]
            headers[.init("X-Echo-Method")!] = request.method.rawValue
            headers[.init("X-Echo-Path")!] = request.uri.path
            headers[.init("X-Echo-Token")!] = request.headers[.authorization] ?? ""
            return Response(status: .created, headers: headers, body: .init(byteBuffer: received))
        }
        router.on("/echo/{tail}", method: .put) { request, _ -> Response in
            let received = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .ok, headers: [.init("X-Echo-Method")!: "PUT"], body: .init(byteBuffer: received))
        }
        router.delete("/echo/{tail}") { _, _ in Response(status: .noContent) }
        router.get("/hello") { _, _ in "hello" }
        router.get("/stall") { _, _ -> String in
            try await Task.sleep(for: .seconds(3))
            return "late"
        }
        router.get("/large") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0x61, count: 256 * 1024))) }
        router.get("/limited") { _, _ in
            Response(
                status: .tooManyRequests,
                headers: [.init("Retry-After")!: "2", .contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"message":"You are being rate limited.","retry_after":1.5,"global":false}"#))
            )
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: Logger(label: "fake"))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(port)
        }
    }

    @Test func aPostArrivesWithItsMethodPathHeadersAndBody() async throws {
        let transport = CurlTransport()
        try await Self.withServer { port in
            let payload = Array(#"{"content":"Hello from Herald"}"#.utf8)
            let response = try await transport.send(OutboundRequest(
                method: "POST", url: "http://127.0.0.1:\(port)/echo/messages",
                headers: [(name: "Authorization", value: "Bot test-token"), (name: "Content-Type", value: "application/json")],
                body: payload
            ))
            #expect(response.status == 201)
            #expect(response.header("x-echo-method") == "POST")
            #expect(response.header("X-Echo-Path") == "/echo/messages")
            #expect(response.header("X-Echo-Token") == "Bot test-token")
            #expect(response.body == payload)
        }
        await transport.shutdown()
    }

    @Test func putDeleteAndGetUseTheirMethods() async throws {
        let transport = CurlTransport()
        try await Self.withServer { port in
            let put = try await transport.send(OutboundRequest(method: "PUT", url: "http://127.0.0.1:\(port)/echo/role", body: Array("x".utf8)))
            #expect(put.status == 200)
            #expect(put.header("X-Echo-Method") == "PUT")
            let delete = try await transport.send(OutboundRequest(method: "DELETE", url: "http://127.0.0.1:\(port)/echo/role"))
            #expect(delete.status == 204)
            let get = try await transport.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:\(port)/hello"))
            #expect(get.status == 200)
            #expect(String(decoding: get.body, as: UTF8.self) == "hello")
        }
        await transport.shutdown()
    }

    @Test func aRateLimitAnswerComesBackWithItsHeadersAndBody() async throws {
        let transport = CurlTransport()
        try await Self.withServer { port in
            let response = try await transport.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:\(port)/limited"))
            #expect(response.status == 429)
            #expect(response.header("Retry-After") == "2")
            #expect(String(decoding: response.body, as: UTF8.self).contains(#""retry_after":1.5"#))
        }
        await transport.shutdown()
    }

    @Test func manyConcurrentRequestsAllComplete() async throws {
        let transport = CurlTransport()
        try await Self.withServer { port in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await transport.send(OutboundRequest(
                            method: "POST", url: "http://127.0.0.1:\(port)/echo/\(index)", body: Array("message \(index)".utf8)
                        )).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 201 })
        }
        await transport.shutdown()
    }

    @Test func aStalledServerTimesOut() async throws {
        let transport = CurlTransport()
        try await Self.withServer { port in
            let started = ContinuousClock.now
            await #expect(throws: TransportError.timedOut) {
                try await transport.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:\(port)/stall", timeout: .milliseconds(300)))
            }
            #expect(ContinuousClock.now - started < .seconds(2))
        }
        await transport.shutdown()
    }

    @Test func cancellingTheTaskEndsTheTransfer() async throws {
        let transport = CurlTransport()
        try await Self.withServer { port in
            let started = ContinuousClock.now
            let task = Task {
                try await transport.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:\(port)/stall", timeout: .seconds(10)))
            }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            let result = await task.result
            #expect(throws: TransportError.cancelled) { try result.get() }
            #expect(ContinuousClock.now - started < .seconds(2))
        }
        await transport.shutdown()
    }

    @Test func aRefusedConnectionIsAConnectionFailure() async throws {
        let transport = CurlTransport()
        // Port 9 (discard) on loopback: nothing listens there in the test environment.
        let result = await Result { () async throws(TransportError) -> OutboundResponse in
            try await transport.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:9/", timeout: .seconds(5)))
        }
        guard case .failure(.connectionFailed) = result else {
            Issue.record("expected a connection failure, got \(result)")
            return
        }
        await transport.shutdown()
    }

    @Test func anOversizedResponseFailsInsteadOfFillingMemory() async throws {
        let transport = CurlTransport(maximumResponseBytes: 64 * 1024)
        try await Self.withServer { port in
            await #expect(throws: TransportError.self) {
                try await transport.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:\(port)/large"))
            }
        }
        await transport.shutdown()
    }

    @Test func onlyHTTPAndHTTPSAreAllowed() async throws {
        let transport = CurlTransport()
        let result = await Result { () async throws(TransportError) -> OutboundResponse in
            try await transport.send(OutboundRequest(method: "GET", url: "file:///etc/passwd"))
        }
        guard case .failure(.invalidRequest) = result else {
            Issue.record("a file:// URL was not refused: \(result)")
            return
        }
        await transport.shutdown()
    }

    @Test func afterShutdownRequestsAreCancelled() async throws {
        let transport = CurlTransport()
        await transport.shutdown()
        await #expect(throws: TransportError.cancelled) {
            try await transport.send(OutboundRequest(method: "GET", url: "http://127.0.0.1:9/"))
        }
        await transport.shutdown()
    }
}

extension Result where Failure == TransportError {
    init(catching body: () async throws(TransportError) -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
