/// The variables `herald --help` documents. Each also has a YAML key in the
/// config file: the lower-case dotted form (`HTTP_PORT` = `http.port`).
enum EnvironmentHelp {
    static let variables: [(name: String, meaning: String)] = [
        ("HTTP_HOST", "listen address (default 127.0.0.1)"),
        ("HTTP_PORT", "listen port (default 8080)"),
        ("DATABASE_URL", "sqlite:///abs/path.db, sqlite://relative.db or postgres://user:pass@host:port/db[?sslmode=require] (default sqlite://data/herald.sqlite)"),
        ("HERALD_CONFIG_FILE", "YAML config file (default config/herald.yaml if present)"),
        ("HERALD_ADMIN_TOKEN", "bootstrap admin API key, sent as Authorization: Bearer (unset: admin API disabled)"),
        ("HERALD_ENCRYPTION_KEY", "base64 of 32 random bytes, encrypts secrets at rest"),
        ("HERALD_ADMIN_LOCALE", "language of admin prompts and alerts (default en)"),
        ("LOG_LEVEL", "trace, debug, info (default), notice, warning, error or critical"),
        ("LOG_FORMAT", "text (default) or json (one JSON object per line)"),
        ("DISCORD_PUBLIC_KEY", "hex Ed25519 public key of the Discord application"),
        ("DISCORD_APPLICATION_ID, DISCORD_BOT_TOKEN, DISCORD_GUILD_ID, DISCORD_ADMIN_CHANNEL_ID", "bot identity and admin channel"),
        ("DISCORD_DEFER_AFTER_MS", "a slash command slower than this is deferred and answered by a follow-up (default 2000)"),
        ("DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET, DISCORD_REDIRECT_URI", "OAuth2 account linking"),
        ("DISCORD_TOKEN_REFRESH_INTERVAL_SECONDS, DISCORD_TOKEN_REFRESH_WINDOW_SECONDS", "how often linked members' tokens are checked, and how close to expiry they are refreshed (3600, 86400)"),
        ("DISCORD_API_BASE_URL", "default https://discord.com/api/v10"),
        ("TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_ADMIN_CHAT_ID", "bot identity, webhook secret token, admin chat"),
        ("TELEGRAM_API_BASE_URL", "default https://api.telegram.org"),
        ("STRIPE_WEBHOOK_SECRET", "the Stripe endpoint's whsec_ secret"),
        ("YOOKASSA_SHOP_ID, YOOKASSA_SECRET_KEY", "the YooKassa shop that confirms notifications of a yookassa source"),
        ("YOOKASSA_API_BASE_URL", "default https://api.yookassa.ru"),
        ("WEBHOOKS_MAX_BODY_BYTES", "largest accepted webhook body (default 1048576)"),
        ("STRIPE_TOLERANCE_SECONDS, DISCORD_TOLERANCE_SECONDS", "accepted clock difference of signed timestamps (default 300)"),
        ("TELEGRAM_IP_ALLOWLIST", "true: accept Telegram updates only from Telegram's address ranges"),
        ("HTTP_TRUSTED_PROXIES", "comma-separated CIDRs whose X-Forwarded-For is believed"),
        ("ECONOMY_CURRENCIES", "comma-separated currency codes (default ai,lead,points)"),
        ("RATE_LIMITS_TELEGRAM_GLOBAL_PER_SECOND, …_PER_CHAT_PER_SECOND, …_PER_GROUP_PER_MINUTE", "Telegram pacing (30, 1, 20)"),
        ("RATE_LIMITS_DISCORD_GLOBAL_PER_SECOND", "Discord pacing (50)"),
        ("RELAY_ENABLED", "run the outbox dispatcher in serve (true)"),
        ("RELAY_LEASE_SECONDS, RELAY_MAX_IN_FLIGHT, RELAY_BATCH_SIZE, RELAY_POLL_INTERVAL_MS", "dispatcher lease, concurrency, claim size, idle poll (60, 256, 32, 500)"),
        ("RELAY_RETRY_SCHEDULE_SECONDS, RELAY_RETRY_MAX_ATTEMPTS, RELAY_RETRY_MAX_AGE_HOURS", "retry backoff schedule, attempts, give-up age"),
        ("RELAY_PAUSE_AFTER_REFUSED_TOKEN_SECONDS", "pause after a provider refuses the bot token (300)"),
        ("TEMPLATES_DIRECTORY", "message templates folder (templates)"),
    ]

    static var text: String {
        "ENVIRONMENT:\n" + variables.map { "  \($0.name)\n      \($0.meaning)" }.joined(separator: "\n")
    }
}
