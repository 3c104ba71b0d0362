import Foundation
import HeraldRelay

/// Reads payments and refunds back from YooKassa's API (`GET /v3/payments/{id}`,
/// `GET /v3/refunds/{id}`, HTTP Basic with the shop id and secret key), through
/// the libcurl transport.
///
/// YooKassa signs nothing, so what its API answers is the only truth: an
/// object the API does not know is `refused`; an API that cannot be asked is
/// `unavailable`, so the notification is delivered again later.
struct YooKassaClient: Sendable {
    let apiBaseURL: String
    let shopID: String
    let secretKey: String
    let transport: any HTTPTransport

    init(apiBaseURL: URL, shopID: String, secretKey: String, transport: any HTTPTransport) {
        var base = apiBaseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.apiBaseURL = base
        self.shopID = shopID
        self.secretKey = secretKey
        self.transport = transport
    }

    func payment(id: String) async throws(EventConfirmationError) -> JSONValue {
        try await object("payments", id: id, what: "payment")
    }

    func refund(id: String) async throws(EventConfirmationError) -> JSONValue {
        try await object("refunds", id: id, what: "refund")
    }

    private func object(_ collection: String, id: String, what: String) async throws(EventConfirmationError) -> JSONValue {
        guard Self.isObjectID(id) else { throw .refused("'\(id.prefix(64))' is not a YooKassa \(what) id") }
        let credentials = Data("\(shopID):\(secretKey)".utf8).base64EncodedString()
        let request = OutboundRequest(
            method: "GET", url: "\(apiBaseURL)/v3/\(collection)/\(id)",
            headers: [(name: "Authorization", value: "Basic \(credentials)"), (name: "Accept", value: "application/json")],
            timeout: .seconds(10)
        )
        let response: OutboundResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .unavailable("YooKassa could not be reached to confirm \(what) \(id)")
        }
        switch response.status {
        case 200:
            guard let object = try? JSONValue.parse(response.body, maximumDepth: InboundEnvelope.maximumDepth), object["id"]?.string == id else {
                throw .unavailable("YooKassa's answer about \(what) \(id) was not understood")
            }
            return object
        case 404:
            throw .refused("YooKassa knows no \(what) \(id)")
        case 401, 403:
            // Never echo the answer: it may repeat the credentials' shop id; the key is never in it, nor here.
            throw .unavailable("YooKassa refused the shop credentials (check YOOKASSA_SHOP_ID and YOOKASSA_SECRET_KEY)")
        default:
            throw .unavailable("YooKassa answered \(response.status) about \(what) \(id)")
        }
    }

    /// YooKassa ids are UUID-like; anything else never reaches a URL path.
    static func isObjectID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }
}
