import Foundation
import HeraldCore
import HeraldRelay
import HeraldStore
import SQLKit

/// `/link`: one member on both platforms. Without a code it issues one; with a
/// code issued on the other platform it joins the two members into one.
extension CommunityActions {
    func link(
        _ user: User, code: String?, enteredOn platform: LinkCodeRepository.Platform, now: Date, locale: String, format: TemplateFormat,
        on db: any SQLDatabase
    ) async throws -> String {
        let other = platform == .discord ? "Telegram" : "Discord"
        guard let code, !code.trimmingCharacters(in: .whitespaces).isEmpty else {
            let issued = try await LinkCodeRepository.issue(userID: user.id, on: platform, now: now, on: db)
            let minutes = Int64(LinkCodeRepository.lifetime / 60)
            return messages.text(
                "cmd_link_code", locale: locale,
                data: ["code": .string(issued), "minutes": .integer(minutes), "other": .string(other)], format: format
            )
        }
        guard let issuer = try await LinkCodeRepository.redeem(code, enteredOn: platform, now: now, on: db) else {
            return messages.text("cmd_link_invalid", locale: locale, data: ["other": .string(other)], format: format)
        }
        do {
            try await MemberMergeRepository.merge(issuer, user.id, on: db)
        } catch MemberMergeError.conflictingIdentity {
            return messages.text("cmd_link_conflict", locale: locale, data: ["other": .string(other)], format: format)
        }
        return messages.text("cmd_link_done", locale: locale, data: ["other": .string(other)], format: format)
    }
}
