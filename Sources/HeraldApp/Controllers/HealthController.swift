import Foundation
import HeraldCore
import HeraldStore
import Hummingbird
import NIOCore
import Prometheus

/// Liveness, readiness and metrics: what an orchestrator and Prometheus poll.
struct HealthController {
    let store: Store
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz", use: health)
        router.get("/readyz", use: ready)
        router.get("/metrics", use: metrics)
    }

    struct Status: ResponseEncodable {
        let status: String
        var reason: String?
    }

    /// The process is up and answering.
    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Status {
        Status(status: "ok")
    }

    /// The database answers and its schema is the one this build expects.
    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        switch await store.readiness() {
        case .ready:
            return try Status(status: "ready").response(from: request, context: context)
        case .notReady(let reason):
            throw APIError(.serviceUnavailable, .notReady, reason)
        }
    }

    /// Prometheus text exposition.
    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
        )
    }
}
