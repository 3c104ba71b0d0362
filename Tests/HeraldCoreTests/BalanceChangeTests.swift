import HeraldCore
import Testing

@Suite struct BalanceChangeTests {
    let points = Currency(rawValue: "points")!

    @Test func zeroAmountIsRefused() {
        #expect(throws: LedgerError.zeroAmount) {
            try BalanceChange(userID: 1, currency: points, amount: 0, type: .earnAdmin)
        }
    }

    @Test(arguments: LedgerEntryType.allCases)
    func signMustMatchTheEntryType(type: LedgerEntryType) throws {
        for amount: Int64 in [-5, 5] {
            let allowed: Bool =
                switch type.direction {
                case .credit: amount > 0
                case .debit: amount < 0
                case .either: true
                }
            if allowed {
                let change = try BalanceChange(userID: 1, currency: points, amount: amount, type: type)
                #expect(change.amount == amount)
            } else {
                #expect(throws: LedgerError.wrongDirection(type: type, amount: amount)) {
                    try BalanceChange(userID: 1, currency: points, amount: amount, type: type)
                }
            }
        }
    }

    @Test func earningsAndSpendsMoveTheirOwnTotals() throws {
        let earn = try BalanceChange(userID: 1, currency: points, amount: 7, type: .earnDaily)
        #expect(earn.earnedDelta == 7)
        #expect(earn.spentDelta == 0)
        let spend = try BalanceChange(userID: 1, currency: points, amount: -3, type: .spendShop)
        #expect(spend.earnedDelta == 0)
        #expect(spend.spentDelta == 3)
    }

    @Test func reasonIsLimitedTo500Characters() throws {
        _ = try BalanceChange(userID: 1, currency: points, amount: 1, type: .earnAdmin, reason: String(repeating: "a", count: 500))
        #expect(throws: LedgerError.reasonTooLong(501)) {
            try BalanceChange(userID: 1, currency: points, amount: 1, type: .earnAdmin, reason: String(repeating: "a", count: 501))
        }
    }

    @Test func minimumAmountIsRefusedBecauseItCannotBeNegated() {
        #expect(throws: LedgerError.amountOutOfRange) {
            try BalanceChange(userID: 1, currency: points, amount: .min, type: .refund)
        }
    }

    @Test func insufficientBalanceCarriesItsOwnCode() {
        let error = LedgerError.insufficientBalance(currency: points, requested: -10)
        #expect(error.code == .insufficientBalance)
        #expect(error.message.contains("10"))
        #expect(LedgerError.zeroAmount.code == .ruleViolation)
    }
}

@Suite struct CurrencyTests {
    @Test(arguments: ["ai", "lead", "points", "gold_2", "x"])
    func acceptsShortLowercaseCodes(code: String) {
        #expect(Currency(rawValue: code)?.rawValue == code)
    }

    @Test(arguments: ["", "AI", "2fa", "with space", "é", String(repeating: "a", count: 33), "a-b"])
    func refusesOtherText(code: String) {
        #expect(Currency(rawValue: code) == nil)
    }

    @Test func defaultsAreTheCommunityCurrencies() {
        #expect(Currency.defaults.map(\.rawValue) == ["ai", "lead", "points"])
    }
}
