/// Decides which address a request really came from when Herald may sit behind
/// reverse proxies.
///
/// `X-Forwarded-For` is attacker-controlled except for the entries appended by
/// proxies we trust, so it is only consulted when the socket peer is a trusted
/// proxy, and read from the right: the first entry that is not itself a trusted
/// proxy is the client. Without trusted proxies the header is ignored entirely.
public struct ClientAddressResolver: Sendable {
    public let trustedProxies: IPAllowlist?

    public init(trustedProxies: IPAllowlist? = nil) {
        self.trustedProxies = trustedProxies
    }

    /// The client address, or nil when it cannot be established (no or unparsable
    /// socket address, or an unparsable `X-Forwarded-For` entry reached while walking
    /// left from the trusted hops). When every forwarded entry is a trusted proxy,
    /// the left-most one is returned (as nginx's `real_ip_recursive` does); when the
    /// header is absent, the socket address is.
    public func clientAddress(for request: WebhookRequest) -> IPAddress? {
        guard let remoteText = request.remoteAddress, let remote = IPAddress(ASCII.trimmingSpaces(remoteText)) else {
            return nil
        }
        guard let trustedProxies, trustedProxies.contains(remote) else { return remote }

        // Repeated headers form one list, in order (RFC 9110 §5.3).
        let entries = request.headerValues("X-Forwarded-For")
            .flatMap { $0.split(separator: ",") }
            .map { ASCII.trimmingSpaces($0) }
            .filter { !$0.isEmpty }
        var client = remote
        for entry in entries.reversed() {
            guard let hop = Self.parseForwardedEntry(entry) else { return nil }
            client = hop
            if !trustedProxies.contains(hop) { return hop }
        }
        return client
    }

    /// An address as proxies write it: bare, `[v6]`, `[v6]:port` or `v4:port`.
    static func parseForwardedEntry(_ entry: Substring) -> IPAddress? {
        if entry.hasPrefix("[") {
            guard let close = entry.firstIndex(of: "]") else { return nil }
            let rest = entry[entry.index(after: close)...]
            guard rest.isEmpty || Self.isPort(rest) else { return nil }
            return IPAddress(entry[entry.index(after: entry.startIndex)..<close])
        }
        if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
            guard Self.isPort(entry[colon...]) else { return nil }
            return IPAddress(entry[..<colon])
        }
        return IPAddress(entry)
    }

    /// `:` followed by 1–5 digits.
    private static func isPort(_ text: Substring) -> Bool {
        let digits = text.utf8.dropFirst()
        return text.first == ":" && (1...5).contains(digits.count) && digits.allSatisfy(ASCII.isDigit)
    }
}
