import Foundation
import HeraldApp
import HeraldCore
import HeraldStore
import HeraldTestSupport
import Testing

/// `HERALD_ADMIN_LOCALE`: credit request prompts and their decided edits speak the admins' language,
/// while the member who asked is still answered in theirs.
@Suite struct AdminLocaleTests {
    static let member = "80351110224679001"
    static let admin = "80351110224679002"

    @Test(arguments: TestDatabase.allCases)
    func promptsButtonsAndDecisionsAreInTheAdminLocale(database: TestDatabase) async throws {
        try await Community.withApp(database, environment: ["HERALD_ADMIN_LOCALE": "es"]) { client, store in
            let ask = Community.command("request", options: ["currency": "ai", "amount": 50, "reason": "demo"], userID: Self.member)
            var (_, response) = try await Community.postDiscord(ask, to: client)
            #expect(Community.content(response).contains("was sent to the admins"))

            let prompts = try await store.outbox.list(status: .pending, limit: 10)
            let discordPrompt = try #require(prompts.first { $0.channel == .discordMessage })
            #expect(discordPrompt.locale == "es")
            #expect(discordPrompt.body?.contains("Solicitud de créditos #1") == true)
            #expect(discordPrompt.body?.contains("Motivo: demo") == true)
            #expect(discordPrompt.markup?.contains("Aprobar") == true)
            #expect(discordPrompt.markup?.contains("Rechazar") == true)
            let telegramPrompt = try #require(prompts.first { $0.channel == .telegramMessage })
            #expect(telegramPrompt.locale == "es")
            #expect(telegramPrompt.body?.contains("Solicitud de créditos #1") == true)
            #expect(telegramPrompt.markup?.contains("Aprobar") == true)

            // An English-speaking admin's click edits the shared prompt in Spanish.
            (_, response) = try await Community.postDiscord(
                Community.click("credit_request:approve:1", userID: Self.admin, roles: [Community.adminRole]), to: client
            )
            #expect(response["type"] as? Int == 7)
            #expect(Community.content(response).contains("✅ Aprobada por"))

            _ = try await Community.postDiscord(
                Community.command("request", options: ["currency": "ai", "amount": 5, "reason": "more"], userID: Self.member), to: client
            )
            let (_, reply) = try await Community.postTelegram(
                Community.telegramCallback("credit_request:reject:2", from: Community.telegramAdmin), to: client
            )
            #expect(reply["method"] as? String == "editMessageText")
            #expect((reply["text"] as? String)?.contains("❌ Rechazada por") == true)
        }
    }

    @Test(arguments: TestDatabase.allCases)
    func paymentAlertsToAdminsAreInTheAdminLocale(database: TestDatabase) async throws {
        let yaml = PaymentFixtures.catalogue + "\nherald:\n  admin_locale: es\n"
        try await withPaymentApplication(database, yaml: yaml) { client, store, _ in
            _ = try await PaymentChecks.member(store, email: "ada@example.com")
            let session = StripePayloads.checkoutSession(paymentStatus: "unpaid")
            try await postStripe(StripePayloads.event("checkout.session.completed", object: session), to: client)
            try await postStripe(StripePayloads.event("checkout.session.async_payment_failed", object: session), to: client)
            let alerts = try await PaymentChecks.outbox(store, template: "payment_failed_admin")
            #expect(alerts.count == 2)
            #expect(alerts.allSatisfy { $0.body.contains("ha fallado") })
        }
    }

    @Test func theAdminLocaleDefaultsToEnglishAndMustBeALocaleTag() async throws {
        #expect(try await HeraldConfiguration.load(environment: [:]).community.adminLocale == "en")
        #expect(try await HeraldConfiguration.load(environment: ["HERALD_ADMIN_LOCALE": "pt-BR"]).community.adminLocale == "pt-BR")
        for bad in ["e", "es es", "../en", "1en"] {
            await #expect(throws: ConfigurationError.self, "\(bad)") {
                try await HeraldConfiguration.load(environment: ["HERALD_ADMIN_LOCALE": bad])
            }
        }
    }
}
