import Foundation
import HeraldVerify
import Testing

/// Telegram Mini App `initData` (protocols.md §3.9) with locally computed vectors.
@Suite struct TelegramInitDataTests {
    static let token = "123456:TEST-TOKEN"
    static let now = Fixture.date(1_700_000_000)

    /// protocols.md §8 vector; query string built with urllib.parse.urlencode:
    /// python3 -c 'import hmac,hashlib; k=hmac.new(b"WebAppData",b"123456:TEST-TOKEN",hashlib.sha256).digest(); print(hmac.new(k,b"auth_date=1700000000\nquery_id=AAA\nuser={\"id\":42,\"first_name\":\"Ann\"}",hashlib.sha256).hexdigest())'
    static let simple = "query_id=AAA&user=%7B%22id%22%3A42%2C%22first_name%22%3A%22Ann%22%7D&auth_date=1700000000&hash=ac62f55a7ffec129a75f9611df9ea4cfc499fa711a77e370670621d963a61371"

    /// Values with a space (`+`), an encoded `+`, `=` and `&`, and a `signature` field
    /// that stays in the data-check-string. Produced with:
    /// python3 -c 'import hmac,hashlib,urllib.parse as u; k=hmac.new(b"WebAppData",b"123456:TEST-TOKEN",hashlib.sha256).digest(); f=[("query_id","AAHdF6IQ"),("user","{\"id\":42,\"first_name\":\"Ann Lee\",\"username\":\"a+b=c\"}"),("start_param","https://x.example/?a=b&c=d"),("auth_date","1700000000"),("signature","c2lnbmF0dXJl-_x")]; h=hmac.new(k,"\n".join(a+"="+b for a,b in sorted(f)).encode(),hashlib.sha256).hexdigest(); print(u.urlencode(f+[("hash",h)]))'
    static let tricky = "query_id=AAHdF6IQ&user=%7B%22id%22%3A42%2C%22first_name%22%3A%22Ann+Lee%22%2C%22username%22%3A%22a%2Bb%3Dc%22%7D&start_param=https%3A%2F%2Fx.example%2F%3Fa%3Db%26c%3Dd&auth_date=1700000000&signature=c2lnbmF0dXJl-_x&hash=74a10cc51058b719a89974947aec8a0bc226f4f781ef9c49333b6f081a170872"
    /// The same fields hashed *without* `signature` (the wrong reading of §3.9).
    static let hashWithoutSignature = "70589f8704f37f53ccb1d2d11cdd9be0780859133069b24f56b3a4171e0eccff"

    func verify(_ initData: String, token: String = Self.token, now: Date = Self.now,
                maxAge: TimeInterval = 86400) throws(VerificationError) -> [String: String] {
        try TelegramInitData.verify(initData: initData, botToken: token, now: now, maxAge: maxAge)
    }

    @Test func acceptsTheVectorAndReturnsDecodedFields() throws {
        let fields = try verify(Self.simple)
        #expect(fields["user"] == #"{"id":42,"first_name":"Ann"}"#)
        #expect(fields["query_id"] == "AAA")
        #expect(fields["auth_date"] == "1700000000")
    }

    @Test func decodesExactlyOnceLikeParseQsl() throws {
        let fields = try verify(Self.tricky)
        #expect(fields["user"] == #"{"id":42,"first_name":"Ann Lee","username":"a+b=c"}"#)
        #expect(fields["start_param"] == "https://x.example/?a=b&c=d")
        #expect(fields["signature"] == "c2lnbmF0dXJl-_x")
    }

    @Test func signatureFieldStaysInTheDataCheckString() {
        let wrong = Self.tricky.replacingOccurrences(of: "hash=74a10cc51058b719a89974947aec8a0bc226f4f781ef9c49333b6f081a170872", with: "hash=\(Self.hashWithoutSignature)")
        #expect(throws: VerificationError.invalidSignature) { _ = try verify(wrong) }
    }

    @Test func tamperedFieldsFail() {
        #expect(throws: VerificationError.invalidSignature) { _ = try verify(Self.simple.replacingOccurrences(of: "query_id=AAA", with: "query_id=AAB")) }
        #expect(throws: VerificationError.invalidSignature) { _ = try verify(Self.simple.replacingOccurrences(of: "%2242%22", with: "%2243%22").replacingOccurrences(of: "%3A42", with: "%3A43")) }
        #expect(throws: VerificationError.invalidSignature) { _ = try verify(Self.simple + "&extra=1") }
        #expect(throws: VerificationError.invalidSignature) { _ = try verify(Self.simple.replacingOccurrences(of: "query_id=AAA&", with: "")) }
        // Naive decoding of `+` would differ: a literal %2B must stay `+`, `+` must become a space.
        #expect(throws: VerificationError.invalidSignature) { _ = try verify(Self.tricky.replacingOccurrences(of: "Ann+Lee", with: "Ann%2BLee")) }
    }

    @Test func wrongBotTokenFails() {
        #expect(throws: VerificationError.invalidSignature) { _ = try verify(Self.simple, token: "123456:TEST-TOKEM") }
    }

    @Test func staleAuthDateFails() {
        #expect(throws: VerificationError.staleTimestamp) { _ = try verify(Self.simple, now: Fixture.date(1_700_000_000 + 86401)) }
        #expect(throws: VerificationError.staleTimestamp) { _ = try verify(Self.simple, now: Fixture.date(1_700_000_000 + 61), maxAge: 60) }
        #expect(throws: VerificationError.staleTimestamp) { _ = try verify(Self.simple, now: Fixture.date(1_700_000_000 - 61), maxAge: 60) }
        #expect(throws: Never.self) { _ = try verify(Self.simple, now: Fixture.date(1_700_000_000 + 60), maxAge: 60) }
    }

    @Test func missingAndMalformedInput() {
        let noHash = "query_id=AAA&auth_date=1700000000"
        #expect(throws: VerificationError.missingSignature) { _ = try verify(noHash) }
        #expect(throws: VerificationError.missingSignature) { _ = try verify("") }
        #expect(throws: VerificationError.malformedSignature) { _ = try verify(noHash + "&hash=abc") }
        #expect(throws: VerificationError.malformedSignature) { _ = try verify(Self.simple + "&query_id=AAA") }
        #expect(throws: VerificationError.malformedSignature) { _ = try verify(Self.simple + "&x=%zz") }
        #expect(throws: VerificationError.malformedSignature) { _ = try verify(Self.simple + "&x=%C3") }
        #expect(throws: VerificationError.missingTimestamp) { _ = try verify(Self.simple.replacingOccurrences(of: "&auth_date=1700000000", with: "")) }
        #expect(throws: VerificationError.malformedTimestamp) { _ = try verify(Self.simple.replacingOccurrences(of: "auth_date=1700000000", with: "auth_date=17e8")) }
    }

    @Test func upperCaseHashIsAccepted() throws {
        let upper = Self.simple.replacingOccurrences(of: "ac62f55a7ffec129a75f9611df9ea4cfc499fa711a77e370670621d963a61371", with: "AC62F55A7FFEC129A75F9611DF9EA4CFC499FA711A77E370670621D963A61371")
        #expect(try verify(upper)["query_id"] == "AAA")
    }
}
