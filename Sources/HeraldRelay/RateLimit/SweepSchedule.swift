/// Decides when a limiter sweeps its per-key table (chats, buckets, endpoints) for idle entries.
///
/// Sweeping on every call costs O(n) each time; never sweeping lets memory grow
/// with every key ever seen. Sweeping only once the table has doubled since the
/// last sweep keeps it within about twice the number of live keys (or `floor`)
/// at O(1) amortised cost per call.
struct SweepSchedule: Sendable {
    /// Tables this small are never swept.
    let floor: Int
    private var threshold: Int

    init(floor: Int = 256) {
        self.floor = Swift.max(floor, 1)
        self.threshold = self.floor
    }

    /// Whether a table holding `count` entries should be swept now.
    func isDue(count: Int) -> Bool { count > threshold }

    /// Records that a sweep ran and left `count` live entries.
    mutating func swept(leaving count: Int) {
        threshold = Swift.max(floor, count * 2)
    }
}
