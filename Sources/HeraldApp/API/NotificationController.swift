import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import Hummingbird
import NIOCore

/// `/api/v1/notifications`: integrators and admins hand Herald notifications to
/// deliver, and follow them to delivery or dead letter.
struct NotificationController {
    let store: Store
    let auth: BearerAuthentication
    /// Renders `template` submissions when they are accepted.
    let templates: TemplateLibrary

    static let maximumBatch = 1_000
    static let maximumBodyBytes = 4 << 20
    static let maximumTextLength = 40_000

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
        /// The template's variables: a JSON object.
        let data: TemplateData?
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
            try Self.validate(
                submission, index: isBatch ? index : nil, idempotencyKey: request.headers[.init("Idempotency-Key")!], templates: templates
            )
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

    static func validate(_ submission: Submission, index: Int?, idempotencyKey: String?, templates: TemplateLibrary) throws -> NewNotification {
        let at = index.map { "notifications[\($0)]: " } ?? ""
        guard let channel = NotificationChannel(rawValue: submission.channel) else {
            let names = NotificationChannel.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)channel must be one of: \(names)")
        }
        let destination = submission.destination.trimmingCharacters(in: .whitespaces)
        guard !destination.isEmpty, destination.count <= 256 else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)destination is required (at most 256 characters)")
        }
        guard idempotencyKey.map({ $0.count <= 200 }) ?? true else {
            throw APIError(.badRequest, .malformedRequest, "Idempotency-Key is longer than 200 characters")
        }
        if let locale = submission.locale, !isValidLocale(locale) {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)locale must be 1-35 characters of A-Z, a-z, 0-9, - and _")
        }
        var notification = NewNotification(
            channel: channel, destination: destination, locale: submission.locale,
            idempotencyKey: idempotencyKey.map { key in index.map { "\(key):\($0)" } ?? key }
        )
        switch (submission.text, submission.template) {
        case (.some, .some):
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)send either text or template, not both")
        case (let text?, nil):
            guard submission.data == nil else {
                throw APIError(.unprocessableContent, .ruleViolation, "\(at)data is only used with template")
            }
            guard !text.isEmpty, text.count <= maximumTextLength else {
                throw APIError(.unprocessableContent, .ruleViolation, "\(at)text must be 1-\(maximumTextLength) characters")
            }
            notification.body = text
        case (nil, let name?):
            try render(name, submission: submission, into: &notification, templates: templates, at: at)
        case (nil, nil):
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)text or template is required")
        }
        return notification
    }

    /// Renders a template submission now, so the outbox row carries the finished
    /// message (escaped for Telegram's HTML mode on `telegram.message`) along with
    /// the template, locale and data it came from.
    static func render(
        _ name: String, submission: Submission, into notification: inout NewNotification, templates: TemplateLibrary, at: String
    ) throws {
        guard isValidTemplateName(name) else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)template must be 1-100 characters of A-Z, a-z, 0-9, _, - and /")
        }
        let variables: [String: TemplateData]
        switch submission.data {
        case nil, .null?: variables = [:]
        case .object(let members)?: variables = members
        default: throw APIError(.unprocessableContent, .ruleViolation, "\(at)data must be a JSON object")
        }
        let data = TemplateData.object(variables)
        guard !templates.isEmpty else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)templates are not loaded on this server; send text")
        }
        let locale = submission.locale ?? TemplateLocale.fallback
        let format: TemplateFormat = notification.channel == .telegramMessage ? .telegramHTML : .plainText
        let body: String
        do throws(TemplateError) {
            body = try templates.render(name: name, locale: locale, data: data, format: format)
        } catch {
            throw APIError(APIError.status(for: error.code), error.code, "\(at)\(error.message)")
        }
        guard body.count <= maximumTextLength else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)template '\(name)' rendered more than \(maximumTextLength) characters")
        }
        notification.body = body
        notification.template = name
        notification.locale = locale
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        notification.dataJSON = String(decoding: try encoder.encode(data), as: UTF8.self)
    }

    /// A BCP 47-like tag (`pt-BR`): 1-35 characters of ASCII letters, digits, `-` and `_`.
    static func isValidLocale(_ locale: String) -> Bool {
        (1...35).contains(locale.count) && isASCIIWord(locale, alsoAllowing: "-_")
    }

    /// A template's path under its locale folder, without the extension (`rank_up`, `admin/paused`).
    static func isValidTemplateName(_ name: String) -> Bool {
        (1...100).contains(name.count) && isASCIIWord(name, alsoAllowing: "-_/")
    }

    private static func isASCIIWord(_ text: String, alsoAllowing extra: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || extra.unicodeScalars.contains(scalar)
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
