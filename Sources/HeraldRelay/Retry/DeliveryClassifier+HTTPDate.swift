import Foundation

extension DeliveryClassifier {
    /// Parses the HTTP-date form of `Retry-After` (RFC 9110 §5.6.7).
    ///
    /// Exists because recipients must accept all three historical formats and
    /// `DateFormatter` depends on the platform's ICU and locale data; this is
    /// plain arithmetic, the same on every platform:
    /// - IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
    /// - RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT` (two-digit years 70–99 are
    ///   19xx, 00–69 are 20xx)
    /// - asctime: `Sun Nov  6 08:49:37 1994`
    ///
    /// The weekday is not checked against the date. Anything else (other
    /// zones, out-of-range fields, 31 February) is refused.
    enum HTTPDate {
        static func parse(_ text: String) -> Date? {
            let tokens = text.split { $0 == " " || $0 == "," || $0 == "-" || $0 == "\t" }
            var numbers: [Int] = []
            var month: Int?
            var time: (hour: Int, minute: Int, second: Int)?
            for token in tokens {
                let lower = token.lowercased()
                if token.contains(":") {
                    guard time == nil, let parsed = parseTime(token) else { return nil }
                    time = parsed
                } else if let number = digits(token, maximumLength: 4) {
                    numbers.append(number)
                } else if let index = months.firstIndex(of: lower) {
                    guard month == nil else { return nil }
                    month = index + 1
                } else if !weekdays.contains(lower), lower != "gmt", lower != "utc" {
                    return nil
                }
            }
            // Both day-first formats and asctime list the day before the year.
            guard numbers.count == 2, let month, let time else { return nil }
            let day = numbers[0]
            var year = numbers[1]
            if year < 100 { year += year < 70 ? 2000 : 1900 }
            guard (1...daysInMonth(month, year: year)).contains(day) else { return nil }
            let days = daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + time.hour * 3600 + time.minute * 60 + time.second
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }

        private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        private static let weekdays: Set<String> = [
            "mon", "tue", "wed", "thu", "fri", "sat", "sun",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        ]

        private static func digits(_ token: Substring, maximumLength: Int) -> Int? {
            guard !token.isEmpty, token.utf8.count <= maximumLength,
                  token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
            return Int(token)
        }

        private static func parseTime(_ token: Substring) -> (hour: Int, minute: Int, second: Int)? {
            let parts = token.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3,
                  let hour = digits(parts[0], maximumLength: 2), hour <= 23,
                  let minute = digits(parts[1], maximumLength: 2), minute <= 59,
                  let second = digits(parts[2], maximumLength: 2), second <= 60
            else { return nil }
            return (hour, minute, second)
        }

        private static func daysInMonth(_ month: Int, year: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Days since 1970-01-01 in the proleptic Gregorian calendar
        /// (H. Hinnant's `days_from_civil`).
        private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
    }
}
