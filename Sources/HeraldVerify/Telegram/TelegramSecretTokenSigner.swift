import Foundation

/// Attaches the Telegram secret-token header, for `herald sign telegram` and tests.
public struct TelegramSecretTokenSigner: WebhookSigner {
    public let secretToken: String

    public init(secretToken: String) {
        self.secretToken = secretToken
    }

    /// `X-Telegram-Bot-Api-Secret-Token: <token>`; body, time and id are not involved.
    public func signatureHeaders(body: [UInt8], timestamp: Date, id: String?) -> [(name: String, value: String)] {
        [(name: TelegramSecretTokenVerifier.headerName, value: secretToken)]
    }
}
