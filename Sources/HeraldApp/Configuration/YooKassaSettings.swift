import Foundation

/// The YooKassa shop Herald confirms notifications with: `yookassa.*`
/// (`YOOKASSA_SHOP_ID`, `YOOKASSA_SECRET_KEY`, `YOOKASSA_API_BASE_URL`).
///
/// YooKassa signs nothing, so a source with the `yookassa` preset believes a
/// notification only after reading the payment back from YooKassa's API with
/// these credentials (HTTP Basic: shop id and secret key).
public struct YooKassaSettings: Sendable {
    public var shopID: String?
    /// Never logged or echoed.
    public var secretKey: String?
    public var apiBaseURL: URL

    /// YooKassa's published notification addresses, the default `allow` of a `yookassa` source.
    public static let notificationAddresses = [
        "185.71.76.0/27", "185.71.77.0/27", "77.75.153.0/25", "77.75.156.11/32", "77.75.156.35/32", "77.75.154.128/25", "2a02:5180::/32",
    ]

    init(values: ConfigValues) throws(ConfigurationError) {
        shopID = values.string("yookassa.shop_id")
        secretKey = values.string("yookassa.secret_key", secret: true)
        apiBaseURL = try values.httpURL("yookassa.api_base_url", default: "https://api.yookassa.ru")
    }

    /// The shop id and secret key, when both are set.
    var credentials: (shopID: String, secretKey: String)? {
        guard let shopID, !shopID.isEmpty, let secretKey, !secretKey.isEmpty else { return nil }
        return (shopID, secretKey)
    }
}
