import Hummingbird
import Logging
import NIOCore

/// The request context every Herald route sees.
///
/// Its own type (rather than `BasicRequestContext`) so later parts can carry
/// per-request facts such as the verified webhook source or the API caller.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id echoed in `X-Request-Id` and attached to every log line of the request.
    public var requestID: String
    /// The peer's IP address as the socket reports it (a proxy's, behind one).
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
