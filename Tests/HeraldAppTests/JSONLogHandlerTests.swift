import Foundation
import HeraldApp
import Logging
import Synchronization
import Testing

@Suite struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let storage = Mutex<[Data]>([])
        func append(_ line: Data) { storage.withLock { $0.append(line) } }
        var all: [Data] { storage.withLock { $0 } }
    }

    @Test func eachEventIsOneJSONObjectPerLine() throws {
        let lines = Lines()
        var logger = Logger(label: "herald.test") { label in
            JSONLogHandler(label: label, level: .info, write: { lines.append($0) })
        }
        logger[metadataKey: "request_id"] = "abc"
        logger.info("request", metadata: ["status": .stringConvertible(200), "path": "/healthz"])
        logger.debug("below the level, dropped")

        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["msg"] as? String == "request")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "herald.test")
        #expect(object["request_id"] as? String == "abc")
        #expect(object["status"] as? String == "200")
        #expect(object["path"] as? String == "/healthz")
        #expect((object["ts"] as? String)?.isEmpty == false)
    }

    @Test func metadataCannotOverwriteTheFixedFields() throws {
        let lines = Lines()
        let logger = Logger(label: "herald.test") { label in
            JSONLogHandler(label: label, level: .info, write: { lines.append($0) })
        }
        logger.info("real message", metadata: ["msg": "forged", "level": "critical"])
        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["msg"] as? String == "real message")
        #expect(object["level"] as? String == "info")
    }
}
