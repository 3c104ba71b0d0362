import Foundation
import HeraldRelay

/// Discord's OAuth2 code exchange and `GET /users/@me`, through the libcurl transport.
///
/// The token endpoint takes only a form body, with the client id and secret in
/// it; the redirect URI must be the one the authorize URL named.
struct DiscordOAuthClient: Sendable {
    let apiBaseURL: String
    let clientID: String
    let clientSecret: String
    let redirectURI: String
    let transport: any HTTPTransport

    struct Tokens: Decodable {
        let accessToken: String
        let refreshToken: String?
        let expiresIn: Int
        enum CodingKeys: String, CodingKey { case accessToken = "access_token", refreshToken = "refresh_token", expiresIn = "expires_in" }
    }

    /// The error body of the token endpoint (`{"error": "invalid_grant", …}`).
    struct OAuthError: Decodable {
        let error: String
    }

    struct Account: Decodable {
        let id: String
        let username: String
        let globalName: String?
        let avatar: String?
        enum CodingKeys: String, CodingKey { case id, username, globalName = "global_name", avatar }
    }

    /// Where to send the member: Discord's consent screen for scope `identify`.
    func authorizeURL(state: String) -> String {
        // Discord serves the consent page outside its API path; a test or staging base keeps everything on one host.
        let base = apiBaseURL.hasPrefix("https://discord.com/") ? "https://discord.com/oauth2/authorize" : apiBaseURL + "/oauth2/authorize"
        return base + "?" + Self.form([
            ("response_type", "code"), ("client_id", clientID), ("scope", "identify"), ("state", state),
            ("redirect_uri", redirectURI), ("prompt", "consent"),
        ])
    }

    func exchange(code: String) async throws(AuthError) -> Tokens {
        let body = Self.form([
            ("client_id", clientID), ("client_secret", clientSecret), ("grant_type", "authorization_code"),
            ("code", code), ("redirect_uri", redirectURI),
        ])
        let request = OutboundRequest(
            method: "POST", url: apiBaseURL + "/oauth2/token",
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: Array(body.utf8)
        )
        return try await call(request, as: Tokens.self, what: "the code exchange", refusal: "Discord refused the authorization code")
    }

    /// Trades a refresh token for new tokens (`grant_type=refresh_token`). Discord's
    /// refresh tokens work once: the answer carries the next one.
    /// - Throws: `.refused` only for `invalid_grant` (revoked, used or expired: link again);
    ///   `.upstream` for anything that may work on a later try.
    func refresh(refreshToken: String) async throws(AuthError) -> Tokens {
        let body = Self.form([
            ("client_id", clientID), ("client_secret", clientSecret), ("grant_type", "refresh_token"), ("refresh_token", refreshToken),
        ])
        let request = OutboundRequest(
            method: "POST", url: apiBaseURL + "/oauth2/token",
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")], body: Array(body.utf8)
        )
        return try await call(
            request, as: Tokens.self, what: "the token refresh", refusal: "Discord refused the refresh token", refusedOnlyForInvalidGrant: true
        )
    }

    func account(accessToken: String) async throws(AuthError) -> Account {
        let request = OutboundRequest(method: "GET", url: apiBaseURL + "/users/@me", headers: [(name: "Authorization", value: "Bearer \(accessToken)")])
        return try await call(request, as: Account.self, what: "reading the Discord account")
    }

    /// - Parameters:
    ///   - refusal: the message of a 400 (nil: a 400 is an upstream failure like any other status).
    ///   - refusedOnlyForInvalidGrant: a 400 is a refusal only with `"error": "invalid_grant"`.
    private func call<T: Decodable>(
        _ request: OutboundRequest, as type: T.Type, what: String, refusal: String? = nil, refusedOnlyForInvalidGrant: Bool = false
    ) async throws(AuthError) -> T {
        let response: OutboundResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .upstream("Discord could not be reached for \(what)")
        }
        guard response.status == 200 else {
            // 400 invalid_grant: a code used twice or for another redirect, or a spent refresh token;
            // never echo the body, it may name the code.
            let isGrantError = (try? JSONDecoder().decode(OAuthError.self, from: Data(response.body)))?.error == "invalid_grant"
            if response.status == 400, let refusal, isGrantError || !refusedOnlyForInvalidGrant { throw .refused(refusal) }
            throw .upstream("Discord answered \(response.status) to \(what)")
        }
        guard let value = try? JSONDecoder().decode(T.self, from: Data(response.body)) else {
            throw .upstream("Discord's answer to \(what) was not understood")
        }
        return value
    }

    static func form(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
