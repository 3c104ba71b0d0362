/// A set of CIDR ranges a request's source address must fall in.
///
/// Used for providers that sign nothing (YooKassa) or as defence in depth
/// (Telegram), and to describe which peers are trusted reverse proxies.
public struct IPAllowlist: Sendable, Hashable {
    /// Why a range could not be parsed; carries the offending text.
    public struct ParseError: Error, Sendable, Equatable {
        public let range: String

        public init(range: String) {
            self.range = range
        }
    }

    public let networks: [IPNetwork]

    /// Parses every range (`a.b.c.d/n`, `x::y/n`, or a bare address).
    /// - Throws: `ParseError` naming the first range that is not an IP or CIDR.
    public init(_ ranges: [String]) throws(ParseError) {
        var networks: [IPNetwork] = []
        for range in ranges {
            let trimmed = ASCII.trimmingSpaces(range)
            guard let network = IPNetwork(trimmed) else { throw ParseError(range: range) }
            networks.append(network)
        }
        self.networks = networks
    }

    public init(networks: [IPNetwork]) {
        self.networks = networks
    }

    /// Telegram's published webhook source ranges (IPv4 only) [TG-WH]. Telegram warns
    /// they may change, so keep the secret token as the primary check.
    public static let telegram = IPAllowlist(networks: [
        IPNetwork("149.154.160.0/20"),
        IPNetwork("91.108.4.0/22"),
    ].compactMap { $0 })

    /// Whether `address` (or, for an IPv4-mapped IPv6 address, its IPv4 form) is in
    /// any range.
    public func contains(_ address: IPAddress) -> Bool {
        let forms = [address] + (address.mappedIPv4.map { [$0] } ?? [])
        return forms.contains { form in networks.contains { $0.contains(form) } }
    }

    /// Whether the address text is in any range; false when it does not parse.
    public func contains(address: String) -> Bool {
        guard let parsed = IPAddress(ASCII.trimmingSpaces(address)) else { return false }
        return contains(parsed)
    }
}
