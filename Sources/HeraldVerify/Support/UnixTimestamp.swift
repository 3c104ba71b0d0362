import Foundation

/// A whole number of seconds since 1970 as sent in a timestamp header.
///
/// Keeps the header text too, because schemes sign the text, not the number.
struct UnixTimestamp: Sendable {
    /// The exact header text (ASCII digits only).
    let text: Substring
    let seconds: Int64

    /// Parses 1–15 ASCII digits (no sign, no spaces, no fraction); anything else is
    /// `malformedTimestamp`. Digits-only also guarantees the text holds no `.` or `:`,
    /// so it cannot shift a separator inside the signed payload.
    init(parsing text: some StringProtocol) throws(VerificationError) {
        let bytes = text.utf8
        guard (1...15).contains(bytes.count), bytes.allSatisfy(ASCII.isDigit),
              let seconds = Int64(String(text))
        else { throw .malformedTimestamp }
        self.text = Substring(text)
        self.seconds = seconds
    }

    /// Throws `staleTimestamp` when `|now − self| > tolerance`: too old *or* too far in
    /// the future (a one-sided check lets future-dated replays through, stripe-php#657).
    /// A tolerance of `.infinity` disables the check.
    func checkFreshness(now: Date, tolerance: TimeInterval) throws(VerificationError) {
        let skew = abs(now.timeIntervalSince1970 - Double(seconds))
        if skew > tolerance { throw .staleTimestamp }
    }

    /// The header text a signer emits for `date` (whole seconds, rounded down).
    static func text(for date: Date) -> String {
        String(Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
