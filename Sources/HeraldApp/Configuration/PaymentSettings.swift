import Foundation
import HeraldCore
import Yams

/// The product catalogue and payment rules: `payments:` in the config file.
///
/// Product keys and their credit currencies are read from the YAML file's
/// `payments.products` map (as generic sources are); every value is read
/// through the configuration, so environment variables still override it
/// (`PAYMENTS_PRODUCTS_PRO_DAYS`).
public struct PaymentSettings: Sendable {
    public var catalogue: ProductCatalogue = .empty
    /// Days a `past_due` subscription keeps its access after the period ends.
    public var pastDueGraceDays: Int = 3
}

extension PaymentSettings {
    init(values: ConfigValues, configFile: String?, currencies: [Currency]) throws(ConfigurationError) {
        pastDueGraceDays = try values.integer("payments.past_due_grace_days", default: 3, in: 0...365)
        var products: [Product] = []
        for (key, creditCurrencies) in try Self.productKeys(configFile: configFile) {
            products.append(try Self.product(key: key, creditCurrencies: creditCurrencies, values: values, currencies: currencies))
        }
        do {
            catalogue = try ProductCatalogue(products)
        } catch {
            throw ConfigurationError(key: "payments.products", problem: error.description)
        }
    }

    static func product(key: String, creditCurrencies: [String], values: ConfigValues, currencies: [Currency]) throws(ConfigurationError)
        -> Product
    {
        let prefix = "payments.products.\(key)"
        var grant = ProductGrant()
        for code in creditCurrencies {
            guard let currency = Currency(rawValue: code), currencies.contains(currency) else {
                let known = currencies.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(key: "\(prefix).credits", problem: "'\(code)' is not a configured currency (\(known))")
            }
            grant.credits[currency] = Int64(try values.integer("\(prefix).credits.\(code)", default: 0, in: 1...1_000_000_000))
        }
        if values.string("\(prefix).tier") != nil {
            grant.tier = try values.choice("\(prefix).tier", default: AccessTier.basic)
        }
        let lifetime = try values.boolean("\(prefix).lifetime", default: false)
        if values.string("\(prefix).days") != nil {
            guard !lifetime else { throw ConfigurationError(key: "\(prefix).days", problem: "give days or lifetime, not both") }
            grant.duration = .days(try values.integer("\(prefix).days", default: 30, in: 1...36_500))
        }
        grant.paid = try values.boolean("\(prefix).paid", default: false)
        guard !grant.isEmpty else {
            throw ConfigurationError(key: prefix, problem: "grants nothing: give credits, a tier or paid: true")
        }
        var price: ProductPrice?
        if values.string("\(prefix).price.amount") != nil || values.string("\(prefix).price.currency") != nil {
            guard let currency = values.string("\(prefix).price.currency"), (3...8).contains(currency.count) else {
                throw ConfigurationError(key: "\(prefix).price.currency", problem: "a price needs its ISO currency code (USD, EUR, XTR)")
            }
            let amount = try values.integer("\(prefix).price.amount", default: 0, in: 1...Int(Int32.max))
            price = ProductPrice(amountMinor: Int64(amount), currency: currency)
        }
        let ids = values.list("\(prefix).ids") ?? []
        return Product(key: key, name: values.string("\(prefix).name"), ids: ids, grant: grant, price: price)
    }

    /// The keys of `payments.products` in the YAML file, each with the currency codes of its `credits` map.
    static func productKeys(configFile: String?) throws(ConfigurationError) -> [(String, [String])] {
        guard let configFile, let text = try? String(contentsOfFile: configFile, encoding: .utf8) else { return [] }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: "herald.config_file", problem: "'\(configFile)' is not valid YAML")
        }
        guard let products = root?.mapping?["payments"]?.mapping?["products"] else { return [] }
        guard let mapping = products.mapping else {
            throw ConfigurationError(key: "payments.products", problem: "must be a map of product keys to grants")
        }
        var result: [(String, [String])] = []
        for (key, value) in mapping {
            guard let name = key.string, InboundSettings.isValidSourceName(name) else {
                throw ConfigurationError(key: "payments.products", problem: "'\(key.string ?? "?")' is not a product key (a-z, 0-9, _ and -)")
            }
            guard let fields = value.mapping else {
                throw ConfigurationError(key: "payments.products.\(name)", problem: "must be a map (ids, credits, tier, days, paid)")
            }
            var currencies: [String] = []
            if let credits = fields["credits"] {
                guard let creditMap = credits.mapping else {
                    throw ConfigurationError(key: "payments.products.\(name).credits", problem: "must map currencies to amounts ({ai: 100})")
                }
                currencies = creditMap.keys.compactMap(\.string)
            }
            result.append((name, currencies))
        }
        return result
    }
}
