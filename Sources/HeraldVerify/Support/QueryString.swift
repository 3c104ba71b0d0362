/// `application/x-www-form-urlencoded` decoding, once, the way `parse_qsl` and Go's
/// `url.ParseQuery` do it — not a naive split, which breaks on `+` and `=` in
/// values (§7 pitfall 13).
enum QueryString {
    /// Pairs in order. Split on `&` (empty segments skipped), then on the *first* `=`
    /// (a segment without one is a key with an empty value); `+` becomes a space and
    /// `%XX` a byte. Blank values are kept, since Telegram signs every field it sends.
    /// - Throws: `malformedSignature` on a bad `%` escape or bytes that are not UTF-8.
    static func decode(_ query: String) throws(VerificationError) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for segment in query.split(separator: "&") {
            let key: Substring
            let value: Substring
            if let equals = segment.firstIndex(of: "=") {
                key = segment[..<equals]
                value = segment[segment.index(after: equals)...]
            } else {
                key = segment
                value = ""
            }
            pairs.append((key: try component(key), value: try component(value)))
        }
        return pairs
    }

    private static func component(_ text: Substring) throws(VerificationError) -> String {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            switch input[index] {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < input.count,
                      let byte = Hex.decode(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), letterCase: .any)?.first
                else { throw .malformedSignature }
                bytes.append(byte)
                index += 3
            default:
                bytes.append(input[index])
                index += 1
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { throw .malformedSignature }
        return string
    }
}
