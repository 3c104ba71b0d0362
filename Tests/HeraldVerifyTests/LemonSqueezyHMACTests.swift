import Foundation
import HeraldVerify
import Testing

/// Lemon Squeezy `X-Signature` (protocols.md §6, §8 vector).
@Suite struct LemonSqueezyHMACTests {
    /// python3 -c 'import hmac,hashlib; print(hmac.new(b"secret123", b"{\"meta\":{}}", hashlib.sha256).hexdigest())'
    static let mac = "73027d8cd8df4ce91f765d3f267511994ff56a004cb31d60f3d58726968a8f84"
    let verifier = GenericHMACVerifier(scheme: .lemonsqueezy, secrets: ["secret123"])

    func verify(_ value: String?, body: String = #"{"meta":{}}"#, verifier: GenericHMACVerifier? = nil) throws(VerificationError) {
        let headers = value.map { [(name: "X-Signature", value: $0)] } ?? []
        try (verifier ?? self.verifier).verify(Fixture.request(headers, body: body), now: Date())
    }

    @Test func acceptsTheVector() throws {
        try verify(Self.mac)
        try verify(Self.mac, verifier: GenericHMACVerifier(scheme: .lemonsqueezy, secrets: ["old", "secret123"]))
    }

    @Test func changesAndBadHeadersFail() {
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.mac, body: #"{"meta":[]}"#) }
        #expect(throws: VerificationError.invalidSignature) { try verify(Fixture.replacingCharacter(in: Self.mac, at: 1, with: "4")) }
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.mac, verifier: GenericHMACVerifier(scheme: .lemonsqueezy, secrets: ["secret124"])) }
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.mac, verifier: GenericHMACVerifier(scheme: .lemonsqueezy, secrets: [""])) }
        #expect(throws: VerificationError.missingSignature) { try verify(nil) }
        #expect(throws: VerificationError.malformedSignature) { try verify("sha256=\(Self.mac)") }
        #expect(throws: VerificationError.malformedSignature) { try verify(Self.mac.uppercased()) }
    }
}
