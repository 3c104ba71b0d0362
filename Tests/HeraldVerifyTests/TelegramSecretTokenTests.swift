import Foundation
import HeraldVerify
import Testing

/// Telegram `X-Telegram-Bot-Api-Secret-Token` (protocols.md §3.1): nothing is signed,
/// the header must equal the token set with `setWebhook`.
@Suite struct TelegramSecretTokenTests {
    static let token = "s3cr3t_Token-1"
    let verifier = TelegramSecretTokenVerifier(secretToken: Self.token)

    func verify(_ value: String?, verifier: TelegramSecretTokenVerifier? = nil) throws(VerificationError) {
        let headers = value.map { [(name: "X-Telegram-Bot-Api-Secret-Token", value: $0)] } ?? []
        try (verifier ?? self.verifier).verify(Fixture.request(headers, body: #"{"update_id":1}"#), now: Date())
    }

    @Test func acceptsTheToken() throws {
        try verify(Self.token)
        let headers = TelegramSecretTokenSigner(secretToken: Self.token).signatureHeaders(body: [], timestamp: Date(), id: nil)
        try verifier.verify(WebhookRequest(headers: headers, body: []), now: Date())
        try verifier.verify(WebhookRequest(headers: [(name: "x-telegram-bot-api-secret-token", value: Self.token)], body: []), now: Date())
    }

    @Test func rejectsAnyOtherValue() {
        #expect(throws: VerificationError.invalidSignature) { try verify("s3cr3t_Token-2") }
        #expect(throws: VerificationError.invalidSignature) { try verify("S3cr3t_Token-1") }
        #expect(throws: VerificationError.invalidSignature) { try verify(String(Self.token.dropLast())) }
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.token + "x") }
        let rotated = TelegramSecretTokenVerifier(secretToken: "other")
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.token, verifier: rotated) }
    }

    @Test func missingHeaderIsMissingSignature() {
        #expect(throws: VerificationError.missingSignature) { try verify(nil) }
        #expect(throws: VerificationError.missingSignature) { try verify("") }
    }

    /// Pitfall §7.7: an unset secret must not turn the check off.
    @Test func emptyConfiguredTokenNeverMatches() {
        let empty = TelegramSecretTokenVerifier(secretToken: "")
        #expect(throws: VerificationError.missingSignature) { try verify("", verifier: empty) }
        #expect(throws: VerificationError.invalidSignature) { try verify("anything", verifier: empty) }
    }
}
