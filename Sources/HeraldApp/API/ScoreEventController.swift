import Foundation
import HeraldCore
import HeraldStore
import Hummingbird
import NIOCore

/// `POST /api/v1/scores/events`: integrators push points and metric deltas for
/// members; the leaderboard job ranks them at its next run.
///
/// Each event carries the integrator's own `id`: a repeated id is answered
/// `duplicate` and changes nothing, so a push can be retried safely. A batch is
/// all or nothing: any invalid event or unknown member rejects the request.
struct ScoreEventController {
    let store: Store
    let auth: BearerAuthentication
    let points: LeaderboardSettings.PointWeights

    static let maximumBatch = 500
    static let maximumBodyBytes = 1 << 20
    static let maximumPoints: Int64 = 1_000_000_000
    static let maximumMetricDelta: Int64 = 1_000_000

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/scores/events", use: create)
    }

    /// One event as submitted: exactly one of `member_id`, `discord_id`, `telegram_id`.
    struct Submission: Decodable {
        let id: String
        let memberID: Int64?
        let discordID: String?
        let telegramID: Int64?
        let points: Int64?
        let metrics: Metrics?

        struct Metrics: Decodable {
            let dealsClosed: Int64?
            let leadsGenerated: Int64?
            let campaignsLaunched: Int64?
            let responseRate: Double?

            enum CodingKeys: String, CodingKey {
                case dealsClosed = "deals_closed", leadsGenerated = "leads_generated", campaignsLaunched = "campaigns_launched"
                case responseRate = "response_rate"
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, memberID = "member_id", discordID = "discord_id", telegramID = "telegram_id", points, metrics
        }
    }

    struct Outcome: Encodable {
        let id: String
        let memberID: Int64
        let status: String

        enum CodingKeys: String, CodingKey { case id, memberID = "member_id", status }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await auth.authenticate(request)
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBodyBytes)
        let (submissions, isBatch) = try Self.decode(Data(body.readableBytesView))
        var seen = Set<String>()
        let checked = try submissions.enumerated().map { index, submission in
            let at = isBatch ? "events[\(index)]: " : ""
            guard seen.insert(submission.id).inserted else {
                throw APIError(.unprocessableContent, .ruleViolation, "\(at)event id '\(submission.id)' appears twice in the request")
            }
            return try Self.validate(submission, at: at)
        }
        let members = try await store.scores.resolve(Set(checked.map(\.reference)))
        let events = try checked.enumerated().map { index, event in
            guard let userID = members[event.reference] else {
                throw APIError(.notFound, .notFound, "\(isBatch ? "events[\(index)]: " : "")no \(event.reference)")
            }
            return ScoreEvent(
                eventID: event.id, userID: userID, points: event.points + weighted(event.metrics), metrics: event.metrics,
                responseRate: event.responseRate
            )
        }
        let outcomes = try await store.scores.apply(events)
        let views = zip(events, outcomes).map { Outcome(id: $0.eventID, memberID: $0.userID, status: $1.rawValue) }
        return isBatch ? try NotificationController.json(["events": views]) : try NotificationController.json(views[0])
    }

    /// The points the metric deltas are worth under `leaderboard.points`.
    func weighted(_ metrics: ScoreMetrics) -> Int64 {
        metrics.dealsClosed * points.dealsClosed + metrics.leadsGenerated * points.leadsGenerated
            + metrics.campaignsLaunched * points.campaignsLaunched
    }

    /// Accepts `{"events": [...]}` or one bare event.
    static func decode(_ data: Data) throws -> ([Submission], isBatch: Bool) {
        struct Batch: Decodable { let events: [Submission] }
        let decoder = JSONDecoder()
        if let batch = try? decoder.decode(Batch.self, from: data) {
            guard !batch.events.isEmpty else { throw APIError(.unprocessableContent, .ruleViolation, "events is empty") }
            guard batch.events.count <= maximumBatch else {
                throw APIError(.contentTooLarge, .payloadTooLarge, "at most \(maximumBatch) events per request")
            }
            return (batch.events, true)
        }
        do {
            return ([try decoder.decode(Submission.self, from: data)], false)
        } catch {
            throw APIError(.badRequest, .malformedRequest, "expected an event object or {\"events\": [...]}, each with a string id")
        }
    }

    struct CheckedEvent {
        let id: String
        let reference: MemberReference
        let points: Int64
        let metrics: ScoreMetrics
        let responseRate: Double?
    }

    static func validate(_ submission: Submission, at: String) throws -> CheckedEvent {
        let id = submission.id
        guard (1...200).contains(id.count) else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)id must be 1-200 characters")
        }
        let references: [MemberReference] = [
            submission.memberID.map(MemberReference.id), submission.discordID.map(MemberReference.discord), submission.telegramID.map(MemberReference.telegram),
        ].compactMap { $0 }
        guard references.count == 1, let reference = references.first else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)give exactly one of member_id, discord_id, telegram_id")
        }
        let points = submission.points ?? 0
        guard abs(points) <= maximumPoints else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)points must be between -\(maximumPoints) and \(maximumPoints)")
        }
        let metrics = ScoreMetrics(
            dealsClosed: submission.metrics?.dealsClosed ?? 0, leadsGenerated: submission.metrics?.leadsGenerated ?? 0,
            campaignsLaunched: submission.metrics?.campaignsLaunched ?? 0
        )
        guard [metrics.dealsClosed, metrics.leadsGenerated, metrics.campaignsLaunched].allSatisfy({ abs($0) <= maximumMetricDelta }) else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)metric deltas must be between -\(maximumMetricDelta) and \(maximumMetricDelta)")
        }
        let rate = submission.metrics?.responseRate
        if let rate, !(0...1).contains(rate) {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)metrics.response_rate must be between 0 and 1")
        }
        guard submission.points != nil || submission.metrics != nil else {
            throw APIError(.unprocessableContent, .ruleViolation, "\(at)give points, metrics or both")
        }
        return CheckedEvent(id: id, reference: reference, points: points, metrics: metrics, responseRate: rate)
    }
}
