import Foundation
import HeraldCore
import HeraldRelay

/// The slash commands Herald answers, as Discord's bulk-overwrite body.
///
/// `herald discord register-commands` sends this so what members see in the
/// command picker is exactly what the handler understands. Descriptions carry
/// Spanish and Russian localizations alongside English.
public enum DiscordCommandSet {
    struct Option {
        let name: String
        /// 3 string, 4 integer, 6 user.
        let type: Int
        let description: [String]
        var required = false
        var choices: [String] = []
        var minimum: Int?
        var maximumLength: Int?
    }

    struct Command {
        let name: String
        let description: [String]
        var options: [Option] = []
    }

    /// `[en, es-ES, ru]` for each text.
    static func commands(currencies: [Currency]) -> [Command] {
        let currencyChoices = currencies.map(\.rawValue)
        let member = Option(name: "member", type: 6, description: ["The member", "El miembro", "Участник"])
        return [
            Command(name: "leaderboard", description: ["Show the leaderboard", "Muestra la clasificación", "Показать таблицу лидеров"],
                    options: [Option(name: "page", type: 4, description: ["Page number", "Número de página", "Номер страницы"], minimum: 1)]),
            Command(name: "profile", description: ["Show a member's profile", "Muestra el perfil de un miembro", "Показать профиль участника"],
                    options: [member]),
            Command(name: "stats", description: ["Your rank and score trend", "Tu tendencia de puesto y puntuación", "Ваша динамика места и очков"]),
            Command(name: "compare", description: ["Compare yourself with a member", "Compárate con un miembro", "Сравнить себя с участником"],
                    options: [Option(name: "member", type: 6, description: ["The member", "El miembro", "Участник"], required: true)]),
            Command(name: "balance", description: ["Show your balances and level", "Muestra tus saldos y nivel", "Показать ваш баланс и уровень"]),
            Command(name: "daily", description: ["Claim your daily reward", "Reclama tu recompensa diaria", "Получить ежедневную награду"]),
            Command(name: "request", description: ["Ask the admins for credits", "Pide créditos a los administradores", "Попросить кредиты у администраторов"],
                    options: [
                        Option(name: "currency", type: 3, description: ["Which credits", "Qué créditos", "Какие кредиты"], required: true, choices: currencyChoices),
                        Option(name: "amount", type: 4, description: ["How many", "Cuántos", "Сколько"], required: true, minimum: 1),
                        Option(name: "reason", type: 3, description: ["What they are for", "Para qué son", "Для чего они нужны"], required: true,
                               maximumLength: CreditRequestDraft.maximumReasonLength),
                    ]),
            Command(name: "notify", description: ["Turn your notifications on or off", "Activa o desactiva tus notificaciones", "Включить или выключить уведомления"],
                    options: [Option(name: "state", type: 3, description: ["on or off", "on u off", "on или off"], required: true, choices: ["on", "off"])]),
            Command(name: "link", description: ["Link your Telegram account", "Vincula tu cuenta de Telegram", "Привязать аккаунт Telegram"],
                    options: [Option(name: "code", type: 3, description: ["A code from the Telegram bot's /link", "Un código del /link del bot de Telegram", "Код из команды /link бота в Telegram"], maximumLength: 16)]),
            Command(name: "grant", description: ["Admin: credit a member", "Admin: acredita a un miembro", "Админ: начислить участнику"],
                    options: [
                        Option(name: "member", type: 6, description: ["The member", "El miembro", "Участник"], required: true),
                        Option(name: "currency", type: 3, description: ["Which credits", "Qué créditos", "Какие кредиты"], required: true, choices: currencyChoices),
                        Option(name: "amount", type: 4, description: ["How many", "Cuántos", "Сколько"], required: true, minimum: 1),
                        Option(name: "reason", type: 3, description: ["Why", "Por qué", "Почему"], maximumLength: CreditRequestDraft.maximumReasonLength),
                    ]),
            Command(name: "requests", description: ["Admin: pending credit requests", "Admin: solicitudes pendientes", "Админ: ожидающие запросы"]),
        ]
    }

    /// The JSON array for `PUT /applications/{id}/commands`.
    public static func body(currencies: [Currency]) -> String {
        let list: [[String: Any]] = commands(currencies: currencies).map { command in
            var object: [String: Any] = ["name": command.name, "type": 1, "description": command.description[0],
                                         "description_localizations": localized(command.description)]
            if !command.options.isEmpty { object["options"] = command.options.map(encode) }
            return object
        }
        return JSONCoding.text(of: list) ?? "[]"
    }

    public static var names: [String] { commands(currencies: Currency.defaults).map(\.name) }

    static func encode(_ option: Option) -> [String: Any] {
        var object: [String: Any] = ["name": option.name, "type": option.type, "description": option.description[0],
                                     "description_localizations": localized(option.description), "required": option.required]
        if !option.choices.isEmpty { object["choices"] = option.choices.map { ["name": $0, "value": $0] } }
        if let minimum = option.minimum { object["min_value"] = minimum }
        if let maximumLength = option.maximumLength { object["max_length"] = maximumLength }
        return object
    }

    static func localized(_ texts: [String]) -> [String: String] {
        ["es-ES": texts[1], "ru": texts[2]]
    }
}
