import Crypto
import Foundation
import HeraldVerify
import PropertyBased
import Testing

/// Discord interactions Ed25519 verification, with the locally computed vector of
/// protocols.md §8, reproduced with:
/// python3 -c 'from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey as K; k=K.from_private_bytes(bytes(range(32))); print(k.sign(b"1700000000{\"type\":1}").hex())'
@Suite struct DiscordInteractionTests {
    static let seed = Array(UInt8(0)...UInt8(31))
    static let publicKey = Fixture.hex("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8")
    static let body = #"{"type":1}"#
    static let signature = "c1098e97d711377f30225d53d94b89d43537f92e5b3afaddc590781b1f9f9d4b2eeab335d370be3b9a090bc61a85b86448bc140dcd195f1569c2bff181257607"
    /// Same key, body `{"type":2,"id":"42"}`, same timestamp (same one-liner).
    static let signature2 = "e2d2166928914f2a37343bdf683e6884f22c9de9af991e272de4f6c1d5c6f51ed6065b38473ccfd49ce4d9d8a6930407c776a75b2745ce7841f977ef0f853a08"
    static let now = Fixture.date(1_700_000_000)

    let verifier = DiscordInteractionVerifier(publicKey: Self.publicKey)

    static func headers(signature: String? = Self.signature, timestamp: String? = "1700000000") -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [(name: "Content-Type", value: "application/json")]
        if let signature { headers.append((name: "X-Signature-Ed25519", value: signature)) }
        if let timestamp { headers.append((name: "X-Signature-Timestamp", value: timestamp)) }
        return headers
    }

    func verify(_ headers: [(name: String, value: String)], body: String = Self.body, now: Date = Self.now,
                verifier: DiscordInteractionVerifier? = nil) throws(VerificationError) {
        try (verifier ?? self.verifier).verify(Fixture.request(headers, body: body), now: now)
    }

    @Test func acceptsIndependentlyComputedVectors() throws {
        try verify(Self.headers())
        try verify(Self.headers(signature: Self.signature2), body: #"{"type":2,"id":"42"}"#)
    }

    @Test func signerDerivesTheSamePublicKeyAndVerifies() throws {
        let signer = try #require(DiscordInteractionSigner(seedHex: Fixture.hexString(Self.seed)))
        #expect(signer.publicKey == Self.publicKey)
        let headers = signer.signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)
        #expect(Fixture.value("X-Signature-Timestamp", in: headers) == "1700000000")
        try verify(headers)
        #expect(DiscordInteractionSigner(seed: [1, 2, 3]) == nil)
        #expect(DiscordInteractionSigner(seedHex: "zz") == nil)
    }

    @Test func oneByteChangesFail() throws {
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(), body: #"{"type":2}"#) }
        let edited = Fixture.replacingCharacter(in: Self.signature, at: 0, with: "d")
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(signature: edited)) }
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(timestamp: "1700000001")) }
        let otherKey = DiscordInteractionVerifier(publicKey: Fixture.flipping(Self.publicKey, at: 31, mask: 0x01))
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(), verifier: otherKey) }
        // Signatures from another key (the bot-token mix-up of discord-interactions-js#26).
        let stranger = DiscordInteractionSigner(privateKey: Curve25519.Signing.PrivateKey())
        let forged = stranger.signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)
        #expect(throws: VerificationError.invalidSignature) { try verify(forged) }
    }

    @Test func wrongSizedPublicKeyRejectsEverything() {
        let broken = DiscordInteractionVerifier(publicKey: Array(Self.publicKey.dropLast()))
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(), verifier: broken) }
    }

    @Test func staleAndFutureTimestampsFail() throws {
        let signer = try #require(DiscordInteractionSigner(seed: Self.seed))
        for offset in [-301, 301] {
            let headers = signer.signatureHeaders(body: Array(Self.body.utf8), timestamp: Fixture.date(1_700_000_000 + offset), id: nil)
            #expect(throws: VerificationError.staleTimestamp) { try verify(headers) }
        }
        try verify(Self.headers(), now: Fixture.date(1_700_000_299))
        let strict = DiscordInteractionVerifier(publicKey: Self.publicKey, tolerance: 5)
        #expect(throws: VerificationError.staleTimestamp) { try verify(Self.headers(), now: Fixture.date(1_700_000_006), verifier: strict) }
    }

    @Test func missingAndMalformedHeaders() {
        #expect(throws: VerificationError.missingSignature) { try verify(Self.headers(signature: nil)) }
        #expect(throws: VerificationError.missingSignature) { try verify(Self.headers(signature: "")) }
        #expect(throws: VerificationError.missingTimestamp) { try verify(Self.headers(timestamp: nil)) }
        #expect(throws: VerificationError.malformedTimestamp) { try verify(Self.headers(timestamp: "1700000000.0")) }
        #expect(throws: VerificationError.malformedTimestamp) { try verify(Self.headers(timestamp: " 1700000000")) }
        #expect(throws: VerificationError.malformedSignature) { try verify(Self.headers(signature: String(Self.signature.dropLast(2)))) }
        #expect(throws: VerificationError.malformedSignature) { try verify(Self.headers(signature: Fixture.replacingCharacter(in: Self.signature, at: 5, with: "g"))) }
    }

    @Test func hexCaseIsIgnoredLikeTheReferenceHelpers() throws {
        // PyNaCl/tweetnacl decode hex before verifying, so upper case is the same signature.
        try verify(Self.headers(signature: Self.signature.uppercased()))
    }

    @Test func randomBodyMutationsNeverVerify() async throws {
        let signer = try #require(DiscordInteractionSigner(seed: Self.seed))
        let body = Array(#"{"type":2,"data":{"name":"ping","options":[]},"id":"1"}"#.utf8)
        let headers = signer.signatureHeaders(body: body, timestamp: Self.now, id: nil)
        #expect(throws: Never.self) { try verifier.verify(WebhookRequest(headers: headers, body: body), now: Self.now) }
        await propertyCheck(input: Gen.int(in: 0..<body.count), Gen.uint8(in: 1...255)) { index, mask in
            let request = WebhookRequest(headers: headers, body: Fixture.flipping(body, at: index, mask: mask))
            #expect(throws: VerificationError.invalidSignature) { try verifier.verify(request, now: Self.now) }
        }
    }

    /// Mutates the signature *bytes*: hex text mutations include case flips, which
    /// Discord's helpers (and we) treat as the same signature.
    @Test func randomSignatureMutationsNeverVerify() async {
        let signature = Fixture.hex(Self.signature)
        await propertyCheck(input: Gen.int(in: 0..<64), Gen.uint8(in: 1...255)) { index, mask in
            let mutated = Fixture.hexString(Fixture.flipping(signature, at: index, mask: mask))
            #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(signature: mutated)) }
        }
    }
}
