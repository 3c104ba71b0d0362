import HeraldRelay
import Testing

@Suite struct DiscordRouteTests {
    static let channelA = "111111111111111111"
    static let channelB = "222222222222222222"
    static let webhookToken = "3d89bb7572e0fb30d8128367b3b1b44fecd1726de135cbe28a41f8b2f777c372ba2939e72279b94526ff5d1bd4358d65cf11"

    @Test func channelMessagesShareARouteButNotAMajorParameter() {
        let a = DiscordRoute(method: "POST", path: "/channels/\(Self.channelA)/messages")
        let b = DiscordRoute(method: "POST", path: "/channels/\(Self.channelB)/messages")
        #expect(a.bucketRoute == "/channels/:id/messages")
        #expect(b.bucketRoute == a.bucketRoute)
        #expect(a.majorParameter == Self.channelA)
        #expect(b.majorParameter == Self.channelB)
        #expect(a != b)
        #expect(!a.isInteraction)
    }

    @Test func minorIdsAreCollapsed() {
        let one = DiscordRoute(method: "PATCH", path: "/channels/\(Self.channelA)/messages/123456789012345678")
        let two = DiscordRoute(method: "patch", path: "/channels/\(Self.channelA)/messages/876543210987654321")
        #expect(one.bucketRoute == "/channels/:id/messages/:id")
        #expect(one.method == "PATCH")
        #expect(one == two)
        #expect(one.hashValue == two.hashValue)
    }

    @Test func guildRoleRouteFromAFullURL() {
        let route = DiscordRoute(
            method: "PUT",
            path: "https://discord.com/api/v10/guilds/333333333333333333/members/44444444444444444/roles/55555555555555555555?reason=x"
        )
        #expect(route.bucketRoute == "/guilds/:id/members/:id/roles/:id")
        #expect(route.majorParameter == "333333333333333333")
        let sameGuildOtherMember = "/guilds/333333333333333333/members/66666666666666666/roles/77777777777777777"
        #expect(route == DiscordRoute(method: "PUT", path: sameGuildOtherMember))
    }

    @Test func apiPrefixWithoutHostIsStripped() {
        let route = DiscordRoute(method: "GET", path: "/api/v9/channels/\(Self.channelA)")
        #expect(route.bucketRoute == "/channels/:id")
        #expect(route.majorParameter == Self.channelA)
        #expect(DiscordRoute(method: "GET", path: "channels/\(Self.channelA)/") == route)
    }

    @Test func reactionsCollapseToOneRoute() {
        let path = "/channels/\(Self.channelA)/messages/123456789012345678/reactions"
        let own = DiscordRoute(method: "PUT", path: path + "/%F0%9F%91%8D/@me")
        let someone = DiscordRoute(method: "PUT", path: path + "/name:123456789012345678/98765432109876543")
        #expect(own.bucketRoute == "/channels/:id/messages/:id/reactions/:reaction")
        #expect(own == someone)
        #expect(DiscordRoute(method: "DELETE", path: path).bucketRoute == "/channels/:id/messages/:id/reactions")
    }

    @Test func webhookTokenIsPartOfTheMajorParameterNotTheRoute() {
        let route = DiscordRoute(method: "POST", path: "/webhooks/223704706495545344/\(Self.webhookToken)?wait=true")
        #expect(route.bucketRoute == "/webhooks/:id/:token")
        #expect(route.majorParameter == "223704706495545344/\(Self.webhookToken)")
        #expect(route.isInteraction)
        let bare = DiscordRoute(method: "GET", path: "/webhooks/223704706495545344")
        #expect(bare.bucketRoute == "/webhooks/:id")
        #expect(bare.majorParameter == "223704706495545344")
    }

    @Test func interactionCallbackIsExemptAndItsTokenCollapsed() {
        let callback = DiscordRoute(method: "POST", path: "/interactions/123456789012345678/aW50ZXJhY3Rpb246MTIz/callback")
        #expect(callback.isInteraction)
        #expect(callback.bucketRoute == "/interactions/:id/:token/callback")
        #expect(callback.majorParameter == "global")
        let followUp = DiscordRoute(method: "PATCH", path: "/webhooks/123456789012345678/aW50ZXJhY3Rpb246MTIz/messages/@original")
        #expect(followUp.isInteraction)
        #expect(followUp.bucketRoute == "/webhooks/:id/:token/messages/@original")
    }

    @Test func routesWithoutATopLevelResourceAreGlobal() {
        let dm = DiscordRoute(method: "POST", path: "/users/@me/channels")
        #expect(dm.bucketRoute == "/users/@me/channels")
        #expect(dm.majorParameter == "global")
        #expect(!dm.isInteraction)
        #expect(DiscordRoute(method: "GET", path: "").bucketRoute == "/")
    }

    @Test func onlySeventeenToTwentyDigitsAreIds() {
        let short = DiscordRoute(method: "GET", path: "/channels/1234567890123456")
        let long = DiscordRoute(method: "GET", path: "/channels/123456789012345678901")
        #expect(short.bucketRoute == "/channels/1234567890123456")
        #expect(short.majorParameter == "global")
        #expect(long.bucketRoute == "/channels/123456789012345678901")
        #expect(DiscordRoute(method: "GET", path: "/channels/12345678901234567890").bucketRoute == "/channels/:id")
    }
}
