/// The three Standard Webhooks headers of one request, with Svix's aliases.
///
/// Like the Svix library, the `svix-*` trio is used when all three are present;
/// otherwise the `webhook-*` trio is read [SVIX].
struct StandardWebhooksHeaders {
    static let standard = (id: "webhook-id", timestamp: "webhook-timestamp", signature: "webhook-signature")
    static let svix = (id: "svix-id", timestamp: "svix-timestamp", signature: "svix-signature")

    let id: String
    let timestamp: UnixTimestamp
    let signatures: [[UInt8]]

    /// - Throws: `missingSignature` without a signature or id header (the id is part of
    ///   the signed content; `.`  in it is `malformedSignature`, as the spec forbids it),
    ///   `missingTimestamp`/`malformedTimestamp` for the timestamp, and the
    ///   `SignatureCandidates` codes for the `v1,<base64>` list.
    init(_ request: WebhookRequest) throws(VerificationError) {
        let svix = Self.svix
        let names = [svix.id, svix.timestamp, svix.signature].allSatisfy { request.nonEmptyHeader($0) != nil }
            ? svix : Self.standard

        guard let signature = request.nonEmptyHeader(names.signature) else { throw .missingSignature }
        guard let id = request.nonEmptyHeader(names.id) else { throw .missingSignature }
        guard let timestamp = request.nonEmptyHeader(names.timestamp) else { throw .missingTimestamp }
        guard !id.contains(".") else { throw .malformedSignature }
        self.id = id
        self.timestamp = try UnixTimestamp(parsing: timestamp)
        self.signatures = try Self.parseSignatures(signature)
    }

    /// Space-separated `<version>,<base64>` entries; only `v1` counts (`v1a` and
    /// future versions are skipped, as in the reference library).
    static func parseSignatures(_ value: String) throws(VerificationError) -> [[UInt8]] {
        var candidates = SignatureCandidates()
        for entry in value.split(separator: " ") {
            guard let comma = entry.firstIndex(of: ","), entry[..<comma] == "v1" else { continue }
            candidates.add(entry[entry.index(after: comma)...], length: 32) { Base64.decode($0) }
        }
        return try candidates.usable()
    }
}
