import Foundation

extension DeliveryClassifier {
    /// The fields of a Discord or Telegram JSON answer that decide a delivery.
    ///
    /// Exists so classification reads typed optionals instead of poking at
    /// `[String: Any]`. Every field is decoded on its own and leniently: a
    /// field of the wrong type is simply absent, never a reason to drop the
    /// others.
    ///
    /// Discord: `{"message": String, "code": Int, "retry_after": Double, "global": Bool}`.
    /// Telegram: `{"ok": Bool, "error_code": Int, "description": String,
    /// "parameters": {"retry_after": Int, "migrate_to_chat_id": Int}}`.
    struct ProviderBody: Decodable, Equatable {
        /// Bodies are read up to this many bytes; a longer JSON body is cut and
        /// therefore treated as "not JSON".
        static let inspectedPrefix = 64 * 1024

        var ok: Bool?
        var code: Int?
        var errorCode: Int?
        var message: String?
        var description: String?
        var retryAfter: Double?
        var global: Bool?
        var parameters: Parameters?

        struct Parameters: Decodable, Equatable {
            var retryAfter: Double?
            var migrateToChatID: Int64?

            enum CodingKeys: String, CodingKey {
                case retryAfter = "retry_after"
                case migrateToChatID = "migrate_to_chat_id"
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                retryAfter = try? container.decodeIfPresent(Double.self, forKey: .retryAfter)
                migrateToChatID = try? container.decodeIfPresent(Int64.self, forKey: .migrateToChatID)
            }
        }

        enum CodingKeys: String, CodingKey {
            case ok, code, message, description, global, parameters
            case errorCode = "error_code"
            case retryAfter = "retry_after"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            ok = try? container.decodeIfPresent(Bool.self, forKey: .ok)
            code = try? container.decodeIfPresent(Int.self, forKey: .code)
            errorCode = try? container.decodeIfPresent(Int.self, forKey: .errorCode)
            message = try? container.decodeIfPresent(String.self, forKey: .message)
            description = try? container.decodeIfPresent(String.self, forKey: .description)
            retryAfter = try? container.decodeIfPresent(Double.self, forKey: .retryAfter)
            global = try? container.decodeIfPresent(Bool.self, forKey: .global)
            parameters = try? container.decodeIfPresent(Parameters.self, forKey: .parameters)
        }

        /// The body as a JSON object, or `nil` when it is empty, not JSON, not
        /// an object, or longer than `inspectedPrefix`.
        static func parse(_ body: [UInt8]) -> ProviderBody? {
            let prefix = body.prefix(inspectedPrefix)
            // Skip the decoder for the common non-JSON answers (HTML error pages).
            guard let first = prefix.first(where: { !isJSONWhitespace($0) }), first == UInt8(ascii: "{") else {
                return nil
            }
            return try? JSONDecoder().decode(ProviderBody.self, from: Data(prefix))
        }

        private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        /// The provider's own words about the error, for reasons:
        /// Discord `message (code N)`, Telegram `description`.
        func providerMessage(for provider: ProviderKind) -> String? {
            switch provider {
            case .discord:
                switch (message, code) {
                case let (message?, code?): "\(message) (code \(code))"
                case let (message?, nil): message
                case let (nil, code?): "code \(code)"
                case (nil, nil): nil
                }
            case .telegram:
                description
            case .webhook:
                // Third-party bodies are arbitrary (HTML, stack traces, echoed
                // secrets): never copied into reasons.
                nil
            }
        }
    }
}
