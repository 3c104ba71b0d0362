import Foundation
import HeraldCore
import Hummingbird

/// Reading the parts of an API request every controller needs, with the same
/// 400 answers everywhere: a positive `{id}`, a `limit` (1–1000 unless the caller narrows it), a JSON body.
enum RequestParsing {
    /// Bodies of the small admin calls; larger ones are 413.
    static let maximumBodyBytes = 256 << 10

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")), id > 0 else {
            throw APIError(.badRequest, .malformedRequest, "the request id is a positive whole number")
        }
        return id
    }

    static func limit(_ text: String?, default defaultLimit: Int = 100, maximum: Int = 1_000) throws -> Int {
        guard let text else { return defaultLimit }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw APIError(.badRequest, .malformedRequest, "limit must be 1 to \(maximum)")
        }
        return limit
    }

    /// The JSON body as `T`; nil for an empty body when `allowEmpty`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, allowEmpty: Bool) async throws -> T? {
        var request = request
        let body = try await request.collectBody(upTo: maximumBodyBytes)
        if body.readableBytes == 0 {
            if allowEmpty { return nil }
            throw APIError(.badRequest, .malformedRequest, "the body is empty")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw APIError(.badRequest, .malformedRequest, "the body is not the expected JSON")
        }
    }
}
