import Foundation

/// Discord's checks on a bulk overwrite of application commands
/// (`PUT /applications/{id}/commands`, or the guild route): at most 100
/// commands; names 1–32 lower-case letters, digits, `-` or `_`; descriptions
/// 1–100 characters; at most 25 options, required ones first. A body that
/// breaks one is Discord's 400 `Invalid Form Body` (code 50035).
enum DiscordCommandRules {
    /// Why Discord would refuse `body`; nil when it would accept it.
    static func problem(in body: Data) -> String? {
        guard let commands = try? JSONSerialization.jsonObject(with: body) as? [[String: Any]] else { return "body is not an array of commands" }
        guard commands.count <= 100 else { return "more than 100 commands" }
        var names: Set<String> = []
        for command in commands {
            guard let name = command["name"] as? String, isValidName(name) else { return "bad command name \(command["name"] ?? "nil")" }
            guard names.insert(name).inserted else { return "duplicate command \(name)" }
            guard let description = command["description"] as? String, (1...100).contains(description.count) else {
                return "bad description for \(name)"
            }
            if let localized = command["description_localizations"] as? [String: String],
                localized.values.contains(where: { !(1...100).contains($0.count) })
            {
                return "bad localized description for \(name)"
            }
            let options = command["options"] as? [[String: Any]] ?? []
            guard options.count <= 25 else { return "more than 25 options on \(name)" }
            var seenOptional = false
            for option in options {
                guard let optionName = option["name"] as? String, isValidName(optionName) else { return "bad option name on \(name)" }
                guard let text = option["description"] as? String, (1...100).contains(text.count) else { return "bad option description on \(name)" }
                let required = option["required"] as? Bool ?? false
                if required && seenOptional { return "required option after an optional one on \(name)" }
                if !required { seenOptional = true }
            }
        }
        return nil
    }

    static func isValidName(_ name: String) -> Bool {
        (1...32).contains(name.count)
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
