import Foundation
import Hummingbird

/// A local server that plays Discord's OAuth2 endpoints: the code exchange
/// (`POST /oauth2/token`, form-encoded only, client id and secret checked, each
/// code usable once and only with the redirect URI it was issued for), the
/// refresh (`grant_type=refresh_token`: each refresh token works once and is
/// replaced by a new one) and `GET /users/@me` with the access token it handed out.
public actor FakeDiscordOAuth {
    public struct Account: Sendable {
        public let id: String
        public let username: String
        public init(id: String, username: String) {
            self.id = id
            self.username = username
        }
    }

    public let clientID: String
    let clientSecret: String
    private var codes: [String: (account: Account, redirectURI: String)] = [:]
    private var tokens: [String: Account] = [:]
    private var refreshTokens: [String: Account] = [:]
    public private(set) var exchanges = 0
    /// Successful `refresh_token` grants.
    public private(set) var refreshes = 0
    /// While set, the token endpoint answers this status (a Discord outage).
    private var outageStatus: Int?

    public init(clientID: String, clientSecret: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// What Discord would do when `account` approves the authorization: a code for the redirect.
    public func approve(_ account: Account, redirectURI: String) -> String {
        let code = "code-\(UUID().uuidString.prefix(8))"
        codes[code] = (account, redirectURI)
        return code
    }

    /// Tokens as a code exchange would hand them out, for tests that start from a linked member.
    public func issueTokens(for account: Account) -> (accessToken: String, refreshToken: String) {
        let access = "access-\(UUID().uuidString)"
        let refresh = "refresh-\(UUID().uuidString)"
        tokens[access] = account
        refreshTokens[refresh] = account
        return (access, refresh)
    }

    /// Whether `accessToken` is one this server handed out.
    public func isValid(accessToken: String) -> Bool { tokens[accessToken] != nil }

    /// Makes the token endpoint answer `status` (nil: back to normal).
    public func setOutage(status: Int?) { outageStatus = status }

    /// Serves until `body` returns; passes the API base URL (as `DISCORD_API_BASE_URL`).
    public func serve<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        let router = Router()
        let api = router.group("/api/v10")
        api.post("/oauth2/token") { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 16)
            return await self.token(contentType: request.headers[.contentType], body: String(buffer: bytes))
        }
        api.get("/users/@me") { request, _ in
            await self.me(authorization: request.headers[.authorization])
        }
        return try await LocalHTTPServer.serve(router, label: "fake-discord-oauth", body)
    }

    func token(contentType: String?, body: String) -> Response {
        guard contentType?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return .json(.badRequest, #"{"error": "invalid_request", "error_description": "form body required"}"#)
        }
        var form: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        guard form["client_id"] == clientID, form["client_secret"] == clientSecret else {
            return .json(.unauthorized, #"{"error": "invalid_client"}"#)
        }
        if let outageStatus {
            return .json(.init(code: outageStatus), #"{"message": "upstream unavailable", "code": 0}"#)
        }
        if form["grant_type"] == "refresh_token" {
            guard let refresh = form["refresh_token"], let account = refreshTokens.removeValue(forKey: refresh) else {
                return .json(.badRequest, #"{"error": "invalid_grant"}"#)
            }
            refreshes += 1
            return grant(account)
        }
        guard form["grant_type"] == "authorization_code", let code = form["code"], let issued = codes.removeValue(forKey: code),
            form["redirect_uri"] == issued.redirectURI
        else {
            return .json(.badRequest, #"{"error": "invalid_grant", "error_description": "Invalid \"code\" in request."}"#)
        }
        exchanges += 1
        return grant(issued.account)
    }

    private func grant(_ account: Account) -> Response {
        let (access, refresh) = issueTokens(for: account)
        return .json(.ok, #"{"access_token": "\#(access)", "token_type": "Bearer", "expires_in": 604800, "refresh_token": "\#(refresh)", "scope": "identify"}"#)
    }

    func me(authorization: String?) -> Response {
        guard let authorization, authorization.hasPrefix("Bearer "), let account = tokens[String(authorization.dropFirst(7))] else {
            return .json(.unauthorized, #"{"message": "401: Unauthorized", "code": 0}"#)
        }
        return .json(.ok, #"{"id": "\#(account.id)", "username": "\#(account.username)", "global_name": null, "avatar": null}"#)
    }
}
