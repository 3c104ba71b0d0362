import Foundation
import HeraldApp
import HeraldCore
import HeraldRelay
import HeraldStore
import HeraldTestSupport
import Testing

@Suite struct ConcurrentDecisionTests {
    /// Two admins approve the same request at the same moment: one credit, one conflict.
    @Test(arguments: TestDatabase.allCases)
    func twoConcurrentApprovalsCreditOnce(database: TestDatabase) async throws {
        try await database.withStore { store in
            let configuration = try await HeraldConfiguration.load(environment: Community.environment)
            let workflow = CreditRequestWorkflow(
                settings: configuration.community, messages: MemberMessages(templates: TemplateLibrary()),
                discordAdminChannelID: nil, telegramAdminChatID: nil
            )
            let member = try await store.users.create(NewUser(discordID: "1001"))
            for round in 1...5 {
                let request = try await store.backend.withTransaction { db in
                    try await workflow.submit(requester: member, currency: "ai", amount: 10, reason: "round \(round)", via: .api, on: db)
                }
                let outcomes = await withTaskGroup(of: Result<CreditRequest, any Error>.self) { group in
                    for admin in 0..<2 {
                        group.addTask {
                            await Result(asyncCatching: {
                                try await store.backend.withTransaction { db in
                                    try await workflow.decide(requestID: request.id, approve: true, by: Actor(userID: nil, label: "admin:\(admin)", displayName: "A\(admin)"), on: db)
                                }
                            })
                        }
                    }
                    var all: [Result<CreditRequest, any Error>] = []
                    for await outcome in group { all.append(outcome) }
                    return all
                }
                #expect(outcomes.filter { (try? $0.get()) != nil }.count == 1)
                let conflicts = outcomes.compactMap { outcome -> CommunityError? in
                    if case .failure(let error as CommunityError) = outcome { return error }
                    return nil
                }
                #expect(conflicts.count == 1)
                #expect(conflicts.first?.code == .conflict)
            }
            #expect(try await store.ledger.balance(userID: member.id, currency: Currency(rawValue: "ai")!)?.balance == 50)
            #expect(try await store.ledger.entries(userID: member.id).count == 5)
        }
    }
}
extension Result where Failure == any Error {
    init(asyncCatching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
