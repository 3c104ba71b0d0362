import Hummingbird
import Prometheus

/// Counts requests and records their latency by matched route, method and status.
///
/// Labels use the route pattern (`/webhooks/{source}`), never the raw path, so
/// random URLs cannot explode the number of series.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    static var buckets: [Duration] {
        [
        .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let labels = [
            ("route", context.endpointPath ?? "unmatched"),
            ("method", request.method.rawValue),
            ("status", String(response.status.code)),
        ]
        registry.makeCounter(name: "herald_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(name: "herald_http_request_duration_seconds", labels: labels, buckets: Self.buckets)
            .record(ContinuousClock.now - start)
        return response
    }
}
