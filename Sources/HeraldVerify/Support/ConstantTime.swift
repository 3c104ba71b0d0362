/// Comparison of secret-derived bytes whose running time does not depend on content.
///
/// A plain `==` stops at the first differing byte, which leaks how much of a
/// forged MAC was right. Only the length (which is public) may short-circuit.
public enum ConstantTime {
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) {
            difference |= x ^ y
        }
        return difference == 0
    }
}
