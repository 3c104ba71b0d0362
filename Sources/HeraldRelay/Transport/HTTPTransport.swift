import Foundation

/// One outbound HTTP request, as the channel adapters build it.
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Total time allowed for the exchange, connection included.
    public var timeout: Duration

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [], timeout: Duration = .seconds(15)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What came back: status, headers (in arrival order) and the body.
public struct OutboundResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why an exchange produced no response at all.
public enum TransportError: Error, Sendable, Equatable {
    /// The total timeout passed.
    case timedOut
    /// The host could not be resolved or reached, or the connection broke.
    case connectionFailed(String)
    /// TLS could not be established or the certificate was refused.
    case tls(String)
    /// The caller's task was cancelled.
    case cancelled
    /// The request could not be made (malformed URL, unsupported scheme, …).
    case invalidRequest(String)
    case other(String)
}

/// Sends HTTP requests. Channel adapters see only this, never libcurl.
public protocol HTTPTransport: Sendable {
    func send(_ request: OutboundRequest) async throws(TransportError) -> OutboundResponse
}
