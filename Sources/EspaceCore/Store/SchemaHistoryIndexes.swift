import GRDB

extension Schema {
    /// Lookups whose cost grew with the store's history (mails, replies, attempts) rather than with the families:
    /// the hourly budget of replies to addresses not on file (by `created_at`), failed activations of a family, and
    /// the requests a family has waiting for OUI. Each read one index range instead of scanning the table.
    static func registerHistoryIndexes(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-history-indexes") { db in
            try db.create(index: "outbox_by_created", on: "outbox", columns: ["created_at"])
            try db.create(index: "activation_attempt_by_family", on: "activation_attempt", columns: ["family_id", "at"])
            try db.create(index: "pending_request_by_family", on: "pending_request", columns: ["family_id", "state", "created_at"])
            try db.create(index: "pending_request_by_state", on: "pending_request", columns: ["state", "created_at"])
        }
    }
}
