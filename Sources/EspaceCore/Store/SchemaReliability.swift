import GRDB

extension Schema {
    /// Delivery and retry bookkeeping (issue 11). Append-only, like every migration.
    static func registerReliability(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-reliability") { db in
            // The sending stage: `sending_at` is written before the SMTP transaction and `sent_at` right after it.
            // A row with `sending_at` but no `sent_at` was possibly sent by a process that died; `resends` counts
            // the re-sends that rule allows (at most one per row, ever).
            try db.alter(table: "outbox") { t in
                t.add(column: "sending_at", .datetime)
                t.add(column: "resends", .integer).notNull().defaults(to: 0)
            }
            // Retries of a message whose transaction never committed (killed, crashed): bounded, then review.
            try db.alter(table: "message") { t in
                t.add(column: "attempts", .integer).notNull().defaults(to: 0)
            }
            // Facts about this store: its identity (which mailbox it claims) and the mailbox's last UIDVALIDITY.
            try db.create(table: "store_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
    }
}

/// Small key/value facts kept by the daemon (store identity, last UIDVALIDITY).
public enum StoreMeta {
    public static func get(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM store_meta WHERE key = ?", arguments: [key])
    }

    public static func set(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO store_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}
