extension HMACScheme {
    /// GitHub `X-Hub-Signature-256: sha256=<hex>` over the raw body; no timestamp [GH].
    public static let github = HMACScheme(
        header: "X-Hub-Signature-256",
        algorithm: .sha256,
        encoding: .hex,
        prefix: "sha256=",
        payload: .body
    )

    /// Paddle Billing `Paddle-Signature: ts=<unix>;h1=<hex>` over `ts ‖ ":" ‖ body` [PDL].
    ///
    /// Tolerance is the 5 s the Paddle SDKs enforce by default, but applied both ways
    /// (the SDK only rejects old timestamps). Raise it through `tolerance` if the
    /// sender's clock drifts.
    public static let paddle = HMACScheme(
        header: "Paddle-Signature",
        algorithm: .sha256,
        encoding: .hex,
        payload: .timestampColonBody,
        tolerance: 5,
        signatureFormat: .paddle
    )

    /// Lemon Squeezy `X-Signature: <hex>` over the raw body; no timestamp [LSQ].
    public static let lemonsqueezy = HMACScheme(
        header: "X-Signature",
        algorithm: .sha256,
        encoding: .hex,
        payload: .body
    )
}
