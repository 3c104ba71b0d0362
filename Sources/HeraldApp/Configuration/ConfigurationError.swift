/// A configuration value Herald cannot start with.
///
/// Its description is the single line printed before exiting: it names the
/// environment variable and the file key, and says what is wrong without
/// repeating a secret.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The dotted key, as written in the YAML file (`http.port`).
    public let key: String
    public let problem: String

    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    /// The environment variable that sets `key` (`http.port` → `HTTP_PORT`).
    public var environmentName: String {
        key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    public var description: String {
        "configuration error: \(environmentName) (\(key)): \(problem)"
    }
}
