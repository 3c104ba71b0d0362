import Foundation
import HeraldRelay
import HeraldStore
import HeraldVerify
import Hummingbird
import SQLKit

/// `/auth/discord/…` and `/auth/telegram`: a member proves an account is theirs
/// from a browser. Discord through OAuth2 (a single-use `state` against CSRF,
/// tokens stored sealed with `HERALD_ENCRYPTION_KEY`), Telegram through the
/// Login Widget's signed fields. With `link=CODE` (a code from the other
/// bot's `/link`) the account is joined to that member.
struct AuthController {
    let store: Store
    let configuration: HeraldConfiguration
    /// Present whenever Discord OAuth is configured.
    let transport: (any HTTPTransport)?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/auth/discord/start", use: discordStart)
        router.get("/auth/discord/callback", use: discordCallback)
        router.get("/auth/telegram", use: telegram)
    }

    func oauthClient() throws(AuthError) -> (DiscordOAuthClient, SecretBox) {
        let discord = configuration.discord
        guard let clientID = discord.clientID, let secret = discord.clientSecret, let redirect = discord.redirectURI, let transport else {
            throw .notConfigured("DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET and DISCORD_REDIRECT_URI")
        }
        guard let key = configuration.encryptionKey, let box = try? SecretBox(key: key) else {
            throw .notConfigured("HERALD_ENCRYPTION_KEY (tokens are stored sealed with it)")
        }
        let client = DiscordOAuthClient(
            apiBaseURL: discord.apiBaseURL.absoluteString.trimmingSuffix("/"), clientID: clientID, clientSecret: secret,
            redirectURI: redirect.absoluteString, transport: transport
        )
        return (client, box)
    }

    @Sendable func discordStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try oauthClient()
        let link = request.uri.queryParameters.get("link")
        let state = try await store.backend.withTransaction { db in
            var member: Int64?
            if let link {
                guard let issuer = try await LinkCodeRepository.redeem(link, enteredOn: .discord, on: db) else {
                    throw AuthError.malformed("the link code is not valid; codes work once, for 10 minutes")
                }
                member = issuer
            }
            return try await OAuthStateRepository.create(provider: "discord", userID: member, on: db)
        }
        return Response(status: .found, headers: [.location: client.authorizeURL(state: state), .cacheControl: "no-store"])
    }

    @Sendable func discordCallback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, box) = try oauthClient()
        let query = request.uri.queryParameters
        if query.get("error") != nil { throw AuthError.refused("the Discord authorization was declined") }
        guard let code = query.get("code"), !code.isEmpty, code.count <= 256, let state = query.get("state") else {
            throw AuthError.malformed("the callback needs code and state")
        }
        // The state is spent first, in its own transaction: a replayed callback fails even if the exchange below does.
        let consumed = try await store.backend.withTransaction { db in try await OAuthStateRepository.consume(state, provider: "discord", on: db) }
        guard let linkTo = consumed else { throw AuthError.badState }
        let tokens = try await client.exchange(code: code)
        let account = try await client.account(accessToken: tokens.accessToken)
        let sealedAccess = try box.seal(Array(tokens.accessToken.utf8))
        let sealedRefresh = try tokens.refreshToken.map { try box.seal(Array($0.utf8)) }
        let expiresAt = Date().addingTimeInterval(TimeInterval(tokens.expiresIn))
        let (memberID, linked) = try await store.backend.withTransaction { db in
            let member = try await UserRepository.findOrCreate(
                .discord(id: account.id), profile: PlatformProfile(displayName: account.globalName ?? account.username), on: db
            )
            let joined = try await Self.join(member.id, with: linkTo, on: db)
            // Stored on the member that remains, after any merge.
            try await UserRepository.storeDiscordAuthorization(
                userID: joined.0, username: account.username, avatar: account.avatar, accessToken: sealedAccess,
                refreshToken: sealedRefresh, expiresAt: expiresAt, on: db
            )
            return joined
        }
        return try NotificationController.json(Linked(memberID: memberID, platformID: account.id, linked: linked, platform: "discord"))
    }

    @Sendable func telegram(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let botToken = configuration.telegram.botToken else { throw AuthError.notConfigured("TELEGRAM_BOT_TOKEN") }
        var fields: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where key != "link" {
            fields[String(key)] = String(value).removingPercentEncoding ?? String(value)
        }
        guard fields["hash"] != nil, let id = fields["id"].flatMap({ Int64($0) }) else {
            throw AuthError.malformed("expected the Login Widget's fields: id, auth_date, hash, …")
        }
        do {
            try TelegramLoginWidget.verify(fields: fields, botToken: botToken, now: Date())
        } catch {
            throw AuthError.badSignature(error.message)
        }
        let link = request.uri.queryParameters.get("link")
        let name = [fields["first_name"], fields["last_name"]].compactMap { $0 }.joined(separator: " ")
        let displayName = name.isEmpty ? fields["username"] : name
        let (memberID, linked) = try await store.backend.withTransaction { db in
            let member = try await UserRepository.findOrCreate(
                .telegram(id: id), profile: PlatformProfile(displayName: displayName), on: db
            )
            var linkTo: Int64?
            if let link {
                guard let issuer = try await LinkCodeRepository.redeem(link, enteredOn: .telegram, on: db) else {
                    throw AuthError.malformed("the link code is not valid; codes work once, for 10 minutes")
                }
                linkTo = issuer
            }
            return try await Self.join(member.id, with: linkTo, on: db)
        }
        return try NotificationController.json(Linked(memberID: memberID, platformID: String(id), linked: linked, platform: "telegram"))
    }

    /// Joins the signed-in member with the member the link code named; the member id that remains.
    static func join(_ member: Int64, with other: Int64?, on db: any SQLDatabase) async throws -> (Int64, Bool) {
        guard let other, other != member else { return (member, false) }
        do {
            return (try await MemberMergeRepository.merge(other, member, on: db), true)
        } catch MemberMergeError.conflictingIdentity(let field) {
            throw AuthError.conflict("both members already hold a different \(field); they cannot be joined")
        }
    }

    struct Linked: Encodable {
        let memberID: Int64
        let platformID: String
        let linked: Bool
        let platform: String
        enum CodingKeys: String, CodingKey { case memberID = "member_id", platformID = "platform_id", linked, platform }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
