extension DeliveryClassifier {
    /// Turns raw text into a reason safe to log and show to admins.
    ///
    /// Exists because reasons mix our words with text we do not control
    /// (provider messages, transport error details that may quote a URL, and
    /// Telegram URLs carry the bot token). Control characters become spaces,
    /// anything that looks like a URL or a bot token is replaced, and the
    /// result is cut to `maximumReasonLength` characters.
    enum Reason {
        static func make(_ text: String) -> String {
            var cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map {
                $0.properties.generalCategory == .control ? " " : $0
            }))
            // scheme://anything-up-to-whitespace
            cleaned.replace(#/[A-Za-z][A-Za-z0-9+.\-]*://\S*/#, with: "<url>")
            // Telegram bot token: <bot id>:<35-ish url-safe characters>
            cleaned.replace(#/\d{5,}:[A-Za-z0-9_\-]{30,}/#, with: "<token>")
            // Discord bot token: three base64url parts joined by dots.
            cleaned.replace(#/[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{6,}\.[A-Za-z0-9_\-]{20,}/#, with: "<token>")
            cleaned = cleaned.trimmingSpaces()
            guard cleaned.count > maximumReasonLength else { return cleaned }
            return String(cleaned.prefix(maximumReasonLength - 1)) + "…"
        }
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
