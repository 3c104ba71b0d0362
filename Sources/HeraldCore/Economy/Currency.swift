/// A currency of the community economy (`ai`, `lead`, `points`, …).
///
/// Codes are short lower-case identifiers so they can be typed in a slash
/// command and stored as-is; the set in use comes from configuration.
public struct Currency: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts 1–32 characters of `a-z`, `0-9` and `_`, starting with a letter.
    public init?(rawValue: String) {
        guard let first = rawValue.unicodeScalars.first, ("a"..."z").contains(first),
            rawValue.unicodeScalars.count <= 32,
            rawValue.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// The currencies a community starts with.
    public static let defaults: [Currency] = ["ai", "lead", "points"].compactMap(Currency.init(rawValue:))
}
