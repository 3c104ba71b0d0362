import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct PaymentFailureReplayTests {
    typealias P = StripePayloads
    typealias C = PaymentChecks

    static func replay(_ store: Store, source: String, eventID: String, yaml: String) async throws -> InboxStatus {
        let configuration = try await HeraldConfiguration.load(environment: try PaymentFixtures.environment(yaml: yaml))
        let event = try #require(try await store.inbox.find(source: source, eventID: eventID))
        let processor = InboxProcessor(
            store: store, handlers: try PaymentFixtures.handlers(configuration), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await processor.replay(event)
    }

    @Test(arguments: TestDatabase.allCases)
    func anUnknownProductIsStoredFailedAlertedAndGrantedAfterTheFixAndAReplay(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await C.member(store, email: "ada@example.com", telegramID: 77)
            let session = P.checkoutSession(product: "price_1NewPoster")
            let body = P.event("checkout.session.completed", object: session, id: "evt_1UnknownProduct")
            #expect(try await postStripe(body, to: client) == #"{"status":"failed"}"#)
            let stored = try #require(try await store.inbox.find(source: "stripe", eventID: "evt_1UnknownProduct"))
            #expect(stored.status == .failed)
            #expect(stored.error?.contains("unknown product price_1NewPoster") == true)
            #expect(try await C.balance(store, member) == 0)
            let alerts = try await C.outbox(store, template: "payment_event_failed")
            #expect(alerts.map(\.destination).sorted() == [PaymentFixtures.discordAdminChannel, PaymentFixtures.telegramAdminChat].sorted())
            #expect(alerts.allSatisfy { $0.body.contains("herald replay stripe evt_1UnknownProduct") })
            #expect(try await C.outbox(store, template: "payment_receipt").isEmpty)

            let fixed = PaymentFixtures.catalogue + "\n    poster:\n      ids: [price_1NewPoster]\n      credits: {ai: 7}\n"
            #expect(try await Self.replay(store, source: "stripe", eventID: "evt_1UnknownProduct", yaml: fixed) == .processed)
            #expect(try await C.balance(store, member) == 7)
            #expect(try await store.inbox.find(source: "stripe", eventID: "evt_1UnknownProduct")?.status == .processed)
            #expect(try await C.outbox(store, template: "payment_receipt").count == 1)
            // Replaying again changes nothing.
            #expect(try await Self.replay(store, source: "stripe", eventID: "evt_1UnknownProduct", yaml: fixed) == .processed)
            #expect(try await C.balance(store, member) == 7)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func anUnknownMemberIsStoredFailedAlertedAndGrantedOnceTheMemberExists(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let session = P.checkoutSession(customer: "cus_Nobody", email: "newcomer@example.com")
            #expect(try await postStripe(P.event("checkout.session.completed", object: session, id: "evt_1UnknownMember"), to: client) == #"{"status":"failed"}"#)
            let stored = try #require(try await store.inbox.find(source: "stripe", eventID: "evt_1UnknownMember"))
            #expect(stored.error?.contains("no member") == true)
            #expect(try await C.outbox(store, template: "payment_event_failed").count == 2)
            // The payment itself is on record, without a member.
            #expect(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack")?.userID == nil)

            let member = try await C.member(store, email: "newcomer@example.com")
            #expect(try await Self.replay(store, source: "stripe", eventID: "evt_1UnknownMember", yaml: PaymentFixtures.catalogue) == .processed)
            #expect(try await C.balance(store, member) == 100)
            #expect(try await store.payments.find(processor: "stripe", externalID: "pi_3PaidAIPack")?.userID == member)
        }
    }

    @Test func theCatalogueIsReadFromTheConfigFile() async throws {
        let configuration = try await HeraldConfiguration.load(environment: try PaymentFixtures.environment())
        let catalogue = configuration.payments.catalogue
        let vip = try #require(catalogue.product(id: "prod_VipMonthly"))
        #expect(vip.key == "vip_monthly" && vip.name == "VIP monthly")
        #expect(vip.grant == ProductGrant(credits: [C.ai: 500], tier: .vip, duration: .lifetime, paid: true))
        #expect(catalogue.product(id: "price_1Accelerator30")?.grant.duration == .days(30))
        #expect(catalogue.product(id: "stars_pack_100")?.price == ProductPrice(amountMinor: 100, currency: "XTR"))
        #expect(configuration.payments.pastDueGraceDays == 3)
    }

    @Test(arguments: [
        ("    bad:\n      ids: [x]\n", "grants nothing"),
        ("    bad:\n      credits: {gold: 5}\n", "not a configured currency"),
        ("    bad:\n      tier: platinum\n", "not one of"),
        ("    bad:\n      ids: [price_1PaidAIPack]\n      paid: true\n", "listed by both"),
        ("    bad:\n      paid: true\n      days: 3\n      lifetime: true\n", "not both"),
    ])
    func aBadProductStopsStartUpNamingIt(entry: String, problem: String) async throws {
        let environment = try PaymentFixtures.environment(yaml: PaymentFixtures.catalogue + "\n" + entry)
        do {
            _ = try await HeraldConfiguration.load(environment: environment)
            Issue.record("loaded a bad product")
        } catch {
            #expect(error.description.contains(problem), "\(error.description)")
            #expect(error.key.hasPrefix("payments.products"))
        }
    }
}
