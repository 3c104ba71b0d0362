/// A processor's decimal amount string (`"1990.00"`) turned into minor units
/// exactly, without floating point.
///
/// Some processors (YooKassa) send amounts as decimal text in the currency's
/// major unit; payments are stored in minor units, so `"1990.00"` RUB is
/// 199000. The number of minor digits follows ISO 4217 for the currency.
public enum DecimalAmount {
    /// The minor units of `text` in `currency`; nil when the text is not a plain
    /// non-negative decimal, has more significant fraction digits than the
    /// currency allows, or does not fit in 64 bits.
    public static func minorUnits(_ text: String, currency: String) -> Int64? {
        let digits = minorDigits(currency)
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 18, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        var fraction = parts.count == 2 ? Substring(parts[1]) : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        while fraction.count > digits, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= digits else { return nil }
        let padded = fraction + String(repeating: "0", count: digits - fraction.count)
        guard let major = Int64(whole), let minor = Int64(padded.isEmpty ? "0" : padded) else { return nil }
        let scale = (0..<digits).reduce(Int64(1)) { value, _ in value * 10 }
        let (scaled, overflow) = major.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        let (total, overflowSum) = scaled.addingReportingOverflow(minor)
        return overflowSum ? nil : total
    }

    /// ISO 4217 minor digits: 0 for currencies without a minor unit, 3 for the dinars and rials that have three, else 2.
    public static func minorDigits(_ currency: String) -> Int {
        switch currency.uppercased() {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF", "XTR": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
