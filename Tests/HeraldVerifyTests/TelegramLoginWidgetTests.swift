import Foundation
import HeraldVerify
import Testing

/// Telegram Login Widget (protocols.md §3.8) with the §8 locally computed vector,
/// reproduced with:
/// python3 -c 'import hmac,hashlib; print(hmac.new(hashlib.sha256(b"123456:TEST-TOKEN").digest(), b"auth_date=1700000000\nfirst_name=Ann\nid=42\nusername=ann", hashlib.sha256).hexdigest())'
@Suite struct TelegramLoginWidgetTests {
    static let token = "123456:TEST-TOKEN"
    static let hash = "2f72a46af165bbd42b1ef82145575f563583a3b8550a0a6a1d6e1e7bd4a1f049"
    static let fields = ["id": "42", "first_name": "Ann", "username": "ann", "auth_date": "1700000000", "hash": hash]
    static let now = Fixture.date(1_700_000_000)

    func verify(_ fields: [String: String] = Self.fields, token: String = Self.token, now: Date = Self.now,
                maxAge: TimeInterval = 86400) throws(VerificationError) {
        try TelegramLoginWidget.verify(fields: fields, botToken: token, now: now, maxAge: maxAge)
    }

    func with(_ key: String, _ value: String?) -> [String: String] {
        var fields = Self.fields
        fields[key] = value
        return fields
    }

    @Test func acceptsTheVector() throws {
        try verify()
        try verify(now: Fixture.date(1_700_000_000 + 86400))
    }

    @Test func hexCaseIsIgnored() throws {
        try verify(with("hash", Self.hash.uppercased()))
    }

    @Test func tamperedFieldsFail() {
        #expect(throws: VerificationError.invalidSignature) { try verify(with("id", "43")) }
        #expect(throws: VerificationError.invalidSignature) { try verify(with("username", "ann ")) }
        #expect(throws: VerificationError.invalidSignature) { try verify(with("photo_url", "https://t.me/i/x.jpg")) }
        #expect(throws: VerificationError.invalidSignature) { try verify(with("first_name", nil)) }
        #expect(throws: VerificationError.invalidSignature) { try verify(with("auth_date", "1700000001")) }
        #expect(throws: VerificationError.invalidSignature) { try verify(with("hash", Fixture.replacingCharacter(in: Self.hash, at: 63, with: "0"))) }
    }

    @Test func wrongBotTokenFails() {
        #expect(throws: VerificationError.invalidSignature) { try verify(token: "123456:TEST-TOKEM") }
        #expect(throws: VerificationError.invalidSignature) { try verify(token: "654321:TEST-TOKEN") }
    }

    @Test func staleAndFutureAuthDateFail() {
        #expect(throws: VerificationError.staleTimestamp) { try verify(now: Fixture.date(1_700_000_000 + 86401)) }
        #expect(throws: VerificationError.staleTimestamp) { try verify(now: Fixture.date(1_700_000_000 + 3601), maxAge: 3600) }
        #expect(throws: VerificationError.staleTimestamp) { try verify(now: Fixture.date(1_700_000_000 - 3601), maxAge: 3600) }
    }

    @Test func missingAndMalformedFields() {
        #expect(throws: VerificationError.missingSignature) { try verify(with("hash", nil)) }
        #expect(throws: VerificationError.missingSignature) { try verify(with("hash", "")) }
        #expect(throws: VerificationError.malformedSignature) { try verify(with("hash", String(Self.hash.dropLast()))) }
        #expect(throws: VerificationError.malformedSignature) { try verify(with("hash", Fixture.replacingCharacter(in: Self.hash, at: 0, with: "x"))) }
        #expect(throws: VerificationError.missingTimestamp) { try verify(with("auth_date", nil)) }
        #expect(throws: VerificationError.malformedTimestamp) { try verify(with("auth_date", "soon")) }
    }
}
