import Foundation
import HeraldVerify
import Hummingbird
import NIOCore

/// A local server that plays an integrator's webhook endpoint: it verifies the
/// Standard Webhooks signature with the endpoint's secret, as a careful
/// receiver does, and records what it accepted.
///
/// A bad or stale signature answers 401; on cue it answers 5xx or stalls.
/// Without a secret it accepts everything (the benchmark's unlimited endpoint).
public actor FakeWebhookReceiver {
    /// One delivery the receiver accepted.
    public struct Delivery: Sendable {
        public let messageID: String
        public let timestamp: String
        public let signature: String
        public let contentType: String?
        public let body: String
        public let at: ContinuousClock.Instant
    }

    let verifier: StandardWebhooksVerifier?
    public private(set) var deliveries: [Delivery] = []
    public private(set) var refused = 0
    private var failures: [Int] = []
    private var stall: (count: Int, duration: Duration) = (0, .zero)

    public init(secret: String?) {
        verifier = secret.map { StandardWebhooksVerifier(secrets: [$0]) }
    }

    public func fail(next count: Int, status: Int = 503) { failures += Array(repeating: status, count: count) }
    public func stall(next count: Int, for duration: Duration) { stall = (count, duration) }
    public var deliveryCount: Int { deliveries.count }

    /// Serves `POST /hook` until `body` returns; passes the endpoint URL.
    public func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 4 << 20)
            let delay = await self.takeStall()
            if delay > .zero { try await Task.sleep(for: delay) }
            let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
            return await self.answer(headers: headers, body: Array(bytes.readableBytesView))
        }
        return try await LocalHTTPServer.serve(router, label: "fake-webhook") { baseURL in try await body(baseURL + "/hook") }
    }

    private func takeStall() -> Duration {
        guard stall.count > 0 else { return .zero }
        stall.count -= 1
        return stall.duration
    }

    func answer(headers fields: [(name: String, value: String)], body: [UInt8]) -> Response {
        let headers = Dictionary(fields.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        if !failures.isEmpty {
            return .json(.init(code: failures.removeFirst()), #"{"error": "unavailable"}"#)
        }
        if let verifier {
            do {
                try verifier.verify(WebhookRequest(headers: fields, body: body), now: Date())
            } catch {
                refused += 1
                return .json(.unauthorized, #"{"error": "bad signature"}"#)
            }
        }
        deliveries.append(Delivery(
            messageID: headers["webhook-id"] ?? "", timestamp: headers["webhook-timestamp"] ?? "",
            signature: headers["webhook-signature"] ?? "", contentType: headers["content-type"],
            body: String(decoding: body, as: UTF8.self), at: .now
        ))
        return Response(status: .noContent, headers: [:])
    }
}
