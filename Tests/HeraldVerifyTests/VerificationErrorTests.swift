import HeraldVerify
import Testing

@Suite struct VerificationErrorTests {
    @Test func codesAreStableSnakeCase() {
        #expect(VerificationError.invalidSignature.rawValue == "invalid_signature")
        #expect(VerificationError.allCases.allSatisfy { $0.rawValue.allSatisfy { $0.isLowercase || $0 == "_" } })
    }
}
