import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PaymentAPITests {
    typealias P = StripePayloads
    static let auth: HTTPFields = [.authorization: "Bearer \(PaymentFixtures.adminToken)"]

    static func get(_ uri: String, headers: HTTPFields = auth, _ client: some TestClientProtocol) async throws -> (UInt, [String: Any]) {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in
            let json = (try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]) ?? [:]
            return (UInt(response.status.code), json)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func paymentsAreListedByMemberAndStatus(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let ada = try await PaymentChecks.member(store, email: "ada@example.com")
            try await postStripe(P.event("checkout.session.completed", object: P.checkoutSession()), to: client)
            let pending = P.checkoutSession(id: "cs_2", paymentIntent: "pi_Pending", paymentStatus: "unpaid")
            try await postStripe(P.event("checkout.session.completed", object: pending), to: client)
            try await postStripe(P.event("payment_intent.succeeded", object: P.paymentIntent(id: "pi_Stranger", customer: nil)), to: client)

            let (status, all) = try await Self.get("/api/v1/payments", client)
            #expect(status == 200)
            #expect((all["payments"] as? [[String: Any]])?.count == 3)

            let (_, mine) = try await Self.get("/api/v1/payments?member=\(ada)&status=completed", client)
            let rows = try #require(mine["payments"] as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["external_id"] as? String == "pi_3PaidAIPack")
            #expect(rows.first?["member"] as? Int == Int(ada))
            #expect(rows.first?["amount_minor"] as? Int == 2000)
            #expect(rows.first?["product"] as? String == "ai_pack")
            #expect(rows.first?["status"] as? String == "completed")

            let (_, pendingOnly) = try await Self.get("/api/v1/payments?status=pending", client)
            #expect((pendingOnly["payments"] as? [[String: Any]])?.map { $0["external_id"] as? String } == ["pi_Pending"])
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func accessShowsTiersThePaidFlagAndSubscriptions(database: TestDatabase) async throws {
        try await withPaymentApplication(database) { client, store, _ in
            let member = try await PaymentChecks.member(store, email: "vip@example.com")
            let (_, before) = try await Self.get("/api/v1/members/\(member)/access", client)
            #expect(before["paid"] as? Bool == false)
            #expect(before["tier"] is NSNull || before["tier"] == nil)

            try await postStripe(P.event("checkout.session.completed", object: P.checkoutSession(paymentIntent: "pi_A", email: "vip@example.com", product: "price_1Accelerator30")), to: client)
            try await postStripe(P.event("customer.subscription.created", object: P.subscription(status: "active", periodEnd: P.now + 86_400, userID: member)), to: client)
            try await postStripe(P.event("invoice.paid", object: P.invoice()), to: client)

            let (status, access) = try await Self.get("/api/v1/members/\(member)/access", client)
            #expect(status == 200)
            #expect(access["member"] as? Int == Int(member))
            #expect(access["paid"] as? Bool == true)
            #expect(access["tier"] as? String == "vip")
            let tiers = try #require(access["tiers"] as? [[String: Any]])
            #expect(Set(tiers.compactMap { $0["tier"] as? String }) == ["accelerator", "vip"])
            #expect(Set(tiers.compactMap { $0["source"] as? String }) == ["payment", "subscription"])
            let subscriptions = try #require(access["subscriptions"] as? [[String: Any]])
            #expect(subscriptions.first?["status"] as? String == "active")
            #expect(subscriptions.first?["plan"] as? String == "vip_monthly")
        }
    }

    @Test func callsWithoutAValidKeyAre401() async throws {
        try await withPaymentApplication(.sqlite) { client, _, _ in
            for uri in ["/api/v1/payments", "/api/v1/members/1/access"] {
                for headers: HTTPFields in [[:], [.authorization: "Bearer wrong"]] {
                    let (status, json) = try await Self.get(uri, headers: headers, client)
                    #expect(status == 401)
                    #expect(json["error"] as? String == "unauthorized")
                    #expect(json["message"] is String)
                }
            }
        }
    }

    @Test(arguments: ["member=abc", "member=-1", "status=paid", "limit=0", "limit=100000"])
    func aBadQueryIs400(query: String) async throws {
        try await withPaymentApplication(.sqlite) { client, _, _ in
            let (status, json) = try await Self.get("/api/v1/payments?\(query)", client)
            #expect(status == 400)
            #expect(json["error"] as? String == "malformed_request")
        }
    }

    @Test func anUnknownMemberIs404() async throws {
        try await withPaymentApplication(.sqlite) { client, _, _ in
            for uri in ["/api/v1/members/999/access", "/api/v1/members/abc/access"] {
                let (status, json) = try await Self.get(uri, client)
                #expect(status == 404)
                #expect(json["error"] as? String == "not_found")
            }
        }
    }
}
