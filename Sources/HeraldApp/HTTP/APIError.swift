import Foundation
import HTTPTypes
import HeraldCore
import Hummingbird
import NIOCore

/// The one error shape Herald answers with: `{"error": code, "message": text}`.
///
/// Any error reaching the top of a request becomes one of these (see
/// `ErrorMiddleware`), so clients can branch on `error` and show `message`.
public struct APIError: HTTPResponseError, CodedError {
    public let status: HTTPResponse.Status
    public let code: ErrorCode
    public let message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: ErrorCode, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// The status a coded error is answered with.
    public static func status(for code: ErrorCode) -> HTTPResponse.Status {
        switch code {
        case .malformedRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict, .invalidTransition: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .ruleViolation, .insufficientBalance: .unprocessableContent
        case .rateLimited: .tooManyRequests
        case .upstreamFailed: .badGateway
        case .notConfigured, .databaseUnavailable, .notReady: .serviceUnavailable
        default: .internalServerError
        }
    }

    public init(_ error: some CodedError) {
        self.init(Self.status(for: error.code), error.code, error.message)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(ErrorBody(error: code.rawValue, message: message))
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The JSON body of every error answer.
struct ErrorBody: Codable, Equatable {
    let error: String
    let message: String
}
