import HeraldCore
import Testing

@Suite struct CreditRequestStatusTests {
    @Test(arguments: CreditRequestStatus.allCases, CreditRequestStatus.allCases)
    func onlyPendingRequestsCanBeDecided(from: CreditRequestStatus, to: CreditRequestStatus) throws {
        let expected = from == .pending && to != .pending
        #expect(from.canTransition(to: to) == expected)
        if expected {
            #expect(try from.transition(to: to) == to)
        } else {
            #expect(throws: CreditRequestError.alreadyDecided(current: from, attempted: to)) {
                try from.transition(to: to)
            }
        }
    }

    @Test func decidingTwiceIsAConflict() {
        let error = CreditRequestError.alreadyDecided(current: .approved, attempted: .rejected)
        #expect(error.code == .conflict)
        #expect(error.message == "request is approved; it cannot become rejected")
    }
}
