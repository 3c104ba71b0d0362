import Foundation
import HeraldVerify
import Testing

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("149.154.160.1", "149.154.160.1"),
        ("0.0.0.0", "0.0.0.0"),
        ("::1", "::1"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2a02:5180::", "2a02:5180::"),
        ("::", "::"),
        ("::ffff:149.154.160.1", "::ffff:959a:a001"),  // python3 -c 'import ipaddress; print(ipaddress.IPv6Address("::ffff:149.154.160.1").packed.hex())'
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("1::8", "1::8"),
    ])
    func parsesAndPrints(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", " 1.2.3.4", "1.2.3.4:80",
        "1::2::3", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "g::1", "fe80::1%eth0",
        "[::1]", "::1.2.3", "1.2.3.4::", "example.com",
    ])
    func rejectsNonAddresses(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func unwrapsIPv4MappedAddresses() {
        #expect(IPAddress("::ffff:10.0.0.1")?.mappedIPv4 == IPAddress("10.0.0.1"))
        #expect(IPAddress("::10.0.0.1")?.mappedIPv4 == nil)
        #expect(IPAddress("10.0.0.1")?.mappedIPv4 == nil)
    }
}

@Suite struct IPAllowlistTests {
    @Test func telegramRanges() {
        let telegram = IPAllowlist.telegram
        #expect(telegram.networks.map(\.description) == ["149.154.160.0/20", "91.108.4.0/22"])
        #expect(telegram.contains(address: "149.154.160.0"))
        #expect(telegram.contains(address: "149.154.175.255"))
        #expect(!telegram.contains(address: "149.154.176.0"))
        #expect(!telegram.contains(address: "149.154.159.255"))
        #expect(telegram.contains(address: "91.108.7.255"))
        #expect(!telegram.contains(address: "91.108.8.0"))
        #expect(telegram.contains(address: "::ffff:149.154.167.99"))
        #expect(!telegram.contains(address: "2001:67c:4e8::1"))
        #expect(!telegram.contains(address: "not-an-ip"))
    }

    @Test func ipv6RangesAndBareAddresses() throws {
        // YooKassa's published list (protocols.md §6).
        let list = try IPAllowlist(["185.71.76.0/27", "77.75.156.11", "2a02:5180::/32"])
        #expect(list.contains(address: "185.71.76.31"))
        #expect(!list.contains(address: "185.71.76.32"))
        #expect(list.contains(address: "77.75.156.11"))
        #expect(!list.contains(address: "77.75.156.12"))
        #expect(list.contains(address: "2a02:5180:0:1509::7"))
        #expect(list.contains(address: "2A02:5180:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF"))
        #expect(!list.contains(address: "2a02:5181::1"))
        #expect(!list.contains(address: "::ffff:185.71.76.40"))
    }

    @Test func prefixEdgeCases() throws {
        let list = try IPAllowlist(["10.1.2.3/8", "0.0.0.0/0", "::/0", "2001:db8::1/128"])
        #expect(list.networks[0].description == "10.0.0.0/8")
        #expect(list.contains(address: "203.0.113.9"))
        let v6only = try IPAllowlist(["::/0"])
        #expect(v6only.contains(address: "2001:db8::9"))
        #expect(!v6only.contains(address: "203.0.113.9"))
        let host = try IPAllowlist(["2001:db8::1/128"])
        #expect(host.contains(address: "2001:db8::1"))
        #expect(!host.contains(address: "2001:db8::2"))
        let odd = try IPAllowlist(["192.168.0.0/23"])
        #expect(odd.contains(address: "192.168.1.255"))
        #expect(!odd.contains(address: "192.168.2.0"))
    }

    @Test(arguments: ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0/8", "garbage", ""])
    func rejectsBadRanges(range: String) {
        #expect(throws: IPAllowlist.ParseError(range: range)) { try IPAllowlist(["10.0.0.0/8", range]) }
    }
}

@Suite struct ClientAddressResolverTests {
    let proxies: IPAllowlist

    init() throws {
        proxies = try IPAllowlist(["10.0.0.0/8", "fd00::/8"])
    }

    func request(remote: String?, forwarded: [String] = []) -> WebhookRequest {
        WebhookRequest(headers: forwarded.map { (name: "X-Forwarded-For", value: $0) }, body: [], remoteAddress: remote)
    }

    @Test func withoutTrustedProxiesTheHeaderIsIgnored() {
        let resolver = ClientAddressResolver(trustedProxies: nil)
        #expect(resolver.clientAddress(for: request(remote: "203.0.113.5", forwarded: ["149.154.160.1"])) == IPAddress("203.0.113.5"))
        #expect(resolver.clientAddress(for: request(remote: nil)) == nil)
        #expect(resolver.clientAddress(for: request(remote: "bogus")) == nil)
    }

    @Test func untrustedPeerCannotSpoofTheHeader() {
        let resolver = ClientAddressResolver(trustedProxies: proxies)
        #expect(resolver.clientAddress(for: request(remote: "203.0.113.5", forwarded: ["149.154.160.1"])) == IPAddress("203.0.113.5"))
    }

    @Test func trustedProxyYieldsRightMostUntrustedEntry() {
        let resolver = ClientAddressResolver(trustedProxies: proxies)
        // The client spoofs a Telegram address on the left; the real peer is appended by our proxies.
        let spoofed = request(remote: "10.0.0.2", forwarded: ["149.154.160.1, 203.0.113.5, 10.0.0.9"])
        #expect(resolver.clientAddress(for: spoofed) == IPAddress("203.0.113.5"))
        // Repeated headers form one list.
        let repeated = request(remote: "10.0.0.2", forwarded: ["149.154.160.1", "203.0.113.5,10.0.0.9"])
        #expect(resolver.clientAddress(for: repeated) == IPAddress("203.0.113.5"))
        // IPv6 peers, brackets and ports.
        let v6 = request(remote: "fd00::2", forwarded: ["[2001:db8::7]:4711"])
        #expect(resolver.clientAddress(for: v6) == IPAddress("2001:db8::7"))
        let port = request(remote: "10.0.0.2", forwarded: ["149.154.160.3:443"])
        #expect(resolver.clientAddress(for: port) == IPAddress("149.154.160.3"))
        let mapped = request(remote: "::ffff:10.0.0.2", forwarded: ["2001:db8::8"])
        #expect(resolver.clientAddress(for: mapped) == IPAddress("2001:db8::8"))
    }

    @Test func edgeCasesOfTheForwardedList() {
        let resolver = ClientAddressResolver(trustedProxies: proxies)
        #expect(resolver.clientAddress(for: request(remote: "10.0.0.2")) == IPAddress("10.0.0.2"))
        #expect(resolver.clientAddress(for: request(remote: "10.0.0.2", forwarded: ["10.0.0.7, 10.0.0.8"])) == IPAddress("10.0.0.7"))
        #expect(resolver.clientAddress(for: request(remote: "10.0.0.2", forwarded: ["unknown"])) == nil)
        #expect(resolver.clientAddress(for: request(remote: "10.0.0.2", forwarded: ["garbage, 203.0.113.5"])) == IPAddress("203.0.113.5"))
    }
}

@Suite struct IPAllowlistVerifierTests {
    @Test func telegramAllowlistBehindAProxy() throws {
        let proxies = try IPAllowlist(["10.0.0.0/8"])
        let verifier = IPAllowlistVerifier(allowlist: .telegram, resolver: ClientAddressResolver(trustedProxies: proxies))
        let allowed = WebhookRequest(headers: [(name: "x-forwarded-for", value: "149.154.167.200")], body: [], remoteAddress: "10.1.1.1")
        try verifier.verify(allowed, now: Date())
        let outside = WebhookRequest(headers: [(name: "X-Forwarded-For", value: "149.154.167.200, 198.51.100.1")], body: [], remoteAddress: "10.1.1.1")
        #expect(throws: VerificationError.sourceNotAllowed) { try verifier.verify(outside, now: Date()) }
        let spoofed = WebhookRequest(headers: [(name: "X-Forwarded-For", value: "149.154.167.200")], body: [], remoteAddress: "198.51.100.1")
        #expect(throws: VerificationError.sourceNotAllowed) { try verifier.verify(spoofed, now: Date()) }
    }

    @Test func directPeers() throws {
        let verifier = IPAllowlistVerifier(allowlist: .telegram, resolver: ClientAddressResolver())
        try verifier.verify(WebhookRequest(headers: [], body: [], remoteAddress: "91.108.4.10"), now: Date())
        try verifier.verify(WebhookRequest(headers: [], body: [], remoteAddress: "::ffff:91.108.4.10"), now: Date())
        #expect(throws: VerificationError.sourceNotAllowed) { try verifier.verify(WebhookRequest(headers: [], body: [], remoteAddress: "91.108.8.10"), now: Date()) }
        #expect(throws: VerificationError.sourceNotAllowed) { try verifier.verify(WebhookRequest(headers: [], body: [], remoteAddress: nil), now: Date()) }
        #expect(throws: VerificationError.sourceNotAllowed) { try verifier.verify(WebhookRequest(headers: [], body: [], remoteAddress: "localhost"), now: Date()) }
    }
}
