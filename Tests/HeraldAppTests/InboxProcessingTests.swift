import Foundation
import HeraldApp
import HeraldStore
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Synchronization
import Testing

/// Handlers run inside the inbox transaction: their writes and the inbox row commit together.
@Suite struct InboxProcessingTests {
    /// Writes an audit row for each event, and refuses events whose amount is negative.
    struct AuditingHandler: InboundEventHandler {
        let refuseNegative: Bool
        func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
            try await db.insert(into: "audit_log").columns("actor", "action", "target", "at")
                .values(SQLBind("stripe"), SQLBind("event"), SQLBind(event.eventID), SQLBind(Date())).run()
            if refuseNegative, event.payload.contains(#""amount_total":-"#) {
                throw EventDataError("amount_total is negative")
            }
            return .processed
        }
    }

    /// Fails as a database outage would.
    struct FlakyHandler: InboundEventHandler {
        func handle(_ event: InboundEvent, on db: any SQLDatabase) async throws -> HandlerResult {
            try await db.insert(into: "audit_log").columns("actor", "action", "at")
                .values(SQLBind("stripe"), SQLBind("half-done"), SQLBind(Date())).run()
            throw StoreError(.unavailable, detail: "simulated outage")
        }
    }

    static func registry(_ handler: any InboundEventHandler) -> InboundHandlerRegistry {
        var registry = InboundHandlerRegistry.core
        registry.register(handler, source: "stripe", type: "checkout.session.completed")
        return registry
    }

    static func auditCount(_ store: Store) async throws -> Int {
        try await store.backend.withConnection { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("audit_log")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    static func post(_ body: String, to client: some TestClientProtocol) async throws -> (UInt, String) {
        try await client.execute(
            uri: "/webhooks/stripe", method: .post, headers: [.init("Stripe-Signature")!: stripeSignature(body)],
            body: ByteBuffer(string: body)
        ) { (UInt($0.status.code), String(buffer: $0.body)) }
    }

    @Test func aHandledEventCommitsItsChangesOnceEvenWhenRepeated() async throws {
        try await withWebhookApplication(handlers: Self.registry(AuditingHandler(refuseNegative: true))) { client, store in
            let body = stripeEvent(id: "evt_handled")
            let result1 = try await Self.post(body, to: client)
            #expect(result1.0 == 200)
            #expect(result1.1 == #"{"status":"processed"}"#)
            let result2 = try await Self.post(body, to: client)
            #expect(result2.0 == 200)
            #expect(result2.1 == #"{"status":"duplicate"}"#)
            let result3 = try await Self.auditCount(store)
            #expect(result3 == 1)
            let result4 = try await store.inbox.find(source: "stripe", eventID: "evt_handled")?.status
            #expect(result4 == .processed)
        }
    }

    @Test func aRefusedEventIsStoredAsFailedAnsweredOKAndReplayable() async throws {
        try await withWebhookApplication(handlers: Self.registry(AuditingHandler(refuseNegative: true))) { client, store in
            let body = stripeEvent(id: "evt_refused").replacingOccurrences(of: #""amount_total":1999"#, with: #""amount_total":-5"#)
            let result5 = try await Self.post(body, to: client)
            #expect(result5.0 == 200)
            #expect(result5.1 == #"{"status":"failed"}"#)
            let failed = try #require(try await store.inbox.find(source: "stripe", eventID: "evt_refused"))
            #expect(failed.status == .failed)
            #expect(failed.error == "amount_total is negative")
            // The handler's own write was rolled back with it.
            let result6 = try await Self.auditCount(store)
            #expect(result6 == 0)
            // A repeat delivery changes nothing.
            let result7 = try await Self.post(body, to: client)
            #expect(result7.0 == 200)
            #expect(result7.1 == #"{"status":"duplicate"}"#)

            // After the fix (here: a handler that accepts it), replay processes the stored event.
            let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            let fixed = InboxProcessor(store: store, handlers: Self.registry(AuditingHandler(refuseNegative: false)), logger: logger)
            let result8 = try await fixed.replay(failed)
            #expect(result8 == .processed)
            let replayed = try #require(try await store.inbox.find(source: "stripe", eventID: "evt_refused"))
            #expect(replayed.status == .processed)
            #expect(replayed.error == nil)
            #expect(replayed.attempts == 2)
            let result9 = try await Self.auditCount(store)
            #expect(result9 == 1)
        }
    }

    @Test func aTransientFailureStoresNothingAndAsksForARetry() async throws {
        try await withWebhookApplication(handlers: Self.registry(FlakyHandler())) { client, store in
            let body = stripeEvent(id: "evt_flaky")
            let (status, text) = try await Self.post(body, to: client)
            #expect(status == 503)
            #expect(text.contains("database_unavailable"))
            let result10 = try await store.inbox.find(source: "stripe", eventID: "evt_flaky")
            #expect(result10 == nil)
            let result11 = try await Self.auditCount(store)
            #expect(result11 == 0)
        }
    }
}
