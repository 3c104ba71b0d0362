import Foundation

/// The values a template renders: a JSON document, kept as a Sendable value.
///
/// Exists because Mustache walks untyped `Any` contexts, which cannot cross
/// concurrency domains; callers hold this enum (decoded straight from the
/// notification API's `data` object) and it becomes `Any` only inside a render.
public enum TemplateData: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A whole number, kept exactly (ids and amounts larger than 2^53 survive).
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([TemplateData])
    case object([String: TemplateData])

    /// The members of an object; nil for anything else.
    public var objectValue: [String: TemplateData]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The context swift-mustache walks: dictionaries, arrays and scalars.
    /// `null` is `NSNull`, which Mustache treats as missing (empty, falsy).
    var mustacheContext: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .integer(let value): value
        case .double(let value): value
        case .string(let value): value
        case .array(let values): values.map(\.mustacheContext)
        case .object(let members): members.mapValues(\.mustacheContext)
        }
    }
}

extension TemplateData: Codable {
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            self = .double(value)
        } else if let value = try? single.decode(String.self) {
            self = .string(value)
        } else if let value = try? single.decode([TemplateData].self) {
            self = .array(value)
        } else {
            self = .object(try single.decode([String: TemplateData].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .null: try single.encodeNil()
        case .bool(let value): try single.encode(value)
        case .integer(let value): try single.encode(value)
        case .double(let value): try single.encode(value)
        case .string(let value): try single.encode(value)
        case .array(let values): try single.encode(values)
        case .object(let members): try single.encode(members)
        }
    }
}

extension TemplateData: ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    public init(dictionaryLiteral elements: (String, TemplateData)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(arrayLiteral elements: TemplateData...) { self = .array(elements) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
}
