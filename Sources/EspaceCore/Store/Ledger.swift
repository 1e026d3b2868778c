import GRDB
import Foundation

/// The lookups the daemon makes for every mail, on statements compiled once per connection.
public enum Ledger {
    /// The ledger row under `key`, else under one of its `legacy` keys (rows from before the current key format).
    public static func find(key: String, legacy: [String] = [], db: Database) throws -> MessageRecord? {
        let byKey = try db.cachedStatement(sql: "SELECT * FROM message WHERE message_key = ?")
        for k in [key] + legacy {
            if let m = try MessageRecord.fetchOne(byKey, arguments: [k]) { return m }
        }
        return nil
    }

    /// Outbox rows due for a first try, oldest first, skipping `held` ones.
    public static func dueReplies(limit: Int, now: Date, excluding held: Set<Int64>, db: Database) throws -> [Int64] {
        let ids = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM outbox WHERE sent_at IS NULL AND sending_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?
            """), arguments: [StoreDate.text(now), limit + held.count])
        return Array(ids.lazy.filter { !held.contains($0) }.prefix(limit))
    }
}
