import HeraldVerify
import Testing

@Suite struct WebhookRequestTests {
    let request = WebhookRequest(
        headers: [
            (name: "Content-Type", value: "application/json"),
            (name: "x-forwarded-for", value: "1.1.1.1"),
            (name: "X-Forwarded-For", value: "2.2.2.2"),
        ],
        body: [1, 2, 3],
        remoteAddress: "10.0.0.1"
    )

    @Test func headerLookupIgnoresCaseAndReturnsFirstValue() {
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("CONTENT-TYPE") == "application/json")
        #expect(request.header("X-FORWARDED-FOR") == "1.1.1.1")
        #expect(request.header("Content-Length") == nil)
    }

    @Test func headerValuesKeepsEveryValueInOrder() {
        #expect(request.headerValues("x-forwarded-for") == ["1.1.1.1", "2.2.2.2"])
        #expect(request.headerValues("missing").isEmpty)
    }

    @Test func keepsBodyAndAddress() {
        #expect(request.body == [1, 2, 3])
        #expect(request.remoteAddress == "10.0.0.1")
        #expect(WebhookRequest(headers: [], body: []).remoteAddress == nil)
    }
}
