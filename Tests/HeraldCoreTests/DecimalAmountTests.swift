import HeraldCore
import Testing

/// Decimal amount text (YooKassa's `"1990.00"`) to minor units, exactly.
@Suite struct DecimalAmountTests {
    @Test(arguments: [
        ("1990.00", "RUB", Int64(199_000)), ("0.01", "RUB", 1), ("2", "RUB", 200), ("10.5", "EUR", 1050), ("0.10", "USD", 10),
        ("1000", "JPY", 1000), ("1000.00", "JPY", 1000), ("1.234", "KWD", 1234), ("92233720368547758.07", "RUB", Int64.max),
    ])
    func readsAmounts(text: String, currency: String, minor: Int64) {
        #expect(DecimalAmount.minorUnits(text, currency: currency) == minor)
    }

    @Test(arguments: [
        ("1.001", "RUB"), ("-1.00", "RUB"), ("1,00", "RUB"), ("", "RUB"), (".50", "RUB"), ("1.", "RUB"), ("1e3", "RUB"), ("0x10", "RUB"),
        ("1.5", "JPY"), ("92233720368547758.08", "RUB"), (" 1.00", "RUB"), ("１.00", "RUB"),
    ])
    func refusesWhatIsNotAnExactAmount(text: String, currency: String) {
        #expect(DecimalAmount.minorUnits(text, currency: currency) == nil)
    }
}
