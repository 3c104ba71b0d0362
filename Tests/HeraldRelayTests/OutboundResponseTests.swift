import HeraldRelay
import Testing

@Suite struct OutboundResponseTests {
    @Test func headersMatchWithoutRegardToCase() {
        let response = OutboundResponse(status: 429, headers: [(name: "Retry-After", value: "3")], body: [])
        #expect(response.header("retry-after") == "3")
        #expect(response.header("x-missing") == nil)
    }
}
