import HeraldRelay
import Testing

/// The templates in the repository's `templates/` folder, as Herald ships them.
@Suite struct ShippedTemplatesTests {
    static let locales = ["en", "es", "ru"]

    /// Sample data for every shipped template: each value must show up in the message.
    static let samples: [String: TemplateData] = [
        "rank_up": ["rank": 3, "tier": "Gold", "name": "Ana"],
        "rank_lost_first": ["name": "Boris", "new_rank": 2],
        "score_milestone": ["milestone": 5000, "score": 5120, "name": "Ana"],
        "credit_request_approved": ["amount": 50, "currency": "ai", "reason": "welcome bonus"],
        "credit_request_rejected": ["amount": 120, "currency": "lead", "reason": "duplicate request"],
        "payment_receipt": ["amount": "9.99", "currency": "USD", "product": "Pro plan"],
        "channel_paused": ["channel": "telegram", "reason": "401 Unauthorized"],
        "admin_request_prompt": ["id": 7, "member": "Ana", "amount": 50, "currency": "ai", "reason": "client demo"],
        "admin_request_decided": ["id": 7, "member": "Ana", "amount": 50, "currency": "ai", "reason": "client demo", "admin": "Boris"],
        "button_approve": [:],
        "button_reject": [:],
        "cmd_balance": ["level": 3, "next_level_at": 300, "earned": 250, "level_currency": "points"],
        "cmd_daily_granted": ["amount": 12, "bonus": 2, "currency": "points", "streak": 2],
        "cmd_daily_already": ["streak": 4, "next": "2026-12-02"],
        "cmd_request_created": ["id": 7, "amount": 50, "currency": "ai"],
        "cmd_requests": [:],
        "cmd_grant_done": ["member": "Ana", "amount": 7, "currency": "lead", "balance": 19],
        "cmd_notify_on": [:],
        "cmd_notify_off": [:],
        "cmd_not_admin": [:],
        "cmd_unknown": [:],
        "cmd_failed": [:],
        "cmd_already_decided": ["id": 7, "status": "approved"],
        "cmd_refused": ["reason": "amount too large"],
        "cmd_usage": ["command": "request"],
        "cmd_start": ["name": "Ana"],
        "cmd_leaderboard": ["page": 2, "pages": 5, "total": 48],
        "cmd_profile": ["name": "Ana", "score": 5120, "level": 4, "rank": 3, "tier": "Bronze"],
        "cmd_stats": ["rank": 3, "total": 48, "score": 5120, "best": 2, "gained": 340],
        "cmd_compare": ["you": "Ana", "them": "Boris", "your_rank": 3, "their_rank": 1, "your_score": 5120, "their_score": 6100, "gap": 980],
        "cmd_not_ranked": ["name": "Ana"],
        "cmd_link_code": ["code": "K7MX2QPA", "minutes": 10, "other": "Telegram"],
        "cmd_link_done": ["other": "Discord"],
        "cmd_link_invalid": ["other": "Discord"],
        "cmd_link_conflict": ["other": "Telegram"],
        "payment_event_failed": ["processor": "stripe", "event": "evt_1Abc", "reason": "unknown product price_1X"],
        "payment_refunded_admin": ["amount": "19.99", "currency": "USD", "product": "Pro plan", "member": "42", "shortfall": 80],
        "payment_failed_admin": ["amount": "19.99", "currency": "USD", "product": "Pro plan", "member": "42"],
        "payment_disputed_admin": ["amount": "19.99", "currency": "USD", "charge": "ch_3Abc", "reason": "fraudulent"],
    ]

    static func library() throws -> TemplateLibrary {
        try TemplateLibrary(directory: TemplateDirectory.shipped)
    }

    @Test func everyTemplateExistsInEveryShippedLocale() throws {
        let library = try Self.library()
        #expect(library.localeNames == Self.locales)
        for locale in Self.locales {
            #expect(library.templateNames(locale: locale) == Self.samples.keys.sorted(), "templates in \(locale)")
        }
    }

    @Test(arguments: locales, TemplateFormat.allCases)
    func everyTemplateRendersItsDataInEveryLocale(locale: String, format: TemplateFormat) throws {
        let library = try Self.library()
        for (name, data) in Self.samples {
            let text = try library.render(name: name, locale: locale, data: data, format: format)
            #expect(!text.isEmpty)
            #expect(!text.contains("{{"), "\(locale)/\(name)")
            for (key, value) in data.objectValue ?? [:] {
                #expect(text.contains(Self.text(value)), "\(locale)/\(name) does not show \(key)")
            }
        }
    }

    @Test(arguments: locales)
    func optionalValuesMayBeLeftOut(locale: String) throws {
        let library = try Self.library()
        let rankUp = try library.render(name: "rank_up", locale: locale, data: ["rank": 7], format: .plainText)
        #expect(rankUp.contains("7"))
        #expect(!rankUp.contains("()"))
        #expect(!rankUp.contains(", !"))
        for name in ["credit_request_approved", "credit_request_rejected"] {
            let text = try library.render(name: name, locale: locale, data: ["amount": 5, "currency": "ai"], format: .plainText)
            #expect(text.hasSuffix("."), "\(locale)/\(name): \(text)")
        }
    }

    @Test func shippedTemplatesContainNoTelegramMarkup() throws {
        // The same text goes to Discord and webhooks, where markup would show as is.
        let library = try Self.library()
        for locale in Self.locales {
            for (name, data) in Self.samples {
                let text = try library.render(name: name, locale: locale, data: data, format: .telegramHTML)
                #expect(!text.contains("<") && !text.contains("&"), "\(locale)/\(name)")
            }
        }
    }

    static func text(_ value: TemplateData) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        default: "\(value)"
        }
    }
}
