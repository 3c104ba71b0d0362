import Foundation
import HeraldVerify
import PropertyBased
import Testing

/// Stripe `Stripe-Signature` verification, mirroring stripe-python
/// `tests/test_webhook.py` (protocols.md §4.5) in our error codes.
@Suite struct StripeSignatureTests {
    static let secret = "whsec_test_secret"
    static let body = #"{"id":"evt_1"}"#
    static let now = Fixture.date(1_700_000_000)
    /// protocols.md §4.5 locally computed value, reproduced with:
    /// python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test_secret", b"1700000000.{\"id\":\"evt_1\"}", hashlib.sha256).hexdigest())'
    static let mac = "248a374f50f943a28b0f6ab50faf9a7e7e29b710fa26df9fb1618b9bf8ea9c9a"
    /// python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_rotated_secret", b"1700000000.{\"id\":\"evt_1\"}", hashlib.sha256).hexdigest())'
    static let rotatedMAC = "a52c6ee898b03f394cefe54ab293a670db05fe2f749e7854175bbfbf51cf5b5f"

    let verifier = StripeSignatureVerifier(secrets: [Self.secret])

    func verify(_ header: String?, body: String = Self.body, now: Date = Self.now,
                verifier: StripeSignatureVerifier? = nil) throws(VerificationError) {
        let headers = header.map { [(name: "Stripe-Signature", value: $0)] } ?? []
        try (verifier ?? self.verifier).verify(Fixture.request(headers, body: body), now: now)
    }

    @Test func acceptsIndependentlyComputedVector() throws {
        try verify("t=1700000000,v1=\(Self.mac)")
        // Header name is case-insensitive.
        try verifier.verify(Fixture.request([(name: "stripe-signature", value: "t=1700000000,v1=\(Self.mac)")], body: Self.body), now: Self.now)
    }

    @Test func signerMatchesTheVector() {
        let headers = StripeSigner(secret: Self.secret).signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)
        #expect(headers.count == 1)
        #expect(headers.first?.name == "Stripe-Signature")
        #expect(headers.first?.value == "t=1700000000,v1=\(Self.mac)")
    }

    @Test func oneByteChangesFail() {
        #expect(throws: VerificationError.invalidSignature) { try verify("t=1700000000,v1=\(Self.mac)", body: #"{"id":"evt_2"}"#) }
        let editedMAC = Fixture.replacingCharacter(in: Self.mac, at: 10, with: "0")
        #expect(throws: VerificationError.invalidSignature) { try verify("t=1700000000,v1=\(editedMAC)") }
        #expect(throws: VerificationError.invalidSignature) { try verify("t=1700000001,v1=\(Self.mac)") }
        let otherSecret = StripeSignatureVerifier(secrets: ["whsec_test_secreT"])
        #expect(throws: VerificationError.invalidSignature) { try verify("t=1700000000,v1=\(Self.mac)", verifier: otherSecret) }
    }

    /// stripe-python `test_raise_on_timestamp_outside_tolerance` (now-15, tolerance 10),
    /// plus the future case stripe-php#657 fixed.
    @Test func staleAndFutureTimestampsFail() {
        let signer = StripeSigner(secret: Self.secret)
        let tight = StripeSignatureVerifier(secrets: [Self.secret], tolerance: 10)
        for offset in [-15, 15] {
            let sent = Fixture.date(1_700_000_000 + offset)
            let header = signer.signatureHeaders(body: Array(Self.body.utf8), timestamp: sent, id: nil)[0].value
            #expect(throws: VerificationError.staleTimestamp) { try verify(header, verifier: tight) }
        }
        // Edges of the default 300 s window.
        #expect(throws: Never.self) { try verify("t=1700000000,v1=\(Self.mac)", now: Fixture.date(1_700_000_300)) }
        #expect(throws: VerificationError.staleTimestamp) { try verify("t=1700000000,v1=\(Self.mac)", now: Fixture.date(1_700_000_301)) }
        #expect(throws: VerificationError.staleTimestamp) { try verify("t=1700000000,v1=\(Self.mac)", now: Fixture.date(1_699_999_699)) }
    }

    @Test func infiniteToleranceSkipsTheAgeCheck() throws {
        // stripe-python `test_timestamp_off_but_no_tolerance` uses t=12345.
        let header = StripeSigner(secret: Self.secret).signatureHeaders(body: Array(Self.body.utf8), timestamp: Fixture.date(12345), id: nil)[0].value
        try verify(header, verifier: StripeSignatureVerifier(secrets: [Self.secret], tolerance: .infinity))
        #expect(throws: VerificationError.staleTimestamp) { try verify(header) }
    }

    @Test func missingAndMalformedHeaders() {
        #expect(throws: VerificationError.missingSignature) { try verify(nil) }
        #expect(throws: VerificationError.missingSignature) { try verify("") }
        // stripe-python `test_raise_on_invalid_header` / `test_raise_on_malformed_header`: no `t`.
        #expect(throws: VerificationError.missingTimestamp) { try verify("bad_header") }
        #expect(throws: VerificationError.missingTimestamp) { try verify("v1=\(Self.mac)") }
        #expect(throws: VerificationError.malformedTimestamp) { try verify("t=17e8,v1=\(Self.mac)") }
        #expect(throws: VerificationError.malformedTimestamp) { try verify("t=-1700000000,v1=\(Self.mac)") }
        // `test_raise_on_no_signatures_with_expected_scheme`: only v0.
        #expect(throws: VerificationError.missingSignature) { try verify("t=1700000000,v0=\(Self.mac)") }
        // `test_raise_on_no_valid_signatures_for_payload`: stripe-python says "no match";
        // a v1 that is not hex at all is `malformedSignature` here, a wrong MAC `invalidSignature`.
        #expect(throws: VerificationError.malformedSignature) { try verify("t=1700000000,v1=bad_signature") }
        #expect(throws: VerificationError.malformedSignature) { try verify("t=1700000000,v1=\(Self.mac.dropLast(2))") }
        #expect(throws: VerificationError.invalidSignature) { try verify("t=1700000000,v1=\(String(repeating: "ab", count: 32))") }
    }

    @Test func onlyLowerCaseHexMatchesAsInStripePython() {
        // stripe-python compares hexdigest() strings, so upper case never matches.
        #expect(throws: VerificationError.malformedSignature) { try verify("t=1700000000,v1=\(Self.mac.uppercased())") }
    }

    @Test func extraEntriesAndRotation() throws {
        // `test_header_contains_valid_signature`: any v1 may match; v0 and unknown keys are ignored.
        try verify("t=1700000000,v1=\(Self.mac),v1=bad_signature")
        try verify("t=1700000000,v1=bad_signature,v0=00,x=y,v1=\(Self.mac)")
        // Rotation: Stripe sends one v1 per active secret; either configured secret matches.
        let rotating = StripeSignatureVerifier(secrets: ["whsec_rotated_secret", Self.secret])
        try verify("t=1700000000,v1=\(Self.rotatedMAC)", verifier: rotating)
        try verify("t=1700000000,v1=\(Self.mac)", verifier: rotating)
        try verify("t=1700000000,v1=\(String(repeating: "0", count: 64)),v1=\(Self.rotatedMAC)", verifier: rotating)
        #expect(throws: VerificationError.invalidSignature) { try verify("t=1700000000,v1=\(Self.rotatedMAC)") }
    }

    @Test func emptySecretsNeverVerify() {
        let empty = StripeSignatureVerifier(secrets: ["", ""])
        let header = StripeSigner(secret: "").signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)[0].value
        #expect(throws: VerificationError.invalidSignature) { try verify(header, verifier: empty) }
    }

    @Test func randomBodyMutationsNeverVerify() async {
        let body = Array(#"{"id":"evt_1","type":"invoice.paid","data":{"object":{}}}"#.utf8)
        let header = StripeSigner(secret: Self.secret).signatureHeaders(body: body, timestamp: Self.now, id: nil)
        #expect(throws: Never.self) { try verifier.verify(WebhookRequest(headers: header, body: body), now: Self.now) }
        await propertyCheck(input: Gen.int(in: 0..<body.count), Gen.uint8(in: 1...255)) { index, mask in
            let request = WebhookRequest(headers: header, body: Fixture.flipping(body, at: index, mask: mask))
            #expect(throws: VerificationError.invalidSignature) { try verifier.verify(request, now: Self.now) }
        }
    }

    @Test func randomSignatureMutationsNeverVerify() async {
        let body = Array(Self.body.utf8)
        let value = Array("t=1700000000,v1=\(Self.mac)".utf8)
        await propertyCheck(input: Gen.int(in: 0..<value.count), Gen.uint8(in: 1...255)) { index, mask in
            let mutated = String(decoding: Fixture.flipping(value, at: index, mask: mask), as: UTF8.self)
            let request = WebhookRequest(headers: [(name: "Stripe-Signature", value: mutated)], body: body)
            #expect(throws: VerificationError.self) { try verifier.verify(request, now: Self.now) }
        }
    }
}
