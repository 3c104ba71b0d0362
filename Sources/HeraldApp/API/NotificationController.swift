import Foundation
import HeraldCore
import HeraldStore
import Hummingbird
import NIOCore

/// `/api/v1/notifications`: integrators and admins hand Herald notifications to
/// deliver, and follow them to delivery or dead letter.
struct NotificationController {
    let store: Store
    let auth: BearerAuthentication

    static let maximumBatch = 1_000
    static let maximumBodyBytes = 4 << 20

    func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group("/api/v1/notifications")
        group.post(use: create)
        group.get(use: list)
        group.get("/{id}", use: show)
        group.post("/{id}/retry", use: retry)
    }

    /// One notification as submitted.
    struct Submission: Decodable {
        let channel: String
        let destination: String
        let text: String?
        let template: String?
        let locale: String?
    }

    /// The API's view of a stored notification.
    struct View: Codable {
        let id: String
        let status: String
        var channel: String?
        var destination: String?
        var attempts: Int?
        var lastStatusCode: Int?
        var lastError: String?
        var deliveredAt: Date?

        init(_ item: OutboxItem, detailed: Bool) {
            id = String(item.id)
            status = item.status.rawValue
            guard detailed else { return }
            channel = item.channel.rawValue
            destination = item.destination
            attempts = item.attempts
            lastStatusCode = item.lastStatusCode
            lastError = item.lastError
            deliveredAt = item.deliveredAt
        }

        enum CodingKeys: String, CodingKey {
            case id, status, channel, destination, attempts
            case lastStatusCode = "last_status_code", lastError = "last_error", deliveredAt = "delivered_at"
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodyBytes)
        let (submissions, isBatch) = try Self.decode(Data(body.readableBytesView))
        let notifications = try submissions.enumerated().map { index, submission in
            try Self.validate(submission, index: isBatch ? index : nil, idempotencyKey: request.headers[.init("Idempotency-Key")!])
        }
        let items = try await store.backend.withTransaction { db in
            var items: [OutboxItem] = []
            for notification in notifications { items.append(try await OutboxRepository.enqueue(notification, on: db).item) }
            return items
        }
        let views = items.map { View($0, detailed: false) }
        let data = isBatch ? try JSONEncoder().encode(["notifications": views]) : try JSONEncoder().encode(views[0])
        return Response(status: .accepted, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        guard let id = Int64(try context.parameters.require("id")), let item = try await store.outbox.find(id: id) else {
            throw APIError(.notFound, .notFound, "no such notification")
        }
        return try Self.json(View(item, detailed: true))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        var status: DeliveryStatus?
        if let text = request.uri.queryParameters.get("status") {
            guard let parsed = DeliveryStatus(rawValue: text) else {
                throw APIError(.badRequest, .malformedRequest, "status must be one of: \(DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        let items = try await store.outbox.list(status: status, limit: 100)
        return try Self.json(["notifications": items.map { View($0, detailed: true) }])
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        guard let id = Int64(try context.parameters.require("id")), try await store.outbox.find(id: id) != nil else {
            throw APIError(.notFound, .notFound, "no such notification")
        }
        guard try await store.outbox.requeue(id: id) else {
            throw APIError(.conflict, .conflict, "only a dead or retrying notification can be retried")
        }
        guard let item = try await store.outbox.find(id: id) else { throw APIError(.notFound, .notFound, "no such notification") }
        return try Self.json(View(item, detailed: true), status: .accepted)
    }

    /// Accepts `{"notifications": [...]}` or one bare notification.
    static func decode(_ data: Data) throws -> ([Submission], isBatch: Bool) {
        struct Batch: Decodable { let notifications: [Submission] }
        let decoder = JSONDecoder()
        if let batch = try? decoder.decode(Batch.self, from: data) {
            guard !batch.notifications.isEmpty else { throw APIError(.unprocessableContent, .ruleViolation, "notifications is empty") }
            guard batch.notifications.count <= maximumBatch else {
                throw APIError(.unprocessableContent, .ruleViolation, "at most \(maximumBatch) notifications per request")
            }
            return (batch.notifications, true)
        }
        do {
            return ([try decoder.decode(Submission.self, from: data)], false)
        } catch {
            throw APIError(.badRequest, .malformedRequest, "expected a notification object or {\"notifications\": [...]}")
        }
    }

    static func validate(_ submission: Submission, index: Int?, idempotencyKey: String?) throws -> NewNotification {
        let at = index.map { "notifications[\($0)]: " } ?? ""
        guard let channel = NotificationChannel(rawValue: submission.channel) else {
            let names = NotificationChannel.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)channel must be one of: \(names)")
        }
        let destination = submission.destination.trimmingCharacters(in: .whitespaces)
        guard !destination.isEmpty, destination.count <= 256 else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)destination is required (at most 256 characters)")
        }
        guard submission.template == nil else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)templates are not available yet; send text")
        }
        guard let text = submission.text, !text.isEmpty, text.count <= 40_000 else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)text is required (at most 40000 characters)")
        }
        guard idempotencyKey.map({ $0.count <= 200 }) ?? true else {
            throw APIError(.badRequest, .malformedRequest, "Idempotency-Key is longer than 200 characters")
        }
        return NewNotification(
            channel: channel, destination: destination, body: text, locale: submission.locale,
            idempotencyKey: idempotencyKey.map { key in index.map { "\(key):\($0)" } ?? key }
        )
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
