/// The order in which locale folders are tried for a requested locale.
///
/// Exists so a member whose language has no translation still gets a message:
/// the exact locale (`pt-BR`), then its language (`pt`), then English. Tags are
/// compared without regard to case, and `_` counts as `-` (`pt_br` is `pt-BR`).
public enum TemplateLocale {
    /// The locale every shipped template exists in.
    public static let fallback = "en"

    /// The folders to try, best first, as normalised keys.
    public static func candidates(for requested: String) -> [String] {
        let exact = key(requested)
        var result: [String] = []
        for candidate in [exact, language(of: exact), fallback] where !candidate.isEmpty && !result.contains(candidate) {
            result.append(candidate)
        }
        return result
    }

    /// The comparable form of a tag: lower case, `-` as the separator.
    public static func key(_ tag: String) -> String {
        String(tag.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// The language subtag of a normalised key (`pt-br` → `pt`).
    static func language(of key: String) -> String {
        String(key.prefix { $0 != "-" })
    }
}
