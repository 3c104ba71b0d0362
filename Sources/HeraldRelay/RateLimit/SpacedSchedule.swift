/// A provider-wide limit ("30 messages per second per bot") that fills gaps.
///
/// Why it exists: a global limit shared by many chats or routes cannot be a plain
/// ``TokenBucket``. A bucket only remembers the end of its schedule, so one
/// message held back by its own chat (booked 60 s ahead) would push every other
/// chat's next message 60 s back too. This schedule remembers every booked slot
/// still ahead and places a new one in the first gap that keeps all slots at
/// least one interval apart, so a free chat goes straight into a free slot.
///
/// Slots spaced at least `1/rate` apart mean any window of `W` seconds holds at
/// most `W × rate` sends, which is what "N per second" means to a provider.
///
/// Booked slots are stored as runs (`start`, `count`): slot `k` of a run is at
/// `start + pace.offset(ofSlot: k)`, computed from scratch, so a long queue costs
/// one entry and never drifts. Memory is bounded by the slots still ahead:
/// ``forget(before:)`` drops runs that can no longer constrain a new slot.
struct SpacedSchedule: Sendable {
    private struct Run: Sendable {
        var start: Double
        var count: Int
    }

    let pace: Pace
    /// Sorted by start; consecutive slots (within and across runs) at least one interval apart.
    private var runs: [Run] = []

    init(pace: Pace) {
        self.pace = pace
    }

    /// The earliest instant at or after `t` that keeps every booked slot at least one interval away.
    func earliest(from t: Double) -> Double {
        guard !pace.isUnlimited else { return t }
        var candidate = t
        var index = firstRun(endingAfter: t)
        while index < runs.count {
            let run = runs[index]
            if candidate + pace.interval <= run.start {
                break
            }
            candidate = Swift.max(candidate, end(of: run))
            index += 1
        }
        return candidate
    }

    /// Books the slot at `t`, which must come from ``earliest(from:)`` (or be later and still free).
    mutating func book(at t: Double) {
        guard !pace.isUnlimited else { return }
        let index = firstRun(startingAfter: t)
        if index > 0, end(of: runs[index - 1]) == t {
            runs[index - 1].count += 1
        } else {
            runs.insert(Run(start: t, count: 1), at: index)
        }
    }

    /// Drops runs whose every slot is at least one interval before `present`: no slot
    /// at or after `present` can conflict with them any more.
    mutating func forget(before present: Double) {
        let stale = firstRun(endingAfter: present)
        if stale > 0 {
            runs.removeFirst(stale)
        }
    }

    /// The first instant after the run's last slot at which a new slot may go.
    private func end(of run: Run) -> Double {
        run.start + pace.offset(ofSlot: Double(run.count))
    }

    private func firstRun(endingAfter t: Double) -> Int {
        partitionPoint { end(of: $0) > t }
    }

    private func firstRun(startingAfter t: Double) -> Int {
        partitionPoint { $0.start > t }
    }

    /// The first index whose run satisfies `isAfter`, assuming runs are ordered so that
    /// once it holds it keeps holding (binary search).
    private func partitionPoint(_ isAfter: (Run) -> Bool) -> Int {
        var low = 0
        var high = runs.count
        while low < high {
            let middle = low + (high - low) / 2
            if isAfter(runs[middle]) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
