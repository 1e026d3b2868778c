import Foundation
import GRDB

/// The daemon's updates to ledger rows (`message`), and the counts staff read from it.
extension Ledger {
    /// Files a message for review after an error, with the reason.
    public static func markFailed(_ id: Int64, outcome: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE message SET state = ?, outcome = ? WHERE id = ?",
                       arguments: [LedgerState.review, outcome, id])
    }

    /// Notes that these messages were moved out of the inbox.
    public static func markFiled(keys: [String], at: Date, _ db: Database) throws {
        let update = try db.cachedStatement(sql: "UPDATE message SET filed_at = ? WHERE message_key = ?")
        let stamp = StoreDate.text(at)
        for key in keys { try update.execute(arguments: [stamp, key]) }
    }

    /// Records how a message was handled and the folder it goes to.
    public static func settle(_ id: Int64, _ handling: Handling, targetFolder: String, _ db: Database) throws {
        // Cached: once per mail.
        try db.cachedStatement(sql: "UPDATE message SET state = ?, outcome = ?, family_id = ?, target_folder = ? WHERE id = ?")
            .execute(arguments: [handling.state, handling.outcome, handling.familyId, targetFolder, id])
    }

    /// Records how a message was handled, leaving its folder alone (the benchmark, which files nothing).
    public static func settle(_ id: Int64, _ handling: Handling, _ db: Database) throws {
        try db.execute(sql: "UPDATE message SET state = ?, outcome = ?, family_id = ? WHERE id = ?",
                       arguments: [handling.state, handling.outcome, handling.familyId, id])
    }

    /// Sets the outcome of a message still in `state` (why it waits), leaving everything else.
    public static func noteOutcome(_ id: Int64, outcome: String, ifState state: LedgerState, _ db: Database) throws {
        try db.execute(sql: "UPDATE message SET outcome = ? WHERE id = ? AND state = ?", arguments: [outcome, id, state])
    }

    /// How many retries of the message were started (`message.attempts`; 0 when the row is gone).
    public static func attempts(_ id: Int64, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT attempts FROM message WHERE id = ?", arguments: [id]) ?? 0
    }

    /// Counts one more started retry.
    public static func countAttempt(_ id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE message SET attempts = attempts + 1 WHERE id = ?", arguments: [id])
    }

    /// Sets a message aside for review (poison), clearing its target folder.
    public static func markPoison(_ id: Int64, outcome: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE message SET state = ?, outcome = ?, target_folder = ? WHERE id = ?",
                       arguments: [LedgerState.review, outcome, nil as String?, id])
    }

    /// Messages by state (raw `message.state`), all of them or those received after `since`.
    public static func stateCounts(receivedAfter since: Date? = nil, _ db: Database) throws -> [(state: String, count: Int)] {
        let rows = if let since {
            try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM message WHERE received_at > ? GROUP BY state",
                             arguments: [since])
        } else {
            try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM message GROUP BY state")
        }
        return rows.map { (state: $0["state"], count: $0["n"]) }
    }
}
