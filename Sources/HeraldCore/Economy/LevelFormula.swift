/// Turns what a member has earned in total into a level.
///
/// `linear`: one level per `pointsPerLevel`. `exponential`: level n needs
/// `base × factor^(n-1)` more than level n-1, so high levels take longer.
/// Level 1 is where everyone starts.
public enum LevelFormula: Sendable, Equatable {
    case linear(pointsPerLevel: Int64)
    case exponential(base: Int64, factor: Double)

    public static let `default` = LevelFormula.linear(pointsPerLevel: 100)

    /// The level reached with `totalEarned`, and the total needed for the next one.
    public func level(totalEarned: Int64) -> (level: Int, nextLevelAt: Int64) {
        let earned = max(0, totalEarned)
        switch self {
        case .linear(let step):
            let step = max(1, step)
            let completed = min(earned / step, Int64.max - 1)
            let next = (completed + 1).multipliedReportingOverflow(by: step)
            return (Int(completed + 1), next.overflow ? Int64.max : next.partialValue)
        case .exponential(let base, let factor):
            var level = 1
            var threshold = Double(max(1, base))
            var cost = threshold
            while Double(earned) >= threshold, level < 1_000 {
                level += 1
                cost *= max(1, factor)
                threshold += cost
            }
            return (level, threshold >= Double(Int64.max) ? Int64.max : Int64(threshold))
        }
    }
}
