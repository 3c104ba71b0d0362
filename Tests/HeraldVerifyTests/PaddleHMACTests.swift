import Foundation
import HeraldVerify
import Testing

/// Paddle Billing `Paddle-Signature: ts=…;h1=…` (protocols.md §6).
@Suite struct PaddleHMACTests {
    static let secret = "pdl_ntfset_test_secret"
    static let body = #"{"event_type":"transaction.completed"}"#
    static let now = Fixture.date(1_700_000_000)
    /// python3 -c 'import hmac,hashlib; print(hmac.new(b"pdl_ntfset_test_secret", b"1700000000:{\"event_type\":\"transaction.completed\"}", hashlib.sha256).hexdigest())'
    static let mac = "38b15987fb0978e13dfea3cdba0382d5f8d4cba5f4479727c3fc2e9a276e2bcd"
    /// Same, key `pdl_ntfset_old_secret`.
    static let oldMAC = "1caca151964acd75af8f145d34dd12c89165ce14d037916e0b9a174e2543f652"

    let verifier = GenericHMACVerifier(scheme: .paddle, secrets: [Self.secret])

    func verify(_ value: String?, body: String = Self.body, now: Date = Self.now,
                verifier: GenericHMACVerifier? = nil) throws(VerificationError) {
        let headers = value.map { [(name: "Paddle-Signature", value: $0)] } ?? []
        try (verifier ?? self.verifier).verify(Fixture.request(headers, body: body), now: now)
    }

    @Test func acceptsTheVectorAndSignerMatches() throws {
        try verify("ts=1700000000;h1=\(Self.mac)")
        let signed = GenericHMACSigner(scheme: .paddle, secret: Self.secret).signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)
        #expect(signed.count == 1)
        #expect(Fixture.value("Paddle-Signature", in: signed) == "ts=1700000000;h1=\(Self.mac)")
    }

    @Test func oneByteChangesFail() {
        #expect(throws: VerificationError.invalidSignature) { try verify("ts=1700000000;h1=\(Self.mac)", body: #"{"event_type":"transaction.complete."}"#) }
        #expect(throws: VerificationError.invalidSignature) { try verify("ts=1700000000;h1=\(Fixture.replacingCharacter(in: Self.mac, at: 63, with: "c"))") }
        #expect(throws: VerificationError.invalidSignature) { try verify("ts=1700000001;h1=\(Self.mac)") }
        let other = GenericHMACVerifier(scheme: .paddle, secrets: ["pdl_ntfset_test_secreu"])
        #expect(throws: VerificationError.invalidSignature) { try verify("ts=1700000000;h1=\(Self.mac)", verifier: other) }
    }

    /// Paddle's SDK window is 5 s; applied both ways here.
    @Test func staleAndFutureTimestampsFail() throws {
        try verify("ts=1700000000;h1=\(Self.mac)", now: Fixture.date(1_700_000_005))
        #expect(throws: VerificationError.staleTimestamp) { try verify("ts=1700000000;h1=\(Self.mac)", now: Fixture.date(1_700_000_006)) }
        #expect(throws: VerificationError.staleTimestamp) { try verify("ts=1700000000;h1=\(Self.mac)", now: Fixture.date(1_699_999_994)) }
        var relaxed = HMACScheme.paddle
        relaxed.tolerance = 60
        try verify("ts=1700000000;h1=\(Self.mac)", now: Fixture.date(1_700_000_060), verifier: GenericHMACVerifier(scheme: relaxed, secrets: [Self.secret]))
    }

    @Test func missingAndMalformedHeaders() {
        #expect(throws: VerificationError.missingSignature) { try verify(nil) }
        #expect(throws: VerificationError.missingTimestamp) { try verify("h1=\(Self.mac)") }
        #expect(throws: VerificationError.missingSignature) { try verify("ts=1700000000") }
        #expect(throws: VerificationError.missingSignature) { try verify("ts=1700000000;h2=\(Self.mac)") }
        #expect(throws: VerificationError.malformedTimestamp) { try verify("ts=now;h1=\(Self.mac)") }
        #expect(throws: VerificationError.malformedSignature) { try verify("ts=1700000000;h1=xyz") }
        #expect(throws: VerificationError.malformedSignature) { try verify("ts=1700000000;h1=\(Self.mac.uppercased())") }
        #expect(throws: VerificationError.missingTimestamp) { try verify("garbage") }
    }

    @Test func rotationWithSeveralH1Values() throws {
        let rotating = GenericHMACVerifier(scheme: .paddle, secrets: ["pdl_ntfset_old_secret", Self.secret])
        try verify("ts=1700000000;h1=\(Self.oldMAC);h1=\(Self.mac)", verifier: rotating)
        try verify("ts=1700000000;h1=\(Self.oldMAC)", verifier: rotating)
        try verify("ts=1700000000;h1=\(Self.oldMAC);h1=\(Self.mac)")
        #expect(throws: VerificationError.invalidSignature) { try verify("ts=1700000000;h1=\(Self.oldMAC)") }
    }
}
