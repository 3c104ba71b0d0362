import Foundation
import HeraldVerify
import PropertyBased
import Testing

/// GitHub `X-Hub-Signature-256` through `GenericHMACVerifier` (protocols.md §6).
@Suite struct GitHubHMACTests {
    /// GitHub's published example (docs "validating webhook deliveries"), re-derived with:
    /// python3 -c 'import hmac,hashlib; print(hmac.new(b"It'"'"'s a Secret to Everybody", b"Hello, World!", hashlib.sha256).hexdigest())'
    static let secret = "It's a Secret to Everybody"
    static let body = "Hello, World!"
    static let mac = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    static let now = Fixture.date(1_700_000_000)

    let verifier = GenericHMACVerifier(scheme: .github, secrets: [Self.secret])

    func verify(_ value: String?, body: String = Self.body, verifier: GenericHMACVerifier? = nil) throws(VerificationError) {
        let headers = value.map { [(name: "X-Hub-Signature-256", value: $0)] } ?? []
        try (verifier ?? self.verifier).verify(Fixture.request(headers, body: body), now: Self.now)
    }

    @Test func acceptsThePublishedVector() throws {
        try verify("sha256=\(Self.mac)")
        let signed = GenericHMACSigner(scheme: .github, secret: Self.secret).signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)
        #expect(signed.count == 1)
        #expect(Fixture.value("X-Hub-Signature-256", in: signed) == "sha256=\(Self.mac)")
    }

    @Test func oneByteChangesFail() {
        #expect(throws: VerificationError.invalidSignature) { try verify("sha256=\(Self.mac)", body: "Hello, World?") }
        #expect(throws: VerificationError.invalidSignature) { try verify("sha256=\(Fixture.replacingCharacter(in: Self.mac, at: 0, with: "8"))") }
        let otherSecret = GenericHMACVerifier(scheme: .github, secrets: ["It's a Secret to Everybodx"])
        #expect(throws: VerificationError.invalidSignature) { try verify("sha256=\(Self.mac)", verifier: otherSecret) }
    }

    @Test func missingAndMalformedHeaders() {
        #expect(throws: VerificationError.missingSignature) { try verify(nil) }
        #expect(throws: VerificationError.missingSignature) { try verify("") }
        #expect(throws: VerificationError.malformedSignature) { try verify(Self.mac) }
        #expect(throws: VerificationError.malformedSignature) { try verify("sha1=\(Self.mac)") }
        #expect(throws: VerificationError.malformedSignature) { try verify("sha256=\(Self.mac.dropLast(2))") }
        #expect(throws: VerificationError.malformedSignature) { try verify("sha256=\(Self.mac)00") }
        #expect(throws: VerificationError.malformedSignature) { try verify("sha256=") }
    }

    @Test func upperCaseHexIsRejectedAsGitHubsStringCompareDoes() {
        #expect(throws: VerificationError.malformedSignature) { try verify("sha256=\(Self.mac.uppercased())") }
    }

    @Test func rotationAcceptsEitherSecret() throws {
        let rotating = GenericHMACVerifier(scheme: .github, secrets: ["new secret", Self.secret])
        try verify("sha256=\(Self.mac)", verifier: rotating)
        let byNew = GenericHMACSigner(scheme: .github, secret: "new secret").signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)
        try rotating.verify(Fixture.request(byNew, body: Self.body), now: Self.now)
        #expect(throws: VerificationError.invalidSignature) { try verifier.verify(Fixture.request(byNew, body: Self.body), now: Self.now) }
    }

    /// Legacy `X-Hub-Signature: sha1=…`:
    /// python3 -c 'import hmac,hashlib; print(hmac.new(b"It'"'"'s a Secret to Everybody", b"Hello, World!", hashlib.sha1).hexdigest())'
    @Test func legacySHA1Header() throws {
        let scheme = HMACScheme(header: "X-Hub-Signature", algorithm: .sha1, encoding: .hex, prefix: "sha1=")
        let legacy = GenericHMACVerifier(scheme: scheme, secrets: [Self.secret])
        let headers = [(name: "X-Hub-Signature", value: "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59")]
        try legacy.verify(Fixture.request(headers, body: Self.body), now: Self.now)
        #expect(throws: VerificationError.invalidSignature) { try legacy.verify(Fixture.request(headers, body: "Hello, World"), now: Self.now) }
    }

    @Test func randomBodyMutationsNeverVerify() async {
        let body = Array(#"{"action":"opened","number":1,"repository":{"full_name":"o/r"}}"#.utf8)
        let headers = GenericHMACSigner(scheme: .github, secret: Self.secret).signatureHeaders(body: body, timestamp: Self.now, id: nil)
        #expect(throws: Never.self) { try verifier.verify(WebhookRequest(headers: headers, body: body), now: Self.now) }
        await propertyCheck(input: Gen.int(in: 0..<body.count), Gen.uint8(in: 1...255)) { index, mask in
            let request = WebhookRequest(headers: headers, body: Fixture.flipping(body, at: index, mask: mask))
            #expect(throws: VerificationError.invalidSignature) { try verifier.verify(request, now: Self.now) }
        }
    }

    @Test func randomSignatureMutationsNeverVerify() async {
        let value = Array("sha256=\(Self.mac)".utf8)
        await propertyCheck(input: Gen.int(in: 0..<value.count), Gen.uint8(in: 1...255)) { index, mask in
            let mutated = String(decoding: Fixture.flipping(value, at: index, mask: mask), as: UTF8.self)
            #expect(throws: VerificationError.self) { try verify(mutated) }
        }
    }
}
