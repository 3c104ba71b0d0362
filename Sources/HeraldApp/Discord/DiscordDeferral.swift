import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import Logging

/// Keeps slash commands inside Discord's 3-second answer window.
///
/// A command whose answer is not ready after `after` is answered with a
/// deferred response (type 5: Discord shows "thinking…"); when the answer is
/// ready it becomes a `discord.followup` notification that edits that message
/// through the relay, with its retries and pacing; an answer that fails instead
/// edits it to say so (`cmd_failed`). Button clicks and PINGs are never deferred.
/// Needs `discord.application_id`, which the follow-up's URL names.
struct DiscordDeferral: Sendable {
    /// How long a command may take before it is deferred; zero defers every command.
    let after: Duration
    let store: Store
    let messages: MemberMessages
    let logger: Logger

    /// Runs `process` for `event`, deferring the answer when it is late.
    func process(
        _ event: InboundEvent, _ process: @escaping @Sendable () async throws -> InboxProcessor.Outcome
    ) async throws -> InboxProcessor.Outcome {
        guard let json = event.json, let interaction = try? DiscordInteraction(json), let command = interaction.commandName,
            interaction.customID == nil
        else { return try await process() }
        let work = Task { try await process() }
        if after > .zero {
            do {
                return try await withDeadline(after) { try await work.value }
            } catch is DeadlineExceeded {}
        }
        let (token, interactionID, locale) = (interaction.token, interaction.id, interaction.locale ?? "en")
        Task { await self.followUp(work, token: token, interactionID: interactionID, locale: locale) }
        let ephemeral = !DiscordCommandHandler.publicCommands.contains(command)
        return .accepted(.processed, responseBody: DiscordResponse.deferred(ephemeral: ephemeral).json)
    }

    /// Queues the finished answer, or word that it failed, as an edit of the deferred message.
    private func followUp(_ work: Task<InboxProcessor.Outcome, any Error>, token: String, interactionID: String, locale: String) async {
        let metadata: Logger.Metadata = ["interaction_id": "\(interactionID)"]
        var answer: FollowupAnswer?
        do {
            switch try await work.value {
            case .accepted(_, let body?): answer = FollowupAnswer(responseJSON: body)
            case .duplicate: return
            case .accepted, .failed: break
            }
        } catch {
            logger.error("a deferred interaction failed", metadata: metadata.merging(["error": "\(String(reflecting: error))"]) { $1 })
        }
        let content = answer?.content ?? messages.text("cmd_failed", locale: locale, format: .plainText)
        do {
            _ = try await store.outbox.enqueue(
                NewNotification(
                    channel: .discordFollowup, destination: "\(token)/@original", body: content,
                    idempotencyKey: "discord-interaction:\(interactionID):answer", markupJSON: answer?.componentsJSON
                )
            )
        } catch {
            logger.error("could not queue a deferred interaction's answer", metadata: metadata.merging(["error": "\(String(reflecting: error))"]) { $1 })
        }
    }
}

/// The content and buttons of a type 4 interaction response, for its follow-up.
struct FollowupAnswer: Equatable {
    let content: String
    let componentsJSON: String?

    init?(responseJSON: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(responseJSON.utf8)) as? [String: Any],
            object["type"] as? Int == 4, let data = object["data"] as? [String: Any], let content = data["content"] as? String
        else { return nil }
        self.content = content
        componentsJSON = (data["components"] as? [Any]).flatMap(JSONCoding.text(of:))
    }
}
