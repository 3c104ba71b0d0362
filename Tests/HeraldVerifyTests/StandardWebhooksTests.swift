import Foundation
import HeraldVerify
import PropertyBased
import Testing

/// Standard Webhooks / Svix verification against the spec's published vectors
/// (protocols.md §5.3, standard-webhooks `libraries/python/tests/test_webhooks.py`).
@Suite struct StandardWebhooksTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    static let timestamp = "1614265330"
    static let body = #"{"test": 2432232314}"#
    static let now = Fixture.date(1_614_265_330)
    /// `test_sign_function` expected value; re-derived with:
    /// python3 -c 'import hmac,hashlib,base64; print(base64.b64encode(hmac.new(base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), b"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}", hashlib.sha256).digest()).decode())'
    static let signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

    let verifier = StandardWebhooksVerifier(secrets: [Self.secret])

    static func headers(
        id: String? = Self.id, timestamp: String? = Self.timestamp, signature: String? = Self.signature,
        prefix: String = "webhook"
    ) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let id { headers.append((name: "\(prefix)-id", value: id)) }
        if let timestamp { headers.append((name: "\(prefix)-timestamp", value: timestamp)) }
        if let signature { headers.append((name: "\(prefix)-signature", value: signature)) }
        return headers
    }

    func verify(_ headers: [(name: String, value: String)], body: String = Self.body, now: Date = Self.now,
                verifier: StandardWebhooksVerifier? = nil) throws(VerificationError) {
        try (verifier ?? self.verifier).verify(Fixture.request(headers, body: body), now: now)
    }

    @Test func acceptsThePublishedVector() throws {
        try verify(Self.headers())
    }

    @Test func signerReproducesThePublishedVector() {
        let signer = StandardWebhooksSigner(secret: Self.secret)
        let headers = signer.signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: Self.id)
        #expect(Fixture.value("webhook-id", in: headers) == Self.id)
        #expect(Fixture.value("webhook-timestamp", in: headers) == Self.timestamp)
        #expect(Fixture.value("webhook-signature", in: headers) == Self.signature)
    }

    @Test func signerWithoutIDStillVerifies() throws {
        let signer = StandardWebhooksSigner(secret: Self.secret)
        let headers = signer.signatureHeaders(body: Array(Self.body.utf8), timestamp: Self.now, id: nil)
        #expect(Fixture.value("webhook-id", in: headers)?.hasPrefix("msg_") == true)
        try verify(headers)
    }

    @Test func oneByteChangesFail() {
        // Published negative vector: last significant character differs.
        #expect(throws: VerificationError.invalidSignature) {
            try verify(Self.headers(signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="))
        }
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(), body: #"{"test": 2432232315}"#) }
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(timestamp: "1614265331")) }
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(id: "msg_p5jXN8AQM9LWM0D4loKWxJeK")) }
        let otherSecret = StandardWebhooksVerifier(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx"])
        #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(), verifier: otherSecret) }
    }

    /// Reference test: ±(5 min + 1 s) fails; the window is symmetric.
    @Test func staleAndFutureTimestampsFail() throws {
        let signer = StandardWebhooksSigner(secret: Self.secret)
        for offset in [-301, 301] {
            let headers = signer.signatureHeaders(body: Array(Self.body.utf8), timestamp: Fixture.date(1_614_265_330 + offset), id: Self.id)
            #expect(throws: VerificationError.staleTimestamp) { try verify(headers) }
        }
        try verify(signer.signatureHeaders(body: Array(Self.body.utf8), timestamp: Fixture.date(1_614_265_330 - 300), id: Self.id))
    }

    @Test func missingAndMalformedHeaders() {
        #expect(throws: VerificationError.missingSignature) { try verify(Self.headers(signature: nil)) }
        #expect(throws: VerificationError.missingSignature) { try verify(Self.headers(id: nil)) }
        #expect(throws: VerificationError.missingTimestamp) { try verify(Self.headers(timestamp: nil)) }
        #expect(throws: VerificationError.malformedTimestamp) { try verify(Self.headers(timestamp: "yesterday")) }
        #expect(throws: VerificationError.malformedTimestamp) { try verify(Self.headers(timestamp: "1614265330.5")) }
        // Only non-v1 entries (the asymmetric v1a, a future v2).
        #expect(throws: VerificationError.missingSignature) { try verify(Self.headers(signature: "v1a,abc v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")) }
        #expect(throws: VerificationError.missingSignature) { try verify(Self.headers(signature: "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")) }
        #expect(throws: VerificationError.malformedSignature) { try verify(Self.headers(signature: "v1,not-base64!")) }
        #expect(throws: VerificationError.malformedSignature) { try verify(Self.headers(signature: "v1,AAAA")) }
        // The spec forbids `.` in the id: it would shift the separators of the signed content.
        #expect(throws: VerificationError.malformedSignature) { try verify(Self.headers(id: "msg.1")) }
    }

    @Test func multipleSignaturesAndVersions() throws {
        // Reference test: invalid v1 entries and a v2 entry around the valid one.
        try verify(Self.headers(signature: "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/rttH3cOx5OzHDnVI= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/rttH3cOx5OzHDnVI= \(Self.signature) v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/rttH3cOx5OzHDnVI="))
        #expect(throws: VerificationError.invalidSignature) {
            try verify(Self.headers(signature: "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/rttH3cOx5OzHDnVI= v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="))
        }
    }

    @Test func secretRotationAndPrefix() throws {
        // Reference test: bare base64 and `whsec_` prefix give the same key.
        try verify(Self.headers(), verifier: StandardWebhooksVerifier(secrets: ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]))
        let rotating = StandardWebhooksVerifier(secrets: ["whsec_ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7", Self.secret])
        try verify(Self.headers(), verifier: rotating)
        // A secret that is not base64 is ignored rather than used as raw bytes.
        #expect(StandardWebhooksSecret.keyBytes("whsec_***") == nil)
        #expect(StandardWebhooksSecret.keyBytes("whsec_") == nil)
        #expect(throws: VerificationError.invalidSignature) {
            try verify(Self.headers(), verifier: StandardWebhooksVerifier(secrets: ["whsec_***"]))
        }
    }

    /// Reference test "unpadded secrets": keys needing 0, 2 and 1 `=` verify with the padding left off.
    /// python3 -c 'import hmac,hashlib,base64; k=bytes(range(100,100+N)); print(base64.b64encode(k).decode(), base64.b64encode(hmac.new(k,b"msg_1.1700000000.{\"a\":1}",hashlib.sha256).digest()).decode())'  # N = 24, 25, 26
    @Test(arguments: [
        ("ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7", "uKqcym/DIyI6bA20KR6tnnVrb67on+Wu7eRLJPV/OqY="),
        ("ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fA", "UH6d3yqzyJ0E0VAq/lgH/AAMDXzzYRCagQ7NCq99ocQ="),
        ("ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH0", "ptOWGQ81mxzvqmAwS4S0FEBUl1wbLCwPZ0Iaks4YMg4="),
    ])
    func unpaddedSecrets(secret: String, mac: String) throws {
        let headers = Self.headers(id: "msg_1", timestamp: "1700000000", signature: "v1,\(mac)")
        let verifier = StandardWebhooksVerifier(secrets: ["whsec_" + secret])
        try verify(headers, body: #"{"a":1}"#, now: Fixture.date(1_700_000_000), verifier: verifier)
    }

    @Test func svixAliases() throws {
        try verify(Self.headers(prefix: "svix"))
        try verify(Self.headers(prefix: "Svix"))
        // Svix trio is preferred when complete; otherwise the webhook-* trio is read.
        try verify(Self.headers(prefix: "svix") + Self.headers(signature: "v1,AAAA"), verifier: nil)
        try verify(Self.headers(id: nil, prefix: "svix") + Self.headers())
        #expect(throws: VerificationError.missingSignature) { try verify(Self.headers(id: nil, prefix: "svix")) }
    }

    @Test func randomBodyMutationsNeverVerify() async {
        let body = Array(#"{"type":"invoice.paid","timestamp":"2026-01-01T00:00:00Z","data":{}}"#.utf8)
        let headers = StandardWebhooksSigner(secret: Self.secret).signatureHeaders(body: body, timestamp: Self.now, id: "msg_1")
        #expect(throws: Never.self) { try verifier.verify(WebhookRequest(headers: headers, body: body), now: Self.now) }
        await propertyCheck(input: Gen.int(in: 0..<body.count), Gen.uint8(in: 1...255)) { index, mask in
            let request = WebhookRequest(headers: headers, body: Fixture.flipping(body, at: index, mask: mask))
            #expect(throws: VerificationError.invalidSignature) { try verifier.verify(request, now: Self.now) }
        }
    }

    @Test func randomSignatureMutationsNeverVerify() async {
        let value = Array(Self.signature.utf8)
        await propertyCheck(input: Gen.int(in: 0..<value.count), Gen.uint8(in: 1...255)) { index, mask in
            let mutated = String(decoding: Fixture.flipping(value, at: index, mask: mask), as: UTF8.self)
            #expect(throws: VerificationError.self) { try verify(Self.headers(signature: mutated)) }
        }
    }

    @Test func randomMACByteMutationsAreInvalid() async {
        let mac = [UInt8](Data(base64Encoded: String(Self.signature.dropFirst(3))) ?? Data())
        #expect(mac.count == 32)
        await propertyCheck(input: Gen.int(in: 0..<32), Gen.uint8(in: 1...255)) { index, mask in
            let mutated = Data(Fixture.flipping(mac, at: index, mask: mask)).base64EncodedString()
            #expect(throws: VerificationError.invalidSignature) { try verify(Self.headers(signature: "v1,\(mutated)")) }
        }
    }
}
