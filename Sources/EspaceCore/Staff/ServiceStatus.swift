import Foundation
import GRDB

/// How the service is doing, from the store alone (`maildaemon status`): what a person on call checks first.
public struct ServiceStatus: Codable, Sendable {
    /// The last message the daemon fetched, and the last thing it recorded (audit), as ISO 8601 instants.
    public var lastMessageAt: Date?
    public var lastActivityAt: Date?
    /// The end of `run`'s last successful poll of the mailbox.
    public var lastPollAt: Date?
    /// Messages recorded but never finished (`received`): the daemon died on them or is handling them now.
    public var backlog: Int
    public var review: Int
    /// Replies waiting: due now, retrying after a failure, abandoned after too many failures.
    public var outboxDue: Int
    public var outboxFailing: Int
    public var outboxAbandoned: Int
    public var lastError: String?
    /// The reply it belongs to.
    public var lastErrorRecipient: String?
    /// The SQLite file and its write-ahead log, in bytes.
    public var storeBytes: Int64

    enum CodingKeys: String, CodingKey {
        case backlog, review
        case lastMessageAt = "last_message_at", lastActivityAt = "last_activity_at", outboxDue = "outbox_due"
        case lastPollAt = "last_poll_at"
        case outboxFailing = "outbox_failing", outboxAbandoned = "outbox_abandoned", lastError = "last_error"
        case lastErrorRecipient = "last_error_recipient", storeBytes = "store_bytes"
    }

    static let lastPollKey = "last_poll_at"

    public static func recordPoll(_ db: Database, at: Date) throws {
        try StoreMeta.set(db, lastPollKey, ISO8601DateFormatter().string(from: at))
    }

    public static func read(store: Store, path: String, now: Date = Date()) throws -> ServiceStatus {
        try store.read { db in
            let failing = try OutboxRecord.filter(Column("sent_at") == nil && Column("last_error") != nil)
                .order(Column("id").desc).fetchOne(db)
            let bytes = ["", "-wal"].reduce(Int64(0)) { sum, suffix in
                sum + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber)?.int64Value ?? 0)
            }
            return ServiceStatus(
                lastMessageAt: try Date.fetchOne(db, sql: "SELECT MAX(received_at) FROM message"),
                lastActivityAt: try Date.fetchOne(db, sql: "SELECT MAX(at) FROM audit"),
                lastPollAt: try StoreMeta.get(db, lastPollKey).flatMap { ISO8601DateFormatter().date(from: $0) },
                backlog: try MessageRecord.filter(Column("state") == LedgerState.received).fetchCount(db),
                review: try MessageRecord.filter(Column("state") == LedgerState.review).fetchCount(db),
                outboxDue: try OutboxRecord.filter(Column("sent_at") == nil && Column("next_attempt_at") <= now).fetchCount(db),
                outboxFailing: try OutboxRecord.filter(Column("sent_at") == nil && Column("attempts") > 0
                                                       && Column("next_attempt_at") < Date.distantFuture).fetchCount(db),
                outboxAbandoned: try OutboxRecord.filter(Column("sent_at") == nil && Column("next_attempt_at") == Date.distantFuture).fetchCount(db),
                lastError: failing?.lastError,
                lastErrorRecipient: failing?.recipient,
                storeBytes: bytes)
        }
    }
}
