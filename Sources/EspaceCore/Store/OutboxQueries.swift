import Foundation
import GRDB

/// The sender's bookkeeping on `outbox` rows. A row is due (`sending_at` and `sent_at` NULL), `sending` (marked
/// before its SMTP transaction, `sending_at` set), or sent (`sent_at` set). Statements run once per row on the
/// backlog path are compiled once per connection (`cachedStatement`).
public enum OutboxQueries {
    /// A row left `sending` and how many times it was already sent again after an interruption.
    public struct InDoubt: Sendable, Equatable {
        public var id: Int64
        public var resends: Int
    }

    /// Rows left `sending` (not sent), oldest first.
    public static func inDoubt(_ db: Database) throws -> [InDoubt] {
        try Row.fetchAll(db, sql: "SELECT id, resends FROM outbox WHERE sent_at IS NULL AND sending_at IS NOT NULL ORDER BY id")
            .map { InDoubt(id: $0["id"], resends: $0["resends"]) }
    }

    /// Ids of rows left `sending` (not sent), in no particular order.
    public static func sendingIds(_ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM outbox WHERE sent_at IS NULL AND sending_at IS NOT NULL")
    }

    /// Marks a due row `sending`; false when it is no longer due (sent, or marked by someone else).
    public static func markSending(_ id: Int64, at: Date, _ db: Database) throws -> Bool {
        try db.cachedStatement(sql: "UPDATE outbox SET sending_at = ? WHERE id = ? AND sent_at IS NULL AND sending_at IS NULL")
            .execute(arguments: [StoreDate.text(at), id])
        return db.changesCount == 1
    }

    /// Marks a row left `sending` for its one re-send; false when it is not in doubt or was already re-sent.
    public static func markResend(_ id: Int64, at: Date, _ db: Database) throws -> Bool {
        try db.execute(sql: """
            UPDATE outbox SET sending_at = ?, resends = resends + 1
            WHERE id = ? AND sent_at IS NULL AND sending_at IS NOT NULL AND resends = 0
            """, arguments: [at, id])
        return db.changesCount == 1
    }

    /// Takes a row out of `sending` and parks it for good (never due again), with the reason.
    public static func park(_ id: Int64, reason: String, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE outbox SET sending_at = NULL, next_attempt_at = ?, last_error = ? WHERE id = ?
            """, arguments: [Date.distantFuture, reason, id])
    }

    /// The ledger message a row answers, if any.
    public static func messageId(of id: Int64, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT message_id FROM outbox WHERE id = ?", arguments: [id])
    }

    /// What the audit says about a row: its message, kind and recipient.
    public static func summary(of id: Int64, _ db: Database) throws -> (messageId: Int64?, kind: String?, recipient: String?)? {
        try Row.fetchOne(db, sql: "SELECT message_id, kind, recipient FROM outbox WHERE id = ?", arguments: [id])
            .map { ($0["message_id"], $0["kind"], $0["recipient"]) }
    }

    /// A journaled acceptance (possibly by a dead process): recorded, keeping or setting `sending_at`.
    public static func recordAccepted(_ id: Int64, at: Date, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE outbox SET sent_at = ?, sending_at = coalesce(sending_at, ?), attempts = attempts + 1,
            last_error = NULL WHERE id = ? AND sent_at IS NULL
            """).execute(arguments: [StoreDate.text(at), StoreDate.text(at), id])
    }

    /// An acceptance seen by this process.
    public static func recordSent(_ id: Int64, at: Date, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND sent_at IS NULL
            """).execute(arguments: [StoreDate.text(at), id])
    }

    /// Takes the `sending` mark back from an unsent row: it is due again.
    public static func release(_ id: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE outbox SET sending_at = NULL WHERE id = ? AND sent_at IS NULL")
            .execute(arguments: [id])
    }

    /// A failed try: attempts so far, the error, and when to try next (`distantFuture`: abandoned).
    public static func recordFailure(_ id: Int64, attempts: Int, error: String, next: Date, _ db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE outbox SET sending_at = NULL, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?
            """).execute(arguments: [attempts, error, next, id])
    }

    /// Whether the row is still `sending` and not sent.
    public static func isSending(_ id: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT sending_at IS NOT NULL AND sent_at IS NULL FROM outbox WHERE id = ?"),
                          arguments: [id]) ?? false
    }

    /// Rows the SMTP server accepted.
    public static func sentCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL") ?? 0
    }

    /// Failed SMTP tries: each try adds one to `attempts`, and a sent row's last try succeeded.
    public static func failedAttempts(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(attempts), 0) - COUNT(sent_at) FROM outbox") ?? 0
    }
}
