import Foundation

/// How one HMAC-signing provider lays out its signature, so that a single
/// verifier can serve GitHub, Paddle, Lemon Squeezy and custom senders.
///
/// A scheme is pure configuration: which header carries the MAC, which hash and
/// text encoding it uses, and which bytes were signed. Presets live in
/// `HMACScheme+Presets.swift`; Standard Webhooks has its own verifier.
public struct HMACScheme: Sendable, Equatable {
    /// The hash inside the HMAC.
    public enum Algorithm: String, Sendable, Equatable, CaseIterable {
        /// HMAC-SHA1: only for legacy senders such as GitHub's `X-Hub-Signature`.
        case sha1
        case sha256
        case sha512
    }

    /// How the MAC bytes are written in the header.
    public enum Encoding: String, Sendable, Equatable, CaseIterable {
        /// Lower-case hex only. Every preset provider emits lower-case hex and its
        /// reference verifier compares hex *strings*, so upper case fails there too.
        case hex
        /// Hex in either letter case, for senders that emit upper case.
        case hexAnyCase = "hex_any_case"
        /// Standard base64 with padding.
        case base64
    }

    /// Which bytes the MAC covers (`‖` is concatenation, `body` the raw bytes).
    public enum Payload: String, Sendable, Equatable, CaseIterable {
        /// `body`
        case body
        /// `timestamp ‖ "." ‖ body`
        case timestampDotBody = "timestamp.body"
        /// `id ‖ "." ‖ timestamp ‖ "." ‖ body`
        case idDotTimestampDotBody = "id.timestamp.body"
        /// `timestamp ‖ ":" ‖ body` (Paddle)
        case timestampColonBody = "timestamp:body"

        var needsTimestamp: Bool { self != .body }
        var needsID: Bool { self == .idDotTimestampDotBody }
    }

    /// How the signature header value is structured.
    public enum SignatureFormat: String, Sendable, Equatable, CaseIterable {
        /// The whole value is `prefix ‖ encoded MAC`.
        case plain
        /// `ts=<unix>;h1=<mac>[;h1=<mac>…]` (Paddle Billing): the timestamp comes from
        /// `ts`, and every `h1` is a candidate (several appear during secret rotation).
        case paddle
    }

    /// The header holding the signature.
    public var header: String
    public var algorithm: Algorithm
    public var encoding: Encoding
    /// Text before the encoded MAC in a `.plain` header (e.g. `sha256=`); required when set.
    public var prefix: String?
    public var payload: Payload
    /// Header holding the unix-seconds timestamp for `.plain` schemes whose payload signs one.
    public var timestampHeader: String?
    /// Header holding the message id for `.idDotTimestampDotBody`.
    public var idHeader: String?
    /// Maximum `|now − timestamp|` in seconds; nil means no freshness check. Only
    /// applies when the payload signs the timestamp (an unsigned one proves nothing).
    public var tolerance: TimeInterval?
    public var signatureFormat: SignatureFormat

    public init(
        header: String,
        algorithm: Algorithm = .sha256,
        encoding: Encoding = .hex,
        prefix: String? = nil,
        payload: Payload = .body,
        timestampHeader: String? = nil,
        idHeader: String? = nil,
        tolerance: TimeInterval? = nil,
        signatureFormat: SignatureFormat = .plain
    ) {
        self.header = header
        self.algorithm = algorithm
        self.encoding = encoding
        self.prefix = prefix
        self.payload = payload
        self.timestampHeader = timestampHeader
        self.idHeader = idHeader
        self.tolerance = tolerance
        self.signatureFormat = signatureFormat
    }
}
