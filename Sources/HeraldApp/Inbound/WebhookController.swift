import Foundation
import HeraldCore
import HeraldStore
import HeraldVerify
import Hummingbird
import Logging
import NIOCore

/// `POST /webhooks/{source}`: read the raw body within a limit, verify, then
/// record the event in the inbox and run its handler.
///
/// Discord, Telegram and Stripe are sources like any other; their verifiers
/// come from the environment, generic ones from the config file.
struct WebhookController {
    let sources: InboundSources
    let processor: InboxProcessor
    let metrics: InboundMetrics
    let maximumBodyBytes: Int
    /// Defers slow Discord commands; nil when the follow-up cannot be sent.
    var discordDeferral: DiscordDeferral? = nil

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/webhooks/:source", use: receive)
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try context.parameters.require("source")
        let label = sources.isKnown(name) ? name : "unknown"
        do {
            let source = try sources.source(named: name)
            var request = request
            let body = try await request.collectBody(upTo: maximumBodyBytes)
            let webhookRequest = WebhookRequest(
                headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) },
                body: Array(buffer: body),
                remoteAddress: context.remoteAddress
            )
            let started = ContinuousClock.now
            do {
                try source.verify(webhookRequest, now: Date())
            } catch {
                metrics.recordVerification(source: label, duration: ContinuousClock.now - started)
                throw InboundError.verification(error)
            }
            metrics.recordVerification(source: label, duration: ContinuousClock.now - started)

            let envelope = try InboundEnvelope(source: source, request: webhookRequest)
            let event = InboundEvent(
                source: name, eventID: envelope.eventID, type: envelope.type, payload: envelope.payload, json: envelope.json
            )
            let outcome = try await process(event)
            switch outcome {
            case .accepted(let status, let responseBody):
                metrics.count(source: label, outcome: "accepted")
                return Self.json(responseBody ?? #"{"status":"\#(status.rawValue)"}"#)
            case .duplicate:
                metrics.count(source: label, outcome: "duplicate")
                return Self.json(#"{"status":"duplicate"}"#)
            case .failed:
                metrics.count(source: label, outcome: "failed")
                return Self.json(#"{"status":"failed"}"#)
            }
        } catch let error as InboundError {
            metrics.count(source: label, outcome: "rejected_\(Self.reason(error))")
            throw error.apiError
        } catch let error as EventConfirmationError {
            metrics.count(source: label, outcome: "rejected_\(error.reason)")
            throw error.apiError
        } catch is NIOTooManyBytesError {
            metrics.count(source: label, outcome: "rejected_payload_too_large")
            throw APIError(.contentTooLarge, .payloadTooLarge, "the request body is larger than \(maximumBodyBytes) bytes")
        }
    }

    private func process(_ event: InboundEvent) async throws -> InboxProcessor.Outcome {
        let processor = self.processor
        guard event.source == "discord", let discordDeferral else { return try await processor.process(event) }
        return try await discordDeferral.process(event) { try await processor.process(event) }
    }

    static func reason(_ error: InboundError) -> String {
        switch error {
        case .unknownSource: "unknown_source"
        case .notConfigured: "not_configured"
        case .malformedBody: "malformed_body"
        case .verification(let error): error.rawValue
        }
    }

    static func json(_ body: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
}
