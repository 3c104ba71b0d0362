import Crypto
import Foundation
import HeraldVerify

/// The facts of a verified event that the inbox needs: its id, its type and the
/// parsed body for the handler.
///
/// Built only after verification. A body that is not the JSON the source sends
/// is a 400, never a crash: parsing is bounded in depth.
struct InboundEnvelope: Sendable {
    let eventID: String
    let type: String?
    /// The parsed JSON body; `nil` for a source whose id does not come from the body and whose body is not JSON.
    let json: JSONValue?
    let payload: String

    static let maximumDepth = 64

    init(source: InboundSource, request: WebhookRequest) throws(InboundError) {
        guard let text = String(validating: request.body, as: UTF8.self) else {
            throw .malformedBody("the body is not UTF-8 text")
        }
        payload = text
        let needsJSON: Bool =
            switch (source.eventID, source.eventType) {
            case (.json, _), (_, .json), (_, .telegramUpdateKind), (_, .discordInteraction): true
            default: false
            }
        if needsJSON {
            json = try JSONValue.parse(request.body, maximumDepth: Self.maximumDepth)
        } else {
            json = try? JSONValue.parse(request.body, maximumDepth: Self.maximumDepth)
        }
        switch source.eventID {
        case .json(let path):
            guard let id = json?[path]?.scalarText, !id.isEmpty, id.utf8.count <= 255 else {
                throw .malformedBody("the body has no event id at '\(path.joined(separator: "."))'")
            }
            eventID = id
        case .header(let names):
            guard let id = names.lazy.compactMap(request.header).first, !id.isEmpty, id.utf8.count <= 255 else {
                throw .malformedBody("the request has no \(names[0]) header")
            }
            eventID = id
        case .bodyHash:
            eventID = Hex.encode(SHA256.hash(data: request.body))
        }
        switch source.eventType {
        case .json(let path): type = json?[path]?.scalarText
        case .header(let names): type = names.lazy.compactMap(request.header).first
        case .telegramUpdateKind: type = json?.objectKeys?.first { $0 != "update_id" }
        case .discordInteraction: type = json?["type"]?.scalarText.flatMap(Int.init).map(Self.discordInteractionName)
        case .none: type = nil
        }
    }

    static func discordInteractionName(_ type: Int) -> String {
        switch type {
        case 1: "ping"
        case 2: "application_command"
        case 3: "message_component"
        case 4: "application_command_autocomplete"
        case 5: "modal_submit"
        default: "interaction_\(type)"
        }
    }
}
