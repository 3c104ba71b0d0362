/// The parts of an inbound HTTP request that a signature check may look at.
///
/// Verifiers must see the exact bytes the provider signed, so the body is kept
/// raw and never decoded; the HTTP layer builds one of these before any parsing.
public struct WebhookRequest: Sendable {
    /// Header fields in arrival order; names keep whatever case they arrived in.
    public let headers: [(name: String, value: String)]
    /// The raw request body, exactly as received.
    public let body: [UInt8]
    /// The socket peer address (an IPv4 or IPv6 literal), if known.
    public let remoteAddress: String?

    public init(headers: [(name: String, value: String)], body: [UInt8], remoteAddress: String? = nil) {
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The first value of the header called `name`, compared case-insensitively (ASCII).
    public func header(_ name: String) -> String? {
        headers.first { ASCII.caseInsensitiveEquals($0.name, name) }?.value
    }

    /// Every value of the header called `name`, in arrival order.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { ASCII.caseInsensitiveEquals($0.name, name) }.map(\.value)
    }

    /// The first non-empty value of `name`; an empty header counts as absent.
    func nonEmptyHeader(_ name: String) -> String? {
        guard let value = header(name), !value.isEmpty else { return nil }
        return value
    }
}
