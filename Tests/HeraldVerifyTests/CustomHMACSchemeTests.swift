import Foundation
import HeraldVerify
import Testing

/// Custom schemes: other algorithms, base64, separate timestamp and id headers.
@Suite struct CustomHMACSchemeTests {
    static let now = Fixture.date(1_700_000_000)

    /// python3 -c 'import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b"k512", b"1700000000.payload", hashlib.sha512).digest()).decode())'
    @Test func sha512Base64WithTimestampHeader() throws {
        let scheme = HMACScheme(header: "X-Sig", algorithm: .sha512, encoding: .base64, payload: .timestampDotBody,
                                timestampHeader: "X-Time", tolerance: 300)
        let verifier = GenericHMACVerifier(scheme: scheme, secrets: ["k512"])
        let mac = "q4qD57orbawGnvnhpcnMGrBx/a8tEUJjsyZ0Htm8/LDL0WJSxT87s3GBLC2C6ehO/IUbmpJk6H6685BifMQhGg=="
        let headers = [(name: "X-Sig", value: mac), (name: "X-Time", value: "1700000000")]
        try verifier.verify(Fixture.request(headers, body: "payload"), now: Self.now)
        #expect(throws: VerificationError.invalidSignature) { try verifier.verify(Fixture.request(headers, body: "paylo4d"), now: Self.now) }
        #expect(throws: VerificationError.missingTimestamp) { try verifier.verify(Fixture.request([headers[0]], body: "payload"), now: Self.now) }
        #expect(throws: VerificationError.staleTimestamp) { try verifier.verify(Fixture.request(headers, body: "payload"), now: Fixture.date(1_700_000_301)) }
        #expect(throws: VerificationError.staleTimestamp) { try verifier.verify(Fixture.request(headers, body: "payload"), now: Fixture.date(1_699_999_699)) }
        let signed = GenericHMACSigner(scheme: scheme, secret: "k512").signatureHeaders(body: Array("payload".utf8), timestamp: Self.now, id: nil)
        #expect(Fixture.value("X-Sig", in: signed) == mac)
        #expect(Fixture.value("X-Time", in: signed) == "1700000000")
    }

    /// python3 -c 'import hmac,hashlib; print(hmac.new(b"custom-secret", b"evt_7.1700000000.{}", hashlib.sha256).hexdigest())'
    @Test func idDotTimestampDotBody() throws {
        let scheme = HMACScheme(header: "X-Sig", encoding: .hexAnyCase, payload: .idDotTimestampDotBody,
                                timestampHeader: "X-Time", idHeader: "X-Id")
        let verifier = GenericHMACVerifier(scheme: scheme, secrets: ["custom-secret"])
        let mac = "cf829fc240b9fd54950f0d5369eda2d92a2ac018c179889b4e76d414d8a507b3"
        let headers = [(name: "X-Sig", value: mac), (name: "X-Time", value: "1700000000"), (name: "X-Id", value: "evt_7")]
        try verifier.verify(Fixture.request(headers, body: "{}"), now: Self.now)
        // hexAnyCase accepts upper case; no tolerance configured means no freshness check.
        try verifier.verify(Fixture.request(Fixture.replacing("X-Sig", with: mac.uppercased(), in: headers), body: "{}"), now: Fixture.date(0))
        #expect(throws: VerificationError.invalidSignature) { try verifier.verify(Fixture.request(Fixture.replacing("X-Id", with: "evt_8", in: headers), body: "{}"), now: Self.now) }
        #expect(throws: VerificationError.missingSignature) { try verifier.verify(Fixture.request(Fixture.replacing("X-Id", with: nil, in: headers), body: "{}"), now: Self.now) }
        #expect(throws: VerificationError.malformedSignature) { try verifier.verify(Fixture.request(Fixture.replacing("X-Id", with: "evt.7", in: headers), body: "{}"), now: Self.now) }
        #expect(throws: VerificationError.malformedTimestamp) { try verifier.verify(Fixture.request(Fixture.replacing("X-Time", with: "1.7e9", in: headers), body: "{}"), now: Self.now) }
        let signed = GenericHMACSigner(scheme: scheme, secret: "custom-secret").signatureHeaders(body: Array("{}".utf8), timestamp: Self.now, id: "evt_7")
        #expect(Fixture.value("X-Sig", in: signed) == mac)
        #expect(Fixture.value("X-Id", in: signed) == "evt_7")
    }

    @Test func timestampPayloadWithoutATimestampHeaderIsMissingTimestamp() {
        let scheme = HMACScheme(header: "X-Sig", payload: .timestampDotBody)
        let verifier = GenericHMACVerifier(scheme: scheme, secrets: ["s"])
        let headers = GenericHMACSigner(scheme: scheme, secret: "s").signatureHeaders(body: [], timestamp: Self.now, id: nil)
        #expect(throws: VerificationError.missingTimestamp) { try verifier.verify(WebhookRequest(headers: headers, body: []), now: Self.now) }
    }

    @Test func presetsMatchTheProviders() {
        #expect(HMACScheme.github == HMACScheme(header: "X-Hub-Signature-256", prefix: "sha256="))
        #expect(HMACScheme.lemonsqueezy == HMACScheme(header: "X-Signature"))
        #expect(HMACScheme.paddle == HMACScheme(header: "Paddle-Signature", payload: .timestampColonBody, tolerance: 5, signatureFormat: .paddle))
        #expect(HMACScheme.github != HMACScheme.lemonsqueezy)
    }
}
