import Configuration
import Foundation
import HeraldVerify

/// Typed, validated reads over a `ConfigReader`.
///
/// Everything is read as text and parsed here, so a bad value always becomes a
/// `ConfigurationError` naming its key rather than silently falling back to a
/// default (the optional readers of swift-configuration return `nil` on a
/// conversion error).
struct ConfigValues {
    let reader: ConfigReader

    func string(_ key: String, secret: Bool = false) -> String? {
        guard let value = reader.string(forKey: ConfigKey(key), isSecret: secret) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A list, written as a YAML sequence or as comma-separated text (`ai,lead,points`).
    func list(_ key: String) -> [String]? {
        let items = reader.stringArray(forKey: ConfigKey(key)) ?? string(key)?.split(separator: ",").map(String.init)
        return items?.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func integer(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let text = string(key) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(key: key, problem: "'\(text)' is not a whole number between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    func optionalInteger(_ key: String) throws(ConfigurationError) -> Int64? {
        guard let text = string(key) else { return nil }
        guard let value = Int64(text) else {
            throw ConfigurationError(key: key, problem: "'\(text)' is not a whole number")
        }
        return value
    }

    func boolean(_ key: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
        guard let text = string(key)?.lowercased() else { return defaultValue }
        switch text {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw ConfigurationError(key: key, problem: "'\(text)' is not true or false")
        }
    }

    func number(_ key: String, default defaultValue: Double) throws(ConfigurationError) -> Double {
        guard let text = string(key) else { return defaultValue }
        guard let value = Double(text), value.isFinite, value > 0 else {
            throw ConfigurationError(key: key, problem: "'\(text)' is not a positive number")
        }
        return value
    }

    func choice<T: RawRepresentable<String> & CaseIterable>(_ key: String, default defaultValue: T) throws(ConfigurationError) -> T {
        guard let text = string(key) else { return defaultValue }
        guard let value = T(rawValue: text.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(key: key, problem: "'\(text)' is not one of: \(allowed)")
        }
        return value
    }

    func httpURL(_ key: String, default defaultValue: String) throws(ConfigurationError) -> URL {
        let text = string(key) ?? defaultValue
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            throw ConfigurationError(key: key, problem: "'\(text)' is not an http(s) URL")
        }
        return url
    }

    /// A secret in base64 that must decode to exactly `length` bytes. The value itself is never echoed.
    func base64Key(_ key: String, length: Int) throws(ConfigurationError) -> [UInt8]? {
        guard let text = string(key, secret: true) else { return nil }
        guard let data = Data(base64Encoded: text), data.count == length else {
            throw ConfigurationError(key: key, problem: "must be base64 of exactly \(length) bytes (generate one with: openssl rand -base64 \(length))")
        }
        return Array(data)
    }

    /// A hex string of exactly `length` bytes (such as Discord's Ed25519 public key).
    func hexKey(_ key: String, length: Int) throws(ConfigurationError) -> [UInt8]? {
        guard let text = string(key) else { return nil }
        guard let bytes = Hex.decode(text, letterCase: .any), bytes.count == length else {
            throw ConfigurationError(key: key, problem: "must be \(length * 2) hexadecimal characters")
        }
        return bytes
    }
}
