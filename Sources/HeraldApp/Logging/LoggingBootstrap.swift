import Logging

/// Installs the process-wide log handler once, in `main`, never per application
/// (tests build many applications in one process).
public enum LoggingBootstrap {
    public static func bootstrap(_ log: HeraldConfiguration.Log) {
        let level = log.loggerLevel
        switch log.format {
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
