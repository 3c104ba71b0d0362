import Foundation
import HeraldCore
import Testing

@Suite struct UTCDayTests {
    @Test(arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("2000-02-29", 11_016), ("2024-12-31", 20_088), ("2026-12-01", 20_788), ("1969-12-31", -1),
    ])
    func isoTextAndDayNumbersAgree(iso: String, days: Int) throws {
        let day = try #require(UTCDay(iso: iso))
        #expect(day.daysSinceEpoch == days)
        #expect(day.iso == iso)
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        for days in stride(from: -200_000, through: 200_000, by: 1) {
            let day = UTCDay(daysSinceEpoch: days)
            #expect(UTCDay(iso: day.iso) == day)
        }
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "20240101", "", "2024-04-31", "abcd-ef-gh"])
    func malformedTextIsRefused(text: String) {
        #expect(UTCDay(iso: text) == nil)
    }

    @Test func aDateFallsOnItsUTCDay() {
        #expect(UTCDay(Date(timeIntervalSince1970: 86_399.9)).daysSinceEpoch == 0)
        #expect(UTCDay(Date(timeIntervalSince1970: 86_400)).daysSinceEpoch == 1)
        #expect(UTCDay(Date(timeIntervalSince1970: -0.5)).daysSinceEpoch == -1)
    }
}

@Suite struct DailyRewardRuleTests {
    let rule = DailyRewardRule(currency: Currency(rawValue: "points")!, baseAmount: 10, streakBonusPerDay: 2, maximumStreakBonus: 7)
    let today = UTCDay(iso: "2026-12-01")!

    @Test func theFirstClaimPaysTheBaseAndStartsAStreak() {
        let claim = rule.claim(today: today, lastClaim: nil, currentStreak: 0, longestStreak: 0)
        #expect(claim == .granted(DailyGrant(day: today, streak: 1, longestStreak: 1, baseAmount: 10, streakBonus: 0, streakWasReset: false)))
    }

    @Test func aSecondClaimOnTheSameDayPaysNothing() {
        let claim = rule.claim(today: today, lastClaim: today, currentStreak: 4, longestStreak: 9)
        #expect(claim == .alreadyClaimed(streak: 4, nextClaim: today.adding(days: 1)))
    }

    @Test func aClockThatWentBackwardsCannotPayTwice() {
        let claim = rule.claim(today: today, lastClaim: today.adding(days: 1), currentStreak: 2, longestStreak: 2)
        guard case .alreadyClaimed = claim else {
            Issue.record("expected alreadyClaimed, got \(claim)")
            return
        }
    }

    @Test(arguments: 1...8)
    func consecutiveDaysGrowTheBonusUpToItsCap(previousStreak: Int) throws {
        let claim = rule.claim(today: today, lastClaim: today.adding(days: -1), currentStreak: previousStreak, longestStreak: previousStreak)
        guard case .granted(let grant) = claim else { throw ClaimError.notGranted }
        #expect(grant.streak == previousStreak + 1)
        #expect(grant.streakBonus == min(7, Int64(previousStreak) * 2))
        #expect(grant.total == 10 + grant.streakBonus)
        #expect(!grant.streakWasReset)
    }

    @Test(arguments: [2, 3, 30])
    func aMissedDayResetsTheStreakButKeepsTheLongest(gap: Int) throws {
        let claim = rule.claim(today: today, lastClaim: today.adding(days: -gap), currentStreak: 6, longestStreak: 11)
        guard case .granted(let grant) = claim else { throw ClaimError.notGranted }
        #expect(grant.streak == 1)
        #expect(grant.longestStreak == 11)
        #expect(grant.streakBonus == 0)
        #expect(grant.streakWasReset)
    }

    @Test func aNewLongestStreakIsRecorded() throws {
        let claim = rule.claim(today: today, lastClaim: today.adding(days: -1), currentStreak: 5, longestStreak: 5)
        guard case .granted(let grant) = claim else { throw ClaimError.notGranted }
        #expect(grant.longestStreak == 6)
    }

    enum ClaimError: Error { case notGranted }
}

@Suite struct LevelFormulaTests {
    @Test(arguments: [(0, 1, 100), (99, 1, 100), (100, 2, 200), (250, 3, 300), (-5, 1, 100)] as [(Int64, Int, Int64)])
    func linearLevels(earned: Int64, level: Int, next: Int64) {
        let result = LevelFormula.linear(pointsPerLevel: 100).level(totalEarned: earned)
        #expect(result.level == level)
        #expect(result.nextLevelAt == next)
    }

    @Test(arguments: [(0, 1, 100), (99, 1, 100), (100, 2, 300), (299, 2, 300), (300, 3, 700), (700, 4, 1500)] as [(Int64, Int, Int64)])
    func exponentialLevelsDoubleTheirCost(earned: Int64, level: Int, next: Int64) {
        let result = LevelFormula.exponential(base: 100, factor: 2).level(totalEarned: earned)
        #expect(result.level == level)
        #expect(result.nextLevelAt == next)
    }

    @Test func levelsNeverGoDownAsEarningsGrow() {
        for formula in [LevelFormula.linear(pointsPerLevel: 37), .exponential(base: 50, factor: 1.3)] {
            var previous = 0
            for earned in stride(from: Int64(0), through: 50_000, by: 13) {
                let level = formula.level(totalEarned: earned).level
                #expect(level >= previous)
                previous = level
            }
        }
    }

    @Test func hugeTotalsDoNotOverflow() {
        #expect(LevelFormula.exponential(base: 1, factor: 1).level(totalEarned: .max).level == 1_000)
        #expect(LevelFormula.linear(pointsPerLevel: 1).level(totalEarned: .max).nextLevelAt == .max)
        #expect(LevelFormula.linear(pointsPerLevel: 7).level(totalEarned: .max).level > 1)
    }
}

@Suite struct CreditRequestDraftTests {
    let ai = Currency(rawValue: "ai")!

    @Test func aValidDraftKeepsATrimmedReason() throws {
        let draft = try CreditRequestDraft(userID: 1, currency: ai, amount: 50, reason: "  demo for a client \n", maximumAmount: 100)
        #expect(draft.reason == "demo for a client")
    }

    @Test(arguments: [
        (0, "x", CreditRequestDraftError.amountNotPositive), (-3, "x", .amountNotPositive), (101, "x", .amountTooLarge(maximum: 100)),
        (5, "   ", .reasonMissing), (5, String(repeating: "r", count: 501), .reasonTooLong(501)),
    ] as [(Int64, String, CreditRequestDraftError)])
    func badDraftsAreRefusedWithTheirReason(amount: Int64, reason: String, expected: CreditRequestDraftError) {
        #expect(throws: expected) {
            try CreditRequestDraft(userID: 1, currency: ai, amount: amount, reason: reason, maximumAmount: 100)
        }
        #expect(expected.code == .ruleViolation)
    }
}
