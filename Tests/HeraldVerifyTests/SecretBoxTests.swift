import HeraldVerify
import Testing

/// Sealing secrets at rest: only the right key opens a box, and only an unchanged one.
@Suite struct SecretBoxTests {
    static let key = [UInt8](repeating: 0x42, count: 32)
    static let plaintext = Array("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".utf8)

    @Test func aSealedSecretOpensToTheSameBytes() throws {
        let box = try SecretBox(key: Self.key)
        #expect(try box.open(try box.seal(Self.plaintext)) == Self.plaintext)
        #expect(try box.open(try box.seal([])) == [])
    }

    @Test func theStoredFormIsVersionNonceCiphertextAndTag() throws {
        let sealed = try SecretBox(key: Self.key).seal(Self.plaintext)
        #expect(sealed.first == SecretBox.currentVersion)
        #expect(sealed.count == 1 + 12 + Self.plaintext.count + 16)
    }

    @Test(arguments: [0, 16, 31, 33, 64])
    func keysOfAnyOtherLengthAreRefused(length: Int) {
        #expect(throws: SecretBoxError.invalidKeyLength) { try SecretBox(key: [UInt8](repeating: 1, count: length)) }
    }

    @Test func anotherKeyCannotOpenTheBox() throws {
        let sealed = try SecretBox(key: Self.key).seal(Self.plaintext)
        var other = Self.key
        other[31] ^= 0x01
        #expect(throws: SecretBoxError.authenticationFailed) { try SecretBox(key: other).open(sealed) }
    }

    @Test func flippingAnyBitIsDetected() throws {
        let box = try SecretBox(key: Self.key)
        let sealed = try box.seal(Self.plaintext)
        for index in sealed.indices {
            for bit in 0..<8 {
                let tampered = Fixture.flipping(sealed, at: index, mask: 1 << bit)
                #expect(throws: SecretBoxError.self, "byte \(index) bit \(bit)") { try box.open(tampered) }
            }
        }
    }

    @Test func aChangedVersionOrTruncatedBoxIsRefused() throws {
        let box = try SecretBox(key: Self.key)
        let sealed = try box.seal(Self.plaintext)
        #expect(throws: SecretBoxError.unsupportedVersion) { try box.open([2] + sealed.dropFirst()) }
        #expect(throws: SecretBoxError.malformed) { try box.open([]) }
        #expect(throws: SecretBoxError.malformed) { try box.open(Array(sealed.prefix(28))) }
        #expect(throws: SecretBoxError.authenticationFailed) { try box.open(Array(sealed.dropLast())) }
    }

    @Test func twoSealsOfOneSecretDiffer() throws {
        let box = try SecretBox(key: Self.key)
        let first = try box.seal(Self.plaintext)
        let second = try box.seal(Self.plaintext)
        #expect(first != second)
        #expect(first[1...12] != second[1...12])
    }

    @Test func theStoredBytesDoNotContainThePlaintext() throws {
        let sealed = try SecretBox(key: Self.key).seal(Self.plaintext)
        let secretPart = Array("MfKQ9r8GKYqrTwjU".utf8)
        for needle in [Self.plaintext, secretPart, Array("whsec_".utf8)] {
            #expect(!Self.contains(sealed, needle))
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
