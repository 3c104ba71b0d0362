/// One CIDR range such as `149.154.160.0/20` or `2a02:5180::/32`.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The network address with host bits cleared.
    public let address: IPAddress
    public let prefixLength: Int

    /// Parses `address/prefix` or a bare address (a single host: /32 or /128).
    /// Host bits set in the address are cleared (`10.1.2.3/8` means `10.0.0.0/8`).
    /// Nil for an invalid address or a prefix outside 0…32 / 0…128.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(parts[0]) else { return nil }
        let maximum = address.bytes.count * 8
        var prefixLength = maximum
        if parts.count == 2 {
            let digits = parts[1].utf8
            guard (1...3).contains(digits.count), digits.allSatisfy(ASCII.isDigit),
                  let length = Int(parts[1]), length <= maximum
            else { return nil }
            prefixLength = length
        }
        self.prefixLength = prefixLength
        self.address = IPAddress(bytes: Self.masked(address.bytes, prefixLength: prefixLength))
    }

    /// Whether `address` lies in this range. IPv4 ranges match IPv4 addresses only
    /// and IPv6 ranges IPv6 only; callers unwrap IPv4-mapped addresses first.
    public func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.bytes.count == address.bytes.count else { return false }
        return Self.masked(candidate.bytes, prefixLength: prefixLength) == address.bytes
    }

    public var description: String {
        "\(address)/\(prefixLength)"
    }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bitsInByte = min(max(prefixLength - index * 8, 0), 8)
            let mask: UInt8 = bitsInByte == 0 ? 0 : ~UInt8(0) << (8 - bitsInByte)
            return byte & mask
        }
    }
}
