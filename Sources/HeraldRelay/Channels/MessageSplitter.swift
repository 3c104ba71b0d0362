/// Splits text that is over a provider's length limit into messages that fit.
///
/// Cuts at line boundaries where it can, at the last space of an over-long line
/// otherwise, and mid-word only when a single word is longer than the limit.
/// Lengths count Unicode scalars… no: they count what the provider counts, which
/// the caller passes as `length` (Telegram counts UTF-16 code units, Discord characters).
public enum MessageSplitter {
    public static let discordLimit = 2_000
    public static let telegramLimit = 4_096

    /// Telegram measures message length in UTF-16 code units.
    public static func utf16Length(_ text: Substring) -> Int { text.utf16.count }
    /// Discord measures characters.
    public static func characterLength(_ text: Substring) -> Int { text.count }

    public static func split(_ text: String, limit: Int, length: (Substring) -> Int = { $0.count }) -> [String] {
        precondition(limit > 0, "limit must be positive")
        guard length(text[...]) > limit else { return text.isEmpty ? [] : [text] }
        var parts: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(line) : current + "\n" + line
            if length(candidate[...]) <= limit {
                current = candidate
                continue
            }
            if !current.isEmpty { parts.append(current) }
            current = ""
            var rest = line[...]
            while length(rest) > limit {
                let piece = longestPrefix(of: rest, limit: limit, length: length)
                parts.append(String(piece))
                rest = rest[piece.endIndex...].drop { $0 == " " }
            }
            current = String(rest)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// The longest prefix within `limit`, ending at a space when there is one.
    static func longestPrefix(of text: Substring, limit: Int, length: (Substring) -> Int) -> Substring {
        var end = text.startIndex
        var lastSpace: String.Index?
        var index = text.startIndex
        var used = 0
        while index < text.endIndex {
            let next = text.index(after: index)
            used += length(text[index..<next])
            guard used <= limit else { break }
            if text[index] == " " { lastSpace = index }
            end = next
            index = next
        }
        if end == text.startIndex { end = text.index(after: text.startIndex) }
        if end < text.endIndex, let lastSpace, lastSpace > text.startIndex { return text[text.startIndex..<lastSpace] }
        return text[text.startIndex..<end]
    }
}
