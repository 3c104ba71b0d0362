import Foundation

/// A JSON value reduced to what the fakes compare: text, number, bool or a nested
/// document kept as its JSON text. Sendable, unlike Foundation's `Any`.
public enum JSONScalar: Sendable, Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case json(String)
    case null

    /// The top-level members of a JSON object body (empty when the body is not one).
    static func object(from body: Data) -> [String: JSONScalar] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [:] }
        return object.mapValues(JSONScalar.init)
    }

    init(_ value: Any) {
        switch value {
        case let string as String: self = .text(string)
        case let bool as Bool where type(of: value) == Bool.self: self = .bool(bool)
        case let number as NSNumber: self = .number(number.doubleValue)
        case is NSNull: self = .null
        default:
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
            self = .json(data.map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
    }

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
