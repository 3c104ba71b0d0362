import HeraldVerify

/// Turns a generic source's settings into the HMAC scheme its verifier uses,
/// starting from the preset and applying the file's overrides.
enum HMACSchemeSettings {
    static func scheme(for settings: GenericSourceSettings) throws(ConfigurationError) -> HMACScheme {
        let key = "sources.\(settings.name)"
        var scheme: HMACScheme =
            switch settings.preset {
            case .github: .github
            case .paddle: .paddle
            case .lemonsqueezy: .lemonsqueezy
            default: HMACScheme(header: settings.header ?? "")
            }
        if let header = settings.header { scheme.header = header }
        if let text = settings.algorithm {
            guard let algorithm = HMACScheme.Algorithm(rawValue: text.lowercased()) else {
                throw ConfigurationError(key: "\(key).algorithm", problem: "'\(text)' is not one of: sha1, sha256, sha512")
            }
            scheme.algorithm = algorithm
        }
        if let text = settings.encoding {
            guard let encoding = HMACScheme.Encoding(rawValue: text.lowercased()) else {
                throw ConfigurationError(key: "\(key).encoding", problem: "'\(text)' is not one of: hex, hex_any_case, base64")
            }
            scheme.encoding = encoding
        }
        if let prefix = settings.prefix { scheme.prefix = prefix }
        if let text = settings.payload {
            guard let payload = HMACScheme.Payload(rawValue: text == "ts:body" ? "timestamp:body" : text) else {
                throw ConfigurationError(
                    key: "\(key).payload", problem: "'\(text)' is not one of: body, timestamp.body, id.timestamp.body, ts:body"
                )
            }
            scheme.payload = payload
        }
        if let header = settings.timestampHeader { scheme.timestampHeader = header }
        if let header = settings.idHeader { scheme.idHeader = header }
        if let tolerance = settings.toleranceSeconds { scheme.tolerance = tolerance }
        if scheme.signatureFormat == .plain, scheme.payload != .body, scheme.timestampHeader == nil {
            throw ConfigurationError(key: "\(key).timestamp_header", problem: "payload \(scheme.payload.rawValue) needs the timestamp header name")
        }
        if scheme.payload == .idDotTimestampDotBody, scheme.idHeader == nil {
            throw ConfigurationError(key: "\(key).id_header", problem: "payload id.timestamp.body needs the id header name")
        }
        return scheme
    }

    /// Where each preset's providers put the event id and type.
    static func defaultRules(for preset: GenericSourceSettings.Preset) -> (EventIDRule, EventTypeRule) {
        switch preset {
        case .github: (.header(["X-GitHub-Delivery"]), .header(["X-GitHub-Event"]))
        case .paddle: (.json(["event_id"]), .json(["event_type"]))
        case .lemonsqueezy: (.bodyHash, .json(["meta", "event_name"]))
        default: (.bodyHash, .json(["type"]))
        }
    }
}

extension GenericSourceSettings {
    /// The HMAC scheme this source verifies with (presets github, paddle, lemonsqueezy and hmac).
    public func hmacScheme() throws(ConfigurationError) -> HMACScheme {
        try HMACSchemeSettings.scheme(for: self)
    }
}
