import Foundation

/// The one way Herald writes JSON: keys sorted, slashes left alone, so stored
/// and sent JSON is stable and comparable in tests.
public enum JSONCoding {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `object` (dictionaries, arrays, strings, numbers, booleans, `NSNull`) as JSON
    /// text; nil when it holds something JSON cannot carry.
    public static func text(of object: Any) -> String? {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
