import Foundation

/// A parsed JSON document, for reading a few fields of an event without a
/// full model of every provider's payload.
enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double, text: String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue], keys: [String])

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var values: [String: JSONValue] = [:]
            for key in object.allKeys { values[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(values, keys: object.allKeys.map(\.stringValue))
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let bool = try? single.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? single.decode(Int64.self) {
            self = .number(Double(int), text: String(int))
        } else if let double = try? single.decode(Double.self) {
            self = .number(double, text: String(double))
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// Parses `bytes`, refusing documents nested deeper than `maximumDepth`.
    static func parse(_ bytes: [UInt8], maximumDepth: Int) throws(InboundError) -> JSONValue {
        guard Self.nestingDepth(bytes) <= maximumDepth else {
            throw .malformedBody("the JSON body is nested more than \(maximumDepth) levels deep")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw .malformedBody("the body is not valid JSON")
        }
    }

    /// The deepest bracket nesting, counted outside strings, without recursion.
    static func nestingDepth(_ bytes: [UInt8]) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    subscript(path: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for component in path {
            guard case .object(let values, _)? = current else { return nil }
            current = values[component]
        }
        return current
    }

    subscript(key: String) -> JSONValue? { self[[key]] }

    /// Strings as they are, numbers and booleans as written; nil for containers and null.
    var scalarText: String? {
        switch self {
        case .string(let string): string
        case .number(_, let text): text
        case .bool(let bool): bool ? "true" : "false"
        default: nil
        }
    }

    var objectKeys: [String]? {
        if case .object(_, let keys) = self { return keys }
        return nil
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
