import Crypto
import Foundation
import HTTPTypes
import HeraldCore
import HeraldStore
import HeraldVerify

/// A new webhook endpoint checked against the rules an endpoint must meet,
/// from a `POST /api/v1/endpoints` body or `herald endpoints add`.
///
/// Kept apart from the controller so the API and the command line share one
/// set of rules (URL shape, secret format, rate bounds). No message ever
/// repeats the submitted secret.
public struct EndpointRegistration: Sendable {
    static let maximumURLLength = 2_048
    static let maximumDescriptionLength = 200
    static let maximumRatePerSecond = 1_000.0
    /// Standard Webhooks asks for secrets of 24 to 64 bytes; generated ones use 24.
    static let secretByteRange = 24...64
    static let generatedSecretByteCount = 24

    public let url: String
    /// The `whsec_<base64>` secret in canonical (padded) form: shown once, then only stored sealed.
    public let secret: String
    public let ratePerSecond: Double?
    public let description: String?

    private struct Body: Decodable {
        let url: String
        let secret: String?
        let ratePerSecond: Double?
        let description: String?

        enum CodingKeys: String, CodingKey {
            case url, secret, description, ratePerSecond = "rate_per_second"
        }
    }

    /// Validates the fields of a registration; a nil `secret` gets a generated one.
    /// - Throws: `APIError` 422 `rule_violation` naming the field that breaks a rule.
    public init(url: String, secret: String?, ratePerSecond: Double?, description: String?) throws(APIError) {
        self.url = try Self.validURL(url)
        self.secret = try secret.map(Self.canonicalSecret) ?? Self.generatedSecret()
        if let rate = ratePerSecond {
            guard rate.isFinite, rate > 0, rate <= Self.maximumRatePerSecond else {
                throw Self.violation("rate_per_second must be greater than 0 and at most \(Int(Self.maximumRatePerSecond))")
            }
        }
        self.ratePerSecond = ratePerSecond
        if let description, description.count > Self.maximumDescriptionLength {
            throw Self.violation("description must be at most \(Self.maximumDescriptionLength) characters")
        }
        self.description = description.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Parses and validates a JSON body: 400 when it is not a JSON object, 422 when a field breaks a rule.
    init(json data: Data) throws(APIError) {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw APIError(.badRequest, .malformedRequest, #"expected a JSON object such as {"url": "https://…"}"#)
        }
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw Self.violation("\(key.stringValue) is required")
        } catch let DecodingError.valueNotFound(_, context), let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.first?.stringValue ?? "body"
            throw Self.violation("\(field) has the wrong type")
        } catch {
            throw APIError(.badRequest, .malformedRequest, "the request body is not valid JSON")
        }
        try self.init(url: body.url, secret: body.secret, ratePerSecond: body.ratePerSecond, description: body.description)
    }

    /// Seals the secret with `box` and stores the endpoint, enabled.
    public func register(in store: Store, sealingWith box: SecretBox) async throws -> Endpoint {
        let sealed: [UInt8]
        do {
            sealed = try box.seal(Array(secret.utf8))
        } catch {
            throw APIError(.internalServerError, .internalError, error.message)
        }
        return try await store.endpoints.create(
            NewEndpoint(url: url, secretSealed: sealed, ratePerSecond: ratePerSecond, description: description)
        )
    }

    /// An absolute http or https URL with a host, at most 2048 characters.
    static func validURL(_ text: String) throws(APIError) -> String {
        let rule = "url must be an absolute http:// or https:// URL with a host, at most \(maximumURLLength) characters"
        guard text.utf8.count <= maximumURLLength, let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { throw violation(rule) }
        return text
    }

    /// `whsec_` followed by base64 of 24 to 64 bytes, rewritten with standard padding.
    static func canonicalSecret(_ text: String) throws(APIError) -> String {
        guard text.hasPrefix("whsec_"), let key = StandardWebhooksSecret.keyBytes(text), secretByteRange.contains(key.count) else {
            throw violation(
                "secret must be whsec_ followed by base64 of \(secretByteRange.lowerBound) to \(secretByteRange.upperBound) bytes; omit it to have one generated"
            )
        }
        return "whsec_" + Data(key).base64EncodedString()
    }

    /// A fresh secret of 24 random bytes.
    static func generatedSecret() -> String {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: generatedSecretByteCount * 8))
        return "whsec_" + key.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    static func violation(_ message: String) -> APIError {
        APIError(.unprocessableContent, .ruleViolation, message)
    }
}
