import HeraldCore
import Testing

@Suite struct TierTableTests {
    @Test(arguments: [
        (1, "champion"), (2, "silver"), (3, "bronze"), (4, "top10"), (10, "top10"), (11, "elite"), (100, "elite"),
    ])
    func defaultTiersCoverTheTopHundred(rank: Int, key: String) {
        #expect(TierTable.defaults.tier(for: rank)?.key == key)
    }

    @Test(arguments: [nil, 101, 5000] as [Int?])
    func ranksOutsideEveryTierHaveNone(rank: Int?) {
        #expect(TierTable.defaults.tier(for: rank) == nil)
    }

    @Test func defaultsEndAtOneHundredAndCarryNoRoles() {
        #expect(TierTable.defaults.lastTieredRank == 100)
        #expect(!TierTable.defaults.hasRoles)
    }

    @Test func tiersAreSortedBestFirst() throws {
        let table = try TierTable([Tier(key: "b", name: "B", ranks: 6...9), Tier(key: "a", name: "A", ranks: 1...5)])
        #expect(table.tiers.map(\.key) == ["a", "b"])
        #expect(table.tier(for: 7)?.key == "b")
        #expect(table.lastTieredRank == 9)
    }

    @Test func overlappingTiersAreRefused() {
        #expect(throws: TierTableError.self) {
            try TierTable([Tier(key: "a", name: "A", ranks: 1...5), Tier(key: "b", name: "B", ranks: 5...9)])
        }
    }

    @Test func aTierStartingBelowOneIsRefused() {
        #expect(throws: TierTableError.self) { try TierTable([Tier(key: "a", name: "A", ranks: 0...3)]) }
    }

    @Test func duplicateKeysAreRefused() {
        #expect(throws: TierTableError.self) {
            try TierTable([Tier(key: "a", name: "A", ranks: 1...1), Tier(key: "a", name: "B", ranks: 2...2)])
        }
    }

    @Test func anEmptyTableHasNoTiers() throws {
        let table = try TierTable([])
        #expect(table.tier(for: 1) == nil)
        #expect(table.lastTieredRank == 0)
    }

    @Test func aBetterTierStartsHigherOnTheBoard() {
        let tiers = TierTable.defaults.tiers
        #expect(tiers[0].isAbove(tiers[1]))
        #expect(!tiers[4].isAbove(tiers[3]))
        #expect(!tiers[2].isAbove(tiers[2]))
    }
}
