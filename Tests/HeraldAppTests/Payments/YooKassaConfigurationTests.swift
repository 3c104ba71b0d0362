import Foundation
import HeraldApp
import Testing

/// The `yookassa` preset's settings.
@Suite struct YooKassaConfigurationTests {
    static func load(_ yaml: String, _ environment: [String: String]) async throws -> HeraldConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("herald-yookassa-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await HeraldConfiguration.load(environment: environment.merging(["HERALD_CONFIG_FILE": file.path]) { $1 })
    }

    @Test func theSourceDefaultsToYooKassasPublishedAddressesAndAPI() async throws {
        let configuration = try await Self.load("sources:\n  yookassa:\n    preset: yookassa\n", ["YOOKASSA_SHOP_ID": "506751", "YOOKASSA_SECRET_KEY": "test_key"])
        let source = try #require(configuration.inbound.sources.first)
        #expect(source.preset == .yookassa && source.secrets.isEmpty)
        #expect(source.allow.contains("185.71.76.0/27") && source.allow.contains("77.75.156.11/32") && source.allow.contains("2a02:5180::/32"))
        #expect(configuration.yookassa.apiBaseURL.absoluteString == "https://api.yookassa.ru")
        #expect(configuration.yookassa.shopID == "506751")
    }

    @Test(arguments: [
        ("sources:\n  yookassa:\n    preset: yookassa\n", ["YOOKASSA_SHOP_ID": "506751"], "yookassa.secret_key"),
        ("sources:\n  yookassa:\n    preset: yookassa\n", ["YOOKASSA_SECRET_KEY": "test_key_never_echoed"], "yookassa.secret_key"),
        ("sources:\n  yookassa:\n    preset: yookassa\n    allow: []\n", ["YOOKASSA_SHOP_ID": "1", "YOOKASSA_SECRET_KEY": "test_key_never_echoed"], "sources.yookassa.allow"),
        ("http:\n  port: 8080\n", ["YOOKASSA_API_BASE_URL": "ftp://api.yookassa.ru"], "yookassa.api_base_url"),
    ])
    func aMissingOrBadSettingNamesItsKey(yaml: String, environment: [String: String], key: String) async throws {
        do {
            _ = try await Self.load(yaml, environment)
            Issue.record("accepted: \(yaml) \(environment.keys.sorted())")
        } catch let error as ConfigurationError {
            #expect(error.key == key)
            #expect(!error.description.contains("test_key_never_echoed"))
        }
    }
}
