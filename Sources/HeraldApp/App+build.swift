import Foundation
import HeraldRelay
import HeraldStore
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// Builds the Herald HTTP application over an opened store.
///
/// `herald serve` and the tests call this same function, so what is tested is
/// what runs. Migrations run before the listener opens; the store's pool (if
/// any) runs as a service and is shut down after the server has drained.
/// - Parameters:
///   - migrate: apply pending migrations before serving (`herald serve` does).
///   - handlers: what runs for each inbound event type; nil: `InboundHandlerRegistry.standard(configuration:templates:)`.
///   - relay: run the outbox dispatcher (tests of the API turn it off to inspect the outbox).
///   - leaderboardJob: run the leaderboard recompute job (tests recompute by hand).
/// - Throws: `ConfigurationError` when a webhook source is misconfigured or a message template does not parse.
public func buildApplication(
    configuration: HeraldConfiguration,
    store: Store,
    logger: Logger,
    migrate: Bool = true,
    handlers: InboundHandlerRegistry? = nil,
    relay: Bool = true,
    leaderboardJob: Bool = true
) throws(ConfigurationError) -> some ApplicationProtocol {
    let registry = PrometheusCollectorRegistry()
    let templates = try configuration.templates.loadLibrary(logger: logger)
    let sources = try InboundSources(configuration: configuration)
    // Outbound HTTP for the relay, account linking (OAuth code exchange) and YooKassa read-backs, when one is on.
    let sends = relay && configuration.relay.enabled
    let readsBack = configuration.inbound.sources.contains { $0.preset == .yookassa }
    let transport: CurlTransport? = sends || readsBack || configuration.discord.clientID != nil ? CurlTransport(logger: logger) : nil
    let webhooks = WebhookController(
        sources: sources,
        processor: InboxProcessor(
            store: store, handlers: handlers ?? .standard(configuration: configuration, templates: templates, transport: transport),
            logger: logger
        ),
        metrics: InboundMetrics(registry: registry),
        maximumBodyBytes: configuration.inbound.maximumBodyBytes,
        discordDeferral: configuration.discord.applicationID.map { _ in
            DiscordDeferral(after: configuration.discord.deferAfter, store: store, messages: MemberMessages(templates: templates), logger: logger)
        }
    )
    let router = buildRouter(store: store, registry: registry, webhooks: webhooks)
    NotificationController(
        store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store), templates: templates
    ).addRoutes(to: router)
    PaymentController(store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store)).addRoutes(to: router)
    EndpointController(
        store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store), encryptionKey: configuration.encryptionKey
    ).addRoutes(to: router)
    CreditRequestController(
        store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store),
        workflow: CommunityActions(configuration: configuration, templates: templates).workflow
    ).addRoutes(to: router)
    ConversationController(store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store)).addRoutes(to: router)
    AuthController(store: store, configuration: configuration, transport: transport).addRoutes(to: router)
    ScoreEventController(
        store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store), points: configuration.leaderboard.points
    ).addRoutes(to: router)
    LeaderboardController(
        store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store), tiers: configuration.leaderboard.tiers
    ).addRoutes(to: router)
    LedgerController(
        store: store, auth: BearerAuthentication(adminToken: configuration.adminToken, store: store), currencies: configuration.currencies
    ).addRoutes(to: router)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "Herald"),
        logger: logger
    )
    if let service = store.backend.service {
        app.addServices(service)
    }
    // Added after the pool, so at shutdown the dispatcher stops first, then the transport, then the pool.
    if let transport { app.addServices(transport) }
    if sends, let transport {
        app.addServices(
            try buildDispatcher(
                configuration: configuration, store: store, transport: transport, templates: templates,
                metrics: PrometheusMetricsFactory(registry: registry), logger: logger
            )
        )
    }
    // Refreshes linked members' Discord tokens before they expire, when OAuth linking is configured.
    if let transport, let refresher = buildDiscordTokenRefreshJob(configuration: configuration, store: store, transport: transport, logger: logger) {
        app.addServices(refresher)
    }
    if leaderboardJob && configuration.leaderboard.enabled {
        app.addServices(buildLeaderboardJob(configuration: configuration, store: store, templates: templates, logger: logger))
    }
    if migrate {
        app.beforeServerStarts {
            let applied = try await store.migrate()
            logger.info("database ready", metadata: ["database": "\(store.backend.dialect.kind)", "migrations_applied": "\(applied.count)"])
        }
    }
    return app
}

/// The routes and the middleware every request passes through, outermost first:
/// request id, metrics, request log, errors.
func buildRouter(store: Store, registry: PrometheusCollectorRegistry, webhooks: WebhookController) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        RequestIDMiddleware()
        HTTPMetricsMiddleware(registry: registry)
        RequestLogMiddleware()
        ErrorMiddleware()
    }
    HealthController(store: store, registry: registry).addRoutes(to: router)
    webhooks.addRoutes(to: router)
    return router
}
