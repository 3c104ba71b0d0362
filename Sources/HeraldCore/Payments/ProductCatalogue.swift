/// The configured products, looked up by any processor id that sells them.
///
/// Unknown ids are a normal answer (nil): the caller records the event as
/// failed and alerts the admins rather than granting anything.
public struct ProductCatalogue: Sendable, Equatable {
    public let products: [Product]
    private let byID: [String: Int]

    /// - Throws: `CatalogueError` when two products claim the same processor id.
    public init(_ products: [Product]) throws(CatalogueError) {
        var byID: [String: Int] = [:]
        for (index, product) in products.enumerated() {
            for id in Set(product.ids + [product.key]) {
                if let other = byID[id] { throw .duplicateID(id, products[other].key, product.key) }
                byID[id] = index
            }
        }
        self.products = products
        self.byID = byID
    }

    public static let empty = try! ProductCatalogue([])

    /// The product sold under `id` (a processor id or the catalogue key).
    public func product(id: String) -> Product? {
        byID[id].map { products[$0] }
    }

    /// The first of `ids` that names a product.
    public func product(anyOf ids: [String]) -> Product? {
        for id in ids { if let product = product(id: id) { return product } }
        return nil
    }
}

/// Why a catalogue cannot be built.
public enum CatalogueError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicateID(String, String, String)

    public var description: String {
        switch self {
        case .duplicateID(let id, let first, let second): "'\(id)' is listed by both \(first) and \(second)"
        }
    }
}
