import HTTPTypes
import HeraldCore
import Hummingbird
import Logging
import NIOCore

/// Turns every error into the JSON error shape, and logs the unexpected ones.
///
/// Without it, Hummingbird answers an unknown error with a bare 500 and logs
/// it only at debug level.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.apiError(for: error, logger: context.logger).response(from: request, context: context)
        }
    }

    static func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as any CodedError:
            if error.code == .internalError || error.code == .databaseUnavailable {
                logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return APIError(error)
        case let error as HTTPError:
            var apiError = APIError(error.status, code(for: error.status), error.body ?? defaultMessage(for: error.status))
            apiError.headers = error.headers
            return apiError
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, .payloadTooLarge, "the request body is too large")
        case let error as any HTTPResponseError:
            return APIError(error.status, code(for: error.status), defaultMessage(for: error.status))
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return APIError(.internalServerError, .internalError, "an unexpected error occurred")
        }
    }

    static func code(for status: HTTPResponse.Status) -> ErrorCode {
        switch status.code {
        case 400: .malformedRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 409: .conflict
        case 413: .payloadTooLarge
        case 422: .ruleViolation
        case 429: .rateLimited
        case 503: .notReady
        default: .internalError
        }
    }

    static func defaultMessage(for status: HTTPResponse.Status) -> String {
        status.code == 404 ? "no such route" : status.reasonPhrase.lowercased()
    }
}
