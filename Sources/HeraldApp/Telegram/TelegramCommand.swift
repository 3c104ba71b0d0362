/// A bot command as a member types it: `/request ai 50 for the demo`.
///
/// `/name@BotName` (how commands look in groups) is the same command. The
/// arguments are the whitespace-separated words after it; `rest(from:)` keeps a
/// free-text tail such as a reason intact.
struct TelegramCommand: Sendable, Equatable {
    let name: String
    let arguments: [String]
    private let tail: [Substring]

    init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { return nil }
        let command = first.dropFirst().split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        guard !command.isEmpty, command.count <= 32,
            command.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return nil }
        name = command.lowercased()
        arguments = words.dropFirst().map(String.init)
        tail = Array(words.dropFirst())
    }

    /// The words from `index` on, joined with single spaces; nil when there are none.
    func rest(from index: Int) -> String? {
        guard index < tail.count else { return nil }
        return tail[index...].joined(separator: " ")
    }

    static func == (lhs: TelegramCommand, rhs: TelegramCommand) -> Bool {
        lhs.name == rhs.name && lhs.arguments == rhs.arguments
    }
}
