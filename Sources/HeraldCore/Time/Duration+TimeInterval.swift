/// Conversions from `Duration` to the plain numbers that dates, SQL columns and
/// libcurl options take, written once so every part rounds the same way.
extension Duration {
    /// The duration in seconds, as a `Date` interval takes it.
    public var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Whole milliseconds, rounded down.
    public var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }
}
